// Trust anchors for the verifier (issue 13, item 3): what a board must match from outside itself — the root in the
// minutes, and the election id, plenary's roll key and the committee's key fingerprints that the sitting's log recorded
// when the ballot opened. Read from a log export and compared with a board, naming every value that differs.
import { canonicalJson } from '@council/shared';
import { fromHex, toHex, utf8ToBytes } from '../crypto/bytes.ts';
import { sha256 } from '../crypto/hash.ts';

/** What the verifier is told from outside the board. Hex in any case. */
export interface TrustAnchors {
  /** The board root recorded in the minutes. */
  root?: string;
  /** The election id (SHA-256 of the manifest) recorded in the sitting's log when the ballot opened. */
  electionId?: string;
  /** Plenary's roll-signing key. */
  plenaryKey?: string;
  /** The committee, as the sitting's log names it: each value an Ed25519 public key or its `keyFingerprint`. */
  committeeKeys?: readonly string[];
}

/** The parts of a board the anchors speak of. */
export interface AnchoredBoard {
  root: string;
  electionId: string;
  manifest: { plenaryKey: string; committee: readonly { memberId: string; publicKey: string }[] };
}

const HEX64 = /^[0-9a-fA-F]{64}$/;

/**
 * A committee key's fingerprint: SHA-256 of the 32 key bytes, lowercase hex (what the log records and a committee
 * member can compare on their own screen).
 * @example keyFingerprint('3d4017c3…') // 64 hex digits
 */
export function keyFingerprint(publicKeyHex: string): string {
  return toHex(sha256(fromHex(publicKeyHex, 32, 'publicKey')));
}

/** Every way the board differs from the anchors, one line each (empty: the board is the anchored one). */
export function anchorProblems(board: AnchoredBoard, anchors: TrustAnchors): string[] {
  const problems: string[] = [];
  const compare = (label: string, expected: string | undefined, actual: string) => {
    if (expected === undefined) return;
    if (!HEX64.test(expected))
      problems.push(`${label}: the anchor ${expected} is not 64 hex digits`);
    else if (expected.toLowerCase() !== actual)
      problems.push(`${label}: the board has ${actual}, the anchor is ${expected.toLowerCase()}`);
  };
  compare('root', anchors.root, board.root);
  compare('election id', anchors.electionId, board.electionId);
  compare('plenary key', anchors.plenaryKey, board.manifest.plenaryKey);
  if (anchors.committeeKeys !== undefined) {
    const expected = [...new Set(anchors.committeeKeys.map((k) => k.toLowerCase()))];
    const committee = board.manifest.committee.map((c) => ({
      ...c,
      fingerprint: HEX64.test(c.publicKey) ? keyFingerprint(c.publicKey) : '',
    }));
    const matches = (c: { publicKey: string; fingerprint: string }, v: string) =>
      v === c.publicKey || v === c.fingerprint;
    for (const c of committee)
      if (!expected.some((v) => matches(c, v)))
        problems.push(
          `committee key of ${c.memberId}: ${c.publicKey} (fingerprint ${c.fingerprint}) is not an anchor`,
        );
    for (const v of expected)
      if (!committee.some((c) => matches(c, v)))
        problems.push(`committee: the anchor ${v} is no key on the board`);
  }
  return problems;
}

/** Where the anchors read from a log came from: the event, and the log's head when the export is whole. */
export interface LogAnchorSource {
  sittingId: string;
  questionId: string;
  /** The SecretBallotOpened event. */
  seq: number;
  hash: string;
  /** The export's last event when it is the whole log from seq 1 with every link checked; else null. */
  head: { seq: number; hash: string } | null;
}

export type LogAnchorsResult =
  { ok: true; anchors: TrustAnchors; source: LogAnchorSource } | { ok: false; error: string };

interface LoggedEvent {
  sittingId: string;
  seq: number;
  type: string;
  payload: Record<string, unknown>;
  actorId: string | null;
  at: string;
  prevHash: string;
  hash: string;
}

function asEvent(value: unknown): LoggedEvent | null {
  if (typeof value !== 'object' || value === null) return null;
  const e: Record<string, unknown> = { ...value };
  const { sittingId, seq, type, payload, actorId, at, prevHash, hash } = e;
  if (
    typeof sittingId !== 'string' ||
    typeof seq !== 'number' ||
    typeof type !== 'string' ||
    typeof payload !== 'object' ||
    payload === null ||
    Array.isArray(payload) ||
    (actorId !== null && typeof actorId !== 'string') ||
    typeof at !== 'string' ||
    typeof prevHash !== 'string' ||
    typeof hash !== 'string'
  )
    return null;
  return { sittingId, seq, type, payload: { ...payload }, actorId, at, prevHash, hash };
}

/** The log's hash of one event (SHA-256 over the canonical body and the previous hash, as plenary chains them). */
function eventHash(e: LoggedEvent): string {
  const { hash: _hash, ...body } = e;
  return toHex(sha256(utf8ToBytes(canonicalJson(body))));
}

const GENESIS = '0'.repeat(64);
const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);

/**
 * The anchors of one question from an export of the sitting's log (`GET /api/sittings/:id/events?since=0`, its
 * `{ events }` or the bare array): the election id, plenary key and committee fingerprints of its SecretBallotOpened,
 * and the root of its SecretBallotResultRecorded when the result is in. The events read must hash to what they say;
 * a whole export (seq 1 on, no gap) is checked link by link and its head reported, to compare with a signed head.
 */
export function anchorsFromSittingLog(
  exported: unknown,
  question: { sittingId: string; questionId: string },
): LogAnchorsResult {
  const list: unknown =
    typeof exported === 'object' && exported !== null && 'events' in exported
      ? exported.events
      : exported;
  if (!Array.isArray(list))
    return {
      ok: false,
      error: 'not a log export: expected { events: [...] } or an array of events',
    };
  const events: LoggedEvent[] = [];
  for (const [i, raw] of list.entries()) {
    const e = asEvent(raw);
    if (!e) return { ok: false, error: `event ${i + 1} of the export is not a logged event` };
    events.push(e);
  }
  const ofQuestion = events.filter(
    (e) => e.sittingId === question.sittingId && e.payload.questionId === question.questionId,
  );
  const opened = ofQuestion.filter((e) => e.type === 'SecretBallotOpened');
  const first = opened[0];
  if (!first || opened.length > 1)
    return {
      ok: false,
      error: first
        ? `the log opens question ${question.questionId} more than once`
        : `the log of sitting ${question.sittingId} has no SecretBallotOpened for question ${question.questionId}`,
    };
  const results = ofQuestion.filter((e) => e.type === 'SecretBallotResultRecorded');
  for (const e of [first, ...results])
    if (eventHash(e) !== e.hash)
      return {
        ok: false,
        error: `event ${e.seq} (${e.type}) does not hash to ${e.hash}: edited, or withheld in this export`,
      };
  const p = first.payload;
  const electionId = str(p.electionId);
  const plenaryKey = str(p.plenaryKey);
  const committee = Array.isArray(p.committee) ? p.committee : null;
  const fingerprints = committee?.map((c: unknown) =>
    typeof c === 'object' && c !== null && 'fingerprint' in c ? str(c.fingerprint) : null,
  );
  if (!electionId || !plenaryKey || !fingerprints || fingerprints.some((f) => f === null))
    return {
      ok: false,
      error: `the SecretBallotOpened of ${question.questionId} (seq ${first.seq}) records no anchors: a log from before they were recorded`,
    };
  const roots = [...new Set(results.map((e) => str(e.payload.boardRoot)))];
  if (roots.length > 1 || roots[0] === null)
    return {
      ok: false,
      error: `the log records no single root for question ${question.questionId}`,
    };
  const whole = events.every((e, i) => e.seq === i + 1);
  let head: LogAnchorSource['head'] = null;
  if (whole) {
    let prev = GENESIS;
    for (const e of events) {
      if (e.prevHash !== prev || eventHash(e) !== e.hash)
        return { ok: false, error: `the log export's chain breaks at seq ${e.seq}` };
      prev = e.hash;
    }
    const last = events.at(-1);
    head = last ? { seq: last.seq, hash: last.hash } : null;
  }
  return {
    ok: true,
    anchors: {
      electionId,
      plenaryKey,
      committeeKeys: fingerprints.flatMap((f) => (f === null ? [] : [f])),
      ...(roots[0] === undefined ? {} : { root: roots[0] }),
    },
    source: {
      sittingId: first.sittingId,
      questionId: question.questionId,
      seq: first.seq,
      hash: first.hash,
      head,
    },
  };
}

/**
 * Join anchors from two sources (the sitting's log and the command line); null names the first that disagrees — the
 * verifier cannot tell which is true, so that is the caller's error, not the board's.
 */
export function mergeAnchors(
  a: TrustAnchors,
  b: TrustAnchors,
): { anchors: TrustAnchors } | { conflict: keyof TrustAnchors } {
  const out: TrustAnchors = { ...a };
  for (const key of ['root', 'electionId', 'plenaryKey'] as const) {
    const x = a[key];
    const y = b[key];
    if (x !== undefined && y !== undefined && x.toLowerCase() !== y.toLowerCase())
      return { conflict: key };
    if (y !== undefined) out[key] = y;
  }
  if (b.committeeKeys !== undefined) {
    if (a.committeeKeys !== undefined) {
      // The log names fingerprints, the command line may give keys: both must then name the board's committee.
      out.committeeKeys = [...a.committeeKeys, ...b.committeeKeys];
    } else out.committeeKeys = b.committeeKeys;
  }
  return { anchors: out };
}
