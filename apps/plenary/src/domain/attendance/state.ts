// State of the attendance module within a sitting (filled in by its issue).
export interface AttendanceState {
  readonly placeholder?: never;
}

export const initialAttendanceState: AttendanceState = {};
