// Signed heads of a sitting's log (issue 11 item 4): what is signed, and which events differ from heads published
// earlier. The signature itself is made and checked in app/log-signer.ts (a key the database never holds).
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import { canonicalJson, LOG_HEAD_FORMAT, type SignedHead, type StoredEvent } from '@council/shared';
import { GENESIS_HASH } from './hash-chain.ts';

export type HeadBody = Omit<SignedHead, 'signature'>;

/** The bytes an Ed25519 signature covers: the canonical JSON of the head without its signature. */
export function headMessage(head: HeadBody | SignedHead): Uint8Array {
  const body: HeadBody = {
    format: LOG_HEAD_FORMAT,
    sittingId: head.sittingId,
    seq: head.seq,
    hash: head.hash,
    signedAt: head.signedAt,
    keyId: head.keyId,
  };
  return utf8ToBytes(canonicalJson(body));
}

/** First 16 hex digits of SHA-256 over the raw 32-byte public key. */
export function keyIdOf(publicKey: Uint8Array): string {
  if (!(publicKey instanceof Uint8Array) || publicKey.length !== 32)
    throw new TypeError('keyIdOf: an Ed25519 public key is 32 bytes');
  return bytesToHex(sha256(publicKey)).slice(0, 16);
}

/** A head someone saved or the database holds, with where it came from and whether its signature verified. */
export interface AnchorHead {
  seq: number;
  hash: string;
  /** e.g. 'database', 'head.json', '--expect-head 12:ab…' */
  source: string;
  /** null: not signed (a seq:hash the verifier noted down itself); false: a signature no trusted key made. */
  signatureValid: boolean | null;
}

export interface AnchorDifference {
  /** The head that no longer matches (the lowest such seq). */
  seq: number;
  source: string;
  reason: string;
  /** The change lies in seq changedFrom…changedTo: after the newest head below that still matches. */
  changedFrom: number;
  changedTo: number;
}

export interface AnchorCheck {
  ok: boolean;
  /** Heads compared with the log (signed by a trusted key, or given unsigned by the verifier). */
  checked: number;
  /** The newest head that still matches the log. */
  lastMatching: { seq: number; source: string } | null;
  firstDifference: AnchorDifference | null;
  /** Every finding, one line each, for people. */
  problems: string[];
}

/**
 * Compare the log with heads published earlier. Heads without a valid signature are reported and not trusted; a
 * trusted head that the log no longer reproduces names the range of seqs the change must lie in (a single seq when the
 * heads were signed event by event). `requireSignedTip`: the last event must be covered by a signed head.
 */
export function checkAnchors(
  events: readonly Pick<StoredEvent, 'seq' | 'hash'>[],
  heads: readonly AnchorHead[],
  options: { requireSignedTip?: boolean } = {},
): AnchorCheck {
  const problems: string[] = [];
  const hashAt = new Map(events.map((e) => [e.seq, e.hash]));
  const lastSeq = events.at(-1)?.seq ?? 0;
  const trusted = heads.filter((h) => h.signatureValid !== false);
  for (const h of heads)
    if (h.signatureValid === false)
      problems.push(
        `the head at seq ${h.seq} (${h.source}) is not signed by a trusted key: forged, or signed with another key`,
      );
  const matches = (h: AnchorHead) =>
    h.seq === 0 ? h.hash === GENESIS_HASH : hashAt.get(h.seq) === h.hash;
  const differing = trusted.filter((h) => !matches(h)).sort((a, b) => a.seq - b.seq);
  const first = differing[0];
  let firstDifference: AnchorDifference | null = null;
  if (first) {
    const below = trusted.filter((h) => h.seq < first.seq && matches(h));
    const base = below.reduce((m, h) => Math.max(m, h.seq), 0);
    const changedFrom = Math.min(base + 1, first.seq);
    const stored = hashAt.get(first.seq);
    const reason =
      stored === undefined
        ? `the log ends at seq ${lastSeq}, but a head at seq ${first.seq} was published: events were removed`
        : `the event at seq ${first.seq} has hash ${stored}, the published head says ${first.hash}`;
    firstDifference = {
      seq: first.seq,
      source: first.source,
      reason,
      changedFrom,
      changedTo: first.seq,
    };
    problems.push(
      changedFrom === first.seq
        ? `seq ${first.seq} differs from the signed head (${first.source}): ${reason}`
        : `the log differs from the signed head at seq ${first.seq} (${first.source}) and matches the one at seq ${base}: ` +
            `an event in seq ${changedFrom}–${first.seq} was changed, removed or inserted (${reason})`,
    );
  }
  const matching = trusted.filter(matches).sort((a, b) => b.seq - a.seq)[0];
  if (options.requireSignedTip && lastSeq > 0) {
    const signedTip = trusted
      .filter((h) => h.signatureValid === true)
      .reduce((m, h) => Math.max(m, h.seq), 0);
    if (signedTip < lastSeq)
      problems.push(
        signedTip === 0
          ? `no event of the log is covered by a signed head (seq 1–${lastSeq})`
          : `seq ${signedTip + 1}–${lastSeq} are not covered by a signed head (appended outside the service?)`,
      );
  }
  return {
    ok: problems.length === 0,
    checked: trusted.length,
    lastMatching: matching ? { seq: matching.seq, source: matching.source } : null,
    firstDifference,
    problems,
  };
}
