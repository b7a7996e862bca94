// Re-walks a sitting's hash chain from the database and reports the first broken link.
import type { PlenaryDb } from '../db/client.ts';
import { eventsSince, head, signedHeads } from '../db/sitting-event.repo.ts';
import { verifyChain, type ChainCheck } from '../domain/log/hash-chain.ts';
import { checkAnchors, type AnchorCheck, type AnchorHead } from '../domain/log/signed-head.ts';
import {
  canonicalJson,
  signedHeadSchema,
  type SignedHead,
  type StoredEvent,
} from '@council/shared';
import { verifySignedHead } from './log-signer.ts';
import { buildMinutes, MINUTES_FORMAT, type MinutesDocument } from '../domain/minutes/document.ts';
import { minutesSections, minutesSha256, sectionHashes } from '../domain/minutes/hash.ts';
import { minutesOf } from '../domain/minutes/state.ts';
import { minutesState } from './minutes/view.ts';

export type LogReport = ChainCheck & { sittingId: string; headMatches: boolean };

export async function verifySittingLog(
  db: PlenaryDb,
  sittingId: string,
): Promise<LogReport | null> {
  const [events, stored] = await Promise.all([eventsSince(db, sittingId, 0), head(db, sittingId)]);
  if (!stored && events.length === 0) return null;
  const check = verifyChain(events);
  // The head row must point at the last event: a truncated log with an intact prefix is still caught.
  const last = events.at(-1);
  const headMatches = Boolean(
    stored && last && stored.seq === last.seq && stored.hash === last.hash,
  );
  return { ...check, sittingId, headMatches };
}

// ---------------------------------------------------------------- issue 11 item 4: the log against its signed heads

/** A head someone saved earlier: `seq:hash` noted down, or a signed head (from the public view, log-head, open data). */
export interface ExpectedHead {
  seq: number;
  hash: string;
  source: string;
  signed: SignedHead | null;
}

/**
 * Parse `--expect-head`: `seq:hash`, or the JSON of a file — a signed head (`/api/public/sittings/:id/log-head`), the
 * list of `/log-heads`, a public view (`logHead`) or an open-data record (`log.head`, `log.lock`).
 */
export function parseExpectedHeads(
  arg: string,
  readFile: (path: string) => string,
): ExpectedHead[] {
  const noted = /^(\d+):([0-9a-f]{64})$/.exec(arg);
  if (noted)
    return [
      { seq: Number(noted[1]), hash: noted[2] ?? '', source: `--expect-head ${arg}`, signed: null },
    ];
  const json: unknown = JSON.parse(readFile(arg));
  const candidates: unknown[] = [];
  const o = (json && typeof json === 'object' ? json : {}) as Record<string, unknown>;
  const log = (o.log && typeof o.log === 'object' ? o.log : {}) as Record<string, unknown>;
  if (o.signature) candidates.push(o);
  if (Array.isArray(o.heads)) candidates.push(...(o.heads as unknown[]));
  if (o.logHead) candidates.push(o.logHead);
  if (log.head) candidates.push(log.head);
  if (log.lock) candidates.push(log.lock);
  const heads = candidates.map((c) => signedHeadSchema.parse(c));
  if (heads.length === 0)
    throw new Error(`${arg}: no signed log head in it (format council-log-head/v1)`);
  return heads.map((h) => ({ seq: h.seq, hash: h.hash, source: arg, signed: h }));
}

export type AnchorReport = AnchorCheck & { sittingId: string; storedHeads: number };

/**
 * Check the log against its signed heads: those in the database (each must carry a valid signature by a trusted key,
 * the last event must be covered) and those anyone saved earlier. Keys are the published ones (`/api/public/keys`),
 * never read from the database being checked.
 */
export async function verifyLogAnchors(
  db: PlenaryDb,
  sittingId: string,
  options: { trustedKeys: readonly string[]; expected?: readonly ExpectedHead[] },
): Promise<AnchorReport> {
  const [events, stored] = await Promise.all([
    eventsSince(db, sittingId, 0),
    signedHeads(db, sittingId),
  ]);
  const heads: AnchorHead[] = stored.map((h) => ({
    seq: h.seq,
    hash: h.hash,
    source: 'database',
    signatureValid: verifySignedHead(h, options.trustedKeys),
  }));
  const foreign: string[] = [];
  for (const e of options.expected ?? []) {
    if (e.signed && e.signed.sittingId !== sittingId) {
      foreign.push(
        `${e.source}: the head is of sitting '${e.signed.sittingId}', not '${sittingId}'`,
      );
      continue;
    }
    heads.push({
      seq: e.seq,
      hash: e.hash,
      source: e.source,
      signatureValid: e.signed ? verifySignedHead(e.signed, options.trustedKeys) : null,
    });
  }
  const check = checkAnchors(events, heads, { requireSignedTip: true });
  const problems = [...foreign, ...check.problems];
  return { ...check, ok: problems.length === 0, problems, sittingId, storedHeads: stored.length };
}

// ---------------------------------------------------------------- R24: a locked protocol against the log

export interface MinutesCheck {
  sittingId: string;
  locked: boolean;
  ok: boolean;
  /** One line per section that does not follow from the log, naming it: '§ 2: paragraphs… differs'. */
  mismatches: string[];
  sha256: string | null;
  regeneratedSha256: string | null;
}

/** The first place two JSON values differ, as a path ('divisions[0].counts.yes: 27 ≠ 28'), or null when equal. */
export function firstDifference(a: unknown, b: unknown, path = ''): string | null {
  const show = (v: unknown) => (v === undefined ? 'missing' : JSON.stringify(v));
  if (a === undefined || b === undefined)
    return a === b
      ? null
      : `${path || '(root)'}: ${show(b)} in the protocol, ${show(a)} from the log`;
  if (canonicalJson(a) === canonicalJson(b)) return null;
  if (
    a &&
    b &&
    typeof a === 'object' &&
    typeof b === 'object' &&
    Array.isArray(a) === Array.isArray(b)
  ) {
    const ra = a as Record<string, unknown>;
    const rb = b as Record<string, unknown>;
    for (const k of [...new Set([...Object.keys(ra), ...Object.keys(rb)])]) {
      const sub = Array.isArray(a) ? `${path}[${k}]` : path ? `${path}.${k}` : k;
      const d = firstDifference(ra[k], rb[k], sub);
      if (d) return d;
    }
  }
  return `${path || '(root)'}: ${show(b)} in the protocol, ${show(a)} from the log`;
}

function protocolDocument(protocol: unknown): MinutesDocument | null {
  if (!protocol || typeof protocol !== 'object') return null;
  const p = protocol as { document?: unknown; format?: unknown };
  const doc = p.document ?? protocol;
  return doc && typeof doc === 'object' && (doc as { format?: unknown }).format === MINUTES_FORMAT
    ? (doc as MinutesDocument)
    : null;
}

/**
 * Regenerates the minutes from the log up to the lock and checks them against the lock's hashes (and, when given, a
 * protocol file: the JSON of /api/sittings/:id/minutes). Fails naming each paragraph whose facts differ.
 */
export async function verifyMinutes(
  db: PlenaryDb,
  sittingId: string,
  protocol?: unknown,
): Promise<MinutesCheck | null> {
  const events = await eventsSince(db, sittingId, 0);
  return events.length === 0 ? null : checkMinutes(sittingId, events, protocol);
}

/** The check of verifyMinutes over a log already read (the chain is verifySittingLog's job). */
export function checkMinutes(
  sittingId: string,
  events: readonly StoredEvent[],
  protocol?: unknown,
): MinutesCheck {
  const { state, full } = minutesState(sittingId, events);
  const lock = minutesOf(full).lock;
  if (!lock)
    return {
      sittingId,
      locked: false,
      ok: protocol === undefined,
      mismatches: protocol === undefined ? [] : ['the minutes are not locked in the log'],
      sha256: null,
      regeneratedSha256: null,
    };
  const regenerated = buildMinutes(state);
  const sections = minutesSections(regenerated);
  const hashes = sectionHashes(regenerated);
  const mismatches: string[] = [];
  for (const name of new Set([...Object.keys(lock.sections), ...Object.keys(hashes)]))
    if (lock.sections[name] !== hashes[name])
      mismatches.push(`${name}: the log no longer produces the facts that were locked`);
  if (protocol !== undefined) {
    const doc = protocolDocument(protocol);
    if (!doc) mismatches.push('the protocol file is not a minutes document (council-minutes/v1)');
    else {
      const given = minutesSections(doc);
      for (const name of new Set([...Object.keys(sections), ...Object.keys(given)])) {
        const diff = firstDifference(sections[name], given[name]);
        if (diff) mismatches.push(`${name}: ${diff}`);
      }
      const sha = minutesSha256(doc);
      if (mismatches.length === 0 && sha !== lock.sha256)
        mismatches.push(`the protocol's SHA-256 ${sha} is not the locked ${lock.sha256}`);
    }
  }
  return {
    sittingId,
    locked: true,
    ok: mismatches.length === 0,
    mismatches,
    sha256: lock.sha256,
    regeneratedSha256: minutesSha256(regenerated),
  };
}
