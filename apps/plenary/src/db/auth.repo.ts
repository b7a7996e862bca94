// People and login sessions.
import { and, eq, gt, inArray, lt } from 'drizzle-orm';
import type { Role } from '@council/shared';
import type { SignIn, SignInMethod } from '../domain/sign-in/step-up.ts';
import type { PlenaryDb, PlenaryTx } from './client.ts';
import { authSession, person } from './schema.ts';

export interface PersonRow {
  id: string;
  name: string;
  username: string;
  partyId: string | null;
  roles: Role[];
  passwordHash: string | null;
  active: boolean;
  mustChangePassword: boolean;
  /** Set when the row was found through a session: how that session was signed in (issue 17). */
  signIn?: SignIn;
}

function toPerson(row: typeof person.$inferSelect): PersonRow {
  return {
    id: row.id,
    name: row.name,
    username: row.username,
    partyId: row.partyId,
    roles: row.roles.filter((r): r is Role => isRole(r)),
    passwordHash: row.passwordHash,
    active: row.active,
    mustChangePassword: row.mustChangePassword,
  };
}

const roleSet = new Set<string>([
  'member',
  'substitute',
  'chair',
  'secretary',
  'committee',
  'admin',
]);
function isRole(value: string): value is Role {
  return roleSet.has(value);
}

export async function personByUsername(db: PlenaryDb, username: string): Promise<PersonRow | null> {
  const rows = await db.select().from(person).where(eq(person.username, username));
  const row = rows[0];
  return row ? toPerson(row) : null;
}

export async function personById(db: PlenaryDb, id: string): Promise<PersonRow | null> {
  const rows = await db.select().from(person).where(eq(person.id, id));
  const row = rows[0];
  return row ? toPerson(row) : null;
}

export async function insertSession(
  db: PlenaryDb,
  row: typeof authSession.$inferInsert,
): Promise<void> {
  await db.insert(authSession).values(row);
}

export async function sessionPerson(
  db: PlenaryDb,
  tokenHash: string,
  now: string,
): Promise<{ person: PersonRow; expiresAt: Date } | null> {
  const rows = await db
    .select({
      p: person,
      expiresAt: authSession.expiresAt,
      method: authSession.method,
      acr: authSession.acr,
      at: authSession.createdAt,
    })
    .from(authSession)
    .innerJoin(person, eq(person.id, authSession.personId))
    .where(
      and(
        eq(authSession.tokenHash, tokenHash),
        gt(authSession.expiresAt, now),
        eq(person.active, true),
      ),
    );
  const row = rows[0];
  if (!row) return null;
  const method: SignInMethod =
    row.method === 'oidc' || row.method === 'saml' ? row.method : 'password';
  return {
    person: {
      ...toPerson(row.p),
      signIn: { method, acr: row.acr, at: new Date(row.at).toISOString() },
    },
    expiresAt: new Date(row.expiresAt),
  };
}

/** Which of these token hashes are sessions still live at `now` (for cutting sockets whose session ended). */
export async function liveSessions(
  db: PlenaryDb,
  tokenHashes: readonly string[],
  now: string,
): Promise<Set<string>> {
  if (tokenHashes.length === 0) return new Set();
  const rows = await db
    .select({ tokenHash: authSession.tokenHash })
    .from(authSession)
    .innerJoin(person, eq(person.id, authSession.personId))
    .where(
      and(
        inArray(authSession.tokenHash, [...tokenHashes]),
        gt(authSession.expiresAt, now),
        eq(person.active, true),
      ),
    );
  return new Set(rows.map((r) => r.tokenHash));
}

export async function deleteSession(db: PlenaryDb, tokenHash: string): Promise<void> {
  await db.delete(authSession).where(eq(authSession.tokenHash, tokenHash));
}

/** A deactivated account or a new password ends every session of the person. */
export async function deleteSessionsOf(db: PlenaryDb | PlenaryTx, personId: string): Promise<void> {
  await db.delete(authSession).where(eq(authSession.personId, personId));
}

export async function deleteExpiredSessions(db: PlenaryDb, now: string): Promise<void> {
  await db.delete(authSession).where(lt(authSession.expiresAt, now));
}

export async function setPasswordHash(
  db: PlenaryDb,
  personId: string,
  passwordHash: string,
): Promise<void> {
  await db.update(person).set({ passwordHash }).where(eq(person.id, personId));
}
