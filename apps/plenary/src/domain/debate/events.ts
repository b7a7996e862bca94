// Events of the debate module (filled in by its issue).
export type DebateEvent = { type: 'DebatePlaceholder'; payload: Record<string, never> };
