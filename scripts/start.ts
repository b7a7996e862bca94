// `npm start`: the whole system in one Node process on one port — plenary at /, ballot at /ballot, webcast at
// /webcast — each service with its own database (the ballot service never shares plenary's).
import { resolve } from 'node:path';
import { Hono } from 'hono';
import { z } from 'zod';
import { createBallotService } from '../apps/ballot/src/service.ts';
import { createWebcastService } from '../apps/webcast/src/service.ts';
import {
  edgeOptionsOf,
  oidcOptionsOf,
  readEnv,
  samlOptionsOf,
  stepUpOf,
  videoOptions,
} from '../apps/plenary/src/env.ts';
import { createPlenaryService, defaultWebDist } from '../apps/plenary/src/service.ts';
import { inProcessBallotClient } from '../apps/plenary/src/app/secret-ballot.ts';
import { keepRunning, listen, onShutdown } from '@council/node-server';
import { webcastLeader } from '../apps/webcast/src/leader.ts';
import { childrenDieWithParent } from '@council/node-server/bound-child';
import { startBanner } from '../apps/plenary/src/app/start-banner.ts';

const started = Date.now();
keepRunning();
// Stopping is armed before anything starts: a Ctrl-C during start-up stops what has started so far. Children end with
// this process however it ends (spawnBound); a parent that goes (npm killed outright) stops it too.
const stops: (() => Promise<void>)[] = [];
onShutdown(async () => {
  for (const stop of stops.splice(0).reverse()) await stop();
});
if (!childrenDieWithParent)
  console.warn(
    'util-linux `setpriv` is not installed: if this process is killed outright, ffmpeg, Janus and coturn stay running.',
  );
const env = readEnv();
const dataDir = resolve(env.DATA_DIR);
// One edge for the three services on this port: the same trusted proxies and allowed origins (docs/security.md).
const edge = edgeOptionsOf(env);
// The host's own settings for the services it hosts beside plenary.
const hostEnv = z
  .object({
    BALLOT_DATABASE_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\//)
      .optional(),
    BALLOT_BOX_DATABASE_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\//)
      .optional(),
    CHAMBER_SOURCE: z.string().min(1).optional(),
    FFMPEG_PATH: z.string().min(1).optional(),
    WEBCAST: z.enum(['true', 'false']).default('true'),
  })
  .parse(process.env);

async function main(): Promise<void> {
  // Plenary reaches the ballot service in-process; the ballot service needs plenary's key, so it starts second.
  let ballotApp: Hono | null = null;
  const plenary = await createPlenaryService({
    databaseUrl: env.DATABASE_URL,
    dataDir: resolve(dataDir, 'plenary'),
    seedDemo: env.SEED_DEMO,
    logSigningKeyFile: env.LOG_SIGNING_KEY_FILE,
    migrate: env.DATABASE_MIGRATE,
    oidc: oidcOptionsOf(env),
    saml: samlOptionsOf(env),
    stepUp: stepUpOf(env),
    passwordLogin: env.PASSWORD_LOGIN,
    mail: env.SMTP_URL ? { url: env.SMTP_URL, from: env.MAIL_FROM } : null,
    video: videoOptions(env),
    webDist: defaultWebDist,
    edge,
    ballot: inProcessBallotClient(() => {
      if (!ballotApp) throw new Error('the ballot service has not started');
      return ballotApp;
    }),
  });
  stops.push(() => plenary.close());
  const ballot = await createBallotService({
    dataDir: resolve(dataDir, 'ballot'),
    registrarDatabaseUrl: hostEnv.BALLOT_DATABASE_URL,
    boxDatabaseUrl: hostEnv.BALLOT_BOX_DATABASE_URL,
    plenaryRollKey: () => Promise.resolve(plenary.rollSigner.publicKey),
    edge,
  });
  stops.push(() => ballot.close());
  ballotApp = ballot.app;
  // strict: false: /webcast/ and /ballot/ (as the banner prints them) reach their own services, not plenary's shell.
  const root = new Hono({ strict: false });
  // Ballot and webcast first: plenary's web shell answers every other path.
  root.route('/', ballot.app);
  let webcast: ReturnType<typeof createWebcastService> | null = null;
  let port = env.PORT;
  // The webcast follows plenary over socket.io on this same server; the port is known once it listens.
  const plenaryUrl = () => `http://127.0.0.1:${port}`;
  if (hostEnv.WEBCAST === 'true') {
    // Nodes on one PostgreSQL: one of them runs the compositor, the others serve what it writes (docs/deployment.md).
    const leader = webcastLeader(env.DATABASE_URL, (m, e) =>
      e ? console.error(`[webcast] ${m}`, e) : console.log(`[webcast] ${m}`),
    );
    if (leader) stops.push(() => leader.close());
    webcast = createWebcastService({
      ...(leader ? { leader } : {}),
      dataDir,
      get plenaryUrl() {
        return plenaryUrl();
      },
      ...(hostEnv.CHAMBER_SOURCE ? { chamberSource: hostEnv.CHAMBER_SOURCE } : {}),
      ...(hostEnv.FFMPEG_PATH ? { ffmpegPath: hostEnv.FFMPEG_PATH } : {}),
      authorizeIngest: plenary.authorizeIngest,
      authorizeCaptions: plenary.authorizeCaptions,
      sittingExists: plenary.sittingExists,
      edge,
      log: (m) => console.log(`[webcast] ${m}`),
    });
    root.route('/', webcast.app);
    const w = webcast;
    stops.push(() => w.close());
  }
  root.route('/', plenary.app);
  const served = await listen(root.fetch, env.PORT, env.HOST);
  const server = served.server;
  port = served.port;
  plenary.attach(server);
  if (webcast) {
    webcast.attachUpgrade(server);
    await webcast.start();
  }
  const room = plenary.video.status();
  const roomLine = room.available
    ? { available: true as const, turn: plenary.media?.turn != null }
    : room;
  console.log(
    startBanner({
      base: `http://localhost:${port}`,
      database: plenary.driver === 'pglite' ? `embedded PGlite in ${dataDir}` : 'PostgreSQL',
      readyMs: Date.now() - started,
      seeded: plenary.seeded,
      demo: env.SEED_DEMO,
      webcast: webcast !== null,
      room: roomLine,
    }),
  );
}

main().catch((error: unknown) => {
  console.error(
    `\nThe system could not start: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
});
