// The sitting aggregate's shared types: roster snapshot, actors, decide context, event records, module contract.
import type {
  AgendaDocument,
  AgendaItemInput,
  Body,
  Command,
  District,
  Party,
  Person,
  Rejection,
  Role,
  Seat,
  Substitute,
} from '@council/shared';
import type { SittingEvent } from './events.ts';
import type { AttendanceEvent } from '../attendance/events.ts';
import type { AttendanceState } from '../attendance/state.ts';
import type { DebateEvent } from '../debate/events.ts';
import type { DebateState } from '../debate/state.ts';
import type { DecisionEvent } from '../decision/events.ts';
import type { DecisionState } from '../decision/state.ts';
import type { MinutesEvent } from '../minutes/events.ts';
import type { MinutesState } from '../minutes/state.ts';
import type { SecretBallotEvent } from '../secret-ballot/events.ts';
import type { SecretBallotState } from '../secret-ballot/state.ts';
import type { SignIn, StepUpPolicy } from '../sign-in/step-up.ts';

/** Who belongs to the body, frozen into the sitting's first event so the log alone explains the sitting. */
export interface Roster {
  body: Body;
  parties: Party[];
  people: Person[];
  seats: Seat[];
  substitutes: Substitute[];
  /** Valkretsar, where the council has them: a seat is then served by its party's substitutes of its district. */
  districts?: District[];
}

export interface Actor {
  personId: string;
  roles: readonly Role[];
  /** How this person signed in (absent for the system's own acts and in tests that do not sign in). */
  signIn?: SignIn;
}

/** Clock, ids, the acting person and the deployment's step-up policy come in from outside: domain code has no I/O. */
export interface DecideContext {
  now: string;
  newId: () => string;
  actor: Actor;
  stepUp?: StepUpPolicy;
}

export type DomainEvent =
  SittingEvent | AttendanceEvent | DebateEvent | DecisionEvent | MinutesEvent | SecretBallotEvent;
export type EventType = DomainEvent['type'];

/** An event as evolve() sees it: with its place in the log. */
export type EventRecord = DomainEvent & { seq: number; at: string; actorId: string | null };

export type ItemStatus = 'pending' | 'current' | 'decided' | 'tabled' | 'referred';

export interface AgendaItemState extends AgendaItemInput {
  position: number;
  status: ItemStatus;
  /** § number, given when the item is decided (or tabled/referred). */
  paragraph: number | null;
  startedAt: string | null;
  /** Documents handed out during the sitting (R08). */
  handedOut: AgendaDocument[];
}

export interface Adjournment {
  since: string;
  until: string | null;
  reason: string;
  resumesAt: string | null;
  /** The item current when the sitting was adjourned: a reason typed during a confidential item is confidential (R13). */
  itemId?: string | null;
}

export type SittingStatus = 'scheduled' | 'open' | 'adjourned' | 'closed';

export interface SittingCore {
  id: string;
  title: string;
  startsAt: string;
  room: string;
  remoteReason: string | null;
  status: SittingStatus;
  openedAt: string | null;
  closedAt: string | null;
  currentItemId: string | null;
  adjournments: Adjournment[];
  nextParagraph: number;
}

export interface SittingState {
  seq: number;
  sitting: SittingCore;
  roster: Roster;
  items: AgendaItemState[];
  attendance: AttendanceState;
  debate: DebateState;
  decision: DecisionState;
  /** The minutes (protokoll); optional so states built before the module still type-check: read it with minutesOf(). */
  minutes?: MinutesState;
  /** Secret ballots held in the sitting; optional like minutes: read it with secretBallotOf(). */
  secretBallot?: SecretBallotState;
}

export type Decision = DomainEvent[] | Rejection;

/** One module of the sitting: the commands it owns, how it decides and evolves, and how it reacts to others' events. */
export interface DomainModule<C extends Command> {
  readonly commandTypes: readonly C['type'][];
  decide(state: SittingState, command: C, ctx: DecideContext): Decision;
  evolve(state: SittingState, event: EventRecord): SittingState;
  /** Follow-up events after others' events were applied (e.g. seat changes at an item boundary). */
  react?(state: SittingState, events: readonly DomainEvent[], ctx: DecideContext): DomainEvent[];
}
