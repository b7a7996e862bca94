// Sign-in through the identity provider (issue 17): /api/auth/oidc/start redirects there, /callback comes back and
// starts a session (auth.startSession) or answers a clear page in Swedish, with no session, when it cannot.
import { isSecureRequest } from '@council/node-server/edge';
import { Hono, type Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { z } from 'zod';
import { SESSION_COOKIE, type Auth } from '../app/auth.ts';
import type { Oidc, OidcTransaction } from '../app/sign-in/oidc.ts';
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
const startQuery = z.object({
  returnTo: z.string().max(500).optional(),
  stepUp: z.enum(['1', 'true']).optional(),
});

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

/** A page for a sign-in that did not go through: Swedish first, English below; never a session. */
export function signInPage(title: string, text: string, english: string): string {
  return `<!doctype html><html lang="sv"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<meta name="viewport" content="width=device-width, initial-scale=1"></head>
<body style="font-family: system-ui, sans-serif; max-width: 40rem; margin: 3rem auto; line-height: 1.5">
<h1>${escapeHtml(title)}</h1><p>${escapeHtml(text)}</p><p lang="en">${escapeHtml(english)}</p>
<p><a href="/">Till startsidan / Home</a></p></body></html>`;
}

const PAGES = {
  'not-registered': [
    'Du är inte registrerad',
    'Inloggningen hos kommunens identitetstjänst lyckades, men din identitet är inte kopplad till någon ledamot, ersättare eller tjänsteperson i systemet. Kontakta kansliet så kopplar de din identitet till ditt konto.',
    'You signed in at the identity provider, but your identity is not linked to anyone in this system. Ask the council office to link it.',
  ],
  acr: [
    'Inloggningen räcker inte',
    'Du loggade in med en metod som inte räcker här. Logga in igen med e-legitimation (till exempel BankID eller Freja).',
    'The sign-in method you used is not strong enough here. Sign in again with an e-identity.',
  ],
  failed: [
    'Inloggningen kunde inte slutföras',
    'Inloggningen avbröts eller gick inte att kontrollera (den kan ha tagit för lång tid eller öppnats i en annan flik). Försök igen från inloggningssidan.',
    'The sign-in could not be completed or checked. Try again from the sign-in page.',
  ],
} as const;

function page(c: Context<PlenaryEnv>, kind: keyof typeof PAGES, status: 400 | 403) {
  const [title, text, english] = PAGES[kind];
  deleteCookie(c, OIDC_COOKIE, { path: '/api/auth/oidc' });
  return c.html(signInPage(title, text, english), status);
}

function readTransaction(raw: string | undefined): OidcTransaction | null {
  if (!raw) return null;
  try {
    const parsed = transactionSchema.safeParse(
      JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')),
    );
    return parsed.success ? parsed.data : null;
  } catch {
    return null; // a cookie that is not ours: treated as no sign-in under way
  }
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
      setCookie(
        c,
        OIDC_COOKIE,
        Buffer.from(JSON.stringify(started.transaction)).toString('base64url'),
        { httpOnly: true, sameSite: 'Lax', secure: secure(c), path: '/api/auth/oidc', maxAge: 600 },
      );
      return c.redirect(started.url, 302);
    })
    .get('/callback', async (c) => {
      const transaction = readTransaction(getCookie(c, OIDC_COOKIE));
      if (!transaction) return page(c, 'failed', 400);
      // The registered address with the provider's answer: behind a proxy the request's own URL may differ.
      const callback = new URL(deps.redirectUri);
      callback.search = new URL(c.req.url).search;
      const outcome = await deps.oidc.finish(callback, transaction);
      if (!outcome.ok) {
        deps.log?.(`oidc: sign-in refused (${outcome.reason}): ${outcome.detail}`);
        return page(c, outcome.reason, outcome.reason === 'failed' ? 400 : 403);
      }
      // A step-up replaces the weaker session it came from.
      const previous = getCookie(c, SESSION_COOKIE);
      if (previous) await deps.auth.logout(previous);
      const session = await deps.auth.startSession(outcome.personId, {
        method: 'oidc',
        acr: outcome.acr,
      });
      deleteCookie(c, OIDC_COOKIE, { path: '/api/auth/oidc' });
      setCookie(c, SESSION_COOKIE, session.token, {
        httpOnly: true,
        sameSite: 'Lax',
        secure: secure(c),
        path: '/',
        expires: session.expiresAt,
      });
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

/** Mounts the sign-in methods a deployment has: the provider's routes, and password sign-in turned off if asked. */
export function mountSignIn(
  app: Hono<PlenaryEnv>,
  deps: {
    auth: Auth;
    signIn?: { oidc: Oidc | null; redirectUri: string; passwords: boolean } | undefined;
    log?: (message: string, error?: unknown) => void;
  },
): void {
  const passwords = deps.signIn?.passwords ?? true;
  const oidc = deps.signIn?.oidc ?? null;
  app.get('/api/auth/methods', (c) => c.json({ password: passwords, oidc: oidc !== null }));
  if (!passwords)
    app.post('/api/auth/login', (c) =>
      sendRejection(
        c,
        reject(
          'FORBIDDEN',
          'Inloggning med lösenord är avstängd här: logga in via kommunens identitetstjänst. / Password sign-in is turned off: sign in through the identity provider.',
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
