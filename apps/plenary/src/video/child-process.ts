// Child processes of the video room (Janus, coturn, the chamber's ffmpeg) that end with plenary even when plenary is
// killed outright: Linux's parent-death signal through util-linux `setpriv`, where it is installed.
import { spawn, type ChildProcess } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { createServer, connect } from 'node:net';
import { createSocket } from 'node:dgram';
import { delimiter, join } from 'node:path';

/** The first executable called `name` on PATH (or the explicit path when it is executable). */
export function findExecutable(name: string, explicit?: string): string | null {
  const candidates = explicit
    ? [explicit]
    : (process.env['PATH'] ?? '')
        .split(delimiter)
        .filter(Boolean)
        .map((d) => join(d, name));
  for (const c of candidates) {
    try {
      accessSync(c, constants.X_OK);
      return c;
    } catch {
      // not here; next
    }
  }
  return null;
}

const setpriv = process.platform === 'linux' ? findExecutable('setpriv') : null;

/** Spawns `bin args` so that it gets SIGTERM when this process dies (however it dies). */
export function spawnBound(bin: string, args: readonly string[]): ChildProcess {
  const [command, argv] = setpriv
    ? [setpriv, ['--pdeathsig', 'SIGTERM', '--', bin, ...args]]
    : [bin, [...args]];
  return spawn(command, argv, { stdio: ['ignore', 'pipe', 'pipe'] });
}

/** A TCP port free right now on 127.0.0.1 (and its UDP twin, for TURN which listens on both). */
export async function freePort(udpToo = false): Promise<number> {
  for (let attempt = 0; attempt < 20; attempt++) {
    const port = await new Promise<number>((resolve, reject) => {
      const server = createServer();
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => {
        const address = server.address();
        const p = typeof address === 'object' && address ? address.port : 0;
        server.close(() => resolve(p));
      });
    });
    if (!udpToo) return port;
    const udpFree = await new Promise<boolean>((resolve) => {
      const s = createSocket('udp4');
      s.once('error', () => resolve(false));
      s.bind(port, '127.0.0.1', () => s.close(() => resolve(true)));
    });
    if (udpFree) return port;
  }
  throw new Error('no free port found');
}

/** A random UDP range for media, so parallel runs rarely meet (libnice and coturn skip ports in use anyway). */
export function mediaPortRange(width = 1000): { min: number; max: number } {
  const min = 20_000 + Math.floor(Math.random() * ((60_000 - 20_000 - width) / 2)) * 2;
  return { min, max: min + width - 1 };
}

/** Resolves when something accepts TCP connections on the port; rejects after `timeoutMs` or if `gone()` turns true. */
export async function waitForTcp(
  port: number,
  timeoutMs: number,
  gone: () => string | null = () => null,
): Promise<void> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const ok = await new Promise<boolean>((resolve) => {
      const socket = connect({ port, host: '127.0.0.1' });
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (ok) return;
    const why = gone();
    if (why) throw new Error(why);
    if (Date.now() > end)
      throw new Error(`nothing listened on port ${port} within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
