// Shared contracts between the services and the Svelte clients: schemas, events, errors.
export * from './errors.ts';
export * from './events.ts';
export * from './canonical-json.ts';
export * from './schemas/log-head.ts';
export * from './schemas/identity.ts';
export * from './schemas/public-view.ts';
export * from './schemas/council.ts';
export * from './schemas/auth.ts';
export * from './schemas/accounts.ts';
export * from './schemas/commands.ts';
export * from './schemas/decision.ts';
export * from './schemas/debate.ts';
export * from './schemas/ballot.ts';
export * from './schemas/attendance.ts';
export * from './schemas/minutes.ts';
export * from './schemas/secret-ballot.ts';
export * from './schemas/text.ts';
