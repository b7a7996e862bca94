// Assembles plenary: database (PGlite or PostgreSQL), demo seed, engine, auth, HTTP app and realtime. On PostgreSQL a
// node also joins the others: commits fan out through LISTEN/NOTIFY and one leader runs the timers (docs/deployment.md).
import { randomUUID } from 'node:crypto';
import type { Server as HttpServer } from 'node:http';
import { sql } from 'drizzle-orm';
import { fileURLToPath } from 'node:url';
import { openPlenaryDatabase } from './db/client.ts';
import { soleLeader, startLeaderElection } from '@council/db';
import { createSittingEngine } from './app/sitting-engine.ts';
import { createAuth, toActor } from './app/auth.ts';
import { isDesk } from './domain/sitting/roles.ts';
import { seedDemoCouncil } from './app/seed.ts';
import { createOffice } from './app/office.ts';
import { createDocuments } from './app/documents.ts';
import { createNotices, type MailSettings } from './app/notice.ts';
import { clearDemoPasswords } from './db/accounts.repo.ts';
import { loadRollSigner } from './app/roll-signing-key.ts';
import { ephemeralLogSigner, loadLogSigner, type LogSigner } from './app/log-signer.ts';
import { createOidc, type OidcOptions } from './app/sign-in/oidc.ts';
import { createSaml, type SamlOptions } from './app/sign-in/saml.ts';
import type { StepUpPolicy } from './domain/sign-in/step-up.ts';
import { createIngestTokens } from './app/ingest-tokens.ts';
import {
  idText,
  invalidInput,
  isRejection,
  reject,
  type Command,
  type Heartbeat,
  type Rejection,
} from '@council/shared';
import type { Actor } from './domain/sitting/types.ts';
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
import { SITTING_CHANNEL, startFanOut, type FanOut } from './app/fan-out.ts';
import { listSittings } from './db/council.repo.ts';
import { startMediaStack, type MediaStackOptions } from './video/media-stack.ts';
import { createVideoRoom } from './video/video-room.ts';
import { createRoomSignalling, type RoomSignalling } from './video/room-signalling.ts';
import type { ChamberCamera } from './video/chamber.ts';
import type { ForwardTarget } from './video/video-room.ts';
import { roomHandlers } from './realtime/room.handlers.ts';
import { roomRoutes } from './http/room.routes.ts';
import type { EdgeOptions } from '@council/node-server/edge';
import type { ThrottleLimits } from './app/login-throttle.ts';

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
  /** Sign-in through the identity provider over OpenID Connect (issue 17). */
  oidc?: OidcOptions | undefined;
  /** Sign-in through a SAML 2.0 identity provider (issue 17). */
  saml?: SamlOptions | undefined;
  /** false: password sign-in is refused. */
  passwordLogin?: boolean;
  /** Acts that need a stronger sign-in, and the levels that are enough (issue 17). */
  stepUp?: StepUpPolicy | undefined;
  /** Apply the migrations at start (false when the service's role is not the tables' owner: docs/security.md). */
  migrate?: boolean;
  /** How often a node tries for the timers' leader lock (PostgreSQL); 1 s by default. */
  leaderPollMs?: number;
  /** SMTP for the notice (kallelse); without it the notice cannot be e-mailed. */
  mail?: MailSettings | null;
  /** The sitting's video room (R09): start Janus and coturn with these options; false: no video room. */
  video?: VideoOptions | false;
  /** TRUSTED_PROXIES and ALLOWED_ORIGINS (issue 11 item 6): whose X-Forwarded-* to believe, who may post. */
  edge?: EdgeOptions | undefined;
  /** Wrong passwords per account and per address (10 and 100 in 15 minutes by default). */
  loginThrottle?: ThrottleLimits;
  /** How often sockets whose session ended are cut (15 s). */
  sessionSweepMs?: number;
}

export type VideoOptions = MediaStackOptions & {
  /** The chamber's cameras (default: the demo's synthetic Salen and Presidiet). */
  cameras?: readonly ChamberCamera[];
  /** Where the webcast takes a remote speaker forwarded from the room (see createRoomSignalling); none: not forwarded. */
  webcastTarget?: (sittingId: string, personId: string) => Promise<ForwardTarget | null>;
};

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
  const nodeId = randomUUID();
  const listen = database.listen;
  const rawEngine = createSittingEngine({
    db,
    log,
    signer: logSigner,
    ...(options.clock ? { clock: options.clock } : {}),
    ...(listen ? { notify: { channel: SITTING_CHANNEL, nodeId } } : {}),
    ...(options.stepUp ? { stepUp: options.stepUp } : {}),
  });
  // R05, R19: while the video room runs, a remote member's "I see and hear" and function check stand only on the media.
  let mediaGate: (sittingId: string, command: Command, actor: Actor) => Rejection | null = () =>
    null;
  // § numbers run on through the body's year: the opening takes the series' next number from the server (R24).
  const engine: typeof rawEngine = {
    ...rawEngine,
    async execute(sittingId, command, actor) {
      const refused = mediaGate(sittingId, command, actor);
      if (refused) return { ok: false, error: refused };
      if (command.type !== 'openSitting') return rawEngine.execute(sittingId, command, actor);
      const firstParagraph = await createOffice({
        db,
        engine: rawEngine,
        ...(options.clock ? { clock: options.clock } : {}),
      }).firstParagraph(sittingId);
      return rawEngine.execute(sittingId, { ...command, firstParagraph }, actor);
    },
  };
  let heard: (personId: string, beat: Heartbeat) => void = () => undefined;
  const fanOut: FanOut | null = listen
    ? await startFanOut({
        listen,
        notify: async (channel, payload) => {
          await db.execute(sql`select pg_notify(${channel}, ${payload})`);
        },
        engine,
        nodeId,
        onHeartbeat: (personId, beat) => heard(personId, beat),
        log,
      })
    : null;
  const leader = database.session
    ? startLeaderElection({
        session: database.session,
        log,
        ...(options.leaderPollMs ? { pollMs: options.leaderPollMs } : {}),
      })
    : soleLeader();
  const auth = createAuth({
    db,
    ...(options.clock ? { clock: options.clock } : {}),
    throttle: options.loginThrottle,
  });
  const rollSigner = await loadRollSigner(db);
  const attendance = createAttendanceMonitor({
    engine,
    log,
    ...(options.clock ? { clock: options.clock } : {}),
    ...options.attendance,
    isLeader: leader.isLeader,
    ...(fanOut ? { relay: fanOut.relayHeartbeat } : {}),
    media: (sittingId, personId) => roomSignalling?.transmission(sittingId, personId) ?? null,
  });
  heard = (personId, beat) => attendance.heard(personId, beat);
  const secretBallots = options.ballot
    ? createSecretBallots({
        engine,
        rollSigner,
        ballot: options.ballot,
        log,
        ...(options.clock ? { clock: options.clock } : {}),
        stepUp: options.stepUp,
      })
    : null;
  const media =
    options.video === false || options.video === undefined
      ? null
      : await startMediaStack({ log: (m) => log(`video: ${m}`), ...options.video });
  if (media?.unavailable) log(`video room off: ${media.unavailable}`);
  const video = createVideoRoom({
    engine,
    janus: media?.janus ?? null,
    turn: media?.turn ?? null,
    unavailable:
      media?.unavailable ?? 'The video room is switched off for this plenary (VIDEO_ROOM=off).',
    sittingIds: async () => (await listSittings(db)).map((s) => s.id),
    log,
  });
  await video.start();
  const roomSignalling: RoomSignalling | null = media?.janus
    ? createRoomSignalling({
        video,
        engine,
        pluginAdminKey: () => media.janus?.pluginAdminKey ?? null,
        ffmpegPath: options.video ? options.video.ffmpegPath : undefined,
        ...(options.video && options.video.cameras ? { cameras: options.video.cameras } : {}),
        ...(options.video && options.video.webcastTarget
          ? { webcastTarget: options.video.webcastTarget }
          : {}),
        log,
        onTransmissionChange: () => void attendance.tick(),
      })
    : null;
  if (roomSignalling)
    mediaGate = (sittingId, command, actor) => {
      if (command.type !== 'confirmFunctionCheck' && command.type !== 'confirmSeeHear') return null;
      if (actor.personId.startsWith('system:')) return null;
      const seen = roomSignalling.decodes(sittingId, actor.personId);
      if (!seen || seen.ok) return null;
      return reject(
        'INVALID_STATE',
        `Din klient visar inte allt i videorummet: ${seen.missing.join(', ')}. Kontrollera kameran, mikrofonen och anslutningen och försök igen.`,
        `Your client does not decode everything in the video room: ${seen.missing.join(', ')}.`,
      );
    };
  const ingestTokens = createIngestTokens({
    engine,
    ...(options.clock ? { clock: options.clock } : {}),
  });
  const office = createOffice({
    db,
    engine: rawEngine,
    ...(options.clock ? { clock: options.clock } : {}),
  });
  const documents = createDocuments({
    db,
    engine: rawEngine,
    ...(options.clock ? { clock: options.clock } : {}),
  });
  const notices = createNotices({
    db,
    engine: rawEngine,
    mail: options.mail ?? null,
    ...(options.clock ? { clock: options.clock } : {}),
  });
  const liveView = secretBallots
    ? { overlay: secretBallots.withLiveCounts, onChange: secretBallots.onLiveCounts }
    : undefined;
  const app = createApp({
    office: { office, documents, notices },
    liveView,
    db,
    auth,
    engine,
    webDist: options.webDist,
    log,
    ...(options.clock ? { clock: options.clock } : {}),
    logKey: logSigner,
    edge: options.edge,
    signIn: {
      oidc: options.oidc
        ? createOidc(
            {
              ...options.oidc,
              stepUpAcrValues: options.oidc.stepUpAcrValues ?? options.stepUp?.acrValues ?? [],
            },
            { db },
          )
        : null,
      saml: options.saml
        ? createSaml(
            {
              ...options.saml,
              stepUpAcrValues: options.saml.stepUpAcrValues ?? options.stepUp?.acrValues ?? [],
            },
            { db },
          )
        : null,
      redirectUri: options.oidc?.redirectUri ?? '',
      passwords: options.passwordLogin ?? true,
    },
    extend: (a) => {
      a.get('/api/public/keys', (c) =>
        c.json({
          rollSigningKey: rollSigner.publicKeyHex,
          logSigningKey: logSigner.publicKeyHex,
          logSigningKeyId: logSigner.keyId,
        }),
      );
      // Which node answered and whether it runs the timers (operators and the multi-node tests look here).
      a.get('/api/public/node', (c) => c.json({ nodeId, leader: leader.isLeader() }));
      a.post('/api/sittings/:id/ingest-token', async (c) => {
        const person = c.get('person');
        if (!person)
          return sendRejection(c, reject('UNAUTHENTICATED', 'Logga in först.', 'Log in first.'));
        const id = idText().safeParse(c.req.param('id'));
        if (!id.success) return sendRejection(c, invalidInput(id.error));
        const issued = await ingestTokens.issue(id.data, person.id);
        return isRejection(issued) ? sendRejection(c, issued) : c.json(issued);
      });
      if (secretBallots) secretBallotRoutes(a, secretBallots);
      roomRoutes(a, video);
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
    video,
    media,
    room: roomSignalling,
    authorizeIngest: ingestTokens.authorize,
    /** The webcast's caption upload: the secretary or the chair (DOS-lagen captions for the archive). */
    async authorizeCaptions(request: Request): Promise<boolean> {
      const person = await auth.personForCookieHeader(request.headers.get('cookie'));
      return person !== null && isDesk(toActor(person));
    },
    /** Whether a sitting exists (the webcast refuses captions for one that does not). */
    async sittingExists(sittingId: string): Promise<boolean> {
      return (await engine.state(sittingId)) !== null;
    },
    seeded,
    driver: database.driver,
    nodeId,
    leader,
    attach(server: HttpServer) {
      realtime = createRealtime(server, {
        engine,
        auth,
        log,
        handlers: [
          attendanceHandlers(attendance),
          roomHandlers(roomSignalling, () => {
            const status = video.status();
            return status.available ? 'Janus' : status.reason;
          }),
        ],
        ...(liveView ? { liveView } : {}),
        ...(options.edge ? { edge: options.edge } : {}),
        ...(options.clock ? { clock: options.clock } : {}),
        ...(options.sessionSweepMs ? { sessionSweepMs: options.sessionSweepMs } : {}),
      });
      attendance.start();
      secretBallots?.start();
      return realtime;
    },
    /** Stop realtime, let queued commands finish writing, then close the database. */
    async close(): Promise<void> {
      await attendance.stop();
      secretBallots?.stop();
      await leader.close();
      await fanOut?.close();
      if (realtime) await realtime.close();
      await roomSignalling?.close();
      await video.close();
      await media?.stop();
      await engine.idle();
      await database.close();
    },
  };
}

export type PlenaryService = Awaited<ReturnType<typeof createPlenaryService>>;
