// Login, logout and the signed-in identity. Session cookie: httpOnly, SameSite=Lax, Secure when the browser came over
// TLS (directly or through a trusted proxy); wrong passwords throttled per account and per address (429, Retry-After).
import { edgeOf, isSecureRequest } from '@council/node-server/edge';
import { Hono, type Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { isRejection, loginSchema, reject } from '@council/shared';
import { SESSION_COOKIE, toMe, type Auth } from '../app/auth.ts';
import { sendRejection } from './errors.ts';
import type { PlenaryEnv } from './env.ts';
import { validate } from './validate.ts';

/** The session cookie, as every way of signing in sets it. */
export function setSessionCookie(c: Context, session: { token: string; expiresAt: Date }): void {
  setCookie(c, SESSION_COOKIE, session.token, {
    httpOnly: true,
    sameSite: 'Lax',
    secure: isSecureRequest(c),
    path: '/',
    expires: session.expiresAt,
  });
}

export function authRoutes(auth: Auth) {
  return new Hono<PlenaryEnv>()
    .post('/login', validate('json', loginSchema), async (c) => {
      const { username, password } = c.req.valid('json');
      // The address only from the peer or a trusted proxy: a client cannot choose whose count it adds to.
      const result = await auth.loginWithPassword(username, password, edgeOf(c).clientAddress);
      if (isRejection(result)) {
        if (result.retryAfterSeconds !== undefined)
          c.header('Retry-After', String(result.retryAfterSeconds));
        return sendRejection(c, result);
      }
      setSessionCookie(c, result);
      return c.json(toMe(result.person));
    })
    .post('/logout', async (c) => {
      const token = getCookie(c, SESSION_COOKIE);
      if (token) await auth.logout(token);
      deleteCookie(c, SESSION_COOKIE, { path: '/' });
      return c.body(null, 204);
    })
    .get('/me', (c) => {
      const person = c.get('person');
      if (!person)
        return sendRejection(c, reject('UNAUTHENTICATED', 'Inte inloggad.', 'Not logged in.'));
      return c.json(toMe(person));
    });
}
