// Sign-in through the identity provider (issue 17): /api/auth/oidc/start redirects there, /callback comes back and
// starts a session (auth.startSession) or answers a clear page in Swedish, with no session, when it cannot.
import { isSecureRequest } from '@council/node-server/edge';
import { Hono, type Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { z } from 'zod';
import { SESSION_COOKIE, type Auth } from '../app/auth.ts';
import { safeReturnTo, type Oidc } from '../app/sign-in/oidc.ts';
import type { SamlSignIn } from '../app/sign-in/saml.ts';
import { samlRoutes } from './saml.routes.ts';
import {
  PAGES,
  readTransactionCookie,
  signInPage,
  startProviderSession,
  startQuery,
  writeTransactionCookie,
} from './sign-in-pages.ts';
import { reject } from '@council/shared';
import { sendRejection } from './errors.ts';
import type { PlenaryEnv } from './env.ts';

const OIDC_COOKIE = 'council_oidc';
const transactionSchema = z.object({
  state: z.string().min(1).max(200),
  nonce: z.string().min(1).max(200),
  verifier: z.string().min(1).max(200),
  returnTo: z.string().max(500),
  stepUp: z.boolean().optional(),
});

function page(c: Context<PlenaryEnv>, kind: keyof typeof PAGES, status: 400 | 403) {
  const [title, text, english] = PAGES[kind];
  deleteCookie(c, OIDC_COOKIE, { path: '/api/auth/oidc' });
  return c.html(signInPage(title, text, english), status);
}

export function oidcRoutes(deps: {
  oidc: Oidc;
  auth: Auth;
  redirectUri: string;
  log?: (message: string, error?: unknown) => void;
}) {
  // Behind a trusted TLS proxy the connection is http but the browser's is https (TRUSTED_PROXIES).
  const secure = (c: Context<PlenaryEnv>) => isSecureRequest(c);
  return new Hono<PlenaryEnv>()
    .get('/start', async (c) => {
      const query = startQuery.safeParse(c.req.query());
      let started;
      try {
        started = await deps.oidc.start(
          query.success ? query.data.returnTo : undefined,
          query.success && query.data.stepUp !== undefined,
        );
      } catch (error) {
        deps.log?.('oidc: the identity provider cannot be reached', error);
        return c.html(
          signInPage(
            'Identitetstjänsten svarar inte',
            'Kommunens identitetstjänst går inte att nå just nu. Försök igen om en stund.',
            "The municipality's identity provider cannot be reached. Try again shortly.",
          ),
          503,
        );
      }
      setCookie(c, OIDC_COOKIE, writeTransactionCookie(started.transaction), {
        httpOnly: true,
        sameSite: 'Lax',
        secure: secure(c),
        path: '/api/auth/oidc',
        maxAge: 600,
      });
      return c.redirect(started.url, 302);
    })
    .get('/callback', async (c) => {
      const transaction = readTransactionCookie(getCookie(c, OIDC_COOKIE), transactionSchema);
      if (!transaction) return page(c, 'failed', 400);
      // The registered address with the provider's answer: behind a proxy the request's own URL may differ.
      const callback = new URL(deps.redirectUri);
      callback.search = new URL(c.req.url).search;
      const outcome = await deps.oidc.finish(callback, transaction);
      if (!outcome.ok) {
        deps.log?.(`oidc: sign-in refused (${outcome.reason}): ${outcome.detail}`);
        return page(c, outcome.reason, outcome.reason === 'failed' ? 400 : 403);
      }
      await startProviderSession(c, deps.auth, outcome.personId, {
        method: 'oidc',
        acr: outcome.acr,
      });
      deleteCookie(c, OIDC_COOKIE, { path: '/api/auth/oidc' });
      return c.redirect(transaction.returnTo, 302);
    })
    .post('/logout', async (c) => {
      const token = getCookie(c, SESSION_COOKIE);
      if (token) await deps.auth.logout(token);
      deleteCookie(c, SESSION_COOKIE, { path: '/' });
      let redirect: string | null = null;
      try {
        redirect = await deps.oidc.endSessionUrl(undefined);
      } catch (error) {
        deps.log?.('oidc: no end-session address', error);
      }
      return c.json({ redirect });
    });
}

/** Mounts the sign-in methods a deployment has: the providers' routes, and password sign-in turned off if asked. */
export function mountSignIn(
  app: Hono<PlenaryEnv>,
  deps: {
    auth: Auth;
    signIn?:
      | { oidc: Oidc | null; saml?: SamlSignIn | null; redirectUri: string; passwords: boolean }
      | undefined;
    log?: (message: string, error?: unknown) => void;
  },
): void {
  const passwords = deps.signIn?.passwords ?? true;
  const oidc = deps.signIn?.oidc ?? null;
  const saml = deps.signIn?.saml ?? null;
  app.get('/api/auth/methods', (c) =>
    c.json({ password: passwords, oidc: oidc !== null, saml: saml !== null }),
  );
  // Step-up (issue 17): the browser is sent to whichever provider the deployment has, asking for e-legitimation.
  app.get('/api/auth/step-up', (c) => {
    const query = startQuery.safeParse(c.req.query());
    const returnTo = encodeURIComponent(
      safeReturnTo(query.success ? query.data.returnTo : undefined),
    );
    if (oidc) return c.redirect(`/api/auth/oidc/start?stepUp=1&returnTo=${returnTo}`, 302);
    if (saml) return c.redirect(`/api/auth/saml/start?stepUp=1&returnTo=${returnTo}`, 302);
    return c.html(
      signInPage(
        'E-legitimation finns inte här',
        'Den här installationen har ingen koppling till kommunens identitetstjänst, så det går inte att logga in med e-legitimation. Kontakta kansliet.',
        'This installation has no identity provider, so an e-identity sign-in is not possible. Contact the council office.',
      ),
      409,
    );
  });
  if (saml)
    app.route(
      '/api/auth/saml',
      samlRoutes({ saml, auth: deps.auth, ...(deps.log ? { log: deps.log } : {}) }),
    );
  if (!passwords)
    app.post('/api/auth/login', (c) =>
      sendRejection(
        c,
        reject(
          'FORBIDDEN',
          'Inloggning med lösenord är avstängd här: logga in via kommunens identitetstjänst.',
          'Password sign-in is turned off: sign in through the identity provider.',
        ),
      ),
    );
  if (oidc && deps.signIn)
    app.route(
      '/api/auth/oidc',
      oidcRoutes({
        oidc,
        auth: deps.auth,
        redirectUri: deps.signIn.redirectUri,
        ...(deps.log ? { log: deps.log } : {}),
      }),
    );
}
