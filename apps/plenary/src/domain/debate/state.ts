// State of the debate module within a sitting (filled in by its issue).
export interface DebateState {
  readonly placeholder?: never;
}

export const initialDebateState: DebateState = {};
