// Events of the decision module (filled in by its issue).
export type DecisionEvent = { type: 'DecisionPlaceholder'; payload: Record<string, never> };
