// The office's stored files, notice-board postings and notice dispatches; and the council read for scheduling.
import { and, asc, eq } from 'drizzle-orm';
import type { PlenaryDb, PlenaryTx } from './client.ts';
import { body, noticeBoardPosting, noticeDispatch, person, sitting, storedFile } from './schema.ts';

export type StoredFileRow = typeof storedFile.$inferSelect;

export async function insertFile(tx: PlenaryDb | PlenaryTx, row: typeof storedFile.$inferInsert) {
  await tx.insert(storedFile).values(row);
}

export async function fileById(db: PlenaryDb, id: string): Promise<StoredFileRow | null> {
  const rows = await db.select().from(storedFile).where(eq(storedFile.id, id));
  return rows[0] ?? null;
}

export async function deleteFile(db: PlenaryDb | PlenaryTx, id: string): Promise<void> {
  await db.delete(storedFile).where(eq(storedFile.id, id));
}

/** Files of a sitting without their bytes. */
export async function filesOfSitting(db: PlenaryDb, sittingId: string) {
  return db
    .select({
      id: storedFile.id,
      itemId: storedFile.itemId,
      title: storedFile.title,
      filename: storedFile.filename,
      mediaType: storedFile.mediaType,
      size: storedFile.size,
      sha256: storedFile.sha256,
      uploadedAt: storedFile.uploadedAt,
    })
    .from(storedFile)
    .where(eq(storedFile.sittingId, sittingId))
    .orderBy(asc(storedFile.uploadedAt));
}

export async function upsertPosting(
  tx: PlenaryDb | PlenaryTx,
  row: typeof noticeBoardPosting.$inferInsert,
): Promise<void> {
  await tx
    .insert(noticeBoardPosting)
    .values(row)
    .onConflictDoUpdate({
      target: [noticeBoardPosting.sittingId, noticeBoardPosting.kind],
      set: {
        title: row.title,
        postedOn: row.postedOn,
        removedOn: row.removedOn,
        postedAt: row.postedAt,
        fileId: row.fileId,
      },
    });
}

export async function listPostings(db: PlenaryDb) {
  return db.select().from(noticeBoardPosting).orderBy(asc(noticeBoardPosting.postedAt));
}

export async function insertDispatch(
  tx: PlenaryDb | PlenaryTx,
  row: typeof noticeDispatch.$inferInsert,
): Promise<void> {
  await tx.insert(noticeDispatch).values(row);
}

export async function dispatchesOf(db: PlenaryDb, sittingId: string) {
  return db.select().from(noticeDispatch).where(eq(noticeDispatch.sittingId, sittingId));
}

export async function emailsOf(
  db: PlenaryDb,
  ids: readonly string[],
): Promise<Map<string, string>> {
  const rows = await db.select({ id: person.id, email: person.email }).from(person);
  const wanted = new Set(ids);
  return new Map(rows.filter((r) => wanted.has(r.id) && r.email).map((r) => [r.id, r.email ?? '']));
}

export async function bodyById(db: PlenaryDb | PlenaryTx, id: string) {
  const rows = await db.select().from(body).where(eq(body.id, id));
  return rows[0] ?? null;
}

export async function sittingsOfBody(db: PlenaryDb, bodyId: string) {
  return db
    .select({ id: sitting.id, startsAt: sitting.startsAt })
    .from(sitting)
    .where(and(eq(sitting.bodyId, bodyId)));
}

export async function sittingRow(db: PlenaryDb, id: string) {
  const rows = await db.select().from(sitting).where(eq(sitting.id, id));
  return rows[0] ?? null;
}
