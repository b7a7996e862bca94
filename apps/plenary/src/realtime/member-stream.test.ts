// The members' stream (issue #4 speed): votes are left out while a division is open and come whole with its end; a
// device folding that stream — in any slicing, with its own votes from acks, after a reconnect mid-division — ends
// with exactly the server's state.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { isRejection, type Command, type StoredEvent } from '@council/shared';
import {
  chair,
  decisionSitting,
  member,
  memberId,
  secretary,
  T0,
} from '../domain/testing/decision-fixtures.ts';
import { decide, evolve, toRecord } from '../domain/sitting/sitting.ts';
import type { Actor, SittingState } from '../domain/sitting/types.ts';
import {
  applyMemberMessage,
  memberMessage,
  rememberOwn,
  resumeFrom,
  type MemberStreamState,
} from './member-stream.ts';

const SITTING = 'kf-2026-12-14';

/** The server side: decide, store (seq), evolve — as the engine does, without the database. */
class Log {
  state: SittingState;
  readonly events: StoredEvent[] = [];
  #ids = 0;
  constructor(state: SittingState) {
    this.state = state;
  }
  run(command: Command, actor: Actor): StoredEvent[] {
    const decided = decide(this.state, command, {
      now: T0,
      newId: () => `id-${++this.#ids}`,
      actor,
    });
    if (isRejection(decided)) return [];
    return decided.map((e) => {
      const stored: StoredEvent = {
        sittingId: SITTING,
        seq: this.state.seq + 1,
        type: e.type,
        payload: e.payload,
        actorId: actor.personId,
        at: T0,
        prevHash: '',
        hash: '',
      };
      this.state = evolve(this.state, toRecord(stored));
      this.events.push(stored);
      return stored;
    });
  }
}

function questionPut(): { log: Log; a: string; b: string } {
  const log = new Log(decisionSitting());
  const [a = '', b = ''] = (['approve', 'reject'] as const).map((kind, i) => {
    const n = 2 + i * 20;
    const [e] = log.run(
      { type: 'makeProposal', memberId: memberId(n), kind, text: kind },
      member(n),
    );
    return String(e?.payload['proposalId'] ?? '');
  });
  log.run({ type: 'setPropositionOrder', formal: [], material: [a, b], additions: [] }, chair);
  log.run({ type: 'approvePropositionOrder' }, secretary);
  log.run({ type: 'putQuestion' }, secretary);
  return { log, a, b };
}

function startDivision(log: Log, a: string, b: string): string {
  const [e] = log.run({ type: 'startDivision', yes: a, no: b, mode: 'devices' }, secretary);
  return String(e?.payload['divisionId'] ?? '');
}

/** The server's members' messages for the log from `from`, flushed at the given cut points. */
function messages(log: Log, from: number, cuts: readonly number[], states: SittingState[]) {
  const out: ReturnType<typeof memberMessage>[] = [];
  let carry: [number, number][] = [];
  const bounds = [...new Set([from, ...cuts.filter((c) => c > from), log.events.length])].sort(
    (x, y) => x - y,
  );
  for (let i = 1; i < bounds.length; i++) {
    const slice = log.events.slice(bounds[i - 1], bounds[i]);
    const state = states[bounds[i] ?? 0];
    if (!state || slice.length === 0) continue;
    const m = memberMessage(SITTING, slice, state, carry);
    carry = m.carry;
    out.push(m);
  }
  return out;
}

/** The log's states by number of events applied, from `from` (whose state is `start`) on. */
function statesOf(start: SittingState, log: Log, from: number): SittingState[] {
  const states: SittingState[] = [];
  states[from] = start;
  for (let k = from; k < log.events.length; k++) {
    const e = log.events[k];
    const s = states[k];
    if (e && s) states[k + 1] = evolve(s, toRecord(e));
  }
  return states;
}

describe('the members’ stream during a division', () => {
  it('leaves the votes out, lists their seqs, gives each member their own, and carries every vote at the close', () => {
    const { log, a, b } = questionPut();
    const divisionId = startDivision(log, a, b);
    const before = log.events.length;
    const seq0 = log.state.seq;
    log.run({ type: 'castVote', divisionId, memberId: memberId(5), choice: 'yes' }, member(5));
    log.run({ type: 'castVote', divisionId, memberId: memberId(6), choice: 'no' }, member(6));
    const votes = memberMessage(SITTING, log.events.slice(before), log.state, []);
    expect(votes.message).toBeNull();
    expect(votes.carry).toEqual([[seq0 + 1, seq0 + 2]]);
    expect(votes.own.get(memberId(5))?.map((e) => e.type)).toEqual(['VoteCast']);

    log.run({ type: 'castVote', divisionId, memberId: memberId(7), choice: 'abstain' }, member(7));
    log.run({ type: 'closeDivision', divisionId }, secretary);
    const closed = memberMessage(SITTING, log.events.slice(before + 2), log.state, votes.carry);
    expect(closed.message?.events.map((e) => e.type)).toEqual(['DivisionClosed']);
    expect(closed.message?.elided).toEqual([[seq0 + 1, seq0 + 3]]);
    const choices = closed.message?.votes?.[0]?.choices ?? '';
    expect(closed.message?.votes?.[0]?.divisionId).toBe(divisionId);
    const order = log.state.decision.divisions[divisionId]?.eligibleOrder ?? [];
    expect(choices.length).toBe(order.length);
    expect(choices[order.indexOf(memberId(5))]).toBe('y');
    expect(choices[order.indexOf(memberId(6))]).toBe('n');
    expect(choices[order.indexOf(memberId(7))]).toBe('a');
    expect(choices[order.indexOf(memberId(8))]).toBe('-');
  });

  it('R20 R21: a device folding the stream in any slicing, with its own votes from acks, ends with the server’s state', () => {
    const voteArb = fc.record({
      n: fc.integer({ min: 2, max: 61 }),
      choice: fc.constantFrom('yes' as const, 'no' as const, 'abstain' as const),
    });
    fc.assert(
      fc.property(
        fc.array(voteArb, { minLength: 1, maxLength: 120 }),
        fc.array(fc.nat(), { maxLength: 20 }),
        fc.integer({ min: 2, max: 61 }),
        fc.boolean(),
        (votes, cutSeeds, me, invalidate) => {
          const { log, a, b } = questionPut();
          const start = log.state;
          const from = log.events.length;
          const divisionId = startDivision(log, a, b);
          const acked: StoredEvent[] = [];
          for (const v of votes) {
            const stored = log.run(
              { type: 'castVote', divisionId, memberId: memberId(v.n), choice: v.choice },
              member(v.n),
            );
            if (v.n === me) acked.push(...stored);
          }
          if (invalidate)
            log.run({ type: 'invalidateRound', reason: 'Överföringen bröts' }, secretary);
          else log.run({ type: 'closeDivision', divisionId }, secretary);
          const cuts = cutSeeds.map((c) => from + (c % (log.events.length - from + 1)));
          const states = statesOf(start, log, from);

          let stream: MemberStreamState = { state: start, base: null, own: new Map() };
          stream = rememberOwn(stream, acked);
          for (const m of messages(log, from, cuts, states)) {
            if (m.message) {
              const applied = applyMemberMessage(stream, m.message);
              expect(applied.gap).toBe(false);
              stream = applied.stream;
            }
          }
          expect(stream.state).toEqual(log.state);
          expect(stream.base).toBeNull();
        },
      ),
      { numRuns: 60 },
    );
  });

  it('a device that reconnects mid-division resumes from before the first vote it skipped and converges', () => {
    const { log, a, b } = questionPut();
    const start = log.state;
    const from = log.events.length;
    const divisionId = startDivision(log, a, b);
    for (let n = 2; n <= 30; n++)
      log.run({ type: 'castVote', divisionId, memberId: memberId(n), choice: 'yes' }, member(n));
    // Something other than a vote happens mid-division: the device folds it, skipping the votes before it.
    const [handedOut] = log.run(
      {
        type: 'handOutDocument',
        itemId: 'i04',
        document: { title: 'Bilaga', url: '/d/1.pdf' },
      },
      secretary,
    );
    expect(handedOut?.type).toBe('DocumentHandedOut');
    const states = statesOf(start, log, from);
    let stream: MemberStreamState = { state: start, base: null, own: new Map() };
    for (const m of messages(log, from, [from + 1, from + 10], states))
      if (m.message) stream = applyMemberMessage(stream, m.message).stream;
    // The device saw the start and some votes went by unseen; the connection drops now. It is sure of the state up
    // to the start of the division, and resumes from there.
    expect(stream.state.seq).toBe(handedOut?.seq);
    const resume = resumeFrom(stream);
    expect(resume.seq).toBe(log.events[from]?.seq);
    for (let n = 31; n <= 40; n++)
      log.run({ type: 'castVote', divisionId, memberId: memberId(n), choice: 'no' }, member(n));
    // Re-join with sinceSeq: exactly the events after it, votes included.
    const missed = log.events.filter((e) => e.seq > resume.seq);
    stream = applyMemberMessage(
      { state: resume, base: null, own: stream.own },
      { sittingId: SITTING, events: missed },
    ).stream;
    expect(stream.state).toEqual(log.state);
    log.run({ type: 'closeDivision', divisionId }, secretary);
    const after = statesOf(start, log, from);
    for (const m of messages(log, log.events.length - 1, [], after))
      if (m.message) stream = applyMemberMessage(stream, m.message).stream;
    expect(stream.state).toEqual(log.state);
    expect(stream.base).toBeNull();
  });

  it('a seq neither sent nor left out is a gap: the device asks again from where it is sure', () => {
    const { log, a, b } = questionPut();
    const start = log.state;
    const divisionId = startDivision(log, a, b);
    log.run({ type: 'castVote', divisionId, memberId: memberId(5), choice: 'yes' }, member(5));
    const closed = log.run({ type: 'closeDivision', divisionId }, secretary);
    const applied = applyMemberMessage(
      { state: start, base: null, own: new Map() },
      { sittingId: SITTING, events: closed },
    );
    expect(applied.gap).toBe(true);
    expect(resumeFrom(applied.stream).seq).toBe(start.seq);
  });
});
