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
}): Promise<Database<PlenarySchema>> {
  return openDatabase({
    url: options.url,
    dataDir: options.dataDir,
    migrationsFolder: plenaryMigrations,
    schema,
  });
}
