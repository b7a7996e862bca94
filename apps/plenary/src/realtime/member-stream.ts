// The members' event stream, both ends (issue #4, speed). During a division every member's device would otherwise
// receive every other member's vote: 2,000 voters make 4,000,000 deliveries. So members' devices get every event except
// the votes (VoteCast), whose seqs the message lists under `elided`; a device learns its own vote from its ack and
// `own`, the live counts from the public view, and with the event that ends the division (closed, tied or void) every
// vote at once in one letter per entitled member. The desk gets every event unchanged.
// Pure: the server builds messages with memberMessage(), the web client folds them with applyMemberMessage().
import type { SittingEventMessage, StoredEvent, VoteChoice } from '@council/shared';
import { voteOf, type Division } from '../domain/decision/state.ts';
import { evolve, toRecord } from '../domain/sitting/sitting.ts';
import type { SittingState } from '../domain/sitting/types.ts';

/** Events after which a division's votes never change: the message carrying one carries its votes. */
const ENDS_DIVISION = new Set(['DivisionClosed', 'RoundInvalidated']);

const LETTER: Record<VoteChoice, string> = { yes: 'y', no: 'n', abstain: 'a' };
const CHOICE: Record<string, VoteChoice> = { y: 'yes', n: 'no', a: 'abstain' };

/** How everyone voted, one letter per entitled member in roll order (y, n, a; - did not vote). */
export function choicesOf(x: Division): string {
  let out = '';
  for (const memberId of x.eligibleOrder) {
    const c = voteOf(x, memberId);
    out += c ? LETTER[c] : '-';
  }
  return out;
}

function endedDivision(e: StoredEvent): string | null {
  return ENDS_DIVISION.has(e.type) && typeof e.payload['divisionId'] === 'string'
    ? e.payload['divisionId']
    : null;
}

function addSeq(ranges: [number, number][], seq: number): void {
  const last = ranges.at(-1);
  if (last && last[1] === seq - 1) last[1] = seq;
  else ranges.push([seq, seq]);
}

export interface MemberMessage {
  /** For every member's device; null while there is only votes to leave out (their seqs wait in `carry`). */
  message: SittingEventMessage | null;
  /** The votes left out, per member they are about: each member's devices get their own. */
  own: Map<string, StoredEvent[]>;
  /** Seqs left out and not announced yet: pass to the next call. */
  carry: [number, number][];
}

/**
 * The members' message for a sitting's events (in seq order, merged since the last message), given the state after
 * them and the seqs left out earlier and not announced yet.
 */
export function memberMessage(
  sittingId: string,
  events: readonly StoredEvent[],
  state: SittingState,
  carry: readonly [number, number][],
): MemberMessage {
  const elided: [number, number][] = carry.map(([a, b]) => [a, b]);
  const kept: StoredEvent[] = [];
  const own = new Map<string, StoredEvent[]>();
  const votes: { divisionId: string; choices: string }[] = [];
  for (const e of events) {
    if (e.type === 'VoteCast') {
      addSeq(elided, e.seq);
      const memberId = e.payload['memberId'];
      if (typeof memberId === 'string') own.set(memberId, [...(own.get(memberId) ?? []), e]);
      continue;
    }
    kept.push(e);
    const divisionId = endedDivision(e);
    const x = divisionId ? state.decision.divisions[divisionId] : undefined;
    if (divisionId && x && !votes.some((v) => v.divisionId === divisionId))
      votes.push({ divisionId, choices: choicesOf(x) });
  }
  if (kept.length === 0) return { message: null, own, carry: elided };
  return {
    message: {
      sittingId,
      events: kept,
      ...(elided.length > 0 ? { elided } : {}),
      ...(votes.length > 0 ? { votes } : {}),
    },
    own,
    carry: [],
  };
}

/** A client's folded state of the members' stream. */
export interface MemberStreamState {
  state: SittingState;
  /**
   * The state just before the first vote this client left unfolded, while a division it concerns is open: after a gap
   * or a reconnect the client resumes from here (sinceSeq = base.seq), so it converges to every vote.
   */
  base: SittingState | null;
  /** Own votes (from acks and `own`) not folded yet, by seq. */
  own: ReadonlyMap<number, StoredEvent>;
}

export interface Applied {
  stream: MemberStreamState;
  /** Events folded, in order (own votes included). */
  fresh: StoredEvent[];
  /** A seq is missing that the message neither carries nor leaves out: resume from `resumeSeq()`. */
  gap: boolean;
}

function applyVotes(
  state: SittingState,
  divisionId: string,
  choices: string,
  at: string,
): SittingState {
  const x = state.decision.divisions[divisionId];
  if (!x) return state;
  let next = state;
  x.eligibleOrder.forEach((memberId, i) => {
    const choice = CHOICE[choices[i] ?? '-'];
    const current = next.decision.divisions[divisionId];
    if (!choice || !current || voteOf(current, memberId) === choice) return;
    // The same fold as the vote's own event; seq stays where it is (the votes' seqs are behind us).
    next = evolve(next, {
      type: 'VoteCast',
      payload: { divisionId, memberId, choice, rollCall: x.mode === 'rollCall' },
      seq: next.seq,
      at,
      actorId: null,
    });
  });
  return next;
}

function openDivision(state: SittingState): boolean {
  return state.decision.divisionIds.some((id) => state.decision.divisions[id]?.status === 'open');
}

/** Fold one `sitting:event` message (the desk's full stream or the members' one) into a client's state. */
export function applyMemberMessage(stream: MemberStreamState, msg: SittingEventMessage): Applied {
  let state = stream.state;
  let base = stream.base;
  const own = new Map(stream.own);
  for (const e of msg.own ?? []) if (e.seq > state.seq) own.set(e.seq, e);
  const ranges = msg.elided ?? [];
  const votes = new Map((msg.votes ?? []).map((v) => [v.divisionId, v.choices]));
  const fresh: StoredEvent[] = [];
  let r = 0;

  // Pass over left-out seqs that come next: fold own votes among them, remember where the others began.
  const skip = () => {
    for (; r < ranges.length; r++) {
      const [from, to] = ranges[r] ?? [0, 0];
      if (to <= state.seq) continue;
      if (from > state.seq + 1) return;
      for (let seq = state.seq + 1; seq <= to; seq++) {
        const mine = own.get(seq);
        if (mine) {
          state = evolve(state, toRecord(mine));
          own.delete(seq);
          fresh.push(mine);
        } else {
          base ??= state;
          state = { ...state, seq };
        }
      }
    }
  };

  for (const e of msg.events) {
    skip();
    if (e.seq <= state.seq) continue; // already have it (join/read race)
    if (e.seq !== state.seq + 1) return { stream: { state, base, own }, fresh, gap: true };
    const divisionId = endedDivision(e);
    const choices = divisionId ? votes.get(divisionId) : undefined;
    if (divisionId && choices !== undefined) state = applyVotes(state, divisionId, choices, e.at);
    state = evolve(state, toRecord(e));
    fresh.push(e);
  }
  skip();
  for (const seq of own.keys()) if (seq <= state.seq) own.delete(seq);
  // Every division whose votes were left out has ended, and its votes came with its end: nothing is missing.
  if (base && !openDivision(state)) base = null;
  return { stream: { state, base, own }, fresh, gap: false };
}

/** An own vote from its ack, folded when the stream reaches its seq. */
export function rememberOwn(
  stream: MemberStreamState,
  events: readonly StoredEvent[],
): MemberStreamState {
  const own = new Map(stream.own);
  for (const e of events) if (e.type === 'VoteCast' && e.seq > stream.state.seq) own.set(e.seq, e);
  return { ...stream, own };
}

/** Where to resume after a gap or a reconnect: the state before any vote this client left out. */
export function resumeFrom(stream: MemberStreamState): SittingState {
  return stream.base ?? stream.state;
}
