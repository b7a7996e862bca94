// Links between people and their identities at an identity provider (issue 17). No rules here.
import { and, asc, eq } from 'drizzle-orm';
import type { PlenaryDb } from './client.ts';
import { person, personIdentity } from './schema.ts';

export interface IdentityLink {
  issuer: string;
  subject: string;
  personId: string;
}

/** The active person an identity belongs to, or null (unknown identity, or the account is deactivated). */
export async function personForIdentity(
  db: PlenaryDb,
  issuer: string,
  subject: string,
): Promise<string | null> {
  const rows = await db
    .select({ personId: personIdentity.personId, active: person.active })
    .from(personIdentity)
    .innerJoin(person, eq(person.id, personIdentity.personId))
    .where(and(eq(personIdentity.issuer, issuer), eq(personIdentity.subject, subject)));
  const row = rows[0];
  return row?.active ? row.personId : null;
}

export async function identitiesOf(db: PlenaryDb, personId: string): Promise<IdentityLink[]> {
  return db
    .select({
      issuer: personIdentity.issuer,
      subject: personIdentity.subject,
      personId: personIdentity.personId,
    })
    .from(personIdentity)
    .where(eq(personIdentity.personId, personId))
    .orderBy(asc(personIdentity.issuer));
}

/** Link (or re-link) an identity to a person: one identity names one person. */
export async function linkIdentity(db: PlenaryDb, link: IdentityLink): Promise<void> {
  await db
    .insert(personIdentity)
    .values(link)
    .onConflictDoUpdate({
      target: [personIdentity.issuer, personIdentity.subject],
      set: { personId: link.personId },
    });
}

export async function unlinkIdentity(
  db: PlenaryDb,
  issuer: string,
  subject: string,
): Promise<boolean> {
  const rows = await db
    .delete(personIdentity)
    .where(and(eq(personIdentity.issuer, issuer), eq(personIdentity.subject, subject)))
    .returning({ subject: personIdentity.subject });
  return rows.length > 0;
}
