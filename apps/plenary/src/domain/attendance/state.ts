// State of attendance within a sitting: who serves each seat, recusals, technical-failure members, function checks.
// The attendance module (issue 3) owns and extends this; other modules read it only through selectors.ts.
import type { ConnectionLossKind, SelfTest } from '@council/shared';

export interface FunctionCheck {
  id: string;
  itemId: string | null;
  startedAt: string;
  /** Serving remote members who must confirm. */
  required: string[];
  confirmed: string[];
  status: 'running' | 'complete' | 'incomplete' | 'overridden';
  /** R19: confirmations are due by then. */
  deadline: string;
  /** Who had not confirmed when the check was closed. */
  missing: string[];
  /** The chair's recorded reason for deciding without a complete check. */
  overrideReason: string | null;
}

/** R01: an application to take part remotely. */
export interface RemoteApplication {
  personId: string;
  reason: string;
  appliedAt: string;
  /** The last day (Swedish local date) an application is on time: 5 working days before the sitting. */
  deadline: string;
  onTime: boolean;
  status: 'pending' | 'approved' | 'rejected';
  decidedAt: string | null;
  decidedBy: string | null;
  /** The chair's recorded reason for accepting a late application. */
  lateReason: string | null;
}

/** R04: a remote member's check-in with the browser self-test. */
export interface CheckIn {
  at: string;
  selfTest: SelfTest;
  passed: boolean;
  /** R05: the member confirmed they see and hear the room (and are heard). */
  seeHearAt: string | null;
}

export type PresenceMode = 'room' | 'remote';

export interface Presence {
  mode: PresenceMode;
  since: string;
}

export type ServingChangeReason =
  | 'rollCall'
  | 'itemBoundary'
  | 'exception'
  | 'left'
  | 'recusal'
  | 'confidential'
  | 'techFailure'
  | 'beforeFirstItem';

/** One continuous stretch of a person serving a seat. `items` are the agenda items they served (in order taken up). */
export interface ServicePeriod {
  seatId: string;
  personId: string;
  from: string;
  to: string | null;
  items: string[];
  remote: boolean;
}

/** R15–R17: a loss of acceptable transmission. */
export interface TechFailure {
  id: string;
  personId: string;
  kind: ConnectionLossKind;
  lostAt: string;
  /** The person held a seat when it happened (only then does it adjourn the sitting). */
  serving: boolean;
  /** R16: the 5 minutes run from the adjournment; null until the sitting is adjourned. */
  deadline: string | null;
  endedAt: string | null;
  outcome: 'open' | 'restored' | 'replaced';
}

export interface RollCall {
  id: string;
  startedAt: string;
  confirmedAt: string | null;
  /** People the desk marked during this roll call. */
  marked: string[];
}

export interface AttendanceState {
  /** seatId → the person serving it now (member or substitute), null when empty. */
  serving: Record<string, string | null>;
  /** personIds taking part remotely (checked in and confirmed). */
  remote: string[];
  /** itemId → personIds with a conflict of interest (jäv) on that item (R12). */
  recusals: Record<string, string[]>;
  /** Replaced after losing the connection (R16): may be present and speak, never propose or vote again. */
  techFailureMembers: string[];
  /** The latest technical function check (R19). */
  functionCheck: FunctionCheck | null;

  /** Every function check of the sitting, oldest first (for the minutes). */
  functionChecks: FunctionCheck[];
  /** R01: personId → their application to take part remotely. */
  applications: Record<string, RemoteApplication>;
  /** R04: personId → check-in. */
  checkIns: Record<string, CheckIn>;
  /** personId → how they are present now (members and substitutes); absent people are not here. */
  presence: Record<string, Presence>;
  /** R06: people who left after serving or being present: they never serve again this sitting (no switching back). */
  left: string[];
  rollCall: RollCall | null;
  /** Fill empty seats with the next present substitute automatically at item boundaries. */
  autoFill: boolean;
  /** seatId → a substitute the desk chose, taking the seat at the next item boundary. */
  pendingSeats: Record<string, string>;
  /** seatId → the person who stood aside for jäv and takes the seat back after that item (R12). */
  recusalReturns: Record<string, string>;
  /** Every stretch anyone served, oldest first: the attendance record is computed from this. */
  periods: ServicePeriod[];
  failures: TechFailure[];
  /** R13: itemId → the chair's recorded permission for remote members to take part in a confidential item. */
  remoteConfidential: Record<string, { reason: string; at: string }>;
  /** The chair's recorded exceptions to "who serves changes only between items". */
  exceptions: { at: string; itemId: string | null; reason: string }[];
  /** Every arrival and departure as marked, oldest first (present-but-not-serving substitutes are recorded from this). */
  presenceLog: { personId: string; mode: PresenceMode | 'absent'; at: string }[];
  /** R16, R17: when and why each teknikfelsledamot was replaced. */
  techFailureDetails: Record<
    string,
    { at: string; cause: 'timeout' | 'recurring'; reason: string | null }
  >;
  /** Who declared each recusal, for the minutes. */
  recusalLog: { itemId: string; personId: string; at: string; by: string | null }[];
}

export const initialAttendanceState: AttendanceState = {
  serving: {},
  remote: [],
  recusals: {},
  techFailureMembers: [],
  functionCheck: null,
  functionChecks: [],
  applications: {},
  checkIns: {},
  presence: {},
  left: [],
  rollCall: null,
  autoFill: true,
  pendingSeats: {},
  recusalReturns: {},
  periods: [],
  failures: [],
  remoteConfidential: {},
  exceptions: [],
  presenceLog: [],
  techFailureDetails: {},
  recusalLog: [],
};
