// Child processes of the video room (Janus, coturn, the chamber's ffmpeg) that end with plenary even when plenary is
// killed outright (spawnBound, shared with the webcast's ffmpeg), and the ports they listen on.
import { createServer, connect } from 'node:net';
import { createSocket } from 'node:dgram';

export { findExecutable, spawnBound } from '@council/node-server/bound-child';

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
  /** The address the program listens on: a coturn on TURN_LISTEN_IP is not on loopback. */
  host = '127.0.0.1',
): Promise<void> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const ok = await new Promise<boolean>((resolve) => {
      const socket = connect({ port, host });
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
