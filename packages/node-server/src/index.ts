// Node-side start-up shared by the three services (and `npm start`, which hosts all three): run a Hono app on Node's HTTP
// server, and shut down cleanly on Ctrl-C / SIGTERM (no half-written rows). Not for browsers: packages/shared is.
import type { Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';

export interface Served {
  server: HttpServer;
  port: number;
}

export function listen(
  fetch: (request: Request) => Response | Promise<Response>,
  port: number,
  hostname: string,
): Promise<Served> {
  return new Promise((resolve, reject) => {
    const server = serve({ fetch, port, hostname }, (info: AddressInfo) =>
      resolve({ server: server as HttpServer, port: info.port }),
    );
    (server as HttpServer).once('error', reject);
  });
}

/** Run `stop` once on SIGINT/SIGTERM, then exit; a second signal exits at once. */
export function onShutdown(
  stop: () => Promise<void>,
  log: (m: string) => void = console.log,
): void {
  let stopping = false;
  const handler = (signal: string) => {
    if (stopping) process.exit(1);
    stopping = true;
    log(`${signal}: shutting down…`);
    stop()
      .then(() => {
        log('stopped cleanly');
        process.exit(0);
      })
      .catch((error: unknown) => {
        console.error('shutdown failed', error);
        process.exit(1);
      });
  };
  process.on('SIGINT', () => handler('SIGINT'));
  process.on('SIGTERM', () => handler('SIGTERM'));
}

/**
 * What escapes a handler is logged and the process goes on: one person's bad request must never end a sitting for
 * everyone (issue #11). The edge answers every input it knows of; this is the net under the handlers no one has
 * thought of, and the fuzz suite (tests/integration/edge-fuzz.int.test.ts) looks for them.
 */
export function keepRunning(log: (m: string, e?: unknown) => void = console.error): void {
  process.on('unhandledRejection', (reason) =>
    log('unhandled rejection; the process goes on', reason),
  );
  process.on('uncaughtException', (error) => log('uncaught exception; the process goes on', error));
}
