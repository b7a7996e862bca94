// Test fixtures for decisions: the demo sitting opened on an item, every seat served, the function check passed (R19).
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

export function memberId(n: number): string {
  return `ledamot-${String(n).padStart(2, '0')}`;
}

export function member(n: number): Actor {
  return { personId: memberId(n), roles: ['member'] satisfies Role[] };
}

function record(e: DomainEvent, seq: number, now: string, actorId: string): EventRecord {
  // An event plus its place in the log, as the engine stores it.
  return { ...e, seq, at: now, actorId };
}

export interface DecisionSittingOptions {
  itemId?: string;
  recused?: string[];
  techFailure?: string[];
  absent?: string[];
  functionCheck?: boolean;
}

/** The demo sitting on `itemId` with every seat served by its member, as attendance records it after the roll call. */
export function decisionSitting(options: DecisionSittingOptions = {}): SittingState {
  const council = demoCouncil();
  const itemId = options.itemId ?? 'i04';
  const events: DomainEvent[] = [
    scheduledEvent(council),
    { type: 'SittingOpened', payload: {} },
    { type: 'ItemStarted', payload: { itemId, previousItemId: null } },
  ];
  const state = fold(
    DEMO_SITTING_ID,
    events.map((e, i) => record(e, i + 1, T0, 'sekreterare')),
  );
  const absent = new Set(options.absent ?? []);
  // Decisions read attendance only through its selectors; the fixture sets the fields they read.
  const check = {
    id: 'check-1',
    itemId,
    startedAt: T0,
    required: [],
    confirmed: [],
    status: 'complete' as const,
    deadline: T0,
    missing: [],
    overrideReason: null,
  };
  return {
    ...state,
    attendance: {
      ...state.attendance,
      serving: Object.fromEntries(
        state.roster.seats.map((s) => [s.id, absent.has(s.memberId) ? null : s.memberId]),
      ),
      recusals: options.recused ? { [itemId]: options.recused } : {},
      techFailureMembers: options.techFailure ?? [],
      functionCheck: options.functionCheck === false ? null : check,
    },
  };
}

export function counterIds(prefix = 'id'): () => string {
  let n = 0;
  return () => `${prefix}-${++n}`;
}

/** A sitting driven command by command, as the engine does: decide, then apply the events. Rejections leave it unchanged. */
export class Script {
  state: SittingState;
  now: string;
  readonly ids = counterIds();

  constructor(state: SittingState, now = T0) {
    this.state = state;
    this.now = now;
  }

  /** Advance the clock. */
  wait(seconds: number): this {
    this.now = new Date(Date.parse(this.now) + seconds * 1000).toISOString();
    return this;
  }

  /** Decide and apply; returns the events or the rejection. */
  try(command: Command, actor: Actor): DomainEvent[] | Rejection {
    const decided = decide(this.state, command, { now: this.now, newId: this.ids, actor });
    if (isRejection(decided)) return decided;
    for (const e of decided)
      this.state = evolve(this.state, record(e, this.state.seq + 1, this.now, actor.personId));
    return decided;
  }

  /** Decide and apply; throws on a rejection (for the steps a test is not about). */
  do(command: Command, actor: Actor): DomainEvent[] {
    const out = this.try(command, actor);
    if (isRejection(out)) throw new Error(`${command.type} rejected: ${out.code} ${out.message}`);
    return out;
  }
}
