// One leader among the nodes of a service: plenary's for the timers (the attendance monitor's reports and the 5-minute
// rule R16, the secret ballot's count mirror), the webcast's for the compositor (one ffmpeg per sitting, issue 16).
// A session-level PostgreSQL advisory lock held on a connection of its own; each service has its own lock key. When the leader's
// process dies its connection closes and PostgreSQL frees the lock at once; the others try every `pollMs`, so one of
// them leads within about a second. A slow answer is not a lost lock (the connection that holds it is still open), so a
// check may take `answerWithinMs` (3 s) before the node steps down and closes that connection, freeing the lock for
// another: stepping down whenever an answer took longer than a poll made three nodes on two busy cores hand the
// timers round in turn. Two leaders overlap by at most that long — and what they do is a domain command, which
// refuses a second report anyway.
import type { DedicatedSession } from './index.ts';

/** Any fixed 64-bit key, the same on every node of a service: "plenary1" in ASCII. */
export const LEADER_LOCK_KEY = 0x706c656e61727931n;
/** The webcast's compositor: "webcast1" in ASCII. */
export const WEBCAST_LOCK_KEY = 0x7765626361737431n;

export interface Leader {
  isLeader(): boolean;
  /** Called with true when this node becomes the leader, false when it stops being it. */
  onChange(listener: (leading: boolean) => void): () => void;
  close(): Promise<void>;
}

/** PGlite: one process holds the database, so it leads. */
export function soleLeader(): Leader {
  return { isLeader: () => true, onChange: () => () => undefined, close: () => Promise.resolve() };
}

export function startLeaderElection(options: {
  session: () => DedicatedSession;
  pollMs?: number;
  /** How long one lock check may take before this node gives up leading (default 3 polls, at least 3 s: under 5 s). */
  answerWithinMs?: number;
  /** The service's lock (default plenary's timers). */
  lockKey?: bigint;
  /** How the log names this leadership (default "leader"). */
  name?: string;
  log?: (message: string, error?: unknown) => void;
}): Leader {
  const pollMs = options.pollMs ?? 1000;
  const answerWithinMs = options.answerWithinMs ?? Math.max(3 * pollMs, 3000);
  const listeners = new Set<(leading: boolean) => void>();
  let session: DedicatedSession | null = null;
  let leading = false;
  let closed = false;
  let timer: ReturnType<typeof setTimeout> | null = null;

  const set = (next: boolean) => {
    if (next === leading) return;
    leading = next;
    const name = options.name ?? 'leader';
    options.log?.(
      next
        ? `${name}: this node now leads${options.name ? '' : ' (runs the timers)'}`
        : `${name}: stepped down`,
    );
    for (const l of listeners) l(next);
  };

  async function poll(): Promise<void> {
    session ??= options.session();
    const current = session;
    // Held already by this very backend (a reconnect would be a new backend, without it), else try to take it.
    const query = current.query<{ leader: boolean }>(
      `select case when exists (
         select 1 from pg_locks where locktype = 'advisory' and granted and pid = pg_backend_pid()
           and ((classid::bigint << 32) | objid::bigint) = $1::bigint
       ) then true else pg_try_advisory_lock($1::bigint) end as leader`,
      [(options.lockKey ?? LEADER_LOCK_KEY).toString()],
    );
    let timeout: ReturnType<typeof setTimeout> | null = null;
    const late = new Promise<'late'>((resolve) => {
      timeout = setTimeout(() => resolve('late'), answerWithinMs);
    });
    try {
      const answer = await Promise.race([query, late]);
      if (answer === 'late') throw new Error(`no answer within ${answerWithinMs} ms`);
      set(answer[0]?.leader === true);
    } catch (error) {
      // Not knowing is not leading: step down, and start over on a fresh connection.
      if (!closed) options.log?.(`${options.name ?? 'leader'}: lock check failed`, error);
      set(false);
      session = null;
      void current.close().catch(() => undefined);
      void query.catch(() => undefined);
    } finally {
      if (timeout) clearTimeout(timeout);
    }
  }

  const loop = () => {
    if (closed) return;
    void poll().finally(() => {
      if (!closed) timer = setTimeout(loop, pollMs);
      timer?.unref();
    });
  };
  loop();

  return {
    isLeader: () => leading,
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async close() {
      closed = true;
      if (timer) clearTimeout(timer);
      set(false);
      // Closing the connection frees the lock for the next node.
      await session?.close();
    },
  };
}
