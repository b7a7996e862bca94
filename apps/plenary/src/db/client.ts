// Opens plenary's own database (PGlite by default, PostgreSQL with DATABASE_URL) with its migrations.
import { fileURLToPath } from 'node:url';
import { openDatabase, type Database, type Db } from '@council/db';
import * as schema from './schema.ts';

export type PlenarySchema = typeof schema;
export type PlenaryDb = Db<PlenarySchema>;
export type PlenaryTx = Parameters<Parameters<PlenaryDb['transaction']>[0]>[0];

export const plenaryMigrations = fileURLToPath(
  new URL('../../../../migrations/plenary', import.meta.url),
);

export function openPlenaryDatabase(options: {
  url?: string | undefined;
  dataDir: string;
  /** false: the role is not the owner (docs/security.md); the migrations must already be applied. */
  migrate?: boolean;
}): Promise<Database<PlenarySchema>> {
  return openDatabase({
    url: options.url,
    dataDir: options.dataDir,
    ...(options.migrate === false ? { migrate: false } : {}),
    migrationsFolder: plenaryMigrations,
    schema,
  });
}
