// Sign-in through a SAML 2.0 identity provider (issue 17): /metadata for the provider's registration, /start
// redirects there, the provider posts its signed assertion to /acs, which starts a session or answers a clear page in
// Swedish, with no session, when it cannot.
import { Hono, type Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { z } from 'zod';
import { isSecureRequest } from '@council/node-server/edge';
import type { Auth } from '../app/auth.ts';
import type { SamlSignIn } from '../app/sign-in/saml.ts';
import type { PlenaryEnv } from './env.ts';
import {
  PAGES,
  readTransactionCookie,
  signInPage,
  startProviderSession,
  startQuery,
  writeTransactionCookie,
} from './sign-in-pages.ts';

const SAML_COOKIE = 'council_saml';
const COOKIE_PATH = '/api/auth/saml';
const transactionSchema = z.object({
  requestId: z.string().regex(/^_[0-9a-f]{40}$/),
  returnTo: z.string().max(500),
  stepUp: z.boolean().optional(),
});
/** The provider's post: a base64 Response of at most 256 KiB, and our RelayState. */
const acsBody = z.object({
  SAMLResponse: z
    .string()
    .min(1)
    .max(256 * 1024)
    .regex(/^[A-Za-z0-9+/=\r\n]+$/),
  RelayState: z.string().max(200).optional(),
});

export function samlRoutes(deps: {
  saml: SamlSignIn;
  auth: Auth;
  log?: (message: string, error?: unknown) => void;
}) {
  const page = (c: Context<PlenaryEnv>, kind: keyof typeof PAGES, status: 400 | 403) => {
    const [title, text, english] = PAGES[kind];
    deleteCookie(c, SAML_COOKIE, { path: COOKIE_PATH });
    return c.html(signInPage(title, text, english), status);
  };
  return new Hono<PlenaryEnv>()
    .get('/metadata', (c) => {
      c.header('Cache-Control', 'public, max-age=3600');
      return c.body(deps.saml.metadata(), 200, {
        'Content-Type': 'application/samlmetadata+xml; charset=utf-8',
      });
    })
    .get('/start', async (c) => {
      const query = startQuery.safeParse(c.req.query());
      const started = await deps.saml.start(
        query.success ? query.data.returnTo : undefined,
        query.success && query.data.stepUp !== undefined,
      );
      // The provider posts back cross-site: over TLS the cookie must be SameSite=None to come with that post.
      setCookie(
        c,
        SAML_COOKIE,
        writeTransactionCookie(started.transaction),
        isSecureRequest(c)
          ? { httpOnly: true, sameSite: 'None', secure: true, path: COOKIE_PATH, maxAge: 600 }
          : { httpOnly: true, sameSite: 'Lax', path: COOKIE_PATH, maxAge: 600 },
      );
      return c.redirect(started.url, 302);
    })
    .post('/acs', async (c) => {
      const transaction = readTransactionCookie(getCookie(c, SAML_COOKIE), transactionSchema);
      if (!transaction) return page(c, 'failed', 400);
      let form: Record<string, unknown>;
      try {
        form = await c.req.parseBody();
      } catch {
        return page(c, 'failed', 400);
      }
      const body = acsBody.safeParse(form);
      if (!body.success) return page(c, 'failed', 400);
      const outcome = await deps.saml.finish(body.data, transaction);
      if (!outcome.ok) {
        deps.log?.(`saml: sign-in refused (${outcome.reason}): ${outcome.detail}`);
        return page(c, outcome.reason, outcome.reason === 'failed' ? 400 : 403);
      }
      await startProviderSession(c, deps.auth, outcome.personId, {
        method: 'saml',
        acr: outcome.acr,
      });
      deleteCookie(c, SAML_COOKIE, { path: COOKIE_PATH });
      return c.redirect(transaction.returnTo, 302);
    });
}
