// Several plenary nodes as separate processes on one PostgreSQL, behind a real HAProxy (Debian's), for the multi-node
// tests and the votes bench: each node is `apps/plenary/src/main.ts` on a free port; HAProxy balances WebSockets and
// HTTP over them, and a `?node=<name>` query pins a client to one node while it is up (else any live node takes it).
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from './postgres-cluster.ts';
import { findProgram } from './requires.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));

export const haproxyPath = (): string | null => findProgram('haproxy', ['/usr/sbin/haproxy']);

export interface PlenaryNode {
  name: string;
  port: number;
  url: string;
  process: ChildProcess;
  /** Everything the node printed (for a failing test's message). */
  output(): string;
  /** SIGKILL: no shutdown, no goodbye to PostgreSQL or the sockets. */
  kill(): Promise<void>;
  stop(): Promise<void>;
}

function exited(child: ChildProcess): Promise<void> {
  return child.exitCode !== null || child.signalCode !== null
    ? Promise.resolve()
    : new Promise((resolve) => child.once('exit', () => resolve()));
}

/** Start one node; resolves once it listens. */
export async function startPlenaryNode(
  name: string,
  env: Record<string, string>,
  nodeFlags: readonly string[] = [],
): Promise<PlenaryNode> {
  const dataDir = mkdtempSync(join(tmpdir(), `plenary-node-${name}-`));
  const child = spawn(
    process.execPath,
    [...nodeFlags, '--import', 'tsx', join(root, 'apps/plenary/src/main.ts')],
    {
      cwd: root,
      env: {
        ...process.env,
        PORT: '0',
        HOST: '127.0.0.1',
        DATA_DIR: dataDir,
        SEED_DEMO: 'true',
        // These nodes test the fan-out and the leader, not the video room: with Janus running, a remote member's
        // function check would wait for their browser to decode the room.
        VIDEO_ROOM: 'off',
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let out = '';
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`node ${name} did not start:\n${out}`)),
      60_000,
    );
    const onData = () => {
      const m = /plenary on http:\/\/localhost:(\d+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(Number(m[1]));
      }
    };
    child.stdout?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`node ${name} exited (${code}) before listening:\n${out}`));
    });
  });
  const cleanup = () => rmSync(dataDir, { recursive: true, force: true });
  return {
    name,
    port,
    url: `http://127.0.0.1:${port}`,
    process: child,
    output: () => out,
    async kill() {
      child.kill('SIGKILL');
      await exited(child);
      cleanup();
    },
    async stop() {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited(child);
      clearTimeout(timer);
      cleanup();
    },
  };
}

export interface Haproxy {
  url: string;
  port: number;
  /** The URL that pins a client to one node while it is up. */
  pinned(node: string): string;
  stop(): Promise<void>;
}

/** HAProxy on a free port in front of the nodes: health checks every 500 ms, a failed connect tries another node. */
export async function startHaproxy(
  nodes: readonly { name: string; port: number }[],
  /** Client connections at most: each needs two file descriptors (client and server side). */
  maxconn = 4000,
): Promise<Haproxy> {
  const bin = haproxyPath();
  if (!bin) throw new Error('haproxy not found');
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'haproxy-'));
  const config = [
    'global',
    `  maxconn ${maxconn}`,
    'defaults',
    '  mode http',
    '  timeout connect 1s',
    '  timeout client 60s',
    '  timeout server 60s',
    // A WebSocket is a tunnel once upgraded: it lives as long as the sitting.
    '  timeout tunnel 1h',
    '  option redispatch',
    '  retries 3',
    'frontend council',
    `  bind 127.0.0.1:${port}`,
    '  default_backend plenary',
    'backend plenary',
    '  balance roundrobin',
    '  option httpchk GET /healthz',
    // A pinned node that is down is passed over, and the client lands on a live one.
    ...nodes.map((n) => `  use-server ${n.name} if { urlp(node) -m str ${n.name} }`),
    ...nodes.map((n) => `  server ${n.name} 127.0.0.1:${n.port} check inter 500 fall 1 rise 2`),
    '',
  ].join('\n');
  const file = join(dir, 'haproxy.cfg');
  writeFileSync(file, config);
  const child = spawn(bin, ['-db', '-f', file], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 20_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`haproxy exited:\n${out}`);
    const up = await fetch(`${url}/healthz`)
      .then((r) => r.ok)
      .catch(() => false);
    if (up) break;
    if (Date.now() > deadline) throw new Error(`haproxy did not come up:\n${out}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    url,
    port,
    pinned: (node) => `${url}/?node=${node}`,
    async stop() {
      child.kill('SIGTERM');
      await exited(child);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
