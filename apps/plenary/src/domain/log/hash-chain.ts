// The per-sitting event log's SHA-256 hash chain: each event hashes its canonical body and the previous hash.
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import { canonicalJson, type StoredEvent } from '@council/shared';

export const GENESIS_HASH = '0'.repeat(64);

export type UnhashedEvent = Omit<StoredEvent, 'hash'>;

export function eventHash(event: UnhashedEvent): string {
  const body = {
    sittingId: event.sittingId,
    seq: event.seq,
    type: event.type,
    payload: event.payload,
    actorId: event.actorId,
    at: event.at,
    prevHash: event.prevHash,
  };
  return bytesToHex(sha256(utf8ToBytes(canonicalJson(body))));
}

/** Link new events onto a head: gap-free seq numbers, each hashing the previous. */
export function chain(
  head: { seq: number; hash: string },
  events: readonly Omit<UnhashedEvent, 'seq' | 'prevHash'>[],
): StoredEvent[] {
  const out: StoredEvent[] = [];
  let seq = head.seq;
  let prevHash = head.hash;
  for (const e of events) {
    const unhashed: UnhashedEvent = { ...e, seq: ++seq, prevHash };
    const hash = eventHash(unhashed);
    out.push({ ...unhashed, hash });
    prevHash = hash;
  }
  return out;
}

export type ChainCheck =
  | { ok: true; count: number; headHash: string }
  | { ok: false; seq: number; reason: string; count: number };

/** Re-walk a sitting's log from the genesis and report the first broken link. */
export function verifyChain(events: readonly StoredEvent[]): ChainCheck {
  let prevHash = GENESIS_HASH;
  let expectedSeq = 1;
  for (const e of events) {
    if (e.seq !== expectedSeq)
      return {
        ok: false,
        seq: e.seq,
        reason: `expected seq ${expectedSeq}, found ${e.seq} (gap or duplicate)`,
        count: events.length,
      };
    if (e.prevHash !== prevHash)
      return {
        ok: false,
        seq: e.seq,
        reason: "prevHash does not match the previous event's hash",
        count: events.length,
      };
    const recomputed = eventHash(e);
    if (recomputed !== e.hash)
      return {
        ok: false,
        seq: e.seq,
        reason: "hash does not match the event's content (edited)",
        count: events.length,
      };
    prevHash = e.hash;
    expectedSeq++;
  }
  return { ok: true, count: events.length, headHash: prevHash };
}
