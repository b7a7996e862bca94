// The timers' leader lock on a real PostgreSQL when a node is starved (issue 16): a lock check answered late, but
// within its bound, keeps the leader leading (no handing round of the timers); a node that gets no answer at all
// steps down, frees the lock, and another node leads within 5 s — never two at once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSession, startLeaderElection, type DedicatedSession, type Leader } from '@council/db';
import {
  postgresAvailable,
  startPostgresCluster,
  type PostgresCluster,
} from '../support/postgres-cluster.ts';
import { requireProgram } from '../support/requires.ts';

const ready = requireProgram(
  'PostgreSQL (initdb)',
  postgresAvailable(),
  'apt-get install postgresql',
);
const POLL_MS = 300;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A real connection whose answers reach this node `delay.ms` late, as on a machine too busy to read them. */
function slowSession(url: string, delay: { ms: number }): DedicatedSession {
  const session = openSession(url);
  return {
    async query(text, params) {
      const rows = await session.query(text, params);
      await sleep(delay.ms);
      return rows as never;
    },
    close: () => session.close(),
  };
}

describe.runIf(ready)('leader lock on a starved node (real PostgreSQL)', () => {
  let cluster: PostgresCluster;
  const delay = { ms: 0 };
  let a: Leader;
  let b: Leader;
  const bothLeading: number[] = [];
  let sampler: ReturnType<typeof setInterval>;
  const changes: string[] = [];

  beforeAll(async () => {
    cluster = await startPostgresCluster();
    const url = await cluster.createDatabase('leader_lock');
    a = startLeaderElection({ session: () => slowSession(url, delay), pollMs: POLL_MS });
    a.onChange((leading) => changes.push(`a ${leading}`));
    const deadline = Date.now() + 10_000;
    while (!a.isLeader() && Date.now() < deadline) await sleep(50);
    b = startLeaderElection({ session: () => openSession(url), pollMs: POLL_MS });
    b.onChange((leading) => changes.push(`b ${leading}`));
    sampler = setInterval(() => {
      if (a.isLeader() && b.isLeader()) bothLeading.push(Date.now());
    }, 20);
  }, 60_000);

  afterAll(async () => {
    clearInterval(sampler);
    delay.ms = 0;
    await a?.close();
    await b?.close();
    await cluster?.stop();
  });

  it('answers more than twice a poll late keep the leader leading: the timers stay on one node', async () => {
    expect(a.isLeader()).toBe(true);
    await sleep(3 * POLL_MS);
    expect(b.isLeader()).toBe(false);
    changes.length = 0;
    delay.ms = 2.5 * POLL_MS;
    await sleep(4_000);
    expect(changes).toEqual([]);
    expect(a.isLeader()).toBe(true);
    expect(b.isLeader()).toBe(false);
  }, 30_000);

  it('no answer within the bound: the leader steps down and the other node leads within 5 s, never both', async () => {
    changes.length = 0;
    const hungAt = Date.now();
    delay.ms = 4_500;
    const deadline = hungAt + 10_000;
    while (!b.isLeader() && Date.now() < deadline) await sleep(20);
    const takeoverMs = Date.now() - hungAt;
    expect(b.isLeader()).toBe(true);
    expect(a.isLeader()).toBe(false);
    expect(takeoverMs).toBeLessThan(5_000);
    expect(changes).toEqual(['a false', 'b true']);
    expect(bothLeading).toEqual([]);
    delay.ms = 0;
  }, 30_000);
});
