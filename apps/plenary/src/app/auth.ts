// Login with password and opaque session tokens (httpOnly cookie). The identity provider is a port: an OpenID
// Connect login (municipal eID) only needs to resolve to a person id and call startSession().
import { createHash, randomBytes } from 'node:crypto';
import { parse as parseCookies } from 'hono/utils/cookie';
import { reject, type Me, type Rejection } from '@council/shared';
import type { PlenaryDb } from '../db/client.ts';
import {
  deleteSession,
  insertSession,
  liveSessions,
  personById,
  personByUsername,
  sessionPerson,
  setPasswordHash,
  type PersonRow,
} from '../db/auth.repo.ts';
import type { Actor } from '../domain/sitting/types.ts';
import { touchLastLogin } from '../db/accounts.repo.ts';
import { dummyHash, hashPassword, needsRehash, verifyPassword } from './passwords.ts';
import { createLoginThrottle, type LoginThrottle, type ThrottleLimits } from './login-throttle.ts';
import type { SignInMethod } from '../domain/sign-in/step-up.ts';

export const SESSION_COOKIE = 'council_session';
const SESSION_HOURS = 12;

export function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** One cookie's value from a Cookie header, parsed as Hono's getCookie does: a broken escape never throws. */
export function parseCookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  return parseCookies(header, name)[name];
}

export function toMe(p: PersonRow): Me {
  return {
    personId: p.id,
    name: p.name,
    username: p.username,
    partyId: p.partyId,
    roles: p.roles,
    ...(p.mustChangePassword ? { mustChangePassword: true } : {}),
  };
}

export function toActor(p: PersonRow): Actor {
  return { personId: p.id, roles: p.roles, ...(p.signIn ? { signIn: p.signIn } : {}) };
}

/** A signed-in session as the sockets hold it: cut at logout, at expiry and when the row is gone. */
export interface SessionInfo {
  person: PersonRow;
  tokenHash: string;
  expiresAt: Date;
}

/** A refused sign-in: wrong name or password (401), or too many wrong ones (429 with Retry-After). */
export type LoginRefusal = Rejection & { retryAfterSeconds?: number };

const minutes = (seconds: number) => Math.max(1, Math.ceil(seconds / 60));

export function createAuth(deps: {
  db: PlenaryDb;
  clock?: () => Date;
  throttle?: ThrottleLimits | undefined;
}) {
  const clock = deps.clock ?? (() => new Date());
  const throttle: LoginThrottle = createLoginThrottle(deps.db, deps.throttle);
  const dummy = dummyHash();
  const ended = new Set<(tokenHash: string) => void>();

  /** A session for a person who has signed in: `how` is the method and the level the provider reported. */
  async function startSession(
    personId: string,
    how: { method: SignInMethod; acr?: string | null } = { method: 'password' },
  ): Promise<{ token: string; expiresAt: Date }> {
    const token = randomBytes(32).toString('base64url');
    const now = clock();
    const expiresAt = new Date(now.getTime() + SESSION_HOURS * 3600_000);
    await insertSession(deps.db, {
      tokenHash: tokenHash(token),
      personId,
      createdAt: now.toISOString(),
      expiresAt: expiresAt.toISOString(),
      method: how.method,
      acr: how.acr ?? null,
    });
    return { token, expiresAt };
  }

  async function sessionForToken(token: string | undefined): Promise<SessionInfo | null> {
    if (!token || token.length > 200) return null;
    const hash = tokenHash(token);
    const found = await sessionPerson(deps.db, hash, clock().toISOString());
    return found ? { person: found.person, tokenHash: hash, expiresAt: found.expiresAt } : null;
  }
  async function personForToken(token: string | undefined): Promise<PersonRow | null> {
    return (await sessionForToken(token))?.person ?? null;
  }

  return {
    startSession,
    personForToken,
    /** The signed-in person behind a raw Cookie header (socket handshakes, requests outside Hono). */
    personForCookieHeader: async (header: string | null | undefined) => {
      const p = await personForToken(parseCookie(header ?? undefined, SESSION_COOKIE));
      // A temporary password opens only the page to choose one's own.
      return p?.mustChangePassword ? null : p;
    },
    /** The session behind a socket handshake's Cookie header (null: the public). */
    sessionForCookieHeader: async (header: string | null | undefined) => {
      const s = await sessionForToken(parseCookie(header ?? undefined, SESSION_COOKIE));
      return s?.person.mustChangePassword ? null : s;
    },
    /** Of these sessions, the ones still live (not logged out, expired, or ended by a new password elsewhere). */
    liveSessions: (hashes: readonly string[]) =>
      liveSessions(deps.db, hashes, clock().toISOString()),
    /** Called with a session's token hash when it is logged out here: its sockets are cut at once. */
    onSessionEnded(listener: (tokenHash: string) => void): () => void {
      ended.add(listener);
      return () => ended.delete(listener);
    },
    /**
     * Every attempt costs one scrypt derivation, for a name that exists or not (a dummy hash): the time names no one.
     * Wrong passwords count per account and per address; past the limit the answer is 429 until the window ends
     * or the office unlocks the account.
     */
    async loginWithPassword(
      username: string,
      password: string,
      address: string | null = null,
    ): Promise<{ token: string; expiresAt: Date; person: PersonRow } | LoginRefusal> {
      const name = username.trim().toLowerCase();
      const wait = await throttle.blocked(name, address);
      if (wait !== null)
        return {
          ...reject(
            'RATE_LIMITED',
            `För många felaktiga inloggningsförsök. Försök igen om ${minutes(wait)} minuter, eller be kansliet låsa upp kontot.`,
            `Too many wrong sign-ins: try again in ${minutes(wait)} minutes, or ask the council office to unlock the account.`,
          ),
          retryAfterSeconds: wait,
        };
      const person = await personByUsername(deps.db, name);
      const stored = person?.passwordHash && person.active ? person.passwordHash : await dummy();
      const ok = (await verifyPassword(password, stored)) && stored !== (await dummy());
      // Same answer for an unknown user and a wrong password: no account enumeration.
      if (!person || !ok) {
        await throttle.failed(name, address);
        return reject(
          'UNAUTHENTICATED',
          'Fel användarnamn eller lösenord.',
          'Wrong username or password.',
        );
      }
      await throttle.succeeded(name);
      // A hash from before N = 2^17 is made anew now that the password is at hand.
      if (needsRehash(stored))
        await setPasswordHash(deps.db, person.id, await hashPassword(password));
      const session = await startSession(person.id);
      await touchLastLogin(deps.db, person.id, clock().toISOString());
      return { ...session, person };
    },
    async logout(token: string): Promise<void> {
      const hash = tokenHash(token);
      await deleteSession(deps.db, hash);
      for (const listener of ended) listener(hash);
    },
    /** The office lifts the lock on an account after too many wrong passwords. */
    async unlock(personId: string): Promise<Rejection | { unlocked: string }> {
      const person = await personById(deps.db, personId);
      if (!person) return reject('NOT_FOUND', 'Det finns inget sådant konto.', 'No such account.');
      await throttle.unlock(person.username);
      return { unlocked: person.username };
    },
    throttleLimits: throttle.limits,
  };
}

export type Auth = ReturnType<typeof createAuth>;
