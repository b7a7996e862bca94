// The real start script as a child process: healthy on the embedded default, Ctrl-C (SIGINT) stops it cleanly and
// the data survives; a database that is down at start-up gives a clear message and a non-zero exit. Then the real
// `npm start`, stopped in five ways (Ctrl-C, SIGTERM to npm or node, SIGKILL to node or npm): no process of its tree
// (node, ffmpeg, Janus, coturn) may be left.
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findProgram, requireProgram } from '../support/requires.ts';

function start(env: Record<string, string>) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/start.ts'], {
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, exited, output: () => output };
}

async function waitFor(predicate: () => boolean, ms: number): Promise<void> {
  const until = Date.now() + ms;
  while (!predicate()) {
    if (Date.now() > until) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('start-up', () => {
  it('starts healthy with the demo council, stops cleanly on SIGINT and keeps its data', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'start-'));
    try {
      const first = start({ DATA_DIR: dir });
      await waitFor(() => /Health\s+http:\/\/localhost:\d+/.test(first.output()), 240_000);
      const port = /localhost:(\d+)\/healthz/.exec(first.output())?.[1];
      expect(first.output()).toContain('Seeded the demo council');
      expect(first.output()).toContain('ordforande');
      // R09: with Janus installed, npm start runs the video room too.
      if (findProgram('janus')) expect(first.output()).toMatch(/Room screen\s+http/);
      const health = await fetch(`http://127.0.0.1:${port}/healthz`);
      expect(health.status).toBe(200);
      // Issue 15: the addresses the banner prints, with their slash, reach their own services.
      expect(first.output()).toContain(`localhost:${port}/webcast/`);
      const webcast = await (await fetch(`http://127.0.0.1:${port}/webcast/`)).text();
      expect(webcast).toContain('/webcast/assets/');
      const ballot = await fetch(`http://127.0.0.1:${port}/ballot/`);
      expect(ballot.status).toBe(200);
      expect(await ballot.text()).toContain('<h1>Sluten omröstning</h1>');
      // And the plenary shell still answers its own paths, with or without the slash.
      for (const path of ['/member', '/member/'])
        expect(await (await fetch(`http://127.0.0.1:${port}${path}`)).text()).not.toContain(
          'Sluten omröstning',
        );
      first.child.kill('SIGINT');
      expect(await first.exited).toBe(0);
      expect(first.output()).toContain('stopped cleanly');

      const second = start({ DATA_DIR: dir });
      await waitFor(() => /Health\s+http/.test(second.output()), 240_000);
      expect(second.output()).not.toContain('Seeded the demo council');
      second.child.kill('SIGTERM');
      expect(await second.exited).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 600_000);

  it('exits non-zero with a clear message when the database is down', async () => {
    const run = start({
      DATABASE_URL: 'postgres://nobody@127.0.0.1:1/council',
      DATA_DIR: tmpdir(),
    });
    const code = await run.exited;
    expect(code).not.toBe(0);
    expect(run.output()).toMatch(/could not start: Cannot reach the PostgreSQL server/);
  }, 240_000);
});

// ——— Stopping (issue #11 item 8): `npm start` and every process it starts end together, however it is stopped ———

/** Every live process of this machine with `marker` in its environment: the tree of one start, whoever its parent. */
function processesMarked(marker: string): { pid: number; name: string }[] {
  const found: { pid: number; name: string }[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // A zombie has no environment left: it is gone for this purpose.
      if (!readFileSync(`/proc/${entry}/environ`, 'latin1').includes(marker)) continue;
      const name = readFileSync(`/proc/${entry}/comm`, 'utf8').trim();
      found.push({ pid: Number(entry), name });
    } catch {
      // gone while we looked, or not ours to read
    }
  }
  return found;
}

/** The node process running scripts/start.ts among them. */
function startProcess(procs: { pid: number }[]): number | undefined {
  return procs.find((p) => {
    try {
      return readFileSync(`/proc/${p.pid}/cmdline`, 'utf8').includes('scripts/start.ts');
    } catch {
      return false;
    }
  })?.pid;
}

const ffmpeg = findProgram('ffmpeg');
const stoppingRuns = requireProgram(
  'ffmpeg',
  process.platform === 'linux' && ffmpeg !== null,
  'The stopping test needs Linux /proc and ffmpeg (the webcast encoders it must see end).',
);

describe.runIf(stoppingRuns)('stopping npm start', () => {
  // One data directory for the five starts: the demo council is seeded once (its scrypt hashes are the slow part).
  let dir = '';
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'stop-'));
  });
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });
  type Way = 'Ctrl-C' | 'SIGTERM to npm' | 'SIGTERM to node' | 'SIGKILL to node' | 'SIGKILL to npm';
  const ways: { way: Way; clean: boolean }[] = [
    { way: 'Ctrl-C', clean: true },
    { way: 'SIGTERM to npm', clean: true },
    { way: 'SIGTERM to node', clean: true },
    { way: 'SIGKILL to node', clean: false },
    { way: 'SIGKILL to npm', clean: true },
  ];

  it.each(ways)(
    '$way: no process of the tree is left',
    async ({ way, clean }) => {
      const marker = `COUNCIL_STOP_TEST=${randomUUID()}`;
      const [key = '', value = ''] = marker.split('=');
      // npm in a process group of its own, as a terminal starts it: Ctrl-C signals the whole group. The build is
      // the test run's own (--ignore-scripts skips `prestart` only).
      const npm = spawn('npm', ['start', '--ignore-scripts'], {
        env: { ...process.env, PORT: '0', HOST: '127.0.0.1', DATA_DIR: dir, [key]: value },
        stdio: ['ignore', 'pipe', 'pipe'],
        detached: true,
      });
      let output = '';
      npm.stdout.on('data', (d: Buffer) => (output += d.toString()));
      npm.stderr.on('data', (d: Buffer) => (output += d.toString()));
      try {
        await waitFor(() => /Health\s+http:\/\/localhost:\d+/.test(output), 240_000);
        // Ready when the webcast's encoders run (and, with Janus installed, the video room's servers).
        await waitFor(() => processesMarked(marker).some((p) => p.name === 'ffmpeg'), 30_000);
        if (findProgram('janus'))
          await waitFor(() => processesMarked(marker).some((p) => p.name === 'janus'), 30_000);
        const tree = processesMarked(marker);
        const node = startProcess(tree);
        if (node === undefined) throw new Error(`no start.ts process in ${JSON.stringify(tree)}`);
        console.log(`${way}: stopping ${tree.map((p) => p.name).join(', ')}`);
        const npmPid = npm.pid ?? 0;
        if (way === 'Ctrl-C') process.kill(-npmPid, 'SIGINT');
        else if (way === 'SIGTERM to npm') process.kill(npmPid, 'SIGTERM');
        else if (way === 'SIGTERM to node') process.kill(node, 'SIGTERM');
        else if (way === 'SIGKILL to node') process.kill(node, 'SIGKILL');
        else process.kill(npmPid, 'SIGKILL');

        const left = await new Promise<{ pid: number; name: string }[]>((resolve) => {
          const until = Date.now() + 25_000;
          const look = () => {
            const now = processesMarked(marker);
            if (now.length === 0 || Date.now() > until) resolve(now);
            else setTimeout(look, 200);
          };
          look();
        });
        expect(left, `${way}: left running (${tree.map((p) => p.name).join(', ')} before)`).toEqual(
          [],
        );
        expect(tree.map((p) => p.name)).toContain('ffmpeg');
        if (clean) {
          expect(output).toContain('shutting down…');
          expect(output).toContain('stopped cleanly');
          // One Ctrl-C reaches node twice (terminal and npm): the echo must not cut the clean stop short.
          expect(output).not.toContain('stopping now');
        }
      } finally {
        for (const p of processesMarked(marker)) process.kill(p.pid, 'SIGKILL');
      }
    },
    360_000,
  );
});
