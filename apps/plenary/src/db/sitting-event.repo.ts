// Reads and appends the sitting event log and its head. No rules here: the engine decides, this stores.
import { and, asc, desc, eq, gt } from 'drizzle-orm';
import { LOG_HEAD_FORMAT, type SignedHead, type StoredEvent } from '@council/shared';
import type { PlenaryDb, PlenaryTx } from './client.ts';
import { sittingEvent, sittingHead, sittingHeadSignature } from './schema.ts';
import { GENESIS_HASH } from '../domain/log/hash-chain.ts';

type Reader = PlenaryDb | PlenaryTx;

function toStored(row: typeof sittingEvent.$inferSelect): StoredEvent {
  return {
    sittingId: row.sittingId,
    seq: row.seq,
    type: row.type,
    payload: row.payload,
    actorId: row.actorId,
    at: row.at,
    prevHash: row.prevHash,
    hash: row.hash,
  };
}

export async function eventsSince(
  db: Reader,
  sittingId: string,
  afterSeq = 0,
): Promise<StoredEvent[]> {
  const rows = await db
    .select()
    .from(sittingEvent)
    .where(and(eq(sittingEvent.sittingId, sittingId), gt(sittingEvent.seq, afterSeq)))
    .orderBy(asc(sittingEvent.seq));
  return rows.map(toStored);
}

/** Lock the sitting's head row for this transaction: concurrent writers to one sitting queue here. */
export async function lockHead(
  tx: PlenaryTx,
  sittingId: string,
): Promise<{ seq: number; hash: string } | null> {
  const rows = await tx
    .select({ seq: sittingHead.seq, hash: sittingHead.hash })
    .from(sittingHead)
    .where(eq(sittingHead.sittingId, sittingId))
    .for('update');
  return rows[0] ?? null;
}

export async function createHead(tx: PlenaryTx, sittingId: string): Promise<void> {
  await tx
    .insert(sittingHead)
    .values({ sittingId, seq: 0, hash: GENESIS_HASH, state: {} })
    .onConflictDoNothing();
}

export async function appendEvents(
  tx: PlenaryTx,
  events: readonly StoredEvent[],
  readModel: Record<string, unknown>,
  signedHeads: readonly SignedHead[] = [],
): Promise<void> {
  const last = events.at(-1);
  if (!last) return;
  await tx.insert(sittingEvent).values(events.map((e) => ({ ...e })));
  await tx
    .update(sittingHead)
    .set({ seq: last.seq, hash: last.hash, state: readModel, updatedAt: last.at })
    .where(eq(sittingHead.sittingId, last.sittingId));
  if (signedHeads.length > 0) await tx.insert(sittingHeadSignature).values(signedHeads.map(toRow));
}

const toRow = (h: SignedHead): typeof sittingHeadSignature.$inferInsert => ({
  sittingId: h.sittingId,
  seq: h.seq,
  hash: h.hash,
  signedAt: h.signedAt,
  keyId: h.keyId,
  signature: h.signature,
});

const toSignedHead = (r: typeof sittingHeadSignature.$inferSelect): SignedHead => ({
  format: LOG_HEAD_FORMAT,
  sittingId: r.sittingId,
  seq: r.seq,
  hash: r.hash,
  signedAt: r.signedAt,
  keyId: r.keyId,
  signature: r.signature,
});

/** A signed head made outside a batch (a log written before heads were signed); a second one for a seq is ignored. */
export async function insertSignedHead(db: Reader, head: SignedHead): Promise<void> {
  await db.insert(sittingHeadSignature).values(toRow(head)).onConflictDoNothing();
}

/** Every signed head of a sitting, oldest first. */
export async function signedHeads(db: Reader, sittingId: string): Promise<SignedHead[]> {
  const rows = await db
    .select()
    .from(sittingHeadSignature)
    .where(eq(sittingHeadSignature.sittingId, sittingId))
    .orderBy(asc(sittingHeadSignature.seq));
  return rows.map(toSignedHead);
}

export async function latestSignedHead(db: Reader, sittingId: string): Promise<SignedHead | null> {
  const rows = await db
    .select()
    .from(sittingHeadSignature)
    .where(eq(sittingHeadSignature.sittingId, sittingId))
    .orderBy(desc(sittingHeadSignature.seq))
    .limit(1);
  const row = rows[0];
  return row ? toSignedHead(row) : null;
}

export async function head(
  db: Reader,
  sittingId: string,
): Promise<{ seq: number; hash: string } | null> {
  const rows = await db
    .select({ seq: sittingHead.seq, hash: sittingHead.hash })
    .from(sittingHead)
    .where(eq(sittingHead.sittingId, sittingId));
  return rows[0] ?? null;
}
