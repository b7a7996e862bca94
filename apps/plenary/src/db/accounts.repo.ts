// Accounts as the office administers them: listing, creating, password state, activation, one-time links.
import { and, asc, eq, gt, isNotNull, isNull } from 'drizzle-orm';
import type { AccountCreate, AccountRow, Role } from '@council/shared';
import type { PlenaryDb, PlenaryTx } from './client.ts';
import { passwordReset, person } from './schema.ts';

const roleSet = new Set<string>([
  'member',
  'substitute',
  'chair',
  'secretary',
  'committee',
  'admin',
]);
const asRoles = (roles: string[]): Role[] => roles.filter((r): r is Role => roleSet.has(r));

export async function listAccounts(db: PlenaryDb): Promise<AccountRow[]> {
  const rows = await db.select().from(person).orderBy(asc(person.name));
  return rows.map((p) => ({
    id: p.id,
    name: p.name,
    username: p.username,
    partyId: p.partyId,
    roles: asRoles(p.roles),
    email: p.email,
    active: p.active,
    hasPassword: p.passwordHash !== null,
    mustChangePassword: p.mustChangePassword,
    lastLoginAt: p.lastLoginAt ? new Date(p.lastLoginAt).toISOString() : null,
    linkedIdentity: null,
  }));
}

export async function insertAccount(tx: PlenaryTx, a: AccountCreate): Promise<void> {
  await tx.insert(person).values({ ...a, passwordHash: null });
}

export async function updateAccount(
  tx: PlenaryTx,
  id: string,
  set: Partial<{
    name: string;
    roles: Role[];
    email: string | null;
    active: boolean;
    passwordHash: string | null;
    mustChangePassword: boolean;
    demoPassword: boolean;
  }>,
): Promise<void> {
  await tx.update(person).set(set).where(eq(person.id, id));
}

export async function insertPasswordReset(
  tx: PlenaryTx,
  row: typeof passwordReset.$inferInsert,
): Promise<void> {
  await tx.insert(passwordReset).values(row);
}

/** The person a live, unused link belongs to. */
export async function openPasswordReset(
  db: PlenaryDb | PlenaryTx,
  tokenHash: string,
  now: string,
): Promise<string | null> {
  const rows = await db
    .select({ personId: passwordReset.personId })
    .from(passwordReset)
    .where(
      and(
        eq(passwordReset.tokenHash, tokenHash),
        isNull(passwordReset.usedAt),
        gt(passwordReset.expiresAt, now),
      ),
    );
  return rows[0]?.personId ?? null;
}

export async function usePasswordReset(tx: PlenaryTx, tokenHash: string, now: string) {
  await tx.update(passwordReset).set({ usedAt: now }).where(eq(passwordReset.tokenHash, tokenHash));
}

/** Outside the demo no account keeps the demo password: its hash is removed at start. */
export async function clearDemoPasswords(db: PlenaryDb): Promise<number> {
  const rows = await db
    .update(person)
    .set({ passwordHash: null, demoPassword: false })
    .where(eq(person.demoPassword, true))
    .returning({ id: person.id });
  return rows.length;
}

export async function markDemoPasswords(db: PlenaryDb): Promise<void> {
  await db.update(person).set({ demoPassword: true }).where(isNotNull(person.passwordHash));
}

export async function touchLastLogin(db: PlenaryDb, id: string, at: string): Promise<void> {
  await db.update(person).set({ lastLoginAt: at }).where(eq(person.id, id));
}
