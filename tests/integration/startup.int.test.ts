// The real start script as a child process: healthy on the embedded default, Ctrl-C (SIGINT) stops it cleanly and
// the data survives; a database that is down at start-up gives a clear message and a non-zero exit.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findProgram } from '../support/requires.ts';

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
      await waitFor(() => /Health\s+http:\/\/localhost:\d+/.test(first.output()), 60_000);
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
      await waitFor(() => /Health\s+http/.test(second.output()), 60_000);
      expect(second.output()).not.toContain('Seeded the demo council');
      second.child.kill('SIGTERM');
      expect(await second.exited).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 150_000);

  it('exits non-zero with a clear message when the database is down', async () => {
    const run = start({
      DATABASE_URL: 'postgres://nobody@127.0.0.1:1/council',
      DATA_DIR: tmpdir(),
    });
    const code = await run.exited;
    expect(code).not.toBe(0);
    expect(run.output()).toMatch(/could not start: Cannot reach the PostgreSQL server/);
  }, 60_000);
});
