// Boots the TypeScript batch worker inside a worker thread: registers tsx's loader, then imports the worker.
import { register } from 'tsx/esm/api';

register();
await import('./batch-worker.ts');
