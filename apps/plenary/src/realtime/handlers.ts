// Socket handler modules register here; each gets the socket and the shared dependencies.
import type { Socket } from 'socket.io';
import type { Auth } from '../app/auth.ts';
import type { SittingEngine } from '../app/sitting-engine.ts';
import type { PersonRow } from '../db/auth.repo.ts';

export interface HandlerDeps {
  engine: SittingEngine;
  auth: Auth;
  log?: (m: string, e?: unknown) => void;
  /** The signed-in person of this socket, or null for the public. */
  person: () => PersonRow | null;
}

export type SocketHandlers = (socket: Socket, deps: HandlerDeps) => void;
