// The sitting aggregate: dispatches commands to their module, folds events through every module.
import { reject, type Command, type StoredEvent } from '@council/shared';
import { sittingModule } from './core.ts';
import { authorize } from './rights.ts';
import { attendanceModule } from '../attendance/attendance.ts';
import { initialAttendanceState } from '../attendance/state.ts';
import { debateModule } from '../debate/debate.ts';
import { initialDebateState } from '../debate/state.ts';
import { decisionModule } from '../decision/decision.ts';
import { initialDecisionState } from '../decision/state.ts';
import { minutesModule } from '../minutes/minutes.ts';
import { secretBallotModule } from '../secret-ballot/secret-ballot.ts';
import { initialSecretBallotState } from '../secret-ballot/state.ts';
import type {
  DecideContext,
  Decision,
  DomainEvent,
  DomainModule,
  EventRecord,
  SittingState,
} from './types.ts';

// Each module narrows the command union itself; the registry routes by type.
type AnyModule = DomainModule<Command>;
const modules: readonly AnyModule[] = [
  sittingModule,
  attendanceModule,
  debateModule,
  decisionModule,
  minutesModule,
  secretBallotModule,
];

const moduleByCommand = new Map<string, AnyModule>();
for (const m of modules) for (const t of m.commandTypes) moduleByCommand.set(t, m);

export function initialSittingState(sittingId: string): SittingState {
  return {
    seq: 0,
    sitting: {
      id: sittingId,
      title: '',
      startsAt: '',
      room: '',
      remoteReason: null,
      status: 'scheduled',
      openedAt: null,
      closedAt: null,
      currentItemId: null,
      adjournments: [],
      nextParagraph: 1,
    },
    roster: {
      body: { id: '', name: '', kind: 'council', crossPartyOrder: {} },
      parties: [],
      people: [],
      seats: [],
      substitutes: [],
    },
    items: [],
    attendance: initialAttendanceState,
    debate: initialDebateState,
    decision: initialDecisionState,
    secretBallot: initialSecretBallotState,
  };
}

export function evolve(state: SittingState, event: EventRecord): SittingState {
  let next = state;
  for (const m of modules) next = m.evolve(next, event);
  return { ...next, seq: event.seq };
}

/** A stored log entry as evolve() takes it: the log holds exactly what decide() produced. */
export function toRecord(e: StoredEvent): EventRecord {
  return {
    type: e.type,
    payload: e.payload,
    seq: e.seq,
    at: e.at,
    actorId: e.actorId,
  } as EventRecord;
}

export function fold(sittingId: string, events: readonly EventRecord[]): SittingState {
  return events.reduce(evolve, initialSittingState(sittingId));
}

/** Apply events that are not stored yet (for reactions): seq and time are provisional. */
function applyProvisional(
  state: SittingState,
  events: readonly DomainEvent[],
  ctx: DecideContext,
): SittingState {
  let next = state;
  let seq = state.seq;
  for (const e of events)
    next = evolve(next, { ...e, seq: ++seq, at: ctx.now, actorId: ctx.actor.personId });
  return next;
}

/** Decide a command: its module's events, then any module's follow-up reactions to them. */
export function decide(state: SittingState, command: Command, ctx: DecideContext): Decision {
  const m = moduleByCommand.get(command.type);
  if (!m) return reject('INVALID_INPUT', `Unknown command ${command.type}.`);
  if (state.seq === 0)
    return reject('NOT_FOUND', 'Det finns inget sådant sammanträde.', 'There is no such sitting.');
  // Rights first, whatever state the sitting is in: no state check may answer before the question who is asking.
  const denied = authorize(state, command, ctx.actor);
  if (denied) return denied;
  const decided = m.decide(state, command, ctx);
  if (!Array.isArray(decided) || decided.length === 0) return decided;
  const after = applyProvisional(state, decided, ctx);
  const reactions: DomainEvent[] = [];
  for (const r of modules) if (r.react) reactions.push(...r.react(after, decided, ctx));
  return [...decided, ...reactions];
}
