// Which webcast node runs the compositor (issue 16): the webcast's own advisory lock on the PostgreSQL the nodes share;
// none when there is no such database (one node leads alone).
import { openSession, startLeaderElection, WEBCAST_LOCK_KEY, type Leader } from '@council/db';

export function webcastLeader(
  databaseUrl: string | undefined,
  log: (message: string, error?: unknown) => void,
): Leader | undefined {
  if (!databaseUrl) return undefined;
  return startLeaderElection({
    session: () => openSession(databaseUrl),
    lockKey: WEBCAST_LOCK_KEY,
    name: 'webcast leader',
    log,
  });
}
