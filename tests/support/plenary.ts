// Starts a real plenary server for tests: port 0, a fresh embedded database (or a PostgreSQL URL), real socket.io.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { io as connect, type Socket } from 'socket.io-client';
import {
  createPlenaryService,
  defaultWebDist,
  type PlenaryOptions,
  type PlenaryService,
  type VideoOptions,
} from '../../apps/plenary/src/service.ts';
import { listen } from '@council/node-server';
import { DEMO_PASSWORD } from '../../apps/plenary/src/app/demo-council.ts';
import { Hono } from 'hono';
import { createBallotService } from '../../apps/ballot/src/service.ts';
import {
  type BallotClient,
  inProcessBallotClient,
} from '../../apps/plenary/src/app/secret-ballot.ts';
import { createWebcastService, type WebcastService } from '../../apps/webcast/src/service.ts';
import type { StepUpPolicy } from '../../apps/plenary/src/domain/sign-in/step-up.ts';

export interface TestPlenary {
  service: PlenaryService;
  /** The ballot service in-process at /ballot on the same origin (as `npm start` serves it), when started. */
  ballot: Awaited<ReturnType<typeof createBallotService>> | null;
  /** The webcast's HTTP app at /webcast on the same origin (no ffmpeg started, not following), when asked. */
  webcast: WebcastService | null;
  /** plenary's socket.io side (the io server, the session sweep). */
  realtime: ReturnType<PlenaryService['attach']>;
  url: string;
  port: number;
  /** Log in over HTTP; returns the session cookie header value. */
  login(username: string, password?: string): Promise<string>;
  /** A real socket.io client, signed in when a cookie is given. */
  socket(cookie?: string): Promise<Socket>;
  stop(): Promise<void>;
}

export async function startTestPlenary(
  options: {
    databaseUrl?: string;
    web?: boolean;
    clock?: () => Date;
    seedDemo?: boolean;
    ballot?: boolean;
    /** What plenary's ballot client answers, changed on the way (an operator lying to plenary). */
    ballotClient?: (client: BallotClient) => BallotClient;
    webcast?: boolean;
    /** Start Janus and coturn for the sitting's video room (ICE on loopback only), with these options. */
    video?: boolean | VideoOptions;
    /** The edge and session settings (trusted proxies, login throttle, session sweep), as PlenaryOptions. */
    edge?: PlenaryOptions['edge'];
    loginThrottle?: PlenaryOptions['loginThrottle'];
    sessionSweepMs?: number;
    /** Acts that need a stronger sign-in (issue 17). */
    stepUp?: StepUpPolicy;
    /** Sign-in through an OpenID Connect provider (issue 17). */
    oidc?: PlenaryOptions['oidc'];
    /** Listen here instead of a free port: a provider's redirect address must be known before the service starts. */
    port?: number;
    /** SMTP for the notice (kallelse), e.g. a test's smtp-server. */
    mail?: PlenaryOptions['mail'];
  } = {},
): Promise<TestPlenary> {
  const dataDir = mkdtempSync(join(tmpdir(), 'plenary-test-'));
  // The ballot service runs with the web shell (e2e) or when asked; it needs plenary's key, so it starts second.
  let ballot: TestPlenary['ballot'] = null;
  const withBallot = options.ballot ?? options.web ?? false;
  const service = await createPlenaryService({
    ...(withBallot
      ? {
          ballot: (options.ballotClient ?? ((c: BallotClient) => c))(
            inProcessBallotClient(() => {
              if (!ballot) throw new Error('the ballot service has not started');
              return ballot.app;
            }),
          ),
        }
      : {}),
    databaseUrl: options.databaseUrl,
    dataDir: join(dataDir, 'plenary'),
    seedDemo: options.seedDemo ?? true,
    ...(options.stepUp ? { stepUp: options.stepUp } : {}),
    ...(options.oidc ? { oidc: options.oidc } : {}),
    ...(options.mail ? { mail: options.mail } : {}),
    webDist: options.web ? defaultWebDist : undefined,
    log: process.env['DEBUG_PLENARY']
      ? (m: string, e?: unknown) => console.error(m, e ?? '')
      : () => undefined,
    ...(options.clock ? { clock: options.clock } : {}),
    ...(options.edge ? { edge: options.edge } : {}),
    ...(options.loginThrottle ? { loginThrottle: options.loginThrottle } : {}),
    ...(options.sessionSweepMs ? { sessionSweepMs: options.sessionSweepMs } : {}),
    ...(options.video
      ? {
          video: {
            iceEnforceList: 'lo',
            log: () => undefined,
            ...(typeof options.video === 'object' ? options.video : {}),
          },
        }
      : {}),
  });
  if (withBallot)
    ballot = await createBallotService({
      dataDir: 'memory://',
      plenaryRollKey: () => Promise.resolve(service.rollSigner.publicKey),
      edge: options.edge,
      log: () => undefined,
      // Short mix rounds: the tests' members cast one after another.
      mixRound: { roundMs: 50, roundSize: 8 },
      issueRound: { roundMs: 20, roundSize: 8 },
      countsWindowMs: 0,
    });
  const webcast = options.webcast
    ? createWebcastService({
        dataDir,
        plenaryUrl: 'http://127.0.0.1:1',
        follow: false,
        authorizeIngest: service.authorizeIngest,
        authorizeCaptions: service.authorizeCaptions,
        sittingExists: service.sittingExists,
        edge: options.edge,
        log: () => undefined,
      })
    : null;
  // As `npm start` mounts them: ballot and webcast first, plenary's web shell answers every other path; not strict, so
  // /webcast/ and /ballot/ reach their services.
  const root = new Hono({ strict: false });
  if (ballot) root.route('/', ballot.app);
  if (webcast) root.route('/', webcast.app);
  root.route('/', service.app);
  const { server, port } = await listen(root.fetch, options.port ?? 0, '127.0.0.1');
  const realtime = service.attach(server);
  webcast?.attachUpgrade(server);
  const url = `http://127.0.0.1:${port}`;
  const sockets: Socket[] = [];
  return {
    service,
    ballot,
    webcast,
    realtime,
    url,
    port,
    async login(username, password = DEMO_PASSWORD) {
      const res = await fetch(`${url}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username, password }),
      });
      if (!res.ok) throw new Error(`login ${username} failed: ${res.status} ${await res.text()}`);
      const cookie = res.headers.get('set-cookie')?.split(';')[0];
      if (!cookie) throw new Error('no session cookie');
      return cookie;
    },
    async socket(cookie) {
      const s = connect(url, {
        transports: ['websocket'],
        extraHeaders: cookie ? { cookie } : {},
        reconnection: false,
      });
      sockets.push(s);
      await new Promise<void>((resolve, reject) => {
        s.once('connect', () => resolve());
        s.once('connect_error', reject);
      });
      return s;
    },
    async stop() {
      for (const s of sockets) s.disconnect();
      await webcast?.close();
      await service.close();
      await ballot?.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Emit with an ack and await the answer. */
export function request<T>(socket: Socket, event: string, payload: unknown): Promise<T> {
  return new Promise((resolve) => {
    socket.emit(event, payload, (answer: T) => resolve(answer));
  });
}
