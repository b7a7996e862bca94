// Rules of the speaker list: queue order (points of order, then replies, then speeches), who may speak, advisory limits.
import { reject, type FloorRequestKind, type Rejection } from '@council/shared';
import {
  isRecused,
  isServing,
  isTechFailureMember,
  personName,
  personParty,
} from '../attendance/selectors.ts';
import type { SittingState } from '../sitting/types.ts';
import type { DebateState, QueueEntry, Turn } from './state.ts';

/** Points of order jump the queue; replies and answers go before the next speech; speeches last. */
export function groupOf(kind: FloorRequestKind): 0 | 1 | 2 {
  if (kind === 'point_of_order') return 0;
  if (kind === 'speech') return 2;
  return 1;
}

/** Where a new request goes. An answer (genmäle) follows the reply it answers, so it goes first among replies. */
export function insertIndex(queue: readonly QueueEntry[], kind: FloorRequestKind): number {
  const lastBelow = (rank: number) => {
    let index = 0;
    queue.forEach((e, i) => {
      if (groupOf(e.kind) <= rank) index = i + 1;
    });
    return index;
  };
  if (kind === 'point_of_order' || kind === 'answer') return lastBelow(0);
  if (kind === 'reply') return lastBelow(1);
  return queue.length;
}

export function insertAt<T>(list: readonly T[], index: number, value: T): T[] {
  return [...list.slice(0, index), value, ...list.slice(index)];
}

/** The indices a queue entry may move between: its own group's block. */
export function groupBounds(
  queue: readonly QueueEntry[],
  kind: FloorRequestKind,
): { first: number; last: number } {
  const rank = groupOf(kind);
  let first = -1;
  let last = -1;
  queue.forEach((e, i) => {
    if (groupOf(e.kind) === rank) {
      if (first < 0) first = i;
      last = i;
    }
  });
  return { first, last };
}

export function granted(state: SittingState, personId: string): boolean {
  return state.debate.granted.some((g) => g.personId === personId);
}

export function speakerName(state: SittingState, personId: string): string {
  return (
    state.debate.granted.find((g) => g.personId === personId)?.name ?? personName(state, personId)
  );
}

export function knownPerson(state: SittingState, personId: string): boolean {
  return granted(state, personId) || state.roster.people.some((p) => p.id === personId);
}

/**
 * Who may have the floor: serving members, teknikfelsledamöter (R16) and those the body granted the right to speak;
 * never a member with jäv on the item (R12).
 */
export function mayHaveFloor(state: SittingState, personId: string): Rejection | null {
  if (!knownPerson(state, personId))
    return reject(
      'NOT_FOUND',
      `Personen ${personId} finns inte.`,
      `There is no person ${personId}.`,
    );
  const name = speakerName(state, personId);
  if (isRecused(state, personId))
    return reject(
      'RECUSED',
      `${name} är jävig i ärendet och kan inte få ordet.`,
      `${name} has a conflict of interest (jäv) on this item and cannot speak.`,
    );
  if (
    isServing(state, personId) ||
    isTechFailureMember(state, personId) ||
    granted(state, personId)
  )
    return null;
  return reject(
    'NOT_SERVING',
    `${name} tjänstgör inte och har inte fått yttranderätt.`,
    `${name} is not serving and has not been granted the right to speak.`,
  );
}

/** The reply an answer (genmäle) by the speech's speaker would answer: the latest unanswered reply to the current speech. */
export function replyToAnswer(debate: DebateState): Turn | null {
  const speechId = debate.currentSpeechId;
  if (!speechId) return null;
  const answered = new Set<string>([
    ...debate.turns.filter((t) => t.kind === 'answer').map((t) => t.replyTo ?? ''),
    ...debate.queue.filter((e) => e.kind === 'answer').map((e) => e.replyTo ?? ''),
    ...(debate.floor?.kind === 'answer' ? [debate.floor.replyTo ?? ''] : []),
  ]);
  const replies = [...debate.turns, ...(debate.floor ? [debate.floor] : [])].filter(
    (t) => t.kind === 'reply' && t.replyTo === speechId && !answered.has(t.id),
  );
  return replies.at(-1) ?? null;
}

export function findTurn(debate: DebateState, turnId: string | null): Turn | null {
  if (!turnId) return null;
  if (debate.floor?.id === turnId) return debate.floor;
  return debate.turns.find((t) => t.id === turnId) ?? null;
}

/** Whole seconds between two instants (never negative). */
export function secondsBetween(from: string, to: string): number {
  return Math.max(0, Math.floor((Date.parse(to) - Date.parse(from)) / 1000));
}

/** Seconds a party has used on an item (speeches, replies and answers; points of order are procedural). */
export function partySecondsUsed(debate: DebateState, itemId: string, partyId: string): number {
  return debate.turns
    .filter((t) => t.itemId === itemId && t.partyId === partyId && t.kind !== 'point_of_order')
    .reduce((sum, t) => sum + (t.durationSeconds ?? 0), 0);
}

/** Remaining pot per party on the current item; negative when a party has overrun its pot. */
export function partyPotsRemaining(
  state: SittingState,
  now?: string,
): Record<string, number> | null {
  const pots = state.debate.partyPots;
  if (!pots) return null;
  const floor = state.debate.floor;
  const result: Record<string, number> = {};
  for (const [partyId, seconds] of Object.entries(pots.seconds)) {
    let used = partySecondsUsed(state.debate, pots.itemId, partyId);
    if (
      now &&
      floor &&
      floor.itemId === pots.itemId &&
      floor.partyId === partyId &&
      floor.kind !== 'point_of_order'
    )
      used += secondsBetween(floor.startedAt, now);
    result[partyId] = seconds - used;
  }
  return result;
}

/** The advisory limit for a new turn: speech length by first or later speech, or the party's remaining pot. */
export function limitFor(
  state: SittingState,
  kind: FloorRequestKind,
  personId: string,
  itemId: string,
): number | null {
  const { config, partyPots, turns } = state.debate;
  const partyId = personParty(state, personId);
  if (
    partyPots &&
    partyPots.itemId === itemId &&
    kind !== 'point_of_order' &&
    partyId in partyPots.seconds
  ) {
    const remaining = partyPotsRemaining(state)?.[partyId] ?? 0;
    const own =
      kind === 'speech'
        ? remaining
        : Math.min(remaining, kind === 'reply' ? config.replySeconds : config.answerSeconds);
    return Math.max(0, own);
  }
  switch (kind) {
    case 'speech':
      return turns.some(
        (t) => t.itemId === itemId && t.kind === 'speech' && t.personId === personId,
      )
        ? config.laterSpeechSeconds
        : config.firstSpeechSeconds;
    case 'reply':
      return config.replySeconds;
    case 'answer':
      return config.answerSeconds;
    case 'point_of_order':
      return config.pointOfOrderSeconds;
  }
}

export const kindLabel: Record<FloorRequestKind, string> = {
  speech: 'anförande',
  reply: 'replik',
  answer: 'genmäle',
  point_of_order: 'ordningsfråga',
};

/** The same in English, for the English text of a refusal. */
export const kindLabelEn: Record<FloorRequestKind, string> = {
  speech: 'a speech',
  reply: 'a reply',
  answer: 'an answer',
  point_of_order: 'a point of order',
};
