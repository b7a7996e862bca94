// A throw-away PostgreSQL cluster for integration tests: initdb into a temp dir, a free port, torn down after.
// initdb refuses root, so as root it runs as the `postgres` user on a directory that user owns.
import { execFileSync, spawnSync } from 'node:child_process';
import { chownSync, mkdtempSync, rmSync, existsSync, readdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import postgres from 'postgres';

export interface PostgresCluster {
  url(database: string): string;
  createDatabase(name: string): Promise<string>;
  stop(): Promise<void>;
}

function pgBin(): string | null {
  if (process.env.PG_BIN && existsSync(join(process.env.PG_BIN, 'initdb')))
    return process.env.PG_BIN;
  const root = '/usr/lib/postgresql';
  if (existsSync(root)) {
    const versions = readdirSync(root).sort((a, b) => Number(b) - Number(a));
    for (const v of versions)
      if (existsSync(join(root, v, 'bin', 'initdb'))) return join(root, v, 'bin');
  }
  const r = spawnSync('sh', ['-c', 'command -v initdb'], { encoding: 'utf8' });
  const found = r.stdout.trim();
  return found ? found.replace(/\/initdb$/, '') : null;
}

export function postgresAvailable(): boolean {
  return Boolean(process.env.DATABASE_URL) || pgBin() !== null;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Start a cluster, or use DATABASE_URL's server (databases created there are dropped after). */
export async function startPostgresCluster(): Promise<PostgresCluster> {
  const external = process.env.DATABASE_URL;
  if (external) return externalCluster(external);
  const bin = pgBin();
  if (!bin) throw new Error('PostgreSQL server binaries (initdb, pg_ctl) not found');
  const dir = mkdtempSync(join(tmpdir(), 'council-pg-'));
  const isRoot = process.getuid?.() === 0;
  const run = (cmd: string, args: string[]) => {
    const full = join(bin, cmd);
    if (isRoot) execFileSync('runuser', ['-u', 'postgres', '--', full, ...args], { stdio: 'pipe' });
    else execFileSync(full, args, { stdio: 'pipe' });
  };
  if (isRoot) {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
    chownSync(dir, uid, gid);
  }
  const data = join(dir, 'data');
  run('initdb', [
    '-D',
    data,
    '-A',
    'trust',
    '-U',
    'postgres',
    '--no-sync',
    '-E',
    'UTF8',
    '--locale=C',
  ]);
  const port = await freePort();
  run('pg_ctl', [
    '-D',
    data,
    '-l',
    join(dir, 'log'),
    '-w',
    '-t',
    '60',
    '-o',
    `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200`,
    'start',
  ]);
  const base = `postgres://postgres@127.0.0.1:${port}`;
  const admin = postgres(`${base}/postgres`, { max: 1, onnotice: () => undefined });
  return {
    url: (database) => `${base}/${database}`,
    async createDatabase(name) {
      await admin.unsafe(`create database "${name}"`);
      return `${base}/${name}`;
    },
    async stop() {
      await admin.end({ timeout: 1 });
      try {
        run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

function externalCluster(url: string): PostgresCluster {
  const admin = postgres(url, { max: 1, onnotice: () => undefined });
  const created: string[] = [];
  const withDb = (name: string) => {
    const u = new URL(url);
    u.pathname = '/' + name;
    return u.toString();
  };
  return {
    url: withDb,
    async createDatabase(name) {
      await admin.unsafe(`create database "${name}"`);
      created.push(name);
      return withDb(name);
    },
    async stop() {
      for (const name of created)
        await admin.unsafe(`drop database if exists "${name}" with (force)`);
      await admin.end({ timeout: 1 });
    },
  };
}
