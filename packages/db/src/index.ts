// Opens a service's own database: embedded PGlite by default, PostgreSQL through postgres.js when a URL is given.
// Migrations (drizzle-kit SQL in migrations/<service>/) are applied on open, on both drivers.
import { mkdirSync } from 'node:fs';
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
}

export interface Database<TSchema extends Record<string, unknown>> {
  db: Db<TSchema>;
  driver: 'pglite' | 'postgres';
  close(): Promise<void>;
}

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
    await migratePostgres(db, { migrationsFolder: options.migrationsFolder });
    return { db, driver: 'postgres', close: () => client.end({ timeout: 5 }) };
  }
  if (!options.dataDir.startsWith('memory://')) mkdirSync(options.dataDir, { recursive: true });
  const client = await PGlite.create(options.dataDir);
  const db = drizzlePglite({ client, schema: options.schema });
  await migratePglite(db, { migrationsFolder: options.migrationsFolder });
  return {
    db,
    driver: 'pglite',
    close: async () => {
      if (!client.closed) await client.close();
    },
  };
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
