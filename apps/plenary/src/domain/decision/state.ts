// State of the decision module within a sitting (filled in by its issue).
export interface DecisionState {
  readonly placeholder?: never;
}

export const initialDecisionState: DecisionState = {};
