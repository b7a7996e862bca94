// Runs one integration suite on every database driver: embedded PGlite always, real PostgreSQL (DATABASE_URL, else
// a throw-away initdb cluster) when its binaries are here — loudly skipped locally without them, failing under CI.
import { afterAll, beforeAll, describe } from 'vitest';
import {
  postgresAvailable,
  startPostgresCluster,
  type PostgresCluster,
} from './postgres-cluster.ts';
import { requireProgram } from './requires.ts';

export interface DriverContext {
  name: 'PGlite' | 'PostgreSQL';
  /** A fresh database URL for PostgreSQL, undefined for PGlite (use a fresh dataDir). */
  newDatabaseUrl(): Promise<string | undefined>;
}

let counter = 0;

export function describeEachDriver(title: string, suite: (driver: DriverContext) => void): void {
  describe(`${title} [PGlite]`, () => {
    suite({ name: 'PGlite', newDatabaseUrl: () => Promise.resolve(undefined) });
  });
  const pg = requireProgram(
    'PostgreSQL server (initdb, pg_ctl)',
    postgresAvailable(),
    'Install postgresql or set DATABASE_URL.',
  );
  describe.runIf(pg)(`${title} [PostgreSQL]`, () => {
    let cluster: PostgresCluster | null = null;
    beforeAll(async () => {
      cluster = await startPostgresCluster();
    }, 120_000);
    afterAll(async () => {
      await cluster?.stop();
    });
    suite({
      name: 'PostgreSQL',
      newDatabaseUrl: async () => {
        if (!cluster) throw new Error('cluster not started');
        return cluster.createDatabase(`t_${process.pid}_${++counter}`);
      },
    });
  });
}
