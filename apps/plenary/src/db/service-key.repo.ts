// Stored service keys (secret hex, public hex).
import { eq } from 'drizzle-orm';
import type { PlenaryDb } from './client.ts';
import { serviceKey } from './schema.ts';

export async function findServiceKey(db: PlenaryDb, name: string) {
  const rows = await db.select().from(serviceKey).where(eq(serviceKey.name, name));
  return rows[0] ?? null;
}

export async function insertServiceKey(
  db: PlenaryDb,
  row: typeof serviceKey.$inferInsert,
): Promise<void> {
  await db.insert(serviceKey).values(row).onConflictDoNothing();
}
