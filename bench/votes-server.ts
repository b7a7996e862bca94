// The plenary server for the votes benchmark, in its own process: imports a council of N seats, runs the sitting up to
// a put question (roll call, item, function check, two proposals, approved order), hands out sessions, then serves.
// Talks to the orchestrator over IPC: 'ready' with port and tokens; answers 'stats' with CPU and memory.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import inspector from 'node:inspector';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isRejection, type Command } from '@council/shared';
import { createPlenaryService } from '../apps/plenary/src/service.ts';
import { importCouncil } from '../apps/plenary/src/app/council-import.ts';
import { keepRunning, listen } from '@council/node-server';
import { publicView } from '../apps/plenary/src/domain/sitting/public-view.ts';
import type { Actor } from '../apps/plenary/src/domain/sitting/types.ts';
import { benchCouncil, benchMemberId, BENCH_SITTING_ID } from './votes-council.ts';

export interface ServerReady {
  type: 'ready';
  port: number;
  sittingId: string;
  deskToken: string;
  members: [string, string][];
  yes: string;
  no: string;
  /** The log's head after setup: simulated members join from there (sinceSeq) instead of loading the whole state. */
  seq: number;
}

// As apps/plenary/src/main.ts: a rejection nobody handled is logged and the node goes on (the three-node run lost a
// node to postgres.js's CONNECTION_DESTROYED when the leader's session was closed while still connecting).
keepRunning((m, e) => console.error(`[server] ${m}`, e));

const seats = Number(process.argv[2] ?? '349');
const dataDir = process.argv[3] ?? mkdtempSync(join(tmpdir(), 'votes-bench-'));
const fresh = process.argv[3] === undefined;
const send = (m: unknown) => process.send?.(m);

const service = await createPlenaryService({
  databaseUrl: process.env['BENCH_DATABASE_URL'],
  dataDir,
  seedDemo: false,
  log: (m, e) => (e ? console.error(`[server] ${m}`, e) : undefined),
});
// VOTES_RESUME=1: a restart on the same database (the durability test) — no import, no setup, sessions still valid.
const resume = process.env['VOTES_RESUME'] === '1';
const prepared = resume
  ? { deskToken: '', members: [] as [string, string][], yes: '', no: '', seq: 0 }
  : await prepare();

async function prepare() {
  const imported = await importCouncil(service.db, benchCouncil(seats));
  if (!imported.ok)
    throw new Error(`import failed: ${JSON.stringify(imported.errors.slice(0, 3))}`);

  const desk: Actor = { personId: 'sekreterare', roles: ['secretary'] };
  const chair: Actor = { personId: benchMemberId(1), roles: ['member', 'chair'] };

  async function exec(command: Command, actor: Actor = desk) {
    const r = await service.engine.execute(BENCH_SITTING_ID, command, actor);
    if (!r.ok) throw new Error(`${command.type}: ${r.error.code} ${r.error.message}`);
    return r.data.events;
  }

  function payloadOf(
    events: { type: string; payload: unknown }[],
    type: string,
    key: string,
  ): string {
    const e = events.find((x) => x.type === type);
    const value =
      e && typeof e.payload === 'object' && e.payload !== null
        ? (e.payload as Record<string, unknown>)[key]
        : undefined;
    if (typeof value !== 'string') throw new Error(`no ${type}.${key}`);
    return value;
  }

  const memberIds = Array.from({ length: seats }, (_, i) => benchMemberId(i + 1));
  await exec({ type: 'openSitting' });
  const rollCallId = payloadOf(
    await exec({ type: 'startRollCall' }),
    'RollCallStarted',
    'rollCallId',
  );
  const marks = await Promise.all(
    memberIds.map((personId) =>
      service.engine.execute(
        BENCH_SITTING_ID,
        { type: 'markAttendance', personId, mode: 'room' },
        desk,
      ),
    ),
  );
  const failed = marks.find((r) => !r.ok);
  if (failed && !failed.ok) throw new Error(`markAttendance: ${failed.error.message}`);
  await exec({ type: 'confirmRollCall', rollCallId });
  await exec({ type: 'startItem', itemId: 'b01' });
  await exec({ type: 'startFunctionCheck', seconds: 60 });
  const yes = payloadOf(
    await exec({
      type: 'makeProposal',
      memberId: benchMemberId(2),
      kind: 'approve',
      text: 'Bifall',
    }),
    'ProposalMade',
    'proposalId',
  );
  const no = payloadOf(
    await exec({
      type: 'makeProposal',
      memberId: benchMemberId(3),
      kind: 'reject',
      text: 'Avslag',
    }),
    'ProposalMade',
    'proposalId',
  );
  await exec(
    { type: 'setPropositionOrder', formal: [], material: [yes, no], additions: [] },
    chair,
  );
  await exec({ type: 'approvePropositionOrder' });
  await exec({ type: 'putQuestion' });
  const state = await service.engine.state(BENCH_SITTING_ID);
  if (!state || isRejection(state)) throw new Error('no state');

  const deskToken = (await service.auth.startSession('sekreterare')).token;
  const members: [string, string][] = [];
  for (let i = 0; i < memberIds.length; i += 200) {
    const chunk = memberIds.slice(i, i + 200);
    const tokens = await Promise.all(chunk.map((id) => service.auth.startSession(id)));
    chunk.forEach((id, k) => members.push([id, tokens[k]?.token ?? '']));
  }
  return { deskToken, members, yes, no, seq: state.seq };
}

if (process.env['BENCH_TRACE']) {
  let last = performance.now();
  service.engine.subscribe((_id, events, state) => {
    const t = performance.now();
    console.error(
      `[server] batch of ${events.length} events (${events[0]?.type}) +${Math.round(t - last)} ms; ` +
        `events ${JSON.stringify(events).length} B, public view ${JSON.stringify(publicView(state)).length} B`,
    );
    last = t;
  });
  setInterval(() => {
    const t0 = performance.now();
    setImmediate(() => {
      const lag = performance.now() - t0;
      if (lag > 50) console.error(`[server] event loop lag ${Math.round(lag)} ms`);
    });
  }, 100).unref();
}
const { server, port } = await listen(service.app.fetch, 0, '127.0.0.1');
// Server-side timings, free of the simulated clients' own scheduling: a castVote's arrival on its socket, its ack
// (the engine's answer, sent at once), and the moment the VoteCast event leaves for a desk socket.
const now = () => performance.timeOrigin + performance.now();
const arrived = new Map<string, number>();
const answered = new Map<string, number>();
const atDesk = new Map<string, number>();
const execute = service.engine.execute.bind(service.engine);
service.engine.execute = async (sittingId, command, actor) => {
  const result = await execute(sittingId, command, actor);
  if (command.type === 'castVote' && !answered.has(command.memberId))
    answered.set(command.memberId, now());
  return result;
};
const realtime = service.attach(server);
const trace = Boolean(process.env['BENCH_TRACE']);
const closeTimes = {
  arrived: 0,
  first: null as number | null,
  last: 0,
  sent: 0,
  cpu: process.cpuUsage(),
  cpuMs: 0,
};
realtime.io.on('connection', (socket) => {
  socket.onAny((event: string, message: { command?: { type?: string; memberId?: string } }) => {
    const c = message?.command;
    if (
      event === 'sitting:command' &&
      c?.type === 'castVote' &&
      typeof c.memberId === 'string' &&
      !arrived.has(c.memberId)
    )
      arrived.set(c.memberId, now());
    if (trace && event === 'sitting:command' && c?.type === 'closeDivision') {
      closeTimes.arrived = now();
      closeTimes.cpu = process.cpuUsage();
    }
  });
  // BENCH_TRACE: when the result leaves the server — its first and last copy of the closed public view.
  if (trace)
    socket.onAnyOutgoing((event: string, view: { votes?: { status: string }[] }) => {
      if (
        event !== 'sitting:view' ||
        !closeTimes.arrived ||
        !view.votes?.some((v) => v.status === 'closed')
      )
        return;
      const t = now();
      closeTimes.first ??= t;
      closeTimes.last = t;
      closeTimes.sent++;
      const cpu = process.cpuUsage(closeTimes.cpu);
      closeTimes.cpuMs = (cpu.user + cpu.system) / 1000;
    });
  const person = (socket.data as { person?: { roles: string[] } | null }).person;
  if (person?.roles.some((r) => r === 'secretary' || r === 'chair'))
    socket.onAnyOutgoing(
      (event: string, message: { events?: { type: string; payload: { memberId?: string } }[] }) => {
        if (event !== 'sitting:event') return;
        const t = now();
        for (const e of message.events ?? [])
          if (e.type === 'VoteCast' && e.payload.memberId && !atDesk.has(e.payload.memberId))
            atDesk.set(e.payload.memberId, t);
      },
    );
});

// BENCH_PROFILE_DIR: a CPU profile of the vote alone — from 'mark' (just before the first vote) to the 'stats' taken
// after the close — written as votes-<seats>-<pid>.cpuprofile (Chrome DevTools format).
const profileDir = process.env['BENCH_PROFILE_DIR'];
const profiler = profileDir ? new inspector.Session() : null;
let profiling = false;
function post(method: string, params?: object): Promise<unknown> {
  return new Promise((resolve, reject) => {
    profiler?.post(method, params, (error, result) => (error ? reject(error) : resolve(result)));
  });
}
async function startProfile(): Promise<void> {
  if (!profiler || profiling) return;
  profiling = true;
  profiler.connect();
  await post('Profiler.enable');
  await post('Profiler.setSamplingInterval', { interval: 500 });
  await post('Profiler.start');
}
let stats = 0;
async function stopProfile(): Promise<void> {
  if (!profiler || !profiling || !profileDir) return;
  profiling = false;
  const { profile } = (await post('Profiler.stop')) as { profile: unknown };
  writeFileSync(
    join(profileDir, `votes-${seats}-${process.pid}.cpuprofile`),
    JSON.stringify(profile),
  );
  profiler.disconnect();
}

let cpuMark = process.cpuUsage();
let wallMark = performance.now();
process.on('message', (m: unknown) => {
  if (m === 'mark') {
    cpuMark = process.cpuUsage();
    wallMark = performance.now();
    void startProfile();
  } else if (m === 'stats') {
    if (++stats === 2) void stopProfile();
    if (stats === 2 && trace)
      console.error(
        `[server] close: first result out after ${Math.round((closeTimes.first ?? 0) - closeTimes.arrived)} ms, ` +
          `last (${closeTimes.sent}) after ${Math.round(closeTimes.last - closeTimes.arrived)} ms, ` +
          `server CPU meanwhile ${Math.round(closeTimes.cpuMs)} ms`,
      );
    const cpu = process.cpuUsage(cpuMark);
    const wall = performance.now() - wallMark;
    const cpuMs = (cpu.user + cpu.system) / 1000;
    send({
      type: 'stats',
      cpuMs,
      cpuPercent: (cpuMs / wall) * 100,
      rssMb: process.memoryUsage().rss / 1048576,
    });
  } else if (m === 'serverTimes') {
    // The raw stamps: the orchestrator pairs a vote's arrival on one node with its event leaving for the desk on
    // another (the same node in a one-node run), all on this machine's one clock.
    send({
      type: 'serverTimes',
      arrived: [...arrived],
      answered: [...answered],
      atDesk: [...atDesk],
    });
  } else if (m === 'stop') {
    void service
      .close()
      .catch(() => undefined)
      .finally(() => {
        server.close();
        if (fresh) rmSync(dataDir, { recursive: true, force: true });
        process.exit(0);
      });
  }
});
const ready: ServerReady = { type: 'ready', port, sittingId: BENCH_SITTING_ID, ...prepared };
send(ready);
