// Issue 11 item 4: the log anchored outside the database. Heads are signed with a key the database never holds and
// published (public view, log-head, open data); a log rewritten as the tables' owner would — a vote flipped, the counts
// fixed, the minutes' lock recomputed, every row re-hashed, the head moved, the signed heads replaced — still passes
// the chain check, and verify-log against the published signed heads names the seq that differs. On PGlite and
// PostgreSQL; on PostgreSQL also the deployment where the service's role is not the owner.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import {
  signedHeadSchema,
  sittingRecordSchema,
  type SignedHead,
  type StoredEvent,
} from '@council/shared';
import { DEMO_SITTING_ID } from '../../apps/plenary/src/app/demo-council.ts';
import { ephemeralLogSigner, verifySignedHead } from '../../apps/plenary/src/app/log-signer.ts';
import { minutesState } from '../../apps/plenary/src/app/minutes/view.ts';
import {
  checkMinutes,
  parseExpectedHeads,
  verifyLogAnchors,
  verifySittingLog,
} from '../../apps/plenary/src/app/verify-log.ts';
import type { PlenaryDb } from '../../apps/plenary/src/db/client.ts';
import { eventsSince, signedHeads } from '../../apps/plenary/src/db/sitting-event.repo.ts';
import { eventHash, GENESIS_HASH } from '../../apps/plenary/src/domain/log/hash-chain.ts';
import { buildMinutes } from '../../apps/plenary/src/domain/minutes/document.ts';
import { minutesSha256, sectionHashes } from '../../apps/plenary/src/domain/minutes/hash.ts';
import { describeEachDriver } from '../support/drivers.ts';
import { runMinutesScript, startMinutesService, type MinutesService } from '../support/minutes.ts';

const pub = `/api/public/sittings/${DEMO_SITTING_ID}`;

/** The fixture sitting run and its minutes adjusted (locked) over HTTP. */
async function lockedSitting(m: MinutesService): Promise<void> {
  await runMinutesScript(m);
  m.clock.advance(4 * 86_400);
  for (const u of ['ordforande', 'ledamot20', 'ledamot44']) {
    const res = await m.command({ type: 'approveMinutes' }, await m.login(u));
    expect(res.status).toBe(200);
  }
}

/** What an owner of the tables changes: ledamot-20's vote flipped to JA, the division's counts fixed, the lock redone. */
function flipVote(events: StoredEvent[]): { events: StoredEvent[]; flippedSeq: number } {
  const vote = events.find((e) => e.type === 'VoteCast' && e.payload.memberId === 'ledamot-20');
  if (!vote) throw new Error('no vote by ledamot-20');
  const was = String(vote.payload.choice);
  if (was === 'yes') throw new Error('ledamot-20 voted JA already');
  const divisionId = vote.payload.divisionId;
  let out = events.map((e) => {
    if (e === vote) return { ...e, payload: { ...e.payload, choice: 'yes' } };
    if (e.type === 'DivisionClosed' && e.payload.divisionId === divisionId)
      return {
        ...e,
        payload: {
          ...e.payload,
          yes: Number(e.payload.yes) + 1,
          [was]: Number(e.payload[was]) - 1,
        },
      };
    return e;
  });
  // The lock and the approvals recomputed from the forged log, as the attacker in the issue did.
  const { state } = minutesState(DEMO_SITTING_ID, out);
  const doc = buildMinutes(state);
  const sha256 = minutesSha256(doc);
  out = out.map((e) =>
    e.type === 'MinutesLocked'
      ? { ...e, payload: { ...e.payload, sha256, sections: sectionHashes(doc) } }
      : e.type === 'MinutesApproved'
        ? { ...e, payload: { ...e.payload, sha256 } }
        : e,
  );
  return { events: out, flippedSeq: vote.seq };
}

/**
 * Rewrite the log inside the database as its owner can: triggers off, rows re-hashed into a new valid chain, the head
 * moved, and the signed heads either kept or replaced by heads signed with a key of the attacker's own.
 */
async function forgeAsOwner(
  db: PlenaryDb,
  edit: (events: StoredEvent[]) => StoredEvent[],
  signedHeadsAfter: 'keep' | 'replace',
): Promise<void> {
  for (const t of ['sitting_event', 'sitting_head', 'sitting_head_signature'])
    await db.execute(sql.raw(`alter table ${t} disable trigger user`));
  const edited = edit(await eventsSince(db, DEMO_SITTING_ID));
  let prevHash = GENESIS_HASH;
  const forged = edited.map((e) => {
    const hash = eventHash({ ...e, prevHash });
    const row = { ...e, prevHash, hash };
    prevHash = hash;
    return row;
  });
  for (const e of forged)
    await db.execute(
      sql`update sitting_event set payload = ${JSON.stringify(e.payload)}::jsonb, prev_hash = ${e.prevHash},
          hash = ${e.hash} where sitting_id = ${e.sittingId} and seq = ${e.seq}`,
    );
  const last = forged.at(-1);
  if (!last) throw new Error('empty log');
  await db.execute(
    sql`update sitting_head set hash = ${last.hash} where sitting_id = ${DEMO_SITTING_ID}`,
  );
  if (signedHeadsAfter === 'replace') {
    const own = ephemeralLogSigner();
    await db.execute(sql`delete from sitting_head_signature where sitting_id = ${DEMO_SITTING_ID}`);
    const h = own.signHead({
      sittingId: DEMO_SITTING_ID,
      seq: last.seq,
      hash: last.hash,
      signedAt: last.at,
    });
    await db.execute(
      sql`insert into sitting_head_signature values (${h.sittingId}, ${h.seq}, ${h.hash}, ${h.signedAt}, ${h.keyId}, ${h.signature})`,
    );
  }
  for (const t of ['sitting_event', 'sitting_head', 'sitting_head_signature'])
    await db.execute(sql.raw(`alter table ${t} enable trigger user`));
}

describeEachDriver('log anchor', (driver) => {
  it('signs every committed head and the lock, and publishes them on the public view, log-head(s) and the open data', async () => {
    const m = await startMinutesService({ databaseUrl: await driver.newDatabaseUrl() });
    try {
      await lockedSitting(m);
      const keys = (await (await m.get('/api/public/keys')).json()) as {
        logSigningKey: string;
        logSigningKeyId: string;
      };
      expect(keys.logSigningKey).toMatch(/^[0-9a-f]{64}$/);
      const view = (await (await m.get(pub)).json()) as { seq: number; logHead: SignedHead };
      const events = await eventsSince(m.service.db, DEMO_SITTING_ID);
      const last = events.at(-1);
      expect(view.logHead).toMatchObject({
        seq: view.seq,
        hash: last?.hash,
        keyId: keys.logSigningKeyId,
      });
      expect(verifySignedHead(signedHeadSchema.parse(view.logHead), [keys.logSigningKey])).toBe(
        true,
      );
      expect(verifySignedHead(view.logHead, [ephemeralLogSigner().publicKeyHex])).toBe(false);
      // Not a byte of it can change: a head moved by one seq no longer verifies.
      expect(verifySignedHead({ ...view.logHead, seq: view.seq - 1 }, [keys.logSigningKey])).toBe(
        false,
      );
      expect(await (await m.get(`${pub}/log-head`)).json()).toEqual(view.logHead);

      const { heads } = (await (await m.get(`${pub}/log-heads`)).json()) as { heads: SignedHead[] };
      // One per committed batch (the script runs command by command: a command's last event), each naming a logged event.
      const hashAt = new Map(events.map((e) => [e.seq, e.hash]));
      expect(heads.length).toBeGreaterThan(events.length / 2);
      expect(
        heads.every((h, i) => hashAt.get(h.seq) === h.hash && (heads[i - 1]?.seq ?? 0) < h.seq),
      ).toBe(true);
      expect(heads.at(-1)?.seq).toBe(last?.seq);
      const record = sittingRecordSchema.parse(await (await m.get(`${pub}/record.json`)).json());
      const lockEvent = events.find((e) => e.type === 'MinutesLocked');
      expect(record.log?.lock).toMatchObject({ seq: lockEvent?.seq, hash: lockEvent?.hash });
      expect(record.log?.head).toEqual(view.logHead);
      expect(record.log?.publicKey).toBe(keys.logSigningKey);
      expect(
        await verifyLogAnchors(m.service.db, DEMO_SITTING_ID, {
          trustedKeys: [keys.logSigningKey],
          expected: parseExpectedHeads('record.json', () => JSON.stringify(record)),
        }),
      ).toMatchObject({ ok: true, problems: [], checked: heads.length + 2 });
    } finally {
      await m.stop();
    }
  }, 180_000);

  it('a log rewritten as the owner would passes the chain check; verify-log against the signed heads names the seq', async () => {
    const m = await startMinutesService({ databaseUrl: await driver.newDatabaseUrl() });
    try {
      await lockedSitting(m);
      const trustedKeys = [m.service.logSigner.publicKeyHex];
      // What anyone saved while the sitting went on: every signed head, and the open-data record after the lock.
      const savedHeads = await (await m.get(`${pub}/log-heads`)).text();
      const savedRecord = await (await m.get(`${pub}/record.json`)).text();
      const db = m.service.db;
      let flippedSeq = 0;

      // 1. Signed heads left in place: the database's own heads name the seq.
      await forgeAsOwner(
        db,
        (events) => {
          const f = flipVote(events);
          flippedSeq = f.flippedSeq;
          return f.events;
        },
        'keep',
      );
      const forged = await eventsSince(db, DEMO_SITTING_ID);
      expect(forged.find((e) => e.seq === flippedSeq)?.payload.choice).toBe('yes');
      // The forgery is complete: the chain, the head and the locked minutes all check out without the anchor.
      expect(await verifySittingLog(db, DEMO_SITTING_ID)).toMatchObject({
        ok: true,
        headMatches: true,
      });
      expect(checkMinutes(DEMO_SITTING_ID, forged)).toMatchObject({ locked: true, ok: true });
      const kept = await verifyLogAnchors(db, DEMO_SITTING_ID, { trustedKeys });
      expect(kept.ok).toBe(false);
      expect(kept.firstDifference).toMatchObject({
        seq: flippedSeq,
        changedFrom: flippedSeq,
        changedTo: flippedSeq,
      });
      expect(kept.problems[0]).toContain(
        `seq ${flippedSeq} differs from the signed head (database)`,
      );

      // 2. The owner also replaces the signed heads with their own: none is by the published key, the tip is
      // uncovered; the heads saved earlier still name the seq.
      await forgeAsOwner(db, (events) => events, 'replace');
      expect((await signedHeads(db, DEMO_SITTING_ID)).length).toBe(1);
      const alone = await verifyLogAnchors(db, DEMO_SITTING_ID, { trustedKeys });
      expect(alone.ok).toBe(false);
      expect(alone.problems).toEqual([
        expect.stringMatching(/is not signed by a trusted key/),
        expect.stringMatching(/no event of the log is covered by a signed head/),
      ]);
      const files: Record<string, string> = {
        'heads.json': savedHeads,
        'record.json': savedRecord,
      };
      const read = (p: string) => files[p] ?? '';
      const withSaved = await verifyLogAnchors(db, DEMO_SITTING_ID, {
        trustedKeys,
        expected: parseExpectedHeads('heads.json', read),
      });
      expect(withSaved.firstDifference).toMatchObject({ seq: flippedSeq, changedFrom: flippedSeq });
      // Only the record (its head and the lock's): the change is placed before the lock.
      const recordOnly = await verifyLogAnchors(db, DEMO_SITTING_ID, {
        trustedKeys,
        expected: parseExpectedHeads('record.json', read),
      });
      const lockSeq = forged.find((e) => e.type === 'MinutesLocked')?.seq ?? 0;
      expect(recordOnly.firstDifference).toMatchObject({
        seq: lockSeq,
        changedFrom: 1,
        changedTo: lockSeq,
      });
      // A seq:hash someone noted down works the same.
      const noted = JSON.parse(savedHeads) as { heads: SignedHead[] };
      const before = noted.heads.find((h) => h.seq === flippedSeq);
      const byHand = await verifyLogAnchors(db, DEMO_SITTING_ID, {
        trustedKeys,
        expected: parseExpectedHeads(`${flippedSeq}:${before?.hash ?? ''}`, read),
      });
      expect(byHand.firstDifference?.seq).toBe(flippedSeq);
    } finally {
      await m.stop();
    }
  }, 180_000);
});

describe('verify-log CLI against a forged log', () => {
  it('exits 1 and prints the first differing seq with --public-key and --expect-head <saved file>', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'anchor-cli-'));
    try {
      const m = await startMinutesService({ dataDir });
      await lockedSitting(m);
      const key = m.service.logSigner.publicKeyHex;
      const saved = join(dataDir, 'heads.json');
      writeFileSync(saved, await (await m.get(`${pub}/log-heads`)).text());
      let flippedSeq = 0;
      await forgeAsOwner(
        m.service.db,
        (events) => {
          const f = flipVote(events);
          flippedSeq = f.flippedSeq;
          return f.events;
        },
        'replace',
      );
      await m.stop();
      const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir };
      delete env.DATABASE_URL;
      const run = promisify(execFile);
      const failed = await run(
        'npx',
        [
          'tsx',
          'apps/plenary/src/cli/verify-log.ts',
          DEMO_SITTING_ID,
          '--public-key',
          key,
          '--expect-head',
          saved,
        ],
        { env },
      ).then(
        () => ({ code: 0, out: '' }),
        (e: { code?: number; stdout?: string }) => ({ code: e.code ?? -1, out: e.stdout ?? '' }),
      );
      expect(failed.code).toBe(1);
      expect(failed.out).toContain('OK: '); // the chain alone still looks fine
      expect(failed.out).toContain(`FIRST DIFFERING SEQ: ${flippedSeq}\n`);
      expect(failed.out).toContain(
        `DIFFERS: seq ${flippedSeq} differs from the signed head (${saved})`,
      );
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 180_000);
});
