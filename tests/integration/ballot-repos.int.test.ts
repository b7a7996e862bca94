// The ballot stores, one suite on PGlite and on real PostgreSQL (R22): first-request-only issuance under a race,
// unique nonce and signature in the box, a closed box, no linking columns, order independent of insertion.
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { type Database, openDatabase } from '@council/db';
import {
  type Ballot,
  type BoardIssuance,
  type SignedIssuance,
  canonicalJson,
} from '@council/shared';
import { boxSchema, registrarSchema } from '../../apps/ballot/src/db/schema.ts';
import { registrarRepo } from '../../apps/ballot/src/db/registrar.repo.ts';
import { boxRepo } from '../../apps/ballot/src/db/box.repo.ts';
import { boardRoot, sortBallots } from '../../apps/ballot/src/protocol/ballot-codec.ts';
import {
  postgresAvailable,
  startPostgresCluster,
  type PostgresCluster,
} from '../support/postgres-cluster.ts';
import { requireProgram } from '../support/requires.ts';
import { keypair, runElection, withRequest } from '../support/ballot-election.ts';
import {
  type Requester,
  bearer,
  issueBody,
  json,
  jsonPost,
  openQuestion,
} from '../support/ballot-client.ts';
import { createBallotService } from '../../apps/ballot/src/service.ts';
import { finishBallot, prepareBallot } from '../../apps/ballot/src/client/voter.ts';

const migrations = (name: string) =>
  fileURLToPath(new URL(`../../migrations/${name}`, import.meta.url));

// One small election supplies real ballots and issuance answers for every driver.
const election = runElection({ type: 'yesno' }, 4, ['ja', 'nej', null, 'ja']);
const electionId = election.created.electionId;

/** postgres.js answers an array, PGlite an object with rows. */
const rowsOf = (r: unknown): unknown[] => (Array.isArray(r) ? r : (r as { rows: unknown[] }).rows);

type Open = () => Promise<{
  registrar: Database<typeof registrarSchema>;
  box: Database<typeof boxSchema>;
}>;

function suite(driver: string, open: Open) {
  describe(`ballot stores on ${driver}`, () => {
    let dbs: Awaited<ReturnType<Open>>;
    beforeAll(async () => {
      dbs = await open();
    });
    afterAll(async () => {
      await dbs.registrar.close();
      await dbs.box.close();
    });

    it('R21: a member gets one issuance; concurrent second requests all lose the race', async () => {
      const repo = registrarRepo(dbs.registrar.db);
      await repo.insertQuestion({
        id: 'q-1',
        electionId,
        status: 'open',
        manifest: election.created.manifest,
        roll: election.roll,
        blsSecretKey: '00',
        registrarSecretKey: '00',
        encryptedShares: election.created.encryptedShares,
        manifestSignatures: election.manifestSignatures,
      });
      const first = election.issuance[0];
      if (!first) throw new Error('no issuance');
      const copies: BoardIssuance[] = Array.from({ length: 12 }, () => withRequest(first));
      const results = await Promise.all(copies.map((i) => repo.insertIssuance('q-1', i)));
      expect(results.filter((r) => r === 'inserted')).toHaveLength(1);
      expect(await repo.countIssued('q-1')).toBe(1);
      for (const i of election.issuance.slice(1))
        expect(await repo.insertIssuance('q-1', withRequest(i))).toBe('inserted');
      expect((await repo.listIssuance('q-1', electionId)).map((i) => i.answer.memberId)).toEqual(
        election.issuance.map((i) => i.answer.memberId).sort(),
      );
      // Each row keeps the member's own signed request beside the answer, as the board publishes it (issue 13).
      const listed = await repo.listIssuance('q-1', electionId);
      for (const i of election.issuance)
        expect(listed.find((l) => l.answer.memberId === i.answer.memberId)).toEqual(withRequest(i));
    });

    it('R22: the box refuses a second ballot with the same nonce or the same signature', async () => {
      const repo = boxRepo(dbs.box.db);
      await repo.insertElection({
        electionId,
        questionId: 'q-1',
        blsPublicKey: election.created.manifest.blsPublicKey,
        boxSecretKey: '00',
        status: 'open',
      });
      const [a, b] = election.ballots;
      if (!a || !b) throw new Error('ballots');
      expect(await repo.insertBallot(a)).toBe('inserted');
      expect(await repo.insertBallot(a)).toBe('duplicate');
      expect(
        await repo.insertBallot({
          ...a,
          nonce: b.nonce === a.nonce ? 'ff'.repeat(32) : 'ee'.repeat(32),
        }),
      ).toBe('duplicate');
      const racing = await Promise.all(Array.from({ length: 8 }, () => repo.insertBallot(b)));
      expect(racing.filter((r) => r === 'inserted')).toHaveLength(1);
      expect(await repo.countBallots(electionId)).toBe(2);
    });

    it('R22: published order and root do not depend on insertion order', async () => {
      const repo = boxRepo(dbs.box.db);
      for (const ballot of election.ballots.slice(2).reverse())
        expect(await repo.insertBallot(ballot)).toBe('inserted');
      const stored = await repo.listBallots(electionId);
      const canonical = (bs: Ballot[]) => canonicalJson(sortBallots(bs));
      expect(canonical(stored)).toBe(canonical(election.ballots));
      expect(boardRoot(sortBallots(stored))).toEqual(
        boardRoot(sortBallots([...election.ballots].reverse())),
      );
    });

    it('R22: a closed box takes no ballot', async () => {
      const repo = boxRepo(dbs.box.db);
      await repo.setStatus(electionId, 'closed');
      expect(
        await repo.insertBallot({ ...election.ballots[0], nonce: '01'.repeat(32) } as Ballot),
      ).toBe('closed');
    });

    it('R22: the box has no column that could link a ballot to a person or to arrival order', async () => {
      const rows = await dbs.box.db.execute(sql`
        select table_name, column_name, data_type, column_default, is_identity
        from information_schema.columns where table_schema = 'public' and table_name in ('ballot', 'box_election')
        order by table_name, ordinal_position`);
      const cols = rowsOf(rows) as {
        table_name: string;
        column_name: string;
        data_type: string;
        column_default: string | null;
        is_identity: string;
      }[];
      expect(cols.filter((c) => c.table_name === 'ballot').map((c) => c.column_name)).toEqual([
        'election_id',
        'nonce',
        'signature',
        'payload',
      ]);
      for (const c of cols) {
        expect(c.data_type, `${c.table_name}.${c.column_name}`).not.toMatch(
          /timestamp|date|time|serial/,
        );
        expect(c.column_default ?? '', `${c.table_name}.${c.column_name}`).not.toMatch(
          /nextval|now\(\)|current_/i,
        );
        expect(c.is_identity).toBe('NO');
        expect(c.column_name).not.toMatch(
          /member|voter|ip|user|session|created|inserted|seq|order/,
        );
      }
      // And the registrar store holds no ballot content at all.
      const reg = await dbs.registrar.db.execute(
        sql`select column_name from information_schema.columns where table_schema = 'public' and table_name = 'issuance'`,
      );
      const regCols = (rowsOf(reg) as { column_name: string }[]).map((c) => c.column_name);
      expect(regCols).not.toContain('nonce');
      expect(regCols).not.toContain('payload');
    });
  });
}

suite('PGlite', async () => ({
  registrar: await openDatabase({
    dataDir: 'memory://',
    migrationsFolder: migrations('ballot-registrar'),
    schema: registrarSchema,
  }),
  box: await openDatabase({
    dataDir: 'memory://',
    migrationsFolder: migrations('ballot-box'),
    schema: boxSchema,
  }),
}));

const hasPostgres = requireProgram(
  'PostgreSQL (initdb/pg_ctl or DATABASE_URL)',
  postgresAvailable(),
  'Install postgresql or set DATABASE_URL.',
);
describe.runIf(hasPostgres)('on real PostgreSQL', () => {
  let cluster: PostgresCluster;
  beforeAll(async () => {
    cluster = await startPostgresCluster();
  });
  afterAll(async () => {
    await cluster.stop();
  });
  it('R21, R22: over HTTP with real parallel connections, one issuance per member and one copy of each ballot', async () => {
    const suffix = `${Date.now().toString(36)}h`;
    const plenary = keypair();
    const service = await createBallotService({
      dataDir: 'unused',
      registrarDatabaseUrl: await cluster.createDatabase(`ballot_registrar_${suffix}`),
      boxDatabaseUrl: await cluster.createDatabase(`ballot_box_${suffix}`),
      plenaryRollKey: async () => plenary.publicKey,
      log: () => undefined,
      // The six racing casts share one round; a short cap keeps the test quick.
      mixRound: { roundMs: 50, roundSize: 8 },
      issueRound: { roundMs: 20, roundSize: 8 },
      countsWindowMs: 0,
    });
    try {
      const request: Requester = (path, init) => Promise.resolve(service.app.request(path, init));
      // The three committee approvals arrive at once: none may be lost.
      const q = await openQuestion(request, plenary, { type: 'yesno' }, 3, 'q-pg', true);
      const issues = await Promise.all(
        Array.from({ length: 10 }, () =>
          jsonPost(
            request,
            '/questions/q-pg/issue',
            issueBody(
              q.view.electionId,
              'member-0001',
              prepareBallot(q.view.manifest, 'ja').blinded,
            ),
            bearer(plenary, 'member-0001', 'q-pg'),
          ),
        ),
      );
      expect(issues.map((r) => r.status).sort()).toEqual([
        200,
        ...Array.from({ length: 9 }, () => 409),
      ]);
      const prepared = prepareBallot(q.view.manifest, 'nej');
      const answer = await json<SignedIssuance>(
        await jsonPost(
          request,
          '/questions/q-pg/issue',
          issueBody(q.view.electionId, 'member-0002', prepared.blinded),
          bearer(plenary, 'member-0002', 'q-pg'),
        ),
        200,
      );
      const ballot = finishBallot(q.view.manifest, prepared, answer);
      const casts = await Promise.all(
        Array.from({ length: 6 }, () => jsonPost(request, '/questions/q-pg/cast', ballot)),
      );
      expect(casts.map((r) => r.status).sort()).toEqual([201, 409, 409, 409, 409, 409]);
      const counts = await json<{ issued: number; cast: number }>(
        await request('/ballot/api/questions/q-pg/counts'),
        200,
      );
      expect(counts).toMatchObject({ issued: 2, cast: 1 });
    } finally {
      await service.close();
    }
  });

  suite('PostgreSQL', async () => {
    const suffix = Date.now().toString(36);
    return {
      registrar: await openDatabase({
        url: await cluster.createDatabase(`ballot_registrar_${suffix}`),
        dataDir: 'unused',
        migrationsFolder: migrations('ballot-registrar'),
        schema: registrarSchema,
      }),
      box: await openDatabase({
        url: await cluster.createDatabase(`ballot_box_${suffix}`),
        dataDir: 'unused',
        migrationsFolder: migrations('ballot-box'),
        schema: boxSchema,
      }),
    };
  });
});
