// Test fixtures for the debate: the demo council's sitting, opened, with an item under debate and every seat served.
import { isRejection, type Command, type Rejection, type Role } from '@council/shared';
import { demoCouncil, DEMO_SITTING_ID } from '../../app/demo-council.ts';
import { decide, evolve, fold } from '../sitting/sitting.ts';
import type { Actor, DomainEvent, EventRecord, SittingState } from '../sitting/types.ts';
import { scheduledEvent } from './sitting-fixtures.ts';

export const T0 = '2026-12-14T17:00:00.000Z';

export function at(seconds: number): string {
  return new Date(Date.parse(T0) + seconds * 1000).toISOString();
}

export const chair: Actor = { personId: 'ledamot-01', roles: ['member', 'chair'] };
export const secretary: Actor = { personId: 'sekreterare', roles: ['secretary'] };

export function member(n: number): Actor {
  return { personId: memberId(n), roles: ['member'] satisfies Role[] };
}

export function memberId(n: number): string {
  return `ledamot-${String(n).padStart(2, '0')}`;
}

/** The demo sitting scheduled, opened and on `itemId`, folded from the events the sitting module writes. */
export function scheduledDemoSitting(itemId = 'i03'): SittingState {
  const council = demoCouncil();
  const events: DomainEvent[] = [
    scheduledEvent(council),
    { type: 'SittingOpened', payload: {} },
    { type: 'ItemStarted', payload: { itemId, previousItemId: null } },
  ];
  return fold(
    DEMO_SITTING_ID,
    events.map((e, i): EventRecord => ({ ...e, seq: i + 1, at: T0, actorId: 'sekreterare' })),
  );
}

/**
 * As attendance records it after the roll call: every seat served by its member. Debate reads attendance only through
 * its selectors, so the fixture sets the fields those selectors read.
 */
export function debateSitting(
  options: {
    itemId?: string;
    remote?: string[];
    recused?: string[];
    techFailure?: string[];
    absent?: string[];
  } = {},
): SittingState {
  const state = scheduledDemoSitting(options.itemId ?? 'i03');
  const itemId = state.sitting.currentItemId ?? '';
  const absent = new Set(options.absent ?? []);
  return {
    ...state,
    attendance: {
      ...state.attendance,
      serving: Object.fromEntries(
        state.roster.seats.map((s) => [s.id, absent.has(s.memberId) ? null : s.memberId]),
      ),
      remote: options.remote ?? [],
      recusals: options.recused ? { [itemId]: options.recused } : {},
      techFailureMembers: options.techFailure ?? [],
    },
  };
}

export interface Outcome {
  state: SittingState;
  events: DomainEvent[];
}

/** Decide a command at `now` and apply its events, as the engine does; returns the rejection unchanged. */
export function run(
  state: SittingState,
  command: Command,
  actor: Actor,
  now: string,
  ids: () => string = counterIds(),
): Outcome | Rejection {
  const ctx = { now, newId: ids, actor };
  const decided = decide(state, command, ctx);
  if (isRejection(decided)) return decided;
  let next = state;
  for (const e of decided)
    next = evolve(next, { ...e, seq: next.seq + 1, at: now, actorId: actor.personId });
  return { state: next, events: decided };
}

let idCounter = 0;
export function counterIds(): () => string {
  return () => `id-${++idCounter}`;
}

/** Run a command that must succeed (tests only). */
export function ok(state: SittingState, command: Command, actor: Actor, now: string): SittingState {
  const result = run(state, command, actor, now);
  if (isRejection(result))
    throw new Error(`${command.type} was rejected: ${result.code} ${result.message}`);
  return result.state;
}
