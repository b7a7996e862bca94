// The ballot service: two stores (registrar and box, separate databases), the use cases, and the HTTP app.
import { fileURLToPath } from 'node:url';
import type { Hono } from 'hono';
import { openDatabase } from '@council/db';
import { boxSchema, registrarSchema } from './db/schema.ts';
import { registrarRepo } from './db/registrar.repo.ts';
import { boxRepo } from './db/box.repo.ts';
import { type OperationsDeps, createOperations } from './app/operations.ts';
import { createApp } from './http/app.ts';
import type { EdgeOptions } from '@council/node-server/edge';

export interface BallotServiceDeps {
  /** PGlite folder (`memory://` for memory); the registrar and box get separate sub-stores. */
  dataDir: string;
  registrarDatabaseUrl?: string;
  boxDatabaseUrl?: string;
  /** Ed25519 public key of plenary: verifies eligible rolls and voter assertions. */
  plenaryRollKey: () => Promise<Uint8Array>;
  log?: (m: string) => void;
  /** Clock (tests). */
  now?: () => Date;
  /** Mix rounds of the box (tests shorten them); see app/mix-round.ts. */
  mixRound?: OperationsDeps['mixRound'];
  /** Issuance rounds of the registrar (tests shorten them). */
  issueRound?: OperationsDeps['issueRound'];
  /** Window of the published live counts (tests pass 0: exact counts at once). */
  countsWindowMs?: number;
  /** Trusted proxies and allowed origins (CSRF and Secure cookies at the edge, issue 11 item 6). */
  edge?: EdgeOptions | undefined;
}

const migrations = (name: string) =>
  fileURLToPath(new URL(`../../../migrations/${name}`, import.meta.url));

function subDir(dataDir: string, name: string): string {
  return dataDir.startsWith('memory://') ? 'memory://' : `${dataDir.replace(/\/$/, '')}/${name}`;
}

export async function createBallotService(
  deps: BallotServiceDeps,
): Promise<{ app: Hono; close(): Promise<void> }> {
  const log = deps.log ?? ((m: string) => console.log(m));
  const registrarDb = await openDatabase({
    url: deps.registrarDatabaseUrl,
    dataDir: subDir(deps.dataDir, 'registrar'),
    migrationsFolder: migrations('ballot-registrar'),
    schema: registrarSchema,
  });
  let boxDb;
  try {
    boxDb = await openDatabase({
      url: deps.boxDatabaseUrl,
      dataDir: subDir(deps.dataDir, 'box'),
      migrationsFolder: migrations('ballot-box'),
      schema: boxSchema,
    });
  } catch (error) {
    await registrarDb.close();
    throw error;
  }
  const ops = createOperations({
    registrar: registrarRepo(registrarDb.db),
    box: boxRepo(boxDb.db),
    plenaryKey: deps.plenaryRollKey,
    now: deps.now ?? (() => new Date()),
    log,
    ...(deps.mixRound ? { mixRound: deps.mixRound } : {}),
    ...(deps.issueRound ? { issueRound: deps.issueRound } : {}),
    ...(deps.countsWindowMs !== undefined ? { countsWindowMs: deps.countsWindowMs } : {}),
  });
  const app = createApp({ ops, log, edge: deps.edge });
  const opened = boxDb;
  return {
    app,
    async close() {
      // Casts held for a round are stored before the databases close: each was about to be acknowledged.
      await ops.flush();
      await Promise.all([registrarDb.close(), opened.close()]);
    },
  };
}
