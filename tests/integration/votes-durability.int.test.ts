// An acknowledged vote is a stored vote: the server is killed with SIGKILL in the middle of a division and restarted
// on the same database; every acknowledged vote is there, and a client resynchronises by sequence number (sinceSeq).
import { fork, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { io, type Socket } from 'socket.io-client';
import { afterEach, expect, it } from 'vitest';
import type { Ack, StoredEvent, VoteChoice } from '@council/shared';
import type { JoinResult } from '../../apps/plenary/src/realtime/io.ts';
import { voteOf } from '../../apps/plenary/src/domain/decision/state.ts';
import type { ServerReady } from '../../bench/votes-server.ts';
import { describeEachDriver } from '../support/drivers.ts';

const serverScript = fileURLToPath(new URL('../../bench/votes-server.ts', import.meta.url));
const SEATS = 61;
const children: ChildProcess[] = [];
const sockets: Socket[] = [];
const dirs: string[] = [];

afterEach(() => {
  for (const s of sockets.splice(0)) s.disconnect();
  for (const c of children.splice(0))
    if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function startServer(
  dataDir: string,
  databaseUrl: string | undefined,
  resume: boolean,
): Promise<{ child: ChildProcess; ready: ServerReady }> {
  const env: NodeJS.ProcessEnv = { ...process.env, VOTES_RESUME: resume ? '1' : '0' };
  if (databaseUrl) env['BENCH_DATABASE_URL'] = databaseUrl;
  const child = fork(serverScript, [String(SEATS), dataDir], {
    execArgv: ['--import', 'tsx'],
    env,
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  children.push(child);
  return new Promise((resolve, reject) => {
    child.once('message', (m: ServerReady) => resolve({ child, ready: m }));
    child.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
}

function connect(port: number, token: string): Promise<Socket> {
  const s = io(`http://127.0.0.1:${port}`, {
    transports: ['websocket'],
    reconnection: false,
    extraHeaders: { cookie: `council_session=${token}` },
  });
  sockets.push(s);
  return new Promise((resolve, reject) => {
    s.once('connect', () => resolve(s));
    s.once('connect_error', reject);
  });
}

function emit<T>(
  s: Socket,
  event: string,
  payload: unknown,
  timeoutMs = 10_000,
): Promise<Ack<T> | null> {
  return new Promise((resolve) => {
    s.timeout(timeoutMs).emit(event, payload, (err: Error | null, answer: Ack<T>) =>
      resolve(err ? null : answer),
    );
  });
}

function exited(child: ChildProcess): Promise<void> {
  return new Promise((resolve) =>
    child.exitCode !== null || child.signalCode !== null
      ? resolve()
      : child.once('exit', () => resolve()),
  );
}

const choiceOf = (i: number): VoteChoice => (i % 3 === 0 ? 'no' : i % 5 === 0 ? 'abstain' : 'yes');

describeEachDriver('votes survive a SIGKILL', (driver) => {
  it('R20 R24: every acknowledged vote is stored; clients resynchronise by seq; the division goes on after the restart', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'votes-durability-'));
    dirs.push(dataDir);
    const databaseUrl = await driver.newDatabaseUrl();
    const first = await startServer(dataDir, databaseUrl, false);
    const { sittingId, deskToken, members, yes, no } = first.ready;

    const desk = await connect(first.ready.port, deskToken);
    expect((await emit<JoinResult>(desk, 'sitting:join', { sittingId }))?.ok).toBe(true);
    const started = await emit<{ events: StoredEvent[] }>(desk, 'sitting:command', {
      sittingId,
      command: { type: 'startDivision', yes, no, mode: 'devices' },
    });
    const divisionId = started?.ok
      ? started.data.events.find((e) => e.type === 'DivisionStarted')?.payload
      : undefined;
    const id =
      typeof divisionId === 'object' && divisionId !== null && 'divisionId' in divisionId
        ? String(divisionId.divisionId)
        : '';
    expect(id).not.toBe('');

    // A watching member keeps the last seq it has seen, as the web client does.
    const voters = await Promise.all(members.map(([, token]) => connect(first.ready.port, token)));
    await Promise.all(voters.map((s) => emit<JoinResult>(s, 'sitting:join', { sittingId })));
    const watcher = voters[0];
    if (!watcher) throw new Error('no watcher');
    let lastSeq = 0;
    watcher.on('sitting:event', (m: { events: StoredEvent[] }) => {
      for (const e of m.events) if (e.seq === lastSeq + 1 || lastSeq === 0) lastSeq = e.seq;
    });
    const joined = await emit<JoinResult>(watcher, 'sitting:join', { sittingId });
    if (joined?.ok) lastSeq = joined.data.seq;

    // Everyone votes at once; the server is killed once a third of the votes are acknowledged.
    const acked: { memberId: string; choice: VoteChoice }[] = [];
    let killed = false;
    await Promise.all(
      members.map(async ([memberId], i) => {
        const s = voters[i];
        if (!s) return;
        const choice = choiceOf(i);
        const ack = await emit(
          s,
          'sitting:command',
          { sittingId, command: { type: 'castVote', divisionId: id, memberId, choice } },
          8000,
        );
        if (ack?.ok) acked.push({ memberId, choice });
        if (acked.length >= SEATS / 3 && !killed) {
          killed = true;
          first.child.kill('SIGKILL');
        }
      }),
    );
    await exited(first.child);
    expect(killed).toBe(true);
    expect(acked.length).toBeGreaterThanOrEqual(Math.floor(SEATS / 3));
    const seqBefore = lastSeq;

    const second = await startServer(dataDir, databaseUrl, true);
    const port = second.ready.port;

    // Resynchronise by seq: exactly the events after the last one seen, in order, no gap.
    const [, watcherToken] = members[0] ?? ['', ''];
    const rejoined = await connect(port, watcherToken);
    const missed = await emit<JoinResult>(rejoined, 'sitting:join', {
      sittingId,
      sinceSeq: seqBefore,
    });
    expect(missed?.ok).toBe(true);
    if (!missed?.ok) return;
    const events = missed.data.events ?? [];
    events.forEach((e, k) => expect(e.seq).toBe(seqBefore + 1 + k));
    expect(events.at(-1)?.seq ?? seqBefore).toBe(missed.data.seq);

    // Every acknowledged vote is in the restarted server's state.
    const desk2 = await connect(port, deskToken);
    const snapshot = await emit<JoinResult>(desk2, 'sitting:join', { sittingId });
    if (!snapshot?.ok || !snapshot.data.state) throw new Error('no state after restart');
    const division = snapshot.data.state.decision.divisions[id];
    if (!division) throw new Error('division lost');
    expect(division.status).toBe('open');
    for (const v of acked) expect(voteOf(division, v.memberId)).toBe(v.choice);
    expect(division.voted).toBeGreaterThanOrEqual(acked.length);

    // The division goes on: the others vote now, then the desk closes it; nothing counts twice.
    const again = await Promise.all(members.map(([, token]) => connect(port, token)));
    await Promise.all(
      members.map(([memberId], i) => {
        const s = again[i];
        return s
          ? emit(s, 'sitting:command', {
              sittingId,
              command: { type: 'castVote', divisionId: id, memberId, choice: choiceOf(i) },
            })
          : Promise.resolve(null);
      }),
    );
    const closed = await emit<{ events: StoredEvent[] }>(desk2, 'sitting:command', {
      sittingId,
      command: { type: 'closeDivision', divisionId: id },
    });
    expect(closed?.ok).toBe(true);
    const result = closed?.ok ? closed.data.events[0]?.payload : undefined;
    const expected = { yes: 0, no: 0, abstain: 0 };
    members.forEach((_, i) => expected[choiceOf(i)]++);
    expect(result).toMatchObject({ ...expected, absent: 0 });
    second.child.send('stop');
    await exited(second.child);
  }, 240_000);
});
