// Opens a service's own database: embedded PGlite by default, PostgreSQL through postgres.js when a URL is given.
// Migrations (drizzle-kit SQL in migrations/<service>/) are applied on open, on both drivers.
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import postgres from 'postgres';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';

export type Db<TSchema extends Record<string, unknown>> = PgDatabase<PgQueryResultHKT, TSchema>;

export interface OpenDatabaseOptions<TSchema extends Record<string, unknown>> {
  /** postgres://… — when set, a real PostgreSQL server through postgres.js. */
  url?: string | undefined;
  /** Folder for the embedded PGlite data when no URL is given; `memory://` keeps it in memory. */
  dataDir: string;
  /** Absolute path of this service's migrations folder. */
  migrationsFolder: string;
  schema: TSchema;
  /** Max connections for postgres.js. */
  maxConnections?: number;
  /**
   * false: do not migrate (the role is not the tables' owner and may not create or alter them); the opening then only
   * checks that every migration in the folder has been applied, and fails naming the command that applies them.
   */
  migrate?: boolean;
}

export interface Database<TSchema extends Record<string, unknown>> {
  db: Db<TSchema>;
  driver: 'pglite' | 'postgres';
  /**
   * LISTEN on a channel over a connection of its own (PostgreSQL only: PGlite is one process, whose in-process
   * listeners need no notifications). `onListen` runs on every (re)connect: whatever was sent while the connection
   * was down is lost, so a caller catches up there. Resolves to the unlisten function.
   */
  listen:
    | ((
        channel: string,
        onNotify: (payload: string) => void,
        onListen?: () => void,
      ) => Promise<() => Promise<void>>)
    | null;
  /** A new single connection of its own, for session state such as advisory locks (PostgreSQL only). */
  session: (() => DedicatedSession) | null;
  close(): Promise<void>;
}

/** One connection, never recycled by the pool: a session-level advisory lock lives exactly as long as it. */
export interface DedicatedSession {
  query<T extends Record<string, unknown>>(text: string, params?: readonly unknown[]): Promise<T[]>;
  close(): Promise<void>;
}

/** A dedicated connection to PostgreSQL at `url` (no schema, no migrations): what a leader lock needs. */
export function openSession(url: string): DedicatedSession {
  // max_lifetime null: postgres.js would otherwise replace the connection after ~30–60 min, and with it the lock.
  const one = postgres(url, {
    max: 1,
    idle_timeout: 0,
    max_lifetime: null,
    connect_timeout: 3,
    onnotice: () => undefined,
  });
  return {
    query: async <T extends Record<string, unknown>>(
      text: string,
      params: readonly unknown[] = [],
    ) => [...(await one.unsafe<T[]>(text, params as never[]))],
    close: () => one.end({ timeout: 1 }),
  };
}

export {
  LEADER_LOCK_KEY,
  WEBCAST_LOCK_KEY,
  soleLeader,
  startLeaderElection,
  type Leader,
} from './leader.ts';

export class DatabaseUnavailableError extends Error {
  override readonly name = 'DatabaseUnavailableError';
}

export async function openDatabase<TSchema extends Record<string, unknown>>(
  options: OpenDatabaseOptions<TSchema>,
): Promise<Database<TSchema>> {
  if (options.url) {
    const client = postgres(options.url, {
      max: options.maxConnections ?? 10,
      onnotice: () => undefined,
      connect_timeout: 10,
    });
    try {
      await client`select 1`;
    } catch (error) {
      await client.end({ timeout: 1 });
      const reason = error instanceof Error ? error.message : String(error);
      throw new DatabaseUnavailableError(
        `Cannot reach the PostgreSQL server at DATABASE_URL: ${reason}`,
      );
    }
    const db = drizzlePostgres({ client, schema: options.schema });
    if (options.migrate === false) {
      try {
        await assertMigrated(db, options.migrationsFolder);
      } catch (error) {
        await client.end({ timeout: 1 });
        throw error;
      }
    } else await migratePostgres(db, { migrationsFolder: options.migrationsFolder });
    const url = options.url;
    return {
      db,
      driver: 'postgres',
      listen: async (channel, onNotify, onListen) => {
        const request = await client.listen(channel, onNotify, onListen);
        return () => request.unlisten();
      },
      session: () => openSession(url),
      close: () => client.end({ timeout: 5 }),
    };
  }
  if (!options.dataDir.startsWith('memory://')) mkdirSync(options.dataDir, { recursive: true });
  const client = await PGlite.create(options.dataDir);
  const db = drizzlePglite({ client, schema: options.schema });
  await migratePglite(db, { migrationsFolder: options.migrationsFolder });
  return {
    db,
    driver: 'pglite',
    listen: null,
    session: null,
    close: async () => {
      if (!client.closed) await client.close();
    },
  };
}

/** The rows of a raw `db.execute`: postgres.js answers an array, PGlite an object with `rows`. */
export function rowsOf<T>(result: unknown): T[] {
  if (Array.isArray(result)) return result as T[];
  const rows = (result as { rows?: unknown } | null)?.rows;
  return Array.isArray(rows) ? (rows as T[]) : [];
}

/** Fails unless drizzle's journal in the database holds every migration of the folder. */
async function assertMigrated(
  db: Db<Record<string, unknown>>,
  migrationsFolder: string,
): Promise<void> {
  const journal = JSON.parse(
    readFileSync(join(migrationsFolder, 'meta', '_journal.json'), 'utf8'),
  ) as { entries: unknown[] };
  let applied = 0;
  try {
    const rows = rowsOf<{ n: number }>(
      await db.execute(sql`select count(*)::int as n from drizzle.__drizzle_migrations`),
    );
    applied = rows[0]?.n ?? 0;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new DatabaseUnavailableError(
      `Cannot read the applied migrations (${reason}): run \`npm run db:migrate\` as the tables' owner first.`,
    );
  }
  if (applied < journal.entries.length)
    throw new DatabaseUnavailableError(
      `${journal.entries.length - applied} migration(s) not applied yet: run \`npm run db:migrate\` as the tables' owner.`,
    );
}

/** True when the database answers a trivial query. */
export async function ping(db: Db<Record<string, unknown>>): Promise<boolean> {
  try {
    await db.execute(sql`select 1`);
    return true;
  } catch {
    return false;
  }
}
