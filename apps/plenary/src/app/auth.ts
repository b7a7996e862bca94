// Login with password and opaque session tokens (httpOnly cookie). The identity provider is a port: an OpenID
// Connect login (municipal eID) only needs to resolve to a person id and call startSession().
import { createHash, randomBytes } from 'node:crypto';
import { parse as parseCookies } from 'hono/utils/cookie';
import { reject, type Me, type Rejection } from '@council/shared';
import type { PlenaryDb } from '../db/client.ts';
import {
  deleteSession,
  insertSession,
  personByUsername,
  sessionPerson,
  type PersonRow,
} from '../db/auth.repo.ts';
import type { Actor } from '../domain/sitting/types.ts';
import { touchLastLogin } from '../db/accounts.repo.ts';
import { verifyPassword } from './passwords.ts';

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
  return { personId: p.id, roles: p.roles };
}

export function createAuth(deps: { db: PlenaryDb; clock?: () => Date }) {
  const clock = deps.clock ?? (() => new Date());

  async function startSession(personId: string): Promise<{ token: string; expiresAt: Date }> {
    const token = randomBytes(32).toString('base64url');
    const now = clock();
    const expiresAt = new Date(now.getTime() + SESSION_HOURS * 3600_000);
    await insertSession(deps.db, {
      tokenHash: tokenHash(token),
      personId,
      createdAt: now.toISOString(),
      expiresAt: expiresAt.toISOString(),
    });
    return { token, expiresAt };
  }

  async function personForToken(token: string | undefined): Promise<PersonRow | null> {
    if (!token || token.length > 200) return null;
    return sessionPerson(deps.db, tokenHash(token), clock().toISOString());
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
    async loginWithPassword(
      username: string,
      password: string,
    ): Promise<{ token: string; expiresAt: Date; person: PersonRow } | Rejection> {
      const person = await personByUsername(deps.db, username.trim().toLowerCase());
      // Same answer for an unknown user and a wrong password: no account enumeration.
      const ok = person?.passwordHash ? await verifyPassword(password, person.passwordHash) : false;
      if (!person || !ok || !person.active)
        return reject(
          'UNAUTHENTICATED',
          'Wrong username or password. / Fel användarnamn eller lösenord.',
        );
      const session = await startSession(person.id);
      await touchLastLogin(deps.db, person.id, clock().toISOString());
      return { ...session, person };
    },
    async logout(token: string): Promise<void> {
      await deleteSession(deps.db, tokenHash(token));
    },
  };
}

export type Auth = ReturnType<typeof createAuth>;
