// createApp(deps) → plenary's Hono app: health, auth, public and member APIs, and the web shell.
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { getCookie } from 'hono/cookie';
import { serveStatic } from '@hono/node-server/serve-static';
import { ping } from '@council/db';
import { edgeGuard, securityHeaders, type EdgeOptions } from '@council/node-server/edge';
import { reject } from '@council/shared';
import { SESSION_COOKIE, type Auth } from '../app/auth.ts';
import type { SittingEngine } from '../app/sitting-engine.ts';
import type { PlenaryDb } from '../db/client.ts';
import { authRoutes } from './auth.routes.ts';
import { accountRoutes, ownPasswordRoutes } from './accounts.routes.ts';
import { createAccounts } from '../app/accounts.ts';
import { fileAndBoardRoutes, officeRoutes } from './office.routes.ts';
import type { Documents } from '../app/documents.ts';
import type { Notices } from '../app/notice.ts';
import type { Office } from '../app/office.ts';
import { onError, sendRejection } from './errors.ts';
import type { PlenaryEnv } from './env.ts';
import { MAX_FILE_BYTES } from '../domain/office/file-type.ts';
import type { LiveViewOverlay } from '../realtime/io.ts';
import { publicSittingRoutes, sittingRoutes } from './sittings.routes.ts';
import { minutesRoutes } from './minutes.routes.ts';
import type { SamlSignIn } from '../app/sign-in/saml.ts';
import { mountSignIn } from './oidc.routes.ts';
import { identityRoutes } from './identity.routes.ts';
import type { Oidc } from '../app/sign-in/oidc.ts';

export interface AppDeps {
  db: PlenaryDb;
  auth: Auth;
  engine: SittingEngine;
  /** Built web shell (apps/plenary/web/dist); omitted in API-only tests. */
  webDist?: string | undefined;
  /** The public half of the key that signs the log's heads (issue 11 item 4). */
  logKey?: { publicKeyHex: string; keyId: string } | undefined;
  /** Sign-in through the identity provider, and whether passwords are allowed (issue 17). */
  signIn?:
    | {
        oidc: Oidc | null;
        saml?: SamlSignIn | null;
        redirectUri: string;
        passwords: boolean;
      }
    | undefined;
  /** Extra public routes (e.g. the roll-signing key for the ballot service). */
  extend?: (app: Hono<PlenaryEnv>) => void;
  log?: (message: string, error?: unknown) => void;
  clock?: () => Date;
  /** Live figures laid over the public view, never from the log (the secret ballot's counts). */
  liveView?: LiveViewOverlay | undefined;
  /** The council office (/kansli): council, sittings, documents, notice and notice board. */
  office?: { office: Office; documents: Documents; notices: Notices };
  /** Trusted proxies, other allowed origins, extra connect-src for the pages' policy (issue 11 item 6). */
  edge?: (EdgeOptions & { connectSrc?: readonly string[] }) | undefined;
}

const SAML_ACS_PATH = '/api/auth/saml/acs';
const UPLOAD_PATH = /^\/api\/office\/sittings\/[^/]+\/items\/[^/]+\/files$/;

export const MAX_BODY_BYTES = 256 * 1024;

export function createApp(deps: AppDeps): Hono<PlenaryEnv> {
  const log = deps.log ?? ((m, e) => console.error(m, e));
  const app = new Hono<PlenaryEnv>();
  app.onError(onError(log));
  const connectSrc = deps.edge?.connectSrc ?? [];
  app.use(securityHeaders(() => ({ connectSrc })));
  // CSRF and JSON only on every state-changing request; documents are uploaded as multipart.
  app.use(
    edgeGuard({
      ...deps.edge,
      bodyTypes: (path, method) =>
        method === 'POST' && UPLOAD_PATH.test(path)
          ? ['multipart/form-data']
          : method === 'POST' && path === SAML_ACS_PATH
            ? ['application/x-www-form-urlencoded']
            : [],
      // The SAML IdP posts the signed assertion from its own site (HTTP-POST binding).
      crossSite: (path, method) => method === 'POST' && path === SAML_ACS_PATH,
      refuse: (c, _status, code, message, en) => sendRejection(c, reject(code, message, en)),
    }),
  );
  app.use(async (c, next) => {
    c.set('requestId', randomUUID());
    const person = await deps.auth.personForToken(getCookie(c, SESSION_COOKIE));
    // A temporary password opens only /api/auth (to choose one's own): everywhere else the person is not signed in.
    c.set(
      'person',
      person?.mustChangePassword && !c.req.path.startsWith('/api/auth/') ? null : person,
    );
    await next();
  });
  const bodyLimitSmall = bodyLimit({
    maxSize: MAX_BODY_BYTES,
    onError: (c) =>
      sendRejection(
        c,
        reject(
          'PAYLOAD_TOO_LARGE',
          `Begäran är större än ${MAX_BODY_BYTES / 1024} KiB.`,
          `The request body is larger than ${MAX_BODY_BYTES / 1024} KiB.`,
        ),
      ),
  });
  // Documents are uploaded whole (up to the file limit); every other request stays small.
  app.use(
    '/api/office/sittings/:id/items/:itemId/files',
    bodyLimit({ maxSize: MAX_FILE_BYTES + 64 * 1024 }),
  );
  app.use('/api/*', async (c, next) =>
    c.req.method === 'POST' && UPLOAD_PATH.test(c.req.path) ? next() : bodyLimitSmall(c, next),
  );

  app.get('/healthz', async (c) => {
    const up = await ping(deps.db);
    return c.json({ status: up ? 'ok' : 'database unreachable' }, up ? 200 : 503);
  });
  mountSignIn(app, { auth: deps.auth, signIn: deps.signIn, log });
  app.route('/api/auth', authRoutes(deps.auth));
  const accounts = createAccounts({ db: deps.db, ...(deps.clock ? { clock: deps.clock } : {}) });
  app.route('/api/auth', ownPasswordRoutes(accounts));
  app.route('/api/office/accounts', accountRoutes(accounts, deps.auth));
  app.route('/api/office/identities', identityRoutes(deps));
  if (deps.office) {
    app.route('/api/office', officeRoutes(deps.office));
    app.route('/api', fileAndBoardRoutes(deps.office));
  }
  app.route('/api/public', publicSittingRoutes(deps));
  app.route('/api/sittings', sittingRoutes(deps));
  app.route('/api', minutesRoutes(deps));
  deps.extend?.(app);
  app.all('/api/*', (c) =>
    sendRejection(
      c,
      reject(
        'NOT_FOUND',
        `Det finns ingen sådan adress i API:t: ${c.req.method} ${c.req.path}.`,
        `No API route ${c.req.method} ${c.req.path}.`,
      ),
    ),
  );

  const dist = deps.webDist;
  if (dist && existsSync(join(dist, 'index.html'))) {
    const indexHtml = readFileSync(join(dist, 'index.html'), 'utf8');
    app.use(
      '/assets/*',
      serveStatic({
        root: dist,
        onFound: (_p, c) => c.header('Cache-Control', 'public, max-age=31536000, immutable'),
      }),
    );
    app.use('/*', serveStatic({ root: dist }));
    // The shell routes on the client: /member, /desk, /display, /login all load index.html.
    app.get('/*', (c) => c.html(indexHtml));
  } else {
    app.get('/', (c) => c.text('The web shell is not built. Run `npm run build`.', 503));
  }
  return app;
}
