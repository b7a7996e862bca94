// Sockets live no longer than their session (issue 11 item 6): cut at once when it is logged out on this node, and by
// a sweep every 15 s when it expired or ended elsewhere (another node, a new password, a deactivated account).
import type { Server, Socket } from 'socket.io';
import { socketEvents } from '@council/shared';
import type { Auth, SessionInfo } from '../app/auth.ts';

export const SESSION_SWEEP_MS = 15_000;

const sessionOf = (socket: Socket): SessionInfo | null =>
  (socket.data as { session?: SessionInfo | null }).session ?? null;

/** Tell the client its session ended (it reloads to the sign-in), then cut it. */
function cut(socket: Socket, reason: 'logout' | 'expired'): void {
  socket.emit(socketEvents.sessionEnded, { reason });
  socket.disconnect(true);
}

export function cutEndedSessions(
  io: Server,
  deps: {
    auth: Pick<Auth, 'onSessionEnded' | 'liveSessions'>;
    clock?: () => Date;
    sweepMs?: number;
    log?: (m: string, e?: unknown) => void;
  },
): { sweep(): Promise<void>; close(): void } {
  const clock = deps.clock ?? (() => new Date());
  const signedIn = () => [...io.sockets.sockets.values()].filter((s) => sessionOf(s) !== null);
  const unsubscribe = deps.auth.onSessionEnded((tokenHash) => {
    for (const socket of signedIn())
      if (sessionOf(socket)?.tokenHash === tokenHash) cut(socket, 'logout');
  });
  async function sweep(): Promise<void> {
    const now = clock().getTime();
    const open: Socket[] = [];
    for (const socket of signedIn()) {
      const session = sessionOf(socket);
      if (session && session.expiresAt.getTime() <= now) cut(socket, 'expired');
      else open.push(socket);
    }
    if (open.length === 0) return;
    const hashes = [...new Set(open.map((s) => sessionOf(s)?.tokenHash ?? ''))];
    const live = await deps.auth.liveSessions(hashes);
    for (const socket of open) {
      const hash = sessionOf(socket)?.tokenHash;
      if (hash && !live.has(hash) && socket.connected) cut(socket, 'logout');
    }
  }
  const timer = setInterval(() => {
    sweep().catch((error: unknown) => deps.log?.('session sweep failed', error));
  }, deps.sweepMs ?? SESSION_SWEEP_MS);
  timer.unref();
  return {
    sweep,
    close() {
      clearInterval(timer);
      unsubscribe();
    },
  };
}
