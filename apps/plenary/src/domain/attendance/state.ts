// State of attendance within a sitting: who serves each seat, recusals, technical-failure members, function checks.
// The attendance module (issue 3) owns and extends this; other modules read it only through selectors.ts.
export interface FunctionCheck {
  id: string;
  itemId: string | null;
  startedAt: string;
  /** Serving remote members who must confirm. */
  required: string[];
  confirmed: string[];
  status: 'running' | 'complete' | 'incomplete' | 'overridden';
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
}

export const initialAttendanceState: AttendanceState = {
  serving: {},
  remote: [],
  recusals: {},
  techFailureMembers: [],
  functionCheck: null,
};
