import { spawn } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { Supervisor } from './supervisor.ts';

const node = process.execPath;
let current: Supervisor | null = null;
afterEach(async () => {
  await current?.stop(200);
  current = null;
});

const until = async (ok: () => boolean, ms = 5000) => {
  const end = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 10));
  }
};

describe('Supervisor', () => {
  it('restarts a dying child with growing back-off and keeps the tail of its log', async () => {
    const starts: number[] = [];
    current = new Supervisor({
      name: 't',
      spawn: () => {
        starts.push(Date.now());
        return spawn(node, ['-e', 'console.error("line " + Date.now()); process.exit(3)'], {
          stdio: ['ignore', 'ignore', 'pipe'],
        });
      },
      minBackoffMs: 20,
      maxBackoffMs: 80,
      tailLines: 2,
    });
    current.start();
    await until(() => starts.length >= 4);
    expect(current.restarts).toBeGreaterThanOrEqual(3);
    const gaps = starts.slice(1).map((t, i) => t - (starts[i] ?? 0));
    expect(gaps[2] ?? 0).toBeGreaterThanOrEqual(70); // 20, 40, 80 ms
    await until(() => current?.tail.length === 2);
    expect(current.tail[0]).toMatch(/^line \d+$/);
  });

  it('does not restart after stop, and stop ends a child that ignores SIGTERM', async () => {
    let spawned = 0;
    current = new Supervisor({
      name: 't',
      spawn: () => {
        spawned += 1;
        return spawn(
          node,
          [
            '-e',
            'process.on("SIGTERM", () => {}); console.log("ready"); setInterval(() => {}, 1000)',
          ],
          { stdio: ['ignore', 'pipe', 'ignore'] },
        );
      },
    });
    current.start();
    await until(() => current?.child !== null);
    const child = current.child;
    await new Promise((r) => child?.stdout?.once('data', r)); // its SIGTERM handler is installed
    await current.stop(100);
    expect(child?.signalCode).toBe('SIGKILL');
    await new Promise((r) => setTimeout(r, 100));
    expect(spawned).toBe(1);
  });

  it('restart: false leaves a finished child finished', async () => {
    let spawned = 0;
    current = new Supervisor({
      name: 't',
      restart: false,
      spawn: () => (spawned++, spawn(node, ['-e', '0'], { stdio: 'ignore' })),
    });
    current.start();
    await until(() => !current?.running);
    expect(spawned).toBe(1);
  });
});
