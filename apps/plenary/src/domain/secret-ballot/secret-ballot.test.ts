// R22 in the sitting: a secret ballot opens on the current item with the roll frozen from attendance, shows only counts
// in public, and closes only with a verified result for that same roll; the committee is warned about small sets.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { isRejection } from '@council/shared';
import {
  chair,
  desk,
  Driver,
  memberActor,
  mid,
  scheduled,
} from '../testing/attendance-fixtures.ts';
import {
  committee,
  ELECTION_ID,
  enrolCommittee,
  openCommand,
  PLENARY_KEY,
  ROLL_HASH,
  sittingWithServing,
} from '../testing/secret-ballot-fixtures.ts';
import { keyFingerprint as ballotKeyFingerprint } from '../../../../ballot/src/verifier/log-anchors.ts';
import { publicView } from '../sitting/public-view.ts';
import { evolve } from '../sitting/sitting.ts';
import type { EventRecord, SittingState } from '../sitting/types.ts';
import { minutesOf } from '../minutes/state.ts';
import {
  ballotWarnings,
  enrolledCommittee,
  freezeRoll,
  recordPhysicalDraw,
  recordVerifiedResult,
  tieFound,
  type VerifiedResult,
} from './secret-ballot.ts';
import { findBallot, secretBallotOf, voterKeyOf } from './state.ts';
import { ed25519 } from '@noble/curves/ed25519.js';
import { bytesToHex } from '@noble/hashes/utils.js';

function result(state: SittingState, over: Partial<VerifiedResult> = {}): VerifiedResult {
  const b = findBallot(state, 'q-1');
  const eligible = b?.eligible.length ?? 0;
  return {
    questionId: 'q-1',
    electionId: ELECTION_ID,
    boardRoot: 'ef'.repeat(32),
    counts: { eligible, issued: 5, cast: 4, valid: 3, blank: 1, invalid: 0 },
    lines: ['JA: 2 röster', 'NEJ: 1 röst', 'Utfall: JA'],
    resultText: 'JA 2 – NEJ 1, blanka 1: JA',
    checks: 12,
    rollHash: ROLL_HASH,
    itemId: b?.itemId ?? '',
    ...over,
  };
}

function apply(
  state: SittingState,
  events: readonly { type: string; payload: unknown }[],
): SittingState {
  let s = state;
  for (const e of events)
    s = evolve(s, {
      ...e,
      seq: s.seq + 1,
      at: '2026-12-14T18:00:00.000Z',
      actorId: 'valberedning-1',
    } as EventRecord);
  return s;
}

describe('secret ballot in the sitting', () => {
  it('R22: the committee opens a question on the current item with the roll of exactly who serves now', () => {
    const d = sittingWithServing(40);
    d.do(openCommand(d.state), committee);
    const b = findBallot(d.state, 'q-1');
    expect(b?.status).toBe('open');
    expect(b?.itemId).toBe('i06');
    expect(b?.eligible.map((m) => m.memberId)).toEqual(
      Array.from({ length: 40 }, (_, i) => mid(i + 1)).sort(),
    );
    expect(b?.eligible[0]).toMatchObject({ name: expect.any(String), party: expect.any(String) });
    expect(b?.rollHash).toBe(ROLL_HASH);
  });

  it('R22: the desk may open it too; a member may not', () => {
    const d = sittingWithServing(10);
    const r = d.try(openCommand(d.state), memberActor(mid(1)));
    expect(isRejection(r) && r.code).toBe('FORBIDDEN');
    d.do(openCommand(d.state), desk);
    expect(secretBallotOf(d.state).ballots).toHaveLength(1);
  });

  it('R06/R22: a roll that is not who serves now is refused (attendance changed since it was frozen)', () => {
    const d = sittingWithServing(10);
    const stale = openCommand(d.state, 'q-1', { eligible: [mid(1), mid(2), mid(99)] });
    const r = d.try(stale, committee);
    expect(isRejection(r) && r.code).toBe('CONFLICT');
  });

  it('R22: only on the current item, in an open sitting, one question at a time', () => {
    const d = sittingWithServing(10);
    const other = d.try(openCommand(d.state, 'q-1', { itemId: 'i07' }), committee);
    expect(isRejection(other) && other.code).toBe('INVALID_STATE');
    d.do(openCommand(d.state), committee);
    const second = d.try(openCommand(d.state, 'q-2'), committee);
    expect(isRejection(second) && second.code).toBe('CONFLICT');
  });

  it('R06/R22: an election is a decision: with 10 of 61 serving (no quorum) no question opens', () => {
    const d = new Driver(scheduled());
    d.openWithRollCall(Array.from({ length: 10 }, (_, i) => mid(i + 1)));
    d.startItem('i06');
    const r = d.try(openCommand(d.state), committee);
    expect(isRejection(r) && r.code).toBe('NO_QUORUM');
    expect(secretBallotOf(d.state).ballots).toHaveLength(0);
  });

  it('R22: without a roll call nobody serves and no question opens', () => {
    const d = sittingWithServing(0);
    const r = d.try(openCommand(d.state, 'q-1', { eligible: ['x'] }), committee);
    expect(isRejection(r) && r.code).toBe('NO_QUORUM');
  });

  it('R22: the committee is warned when fewer than 3 serve or the anonymity set is small', () => {
    expect(ballotWarnings(2)[0]).toMatch(/Färre än 3 tjänstgör/);
    expect(ballotWarnings(7)[0]).toMatch(/Få röstberättigade/);
    expect(ballotWarnings(61)).toEqual([]);
    expect(ballotWarnings(61, 2)[0]).toMatch(/Endast 2 röster avgavs/);
    const d = sittingWithServing(2);
    d.do(openCommand(d.state), committee);
    expect(findBallot(d.state, 'q-1')?.warnings[0]).toMatch(/Färre än 3/);
  });

  it('R22: live counts go up only and keep ballots ≤ issued ≤ eligible', () => {
    const d = sittingWithServing(5);
    d.do(openCommand(d.state), committee);
    d.do({ type: 'updateSecretBallotCounts', questionId: 'q-1', issued: 3, cast: 2 }, committee);
    expect(findBallot(d.state, 'q-1')).toMatchObject({ issued: 3, cast: 2 });
    expect(
      d.try({ type: 'updateSecretBallotCounts', questionId: 'q-1', issued: 3, cast: 2 }, committee),
    ).toEqual([]);
    const down = d.try(
      { type: 'updateSecretBallotCounts', questionId: 'q-1', issued: 2, cast: 2 },
      committee,
    );
    expect(isRejection(down) && down.code).toBe('CONFLICT');
    const over = d.try(
      { type: 'updateSecretBallotCounts', questionId: 'q-1', issued: 6, cast: 2 },
      committee,
    );
    expect(isRejection(over) && over.code).toBe('INVALID_INPUT');
    const castOver = d.try(
      { type: 'updateSecretBallotCounts', questionId: 'q-1', issued: 3, cast: 4 },
      committee,
    );
    expect(isRejection(castOver) && castOver.code).toBe('INVALID_INPUT');
  });

  it('R22: the public sees counts while open, never a choice, then the verified result', () => {
    const d = sittingWithServing(12);
    d.do(openCommand(d.state), committee);
    d.do({ type: 'updateSecretBallotCounts', questionId: 'q-1', issued: 4, cast: 3 }, committee);
    expect(publicView(d.state).ballots).toEqual([
      {
        id: 'q-1',
        itemId: 'i06',
        title: 'Val av ersättare i socialnämnden',
        status: 'open',
        eligible: 12,
        issued: 4,
        cast: 3,
        result: null,
      },
    ]);
    const events = recordVerifiedResult(d.state, committee, result(d.state));
    if (isRejection(events)) throw new Error(events.message);
    const after = apply(d.state, events);
    expect(publicView(after).ballots[0]).toMatchObject({
      status: 'closed',
      issued: 5,
      cast: 4,
      result: 'JA 2 – NEJ 1, blanka 1: JA',
    });
  });

  it('R22: the verified result and board root reach the minutes of the item', () => {
    const d = sittingWithServing(12);
    d.do(openCommand(d.state), committee);
    const events = recordVerifiedResult(d.state, committee, result(d.state));
    if (isRejection(events)) throw new Error(events.message);
    expect(events.map((e) => e.type)).toEqual([
      'SecretBallotCountsUpdated',
      'SecretBallotVerified',
      'SecretBallotResultRecorded',
    ]);
    const after = apply(d.state, events);
    expect(minutesOf(after).ballots).toEqual([
      expect.objectContaining({
        itemId: 'i06',
        questionId: 'q-1',
        boardRoot: 'ef'.repeat(32),
        result: ['JA: 2 röster', 'NEJ: 1 röst', 'Utfall: JA'],
      }),
    ]);
    const b = findBallot(after, 'q-1');
    expect(b?.status).toBe('closed');
    expect(b?.result?.electionId).toBe(ELECTION_ID);
    const again = recordVerifiedResult(after, committee, result(after));
    expect(isRejection(again) && again.code).toBe('CONFLICT');
  });

  it('R22 (issue 13 item 3): the opening records the anchors — election id, plenary key, the enrolled committee by fingerprint', () => {
    const d = sittingWithServing(12);
    const enrolled = enrolledCommittee(d.state) ?? [];
    d.do(openCommand(d.state), committee);
    const opened = d.log.find((e) => e.type === 'SecretBallotOpened');
    expect(opened?.payload).toMatchObject({
      electionId: ELECTION_ID,
      plenaryKey: PLENARY_KEY,
      committee: enrolled.map((e) => ({
        memberId: e.personId,
        name: e.name,
        fingerprint: ballotKeyFingerprint(e.publicKey),
      })),
    });
    expect(findBallot(d.state, 'q-1')).toMatchObject({ electionId: ELECTION_ID });
  });

  it('R22 (issue 13 item 3): a question naming another committee than the one enrolled in the log does not open', () => {
    const d = sittingWithServing(12);
    const cmd = openCommand(d.state);
    if (cmd.type !== 'openSecretBallot') throw new Error('openSecretBallot');
    const [a, b, c] = cmd.committee;
    if (!a || !b || !c) throw new Error('three');
    const swapped = d.try(
      { ...cmd, committee: [a, b, { ...c, publicKey: '9a'.repeat(32) }] },
      committee,
    );
    expect(swapped).toMatchObject({ code: 'CONFLICT' });
    const reordered = d.try({ ...cmd, committee: [b, a, c] }, committee);
    expect(reordered).toMatchObject({ code: 'CONFLICT' });
    const none = sittingWithServing(12, 'i06', { enrol: false });
    expect(none.try(openCommand(none.state), committee)).toMatchObject({ code: 'INVALID_STATE' });
    expect(secretBallotOf(d.state).ballots).toHaveLength(0);
  });

  it('R22: a board for another roll, another item or with counts that do not add up is not recorded', () => {
    const d = sittingWithServing(12);
    d.do(openCommand(d.state), committee);
    const otherRoll = recordVerifiedResult(
      d.state,
      committee,
      result(d.state, { rollHash: '00'.repeat(32) }),
    );
    expect(isRejection(otherRoll) && otherRoll.code).toBe('CONFLICT');
    const otherItem = recordVerifiedResult(d.state, committee, result(d.state, { itemId: 'i05' }));
    expect(isRejection(otherItem) && otherItem.code).toBe('CONFLICT');
    // Issue 13 item 3: a board for the same roll but another election (a manifest rebuilt with fresh keys).
    const otherElection = recordVerifiedResult(
      d.state,
      committee,
      result(d.state, { electionId: '0e'.repeat(32) }),
    );
    expect(otherElection).toMatchObject({
      code: 'CONFLICT',
      message: expect.stringMatching(/val-id/),
    });
    const bad = recordVerifiedResult(
      d.state,
      committee,
      result(d.state, {
        counts: { eligible: 12, issued: 3, cast: 4, valid: 4, blank: 0, invalid: 0 },
      }),
    );
    expect(isRejection(bad) && bad.code).toBe('CONFLICT');
    const wrongEligible = recordVerifiedResult(
      d.state,
      committee,
      result(d.state, {
        counts: { eligible: 13, issued: 4, cast: 4, valid: 4, blank: 0, invalid: 0 },
      }),
    );
    expect(isRejection(wrongEligible) && wrongEligible.code).toBe('CONFLICT');
    const member = recordVerifiedResult(d.state, memberActor(mid(1)), result(d.state));
    expect(isRejection(member) && member.code).toBe('FORBIDDEN');
  });

  it('R22: the desk cancels a question that cannot finish; it is closed with the reason and nothing counted', () => {
    const d = sittingWithServing(12);
    d.do(openCommand(d.state), committee);
    const byCommittee = d.try(
      { type: 'cancelSecretBallot', questionId: 'q-1', reason: 'Nyckel förlorad' },
      committee,
    );
    expect(isRejection(byCommittee) && byCommittee.code).toBe('FORBIDDEN');
    d.do({ type: 'cancelSecretBallot', questionId: 'q-1', reason: 'Nyckel förlorad' }, desk);
    expect(findBallot(d.state, 'q-1')).toMatchObject({ status: 'cancelled', result: null });
    expect(publicView(d.state).ballots[0]).toMatchObject({
      status: 'closed',
      result: 'Avbruten: Nyckel förlorad',
    });
    const verified = recordVerifiedResult(d.state, committee, result(d.state));
    expect(isRejection(verified) && verified.code).toBe('CONFLICT');
    // A new question can open on the item afterwards, with a committee enrolled afresh.
    enrolCommittee(d, 2);
    d.do(openCommand(d.state, 'q-2'), committee);
    expect(findBallot(d.state, 'q-2')?.status).toBe('open');
  });

  it('R22 (issue 13): a tie the close reported is awaited until the desk records the draw in the room', () => {
    const d = sittingWithServing(12);
    d.do(openCommand(d.state), committee);
    const tie = { questionId: 'q-1', context: 'place 1', tied: ['Anna', 'Bertil'] };
    const found = tieFound(d.state, committee, tie);
    if (isRejection(found)) throw new Error(found.message);
    expect(found.map((e) => e.type)).toEqual(['SecretBallotTieFound']);
    let state = apply(d.state, found);
    expect(findBallot(state, 'q-1')?.tie).toEqual({ context: 'place 1', tied: ['Anna', 'Bertil'] });
    // Reported again (the close is repeated): nothing new in the log.
    expect(tieFound(state, committee, tie)).toEqual([]);
    // Only the desk records the draw, only for the tie awaited, with exactly the tied entries.
    const draw = { questionId: 'q-1', context: 'place 1', order: ['Bertil', 'Anna'] };
    expect(recordPhysicalDraw(state, committee, draw)).toMatchObject({ code: 'FORBIDDEN' });
    expect(recordPhysicalDraw(state, desk, { ...draw, context: 'place 2' })).toMatchObject({
      code: 'CONFLICT',
    });
    expect(
      recordPhysicalDraw(state, desk, { ...draw, order: ['Bertil', 'Cecilia'] }),
    ).toMatchObject({ code: 'INVALID_INPUT' });
    const recorded = recordPhysicalDraw(state, desk, draw);
    if (isRejection(recorded)) throw new Error(recorded.message);
    state = apply(state, recorded);
    expect(findBallot(state, 'q-1')).toMatchObject({
      tie: null,
      draws: [{ context: 'place 1', order: ['Bertil', 'Anna'] }],
      status: 'open',
    });
    // No tie awaited any more: a second draw is refused.
    expect(recordPhysicalDraw(state, desk, draw)).toMatchObject({ code: 'INVALID_STATE' });
  });

  it('R13: nothing of a secret ballot on a confidential item reaches the public', () => {
    const d = sittingWithServing(12, 'i07');
    d.do(openCommand(d.state), chair);
    expect(publicView(d.state).ballots).toEqual([]);
  });

  it('R22: the frozen roll is always the serving set, sorted, each once (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 61 }), (n) => {
        const d = sittingWithServing(n);
        const roll = freezeRoll(d.state).map((m) => m.memberId);
        expect(roll).toEqual([...new Set(roll)].sort());
        expect(roll).toHaveLength(n);
      }),
      { numRuns: 8 },
    );
  });
});

describe('committee enrolment', () => {
  const key = (n: number) => String(n).repeat(64).slice(0, 64);
  const enrol = (_personId: string, n: number) =>
    ({ type: 'enrolSecretBallotCommittee', publicKey: key(n), lotCommitment: key(n + 1) }) as const;

  it('R22: each committee member enrols fresh keys for the next question; the three latest form its committee', () => {
    const d = sittingWithServing(5, 'i06', { enrol: false });
    const as = (personId: string) => ({ personId, roles: ['committee' as const] });
    d.do(enrol('valberedning-1', 1), as('valberedning-1'));
    d.do(enrol('valberedning-2', 2), as('valberedning-2'));
    expect(enrolledCommittee(d.state)).toBeNull();
    d.do(enrol('valberedning-3', 3), as('valberedning-3'));
    d.do(enrol('valberedning-1', 4), as('valberedning-1'));
    expect(enrolledCommittee(d.state)?.map((e) => [e.personId, e.publicKey])).toEqual([
      ['valberedning-2', key(2)],
      ['valberedning-3', key(3)],
      ['valberedning-1', key(4)],
    ]);
    const denied = d.try(enrol('x', 5), desk);
    expect(isRejection(denied) && denied.code).toBe('FORBIDDEN');
  });

  it('R22: opening a question consumes the enrolment: keys and lot seeds are never reused across questions', () => {
    const d = sittingWithServing(5, 'i06', { enrol: false });
    for (const n of [1, 2, 3])
      d.do(enrol(`valberedning-${n}`, n), { personId: `valberedning-${n}`, roles: ['committee'] });
    d.do(openCommand(d.state), committee);
    expect(secretBallotOf(d.state).enrolled).toEqual([]);
    expect(enrolledCommittee(d.state)).toBeNull();
  });
});

describe("a member's own voting key (issue 13, item 3)", () => {
  const keyOf = (n: number) => bytesToHex(ed25519.getPublicKey(new Uint8Array(32).fill(n)));
  const register = (memberId: string, publicKey: string) =>
    ({ type: 'registerSecretBallotVoterKey', memberId, publicKey }) as const;

  it('a serving member registers their own key; a newer one replaces it and stays across questions', () => {
    const d = sittingWithServing(5);
    d.do(register(mid(2), keyOf(1)), memberActor(mid(2)));
    expect(d.log.at(-1)).toMatchObject({
      type: 'SecretBallotVoterKeyRegistered',
      payload: { personId: mid(2), publicKey: keyOf(1) },
      actorId: mid(2),
    });
    expect(voterKeyOf(d.state, mid(2))).toBe(keyOf(1));
    // The same key again changes nothing (a reload re-sends it).
    expect(d.try(register(mid(2), keyOf(1)), memberActor(mid(2)))).toEqual([]);
    d.do(register(mid(2), keyOf(2)), memberActor(mid(2)));
    expect(voterKeyOf(d.state, mid(2))).toBe(keyOf(2));
    expect(secretBallotOf(d.state).voterKeys).toHaveLength(1);
    d.do(openCommand(d.state), committee);
    expect(voterKeyOf(d.state, mid(2))).toBe(keyOf(2));
    expect(voterKeyOf(d.state, mid(3))).toBeNull();
  });

  it('refused for another member, for the desk acting on their behalf, and for anyone not serving', () => {
    const d = sittingWithServing(5);
    const forOther = d.try(register(mid(3), keyOf(1)), memberActor(mid(2)));
    expect(isRejection(forOther) && forOther.code).toBe('FORBIDDEN');
    for (const actor of [desk, chair]) {
      const byDesk = d.try(register(mid(3), keyOf(1)), actor);
      expect(isRejection(byDesk) && byDesk.code).toBe('FORBIDDEN');
    }
    // Member 9 holds a seat but was absent at the roll call: not serving.
    const absent = d.try(register(mid(9), keyOf(1)), memberActor(mid(9)));
    expect(isRejection(absent) && absent.code).toBe('NOT_SERVING');
    const committeeMember = d.try(register('valberedning-1', keyOf(1)), committee);
    expect(isRejection(committeeMember)).toBe(true);
    expect(voterKeyOf(d.state, mid(3))).toBeNull();
    expect(voterKeyOf(d.state, mid(9))).toBeNull();
  });

  it('refuses a key that is not a valid Ed25519 public key (off the curve, non-canonical, small order)', () => {
    const d = sittingWithServing(5);
    const identity = '01' + '00'.repeat(31);
    const nonCanonical = 'ed' + 'ff'.repeat(30) + '7f';
    for (const bad of ['00'.repeat(32), identity, nonCanonical, '02' + '00'.repeat(31)]) {
      const r = d.try(register(mid(2), bad), memberActor(mid(2)));
      expect(isRejection(r) && r.code, bad).toBe('INVALID_INPUT');
    }
    expect(voterKeyOf(d.state, mid(2))).toBeNull();
  });
});
