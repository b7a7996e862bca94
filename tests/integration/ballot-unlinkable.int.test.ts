// Who voted when cannot be read from the ballot service (issue 13, item 5; R22): issuance rows are stored in shuffled
// rounds like the box's, live counts are one snapshot per window, and no client address reaches the logs.
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { type Database, openDatabase } from '@council/db';
import type { PublicCounts, SignedIssuance } from '@council/shared';
import { boxSchema, registrarSchema } from '../../apps/ballot/src/db/schema.ts';
import { registrarRepo } from '../../apps/ballot/src/db/registrar.repo.ts';
import { boxRepo } from '../../apps/ballot/src/db/box.repo.ts';
import { createOperations } from '../../apps/ballot/src/app/operations.ts';
import { createApp } from '../../apps/ballot/src/http/app.ts';
import { prepareBallot } from '../../apps/ballot/src/client/voter.ts';
import { keypair, type Keys } from '../support/ballot-election.ts';
import {
  type Requester,
  bearer,
  json,
  jsonPost,
  openQuestion,
  vote,
  issueBody,
} from '../support/ballot-client.ts';

const migrations = (name: string) =>
  fileURLToPath(new URL(`../../migrations/${name}`, import.meta.url));
const rowsOf = (r: unknown): unknown[] => (Array.isArray(r) ? r : (r as { rows: unknown[] }).rows);

let registrar: Database<typeof registrarSchema>;
let box: Database<typeof boxSchema>;
let plenary: Keys;
let request: Requester;
const logs: string[] = [];
let clock = Date.parse('2026-12-02T10:00:00.000Z');

beforeAll(async () => {
  plenary = keypair();
  registrar = await openDatabase({
    dataDir: 'memory://',
    migrationsFolder: migrations('ballot-registrar'),
    schema: registrarSchema,
  });
  box = await openDatabase({
    dataDir: 'memory://',
    migrationsFolder: migrations('ballot-box'),
    schema: boxSchema,
  });
  const ops = createOperations({
    registrar: registrarRepo(registrar.db),
    box: boxRepo(box.db),
    plenaryKey: async () => plenary.publicKey,
    now: () => new Date(clock),
    log: (m) => logs.push(m),
    // Rounds of four that never time out in this test: a round is stored only when full (or at close).
    issueRound: { roundMs: 60_000, roundSize: 4 },
    mixRound: { roundMs: 50, roundSize: 8 },
    countsWindowMs: 10_000,
  });
  const app = createApp({ ops, log: (m) => logs.push(m) });
  request = (path, init) => Promise.resolve(app.request(path, init));
});
afterAll(async () => {
  await registrar.close();
  await box.close();
});

describe('ballot service: nothing says who voted when', () => {
  it('R22: issuance is answered only once its round is stored, all rows of a round in one transaction', async () => {
    const q = await openQuestion(request, plenary, { type: 'yesno' }, 8, 'q-rounds');
    const member = (i: number) => `member-${String(i).padStart(4, '0')}`;
    const ask = (i: number) =>
      jsonPost(
        request,
        '/questions/q-rounds/issue',
        issueBody(q.view.electionId, member(i), prepareBallot(q.view.manifest, 'ja').blinded),
        bearer(plenary, member(i), 'q-rounds'),
      );
    let answered = 0;
    const first = [1, 2, 3].map((i) =>
      ask(i).then((r) => {
        answered++;
        return r;
      }),
    );
    await new Promise((resolve) => setTimeout(resolve, 100));
    // Three of four: nothing stored, nobody answered yet.
    expect(answered).toBe(0);
    const stored = async () =>
      rowsOf(
        await registrar.db.execute(
          sql`select member_id, xmin::text as tx from issuance where question_id = 'q-rounds'`,
        ),
      ) as { member_id: string; tx: string }[];
    expect(await stored()).toEqual([]);
    const all = await Promise.all([...first, ask(4)]);
    for (const r of all) await json<SignedIssuance>(r, 200);
    const rows = await stored();
    expect(rows.map((r) => r.member_id).sort()).toEqual([1, 2, 3, 4].map(member));
    expect(new Set(rows.map((r) => r.tx)).size).toBe(1);
  });

  it('R22: live counts are one snapshot per 10-second window, the same for every reader', async () => {
    clock = Date.parse('2026-12-02T10:01:00.000Z');
    const q = await openQuestion(request, plenary, { type: 'yesno' }, 6, 'q-coarse');
    const counts = async () =>
      json<PublicCounts>(await request('/ballot/api/questions/q-coarse/counts'), 200);
    expect(await counts()).toMatchObject({ issued: 0, cast: 0 });
    // Four members vote within the window (a round of four): the counts do not move until the next window.
    await Promise.all(
      [1, 2, 3, 4].map((i) =>
        vote(request, plenary, q, `member-${String(i).padStart(4, '0')}`, 'nej'),
      ),
    );
    clock += 9_000;
    expect(await counts()).toMatchObject({ issued: 0, cast: 0 });
    clock += 1_000;
    expect(await counts()).toMatchObject({ issued: 4, cast: 4 });
  });

  it('R22: no client address reaches the ballot service logs, on a cast, a refused cast or an error', async () => {
    const address = '203.0.113.77';
    const headers = {
      'x-forwarded-for': address,
      'x-real-ip': address,
      forwarded: `for=${address}`,
    };
    logs.length = 0;
    for (const body of [{}, { electionId: 'zz' }, 'not json'])
      await request('/ballot/api/questions/q-coarse/cast', {
        method: 'POST',
        body: typeof body === 'string' ? body : JSON.stringify(body),
        headers: { 'content-type': 'application/json', ...headers },
      });
    await request('/ballot/api/questions/q-coarse/board', { headers });
    await request('/ballot/api/nowhere', { headers });
    expect(logs.join('\n')).not.toContain(address);
    // And the box database has no place for one (the schema test in ballot-repos.int.test.ts checks the columns).
    const dump = rowsOf(await box.db.execute(sql`select * from ballot`));
    expect(JSON.stringify(dump)).not.toContain(address);
  });
});
