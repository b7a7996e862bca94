// Events of the attendance module (filled in by its issue).
export type AttendanceEvent = { type: 'AttendancePlaceholder'; payload: Record<string, never> };
