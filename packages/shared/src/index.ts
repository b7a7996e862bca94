// Shared contracts between the services and the Svelte clients: schemas, events, errors.
export * from './errors.ts';
export * from './events.ts';
export * from './schemas/public-view.ts';
