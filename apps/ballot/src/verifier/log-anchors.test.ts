// Issue 13 item 3: trust anchors from the sitting's log. A board rebuilt with fresh keys verifies on its own but fails
// the anchors, naming the root, the election id and each key that differs; the log's events must hash as plenary chains them.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Board } from '@council/shared';
import { chain } from '../../../plenary/src/domain/log/hash-chain.ts';
import { verifyBatchInProcess } from '../crypto/batch-verify.ts';
import {
  anchorProblems,
  anchorsFromSittingLog,
  keyFingerprint,
  mergeAnchors,
} from './log-anchors.ts';
import { verifyBoard } from './verify-board.ts';

const vector = (name: string): Board =>
  (
    JSON.parse(
      readFileSync(fileURLToPath(new URL(`../../vectors/${name}.json`, import.meta.url)), 'utf8'),
    ) as { board: Board }
  ).board;
// Two valid yes/no boards for the same question of the same sitting, made with different keys: the genuine one, and
// the one an operator rebuilt with fresh keys.
const genuine = vector('count-yesno');
const rebuilt = vector('count-yesno-tie');

/** The sitting's log as plenary writes it: the ballot opened with its anchors, later its verified result. */
function sittingLog(board: Board, opts: { result?: boolean } = {}) {
  const m = board.manifest;
  const at = '2026-11-23T15:00:00.000Z';
  const base = { sittingId: m.sittingId, actorId: 'valberedning-1', at };
  return chain({ seq: 0, hash: '0'.repeat(64) }, [
    { ...base, type: 'SittingOpened', payload: { sittingId: m.sittingId } },
    {
      ...base,
      type: 'SecretBallotOpened',
      payload: {
        questionId: m.questionId,
        itemId: m.itemId,
        electionId: board.electionId,
        plenaryKey: m.plenaryKey,
        committee: m.committee.map((c) => ({
          memberId: c.memberId,
          name: c.name,
          fingerprint: keyFingerprint(c.publicKey),
        })),
      },
    },
    ...(opts.result
      ? [
          {
            ...base,
            type: 'SecretBallotResultRecorded',
            payload: { questionId: m.questionId, itemId: m.itemId, boardRoot: board.root },
          },
        ]
      : []),
  ]);
}

const question = { sittingId: genuine.manifest.sittingId, questionId: genuine.manifest.questionId };

describe('trust anchors from the sitting log', () => {
  it('R22: the genuine board matches the anchors its sitting log recorded (election id, plenary key, committee, root)', async () => {
    const read = anchorsFromSittingLog({ events: sittingLog(genuine, { result: true }) }, question);
    if (!read.ok) throw new Error(read.error);
    expect(read.anchors).toEqual({
      electionId: genuine.electionId,
      plenaryKey: genuine.manifest.plenaryKey,
      committeeKeys: genuine.manifest.committee.map((c) => keyFingerprint(c.publicKey)),
      root: genuine.root,
    });
    expect(read.source).toMatchObject({ seq: 2, head: { seq: 3 } });
    const report = await verifyBoard(genuine, {
      batch: verifyBatchInProcess,
      anchors: read.anchors,
    });
    expect(report.ok).toBe(true);
    expect(report.checks.find((c) => c.name === 'anchors')).toEqual({ name: 'anchors', ok: true });
  });

  it('R22: a board rebuilt with fresh keys verifies alone but fails the anchors, naming the root, the election id and each key', async () => {
    expect((await verifyBoard(rebuilt, { batch: verifyBatchInProcess })).ok).toBe(true);
    const read = anchorsFromSittingLog(sittingLog(genuine, { result: true }), question);
    if (!read.ok) throw new Error(read.error);
    const report = await verifyBoard(rebuilt, {
      batch: verifyBatchInProcess,
      anchors: read.anchors,
    });
    expect(report.ok).toBe(false);
    expect(report.error).toBe('anchors');
    const detail = report.checks.find((c) => c.name === 'anchors')?.detail ?? '';
    expect(detail).toContain(`root: the board has ${rebuilt.root}, the anchor is ${genuine.root}`);
    expect(detail).toContain(
      `election id: the board has ${rebuilt.electionId}, the anchor is ${genuine.electionId}`,
    );
    expect(detail).toContain(`plenary key: the board has ${rebuilt.manifest.plenaryKey}`);
    for (const c of rebuilt.manifest.committee)
      expect(detail).toContain(`committee key of ${c.memberId}: ${c.publicKey}`);
    for (const c of genuine.manifest.committee)
      expect(detail).toContain(`the anchor ${keyFingerprint(c.publicKey)} is no key on the board`);
  });

  it('R22: one swapped committee key is named alone; a key or its fingerprint both serve as the anchor', () => {
    const m = genuine.manifest;
    const [first, second, third] = m.committee;
    if (!first || !second || !third) throw new Error('three committee members');
    const swapped = {
      ...genuine,
      manifest: { ...m, committee: [first, second, { ...third, publicKey: 'ab'.repeat(32) }] },
    };
    const anchors = {
      committeeKeys: [first.publicKey, keyFingerprint(second.publicKey), third.publicKey],
    };
    expect(anchorProblems(genuine, anchors)).toEqual([]);
    expect(anchorProblems(swapped, anchors)).toEqual([
      `committee key of ${third.memberId}: ${'ab'.repeat(32)} (fingerprint ${keyFingerprint('ab'.repeat(32))}) is not an anchor`,
      `committee: the anchor ${third.publicKey} is no key on the board`,
    ]);
    expect(anchorProblems(genuine, { electionId: genuine.electionId.toUpperCase() })).toEqual([]);
    expect(anchorProblems(genuine, { root: 'xyz' })).toEqual([
      'root: the anchor xyz is not 64 hex digits',
    ]);
  });

  it('R22: an edited SecretBallotOpened, a broken chain, a missing question or a log without anchors is refused', () => {
    const events = sittingLog(genuine);
    const edited = events.map((e) =>
      e.type === 'SecretBallotOpened'
        ? { ...e, payload: { ...e.payload, plenaryKey: rebuilt.manifest.plenaryKey } }
        : e,
    );
    expect(anchorsFromSittingLog(edited, question)).toMatchObject({
      ok: false,
      error: expect.stringMatching(/^event 2 \(SecretBallotOpened\) does not hash/),
    });
    // A forged opening hashed on its own is consistent, but a whole export's chain then breaks after it.
    const forged = sittingLog(rebuilt)[1];
    const relinked = [events[0], forged, { ...events[0], seq: 3, prevHash: '0'.repeat(64) }];
    expect(anchorsFromSittingLog(relinked, question)).toEqual({
      ok: false,
      error: "the log export's chain breaks at seq 3",
    });
    expect(anchorsFromSittingLog({ events: [events[0]] }, question)).toEqual({
      ok: false,
      error: `the log of sitting ${question.sittingId} has no SecretBallotOpened for question ${question.questionId}`,
    });
    const old = chain({ seq: 0, hash: '0'.repeat(64) }, [
      {
        sittingId: question.sittingId,
        actorId: null,
        at: '2026-11-23T15:00:00.000Z',
        type: 'SecretBallotOpened',
        payload: { questionId: question.questionId, rollHash: 'ab'.repeat(32) },
      },
    ]);
    expect(anchorsFromSittingLog(old, question)).toMatchObject({
      ok: false,
      error: expect.stringContaining('records no anchors'),
    });
    expect(anchorsFromSittingLog({ rows: [] }, question)).toMatchObject({ ok: false });
    expect(anchorsFromSittingLog([{ seq: 1 }], question)).toMatchObject({ ok: false });
  });

  it('a partial export (a member’s, votes elided) still gives the anchors, without a head', () => {
    const events = sittingLog(genuine, { result: true });
    const read = anchorsFromSittingLog(events.slice(1), question);
    expect(read).toMatchObject({ ok: true, source: { seq: 2, head: null } });
  });

  it('anchors from the log and the command line join; a value given both ways must agree', () => {
    const log = { electionId: genuine.electionId, committeeKeys: ['aa'.repeat(32)] };
    expect(mergeAnchors(log, { root: genuine.root, electionId: genuine.electionId })).toEqual({
      anchors: { ...log, root: genuine.root },
    });
    expect(mergeAnchors(log, { electionId: rebuilt.electionId })).toEqual({
      conflict: 'electionId',
    });
    expect(mergeAnchors(log, { committeeKeys: ['bb'.repeat(32)] })).toEqual({
      anchors: { ...log, committeeKeys: ['aa'.repeat(32), 'bb'.repeat(32)] },
    });
  });
});
