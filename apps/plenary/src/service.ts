// Assembles plenary: database (PGlite or PostgreSQL), demo seed, engine, auth, HTTP app and realtime.
import type { Server as HttpServer } from 'node:http';
import { fileURLToPath } from 'node:url';
import { openPlenaryDatabase } from './db/client.ts';
import { createSittingEngine } from './app/sitting-engine.ts';
import { createAuth, toActor } from './app/auth.ts';
import { isDesk } from './domain/sitting/roles.ts';
import { seedDemoCouncil } from './app/seed.ts';
import { clearDemoPasswords } from './db/accounts.repo.ts';
import { loadRollSigner } from './app/roll-signing-key.ts';
import { ephemeralLogSigner, loadLogSigner, type LogSigner } from './app/log-signer.ts';
import { createIngestTokens } from './app/ingest-tokens.ts';
import { idText, invalidInput, isRejection, reject } from '@council/shared';
import { sendRejection } from './http/errors.ts';
import { createApp } from './http/app.ts';
import { createRealtime } from './realtime/io.ts';
import {
  createAttendanceMonitor,
  type AttendanceMonitorOptions,
} from './app/attendance-monitor.ts';
import { attendanceHandlers } from './realtime/attendance.handlers.ts';
import { createSecretBallots, type BallotClient } from './app/secret-ballot.ts';
import { secretBallotRoutes } from './http/secret-ballot.routes.ts';

export const defaultWebDist = fileURLToPath(new URL('../web/dist', import.meta.url));

export interface PlenaryOptions {
  databaseUrl?: string | undefined;
  dataDir: string;
  seedDemo?: boolean;
  webDist?: string | undefined;
  clock?: () => Date;
  log?: (message: string, error?: unknown) => void;
  /** Heartbeat timeout and tick of the attendance monitor (R15). */
  attendance?: Pick<AttendanceMonitorOptions, 'heartbeatTimeoutMs' | 'tickMs'>;
  /** The ballot service (secret ballots, R22); without it the secret-ballot routes answer 404. */
  ballot?: BallotClient;
  /**
   * The Ed25519 key file that signs the log's heads, outside the database and the data directory (issue 11 item 4);
   * made on first start. Without it (tests) a key lives as long as the process.
   */
  logSigningKeyFile?: string | undefined;
  /** Apply the migrations at start (false when the service's role is not the tables' owner: docs/security.md). */
  migrate?: boolean;
}

export async function createPlenaryService(options: PlenaryOptions) {
  const log =
    options.log ??
    ((m: string, e?: unknown) =>
      e ? console.error(`[plenary] ${m}`, e) : console.log(`[plenary] ${m}`));
  const logSigner: LogSigner = options.logSigningKeyFile
    ? loadLogSigner({ keyFile: options.logSigningKeyFile, dataDir: options.dataDir, log })
    : ephemeralLogSigner();
  const database = await openPlenaryDatabase({
    url: options.databaseUrl,
    dataDir: options.dataDir,
    ...(options.migrate === false ? { migrate: false } : {}),
  });
  const { db } = database;
  const seeded = options.seedDemo ? await seedDemoCouncil(db) : false;
  // No account keeps the demo password outside the demo: the administrator sets real ones in /kansli.
  if (!options.seedDemo) {
    const cleared = await clearDemoPasswords(db);
    if (cleared > 0) log(`removed the demo password from ${cleared} accounts (SEED_DEMO=false)`);
  }
  const engine = createSittingEngine({
    db,
    log,
    signer: logSigner,
    ...(options.clock ? { clock: options.clock } : {}),
  });
  const auth = createAuth({ db, ...(options.clock ? { clock: options.clock } : {}) });
  const rollSigner = await loadRollSigner(db);
  const attendance = createAttendanceMonitor({
    engine,
    log,
    ...(options.clock ? { clock: options.clock } : {}),
    ...options.attendance,
  });
  const secretBallots = options.ballot
    ? createSecretBallots({
        engine,
        rollSigner,
        ballot: options.ballot,
        log,
        ...(options.clock ? { clock: options.clock } : {}),
      })
    : null;
  const ingestTokens = createIngestTokens({
    engine,
    ...(options.clock ? { clock: options.clock } : {}),
  });
  const app = createApp({
    db,
    auth,
    engine,
    webDist: options.webDist,
    log,
    ...(options.clock ? { clock: options.clock } : {}),
    logKey: logSigner,
    extend: (a) => {
      a.get('/api/public/keys', (c) =>
        c.json({
          rollSigningKey: rollSigner.publicKeyHex,
          logSigningKey: logSigner.publicKeyHex,
          logSigningKeyId: logSigner.keyId,
        }),
      );
      a.post('/api/sittings/:id/ingest-token', async (c) => {
        const person = c.get('person');
        if (!person)
          return sendRejection(c, reject('UNAUTHENTICATED', 'Log in first. / Logga in först.'));
        const id = idText().safeParse(c.req.param('id'));
        if (!id.success) return sendRejection(c, invalidInput(id.error));
        const issued = await ingestTokens.issue(id.data, person.id);
        return isRejection(issued) ? sendRejection(c, issued) : c.json(issued);
      });
      if (secretBallots) secretBallotRoutes(a, secretBallots);
    },
  });
  let realtime: ReturnType<typeof createRealtime> | null = null;
  return {
    app,
    db,
    engine,
    auth,
    rollSigner,
    logSigner,
    attendance,
    secretBallots,
    authorizeIngest: ingestTokens.authorize,
    /** The webcast's caption upload: the secretary or the chair (DOS-lagen captions for the archive). */
    async authorizeCaptions(request: Request): Promise<boolean> {
      const person = await auth.personForCookieHeader(request.headers.get('cookie'));
      return person !== null && isDesk(toActor(person));
    },
    seeded,
    driver: database.driver,
    attach(server: HttpServer) {
      realtime = createRealtime(server, {
        engine,
        auth,
        log,
        handlers: [attendanceHandlers(attendance)],
      });
      attendance.start();
      secretBallots?.start();
      return realtime;
    },
    /** Stop realtime, let queued commands finish writing, then close the database. */
    async close(): Promise<void> {
      await attendance.stop();
      secretBallots?.stop();
      if (realtime) await realtime.close();
      await engine.idle();
      await database.close();
    },
  };
}

export type PlenaryService = Awaited<ReturnType<typeof createPlenaryService>>;
