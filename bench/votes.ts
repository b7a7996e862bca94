// `npm run bench -- votes`: an open division over real socket.io on 127.0.0.1, server and simulated clients in separate
// processes. 349 members vote within the same second with 2,000 viewers watching; then 2,000 voters and 10,000 viewers.
// Measures each vote's ack and its arrival at the desk (target p99 ≤ 100 ms), and the result on every client after
// close (target p99 ≤ 250 ms; 500 ms for the large run), plus the server's CPU and memory.
import { fork, type ChildProcess } from 'node:child_process';
import { cpus, loadavg, setPriority } from 'node:os';
import { fileURLToPath } from 'node:url';
import type { ServerReady } from './votes-server.ts';

const here = (f: string) => fileURLToPath(new URL(f, import.meta.url));
const TIMEOUT_MS = 180_000;

interface Msg {
  type: string;
  [k: string]: unknown;
}

function spawnNode(script: string, args: string[] = [], desk = false): ChildProcess {
  // BENCH_PROFILE_DIR: the server writes a CPU profile of the vote itself (from the first vote to after the
  // close), see votes-server.ts.
  const child = fork(here(script), args, {
    execArgv: [
      '--import',
      'tsx',
      '--max-old-space-size=4096',
      // BENCH_SERVER_FLAGS: extra node flags for the server alone (e.g. --trace-gc).
      ...(script.includes('server')
        ? (process.env['BENCH_SERVER_FLAGS'] ?? '').split(' ').filter(Boolean)
        : []),
    ],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  // The simulated members and viewers stand in for thousands of other machines: they yield the CPU to the server.
  // The desk is one socket (one machine, next to no CPU) and the clock the desk-visible figure is read on: it keeps
  // the normal priority, so other work on this machine does not hold its reading back.
  if (!script.includes('server') && !desk && child.pid !== undefined) setPriority(child.pid, 10);
  return child;
}

function next(child: ChildProcess, type: string, timeoutMs = TIMEOUT_MS): Promise<Msg> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.off('message', on);
      reject(new Error(`timed out waiting for ${type}`));
    }, timeoutMs);
    const on = (m: unknown) => {
      const msg = m as Msg;
      if (msg.type === 'error') {
        clearTimeout(timer);
        child.off('message', on);
        reject(new Error(String(msg['message'])));
      } else if (msg.type === type) {
        clearTimeout(timer);
        child.off('message', on);
        resolve(msg);
      }
    };
    child.on('message', on);
    child.once('exit', (code) => {
      clearTimeout(timer);
      if (code !== 0) reject(new Error(`process exited with ${code} while waiting for ${type}`));
    });
  });
}

function pct(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return (
    sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN
  );
}

const round = (x: number) => Math.round(x * 10) / 10;

export interface ScenarioResult {
  members: number;
  viewers: number;
  votes_acked: number;
  votes_seen_at_desk: number;
  vote_ack_p50_ms: number;
  vote_ack_p99_ms: number;
  vote_visible_p50_ms: number;
  vote_visible_p99_ms: number;
  result_clients: number;
  result_p50_ms: number;
  result_p99_ms: number;
  result_max_ms: number;
  /** From the vote's arrival on the server's socket to its ack / to its event leaving for the desk. */
  server_vote_ack_p99_ms: number;
  server_vote_desk_p99_ms: number;
  server_cpu_ms_per_vote: number;
  server_cpu_percent: number;
  server_rss_mb: number;
}

export async function scenario(
  members: number,
  viewers: number,
  log: (m: string) => void = console.log,
): Promise<ScenarioResult> {
  const children: ChildProcess[] = [];
  const started = Date.now();
  try {
    const server = spawnNode('./votes-server.ts', [String(members)]);
    children.push(server);
    const ready = (await next(server, 'ready')) as unknown as ServerReady;
    const url = `http://127.0.0.1:${ready.port}`;
    log(`  server ready on ${url} (${members} seats) after ${Date.now() - started} ms`);

    const viewerProcs = Math.max(1, Math.ceil(viewers / 2500));
    const memberProcs = Math.max(1, Math.ceil(members / 1000));
    const clientsOf = (role: string, extra: Record<string, unknown>) => {
      const c = spawnNode('./votes-clients.ts', [], role === 'desk');
      children.push(c);
      c.send({ type: 'init', role, url, sittingId: ready.sittingId, ...extra });
      return c;
    };
    const viewerChildren = Array.from({ length: viewerProcs }, (_, i) =>
      clientsOf('viewers', {
        count: Math.floor(viewers / viewerProcs) + (i < viewers % viewerProcs ? 1 : 0),
      }),
    );
    await Promise.all(viewerChildren.map((c) => next(c, 'ready')));
    const memberChildren = Array.from({ length: memberProcs }, (_, i) =>
      clientsOf('members', {
        members: ready.members.filter((_, k) => k % memberProcs === i),
        sinceSeq: ready.seq,
      }),
    );
    await Promise.all(memberChildren.map((c) => next(c, 'ready')));
    const desk = clientsOf('desk', { members: [['desk', ready.deskToken]] });
    await next(desk, 'ready');
    log(
      `  ${viewers} viewers, ${members} members and the desk connected after ${Date.now() - started} ms`,
    );

    const everyone = [...viewerChildren, ...memberChildren, desk];
    desk.send({ type: 'startDivision', yes: ready.yes, no: ready.no });
    const divisionId = String((await next(desk, 'divisionStarted'))['divisionId']);
    for (const c of everyone) c.send({ type: 'watch', divisionId });
    await new Promise((r) => setTimeout(r, 1000));

    server.send('mark');
    const startAt = performance.timeOrigin + performance.now() + 500;
    for (const c of memberChildren) c.send({ type: 'vote', divisionId, startAt, spreadMs: 1000 });
    const voted = await Promise.all(memberChildren.map((c) => next(c, 'voted')));
    const results = voted.flatMap(
      (v) => v['results'] as { memberId: string; sent: number; acked: number; ok: boolean }[],
    );
    await new Promise((r) => setTimeout(r, 500));
    // The server's CPU time for the votes alone: a figure other work on the machine does not inflate much.
    server.send('stats');
    const voteStats = await next(server, 'stats');
    server.send('serverTimes');
    const serverTimes = await next(server, 'serverTimes');
    const serverAck = serverTimes['ack'] as number[];
    const serverDesk = serverTimes['desk'] as number[];
    desk.send({ type: 'deskSeen' });
    const seen = new Map((await next(desk, 'deskSeen'))['seen'] as [string, number][]);

    desk.send({ type: 'closeDivision', divisionId });
    const closedAt = Number((await next(desk, 'closed'))['closedAt']);
    await new Promise((r) => setTimeout(r, 3000));
    server.send('stats');
    const stats = await next(server, 'stats');
    for (const c of everyone) c.send({ type: 'results' });
    const seenResults = (await Promise.all(everyone.map((c) => next(c, 'results')))).flatMap(
      (r) => r['seen'] as number[],
    );
    const clients = everyone.length === 0 ? 0 : viewers + members + 1;

    const acks = results.filter((r) => r.ok).map((r) => r.acked - r.sent);
    const visible = results.flatMap((r) => {
      const t = seen.get(r.memberId);
      return t === undefined ? [] : [t - r.sent];
    });
    const resultLatency = seenResults.map((t) => t - closedAt);
    if (seenResults.length < clients)
      log(`  ! only ${seenResults.length} of ${clients} clients saw the result`);
    if (acks.length < results.length) log(`  ! ${results.length - acks.length} votes were refused`);
    return {
      members,
      viewers,
      votes_acked: acks.length,
      votes_seen_at_desk: visible.length,
      vote_ack_p50_ms: round(pct(acks, 50)),
      vote_ack_p99_ms: round(pct(acks, 99)),
      vote_visible_p50_ms: round(pct(visible, 50)),
      vote_visible_p99_ms: round(pct(visible, 99)),
      result_clients: seenResults.length,
      result_p50_ms: round(pct(resultLatency, 50)),
      result_p99_ms: round(pct(resultLatency, 99)),
      result_max_ms: round(Math.max(...resultLatency)),
      server_vote_ack_p99_ms: round(pct(serverAck, 99)),
      server_vote_desk_p99_ms: round(pct(serverDesk, 99)),
      server_cpu_ms_per_vote: round(Number(voteStats['cpuMs']) / Math.max(1, results.length)),
      server_cpu_percent: round(Number(stats['cpuPercent'])),
      server_rss_mb: round(Number(stats['rssMb'])),
    };
  } finally {
    for (const c of children) if (c.exitCode === null) c.send('stop');
    for (const c of children) if (c.connected && c.exitCode === null) c.send({ type: 'stop' });
    await new Promise((r) => setTimeout(r, 1500));
    for (const c of children) if (c.exitCode === null && c.pid !== undefined) c.kill('SIGKILL');
  }
}

function table(rows: [string, ScenarioResult][]): string {
  const keys = Object.keys(rows[0]?.[1] ?? {}) as (keyof ScenarioResult)[];
  const width = Math.max(...keys.map((k) => k.length));
  return [
    `${''.padEnd(width)}  ${rows.map(([name]) => name.padStart(14)).join('')}`,
    ...keys.map(
      (k) => `${k.padEnd(width)}  ${rows.map(([, r]) => String(r[k]).padStart(14)).join('')}`,
    ),
  ].join('\n');
}

export async function run(): Promise<Record<string, number>> {
  const small = Number(process.env['BENCH_VOTES_MEMBERS'] ?? 349);
  const smallViewers = Number(process.env['BENCH_VOTES_VIEWERS'] ?? 2000);
  const large = process.env['BENCH_VOTES_LARGE'] !== '0';
  console.log(`votes: ${small} members + ${smallViewers} viewers`);
  const a = await scenario(small, smallViewers);
  const rows: [string, ScenarioResult][] = [['349/2000', a]];
  const out: Record<string, number> = {
    ...a,
    load_average: Math.round((loadavg()[0] ?? 0) * 10) / 10,
  };
  if (large) {
    console.log('votes: 2000 voters + 10000 viewers');
    try {
      const b = await scenario(2000, 10_000);
      rows.push(['2000/10000', b]);
      for (const [k, v] of Object.entries(b)) out[`large_${k}`] = v;
    } catch (error) {
      // The small run's figures still stand; say plainly that the large one did not finish.
      console.error('votes: the large run failed:', error);
      out['large_failed'] = 1;
    }
  }
  console.log(table(rows));
  console.log(
    `machine: ${cpus().length} cores, load average ${loadavg()
      .map((x) => x.toFixed(1))
      .join(' ')} (other work on the machine inflates the figures)`,
  );
  console.log(
    `targets: vote ack and desk-visible p99 ≤ 100 ms; result p99 ≤ 250 ms (large run goal 500 ms)`,
  );
  return out;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  run()
    .then((r) => console.log(JSON.stringify(r)))
    .catch((e: unknown) => {
      console.error(e);
      process.exit(1);
    });
}
