// The office's change record (who, when, what): appended in the same transaction as the change it describes.
import { desc, eq } from 'drizzle-orm';
import type { PlenaryDb, PlenaryTx } from './client.ts';
import { officeChange } from './schema.ts';

export interface OfficeChange {
  actorId: string;
  subject: string;
  action: string;
  detail?: Record<string, unknown>;
}

export async function recordChange(
  db: PlenaryDb | PlenaryTx,
  at: string,
  change: OfficeChange,
): Promise<void> {
  await db.insert(officeChange).values({ ...change, detail: change.detail ?? {}, at });
}

export async function listChanges(db: PlenaryDb, subject?: string, limit = 200) {
  const q = db.select().from(officeChange);
  return (subject ? q.where(eq(officeChange.subject, subject)) : q)
    .orderBy(desc(officeChange.id))
    .limit(limit);
}
