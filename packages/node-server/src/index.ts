// Node-side start-up shared by the three services (and `npm start`, which hosts all three): run a Hono app on Node's HTTP
// server, and shut down cleanly on Ctrl-C / SIGTERM (no half-written rows). Not for browsers: packages/shared is.
import type { Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
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

export interface ShutdownOptions {
  log?: (m: string) => void;
  /** A stop that takes longer is given up: the process exits 1 and the kernel ends its children (spawnBound). */
  deadlineMs?: number;
  /** A second signal this soon after the first is the same Ctrl-C delivered twice (by the terminal and by npm). */
  repeatMs?: number;
  /** Also stop when this process's parent goes (npm or the shell killed outright): checked this often. */
  watchParentMs?: number | null;
}

/**
 * Run `stop` once on SIGINT, SIGTERM or SIGHUP, or when the parent process goes away, then exit 0 and say so. Ctrl-C
 * reaches the process twice under npm (the terminal signals the whole group, npm forwards it): a repeat within
 * `repeatMs` is that echo and is ignored, a later one means "now" and exits at once. A stop that hangs ends at the
 * deadline. Whatever way it exits, children started with spawnBound end with it.
 */
export function onShutdown(stop: () => Promise<void>, options: ShutdownOptions = {}): void {
  const log = options.log ?? console.log;
  const deadlineMs = options.deadlineMs ?? 20_000;
  const repeatMs = options.repeatMs ?? 2_000;
  let stoppingSince: number | null = null;
  const shutdown = (reason: string) => {
    if (stoppingSince !== null) {
      if (Date.now() - stoppingSince < repeatMs) return;
      log(`${reason} again: stopping now, without waiting for a clean stop`);
      process.exit(1);
    }
    stoppingSince = Date.now();
    log(`${reason}: shutting down…`);
    setTimeout(() => {
      console.error(`shutdown did not finish within ${deadlineMs / 1000} s; exiting`);
      process.exit(1);
    }, deadlineMs).unref();
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
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const)
    process.on(signal, () => shutdown(signal));
  const every = options.watchParentMs === undefined ? 1_000 : options.watchParentMs;
  if (every !== null) {
    // Linux does not tell a process its parent died. A changed ppid (reparented to init) says so; so does an
    // ancestor of our own process group going (npm killed outright leaves the `sh -c` between it and us waiting).
    const parent = process.ppid;
    const ancestors = ancestorsInGroup();
    setInterval(() => {
      if (stoppingSince !== null) return; // already stopping: a gone parent is no reason to hurry
      if (process.ppid !== parent) shutdown(`parent process ${parent} is gone`);
      else {
        const gone = ancestors.find((a) => !alive(a));
        if (gone) shutdown(`parent process ${gone.pid} (${gone.name}) is gone`);
      }
    }, every).unref();
  }
}

interface ProcessStat {
  pid: number;
  name: string;
  state: string;
  ppid: number;
  pgrp: number;
  startTime: string;
}

/** /proc/<pid>/stat, or null (not Linux, or no such process). */
function statOf(pid: number): ProcessStat | null {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const close = text.lastIndexOf(')');
    const name = text.slice(text.indexOf('(') + 1, close);
    const f = text.slice(close + 2).split(' ');
    // After the name: state ppid pgrp session tty tpgid flags minflt cminflt majflt cmajflt utime stime cutime
    // cstime priority nice threads itrealvalue starttime.
    return {
      pid,
      name,
      state: f[0] ?? '',
      ppid: Number(f[1]),
      pgrp: Number(f[2]),
      startTime: f[19] ?? '',
    };
  } catch {
    return null;
  }
}

/** Our ancestors in our own process group (npm and the shell it ran us in), nearest first. */
function ancestorsInGroup(): ProcessStat[] {
  const own = statOf(process.pid);
  const out: ProcessStat[] = [];
  for (let pid = process.ppid; own && pid > 1 && out.length < 16;) {
    const s = statOf(pid);
    if (!s || s.pgrp !== own.pgrp) break;
    out.push(s);
    pid = s.ppid;
  }
  return out;
}

/** Still the same live process (not gone, not a zombie, not its pid reused). */
function alive(p: ProcessStat): boolean {
  const now = statOf(p.pid);
  return now !== null && now.state !== 'Z' && now.startTime === p.startTime;
}

/**
 * What escapes a handler is logged and the process goes on: one person's bad request must never end a sitting for
 * everyone (issue #11). The edge answers every input it knows of; this is the net under the handlers no one has
 * thought of, and the fuzz suite (tests/integration/fuzz-edge.int.test.ts) looks for them.
 */
export function keepRunning(log: (m: string, e?: unknown) => void = console.error): void {
  process.on('unhandledRejection', (reason) =>
    log('unhandled rejection; the process goes on', reason),
  );
  process.on('uncaughtException', (error) => log('uncaught exception; the process goes on', error));
}
