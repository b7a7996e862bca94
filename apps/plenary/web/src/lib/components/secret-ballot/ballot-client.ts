// The browser side of a secret ballot (R21, R22): plenary's routes (create, assertion, share, result), the ballot service's
// routes at /ballot (question, signatures, issue, anonymous cast), the committee's keys kept in this browser only, and
// the member's sealed ballot, cast after a random delay and kept until the box confirms it.
import { ed25519 } from '@noble/curves/ed25519.js';
import { z } from 'zod';
import { randomBytes } from '@noble/hashes/utils.js';
import {
  boardSchema,
  castRequestSchema,
  rejectionSchema,
  signedReceiptSchema,
  type Ack,
  type BallotChoice,
  type BallotSpec,
  type CastRequest,
  type QuestionView,
  type Rejection,
  type SignedIssuance,
  type SignedReceipt,
} from '@council/shared';
import {
  finishBallot,
  prepareBallot,
  verifyQuestion,
  verifyReceipt,
  type PreparedBallot,
} from '../../../../../../ballot/src/client/voter.ts';
import { fromHex, toHex } from '../../../../../../ballot/src/crypto/bytes.ts';
import { manifestSigningBytes } from '../../../../../../ballot/src/crypto/hash.ts';
import {
  SHARE_INFO,
  decryptPayload,
} from '../../../../../../ballot/src/crypto/payload-encryption.ts';
import { signingSecretToX25519 } from '../../../../../../ballot/src/crypto/signing.ts';
import { lotCommitment } from '../../../../../../ballot/src/domain/lottning.ts';
import { envelopeFromJson, messageOf } from '../../../../../../ballot/src/protocol/ballot-codec.ts';

async function call<T>(
  method: string,
  url: string,
  body?: unknown,
  init: RequestInit = {},
): Promise<Ack<T>> {
  try {
    const res = await fetch(url, {
      method,
      credentials: 'same-origin',
      ...init,
      headers: {
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(init.headers ?? {}),
      },
      body: body === undefined ? null : JSON.stringify(body),
    });
    const json: unknown = await res.json();
    if (res.ok) return { ok: true, data: json as T };
    const parsed = rejectionSchema.safeParse(json);
    return {
      ok: false,
      error: parsed.success ? parsed.data : { code: 'INTERNAL', message: `HTTP ${res.status}` },
    };
  } catch (error) {
    return {
      ok: false,
      error: {
        code: 'INTERNAL',
        message: error instanceof Error ? error.message : 'Ingen kontakt. / No contact.',
      },
    };
  }
}

const plenary = (sittingId: string) =>
  `/api/sittings/${encodeURIComponent(sittingId)}/secret-ballots`;
const ballot = (questionId: string) => `/ballot/api/questions/${encodeURIComponent(questionId)}`;

export interface RecordedResult {
  boardRoot: string;
  resultText: string;
  lines: string[];
}

export const ballotApi = {
  create: (sittingId: string, body: { title: string; ballot: BallotSpec }) =>
    call<{ questionId: string; view: QuestionView; warnings: string[] }>(
      'POST',
      plenary(sittingId),
      body,
    ),
  question: (questionId: string) => call<QuestionView>('GET', ballot(questionId)),
  sign: (questionId: string, memberId: string, signature: string) =>
    call<QuestionView>('POST', `${ballot(questionId)}/signatures`, { memberId, signature }),
  share: (
    sittingId: string,
    questionId: string,
    body: { index: number; share: string; seed: string },
  ) =>
    call<{
      shares: number;
      closed: boolean;
      recorded: RecordedResult | null;
      problem: string | null;
    }>('POST', `${plenary(sittingId)}/${encodeURIComponent(questionId)}/share`, body),
  record: (sittingId: string, questionId: string) =>
    call<RecordedResult>(
      'POST',
      `${plenary(sittingId)}/${encodeURIComponent(questionId)}/result`,
      {},
    ),
  boardUrl: (questionId: string) => `${ballot(questionId)}/board`,
};

// ---------- the committee member's key, in this browser only ----------

export interface CommitteeKey {
  publicKey: string;
  secretKey: string;
  seed: string;
  createdAt: string;
}

const keysFor = (personId: string) => `council.secretBallot.keys.${personId}`;

export function storedKeys(personId: string): CommitteeKey[] {
  try {
    const raw = localStorage.getItem(keysFor(personId));
    const parsed: unknown = raw ? JSON.parse(raw) : [];
    return Array.isArray(parsed) ? (parsed as CommitteeKey[]) : [];
  } catch {
    return [];
  }
}

function storeKey(personId: string, key: CommitteeKey): void {
  const keys = [...storedKeys(personId).filter((k) => k.publicKey !== key.publicKey), key];
  localStorage.setItem(keysFor(personId), JSON.stringify(keys));
}

/** A fresh Ed25519 key and lot seed for the next question; returns what to enrol (public key and commitment). */
export function newCommitteeKey(personId: string): { key: CommitteeKey; lotCommitment: string } {
  const secretKey = ed25519.utils.randomSecretKey();
  const seed = randomBytes(32);
  const key: CommitteeKey = {
    publicKey: toHex(ed25519.getPublicKey(secretKey)),
    secretKey: toHex(secretKey),
    seed: toHex(seed),
    createdAt: new Date().toISOString(),
  };
  storeKey(personId, key);
  return { key, lotCommitment: toHex(lotCommitment(seed)) };
}

/** Restore keys from a downloaded backup file's text. */
export function restoreKeys(personId: string, text: string): number {
  const parsed: unknown = JSON.parse(text);
  const list = Array.isArray(parsed) ? parsed : [parsed];
  let n = 0;
  for (const k of list) {
    if (
      typeof k === 'object' &&
      k !== null &&
      'publicKey' in k &&
      'secretKey' in k &&
      'seed' in k
    ) {
      storeKey(personId, k as CommitteeKey);
      n++;
    }
  }
  return n;
}

export function backupHref(key: CommitteeKey): string {
  return `data:application/json;charset=utf-8,${encodeURIComponent(JSON.stringify(key, null, 2))}`;
}

export function keyFor(personId: string, publicKey: string): CommitteeKey | null {
  return storedKeys(personId).find((k) => k.publicKey === publicKey) ?? null;
}

/** Ed25519 signature over the manifest's signing bytes (the electionId binds every field of the manifest). */
export function signManifest(view: QuestionView, key: CommitteeKey): string {
  return toHex(
    ed25519.sign(
      manifestSigningBytes(fromHex(view.electionId, 32, 'electionId')),
      fromHex(key.secretKey, 32, 'secretKey'),
    ),
  );
}

/** Decrypt this member's key share (sent to their X25519 form of the Ed25519 key). */
export function openShare(
  view: QuestionView,
  personId: string,
  key: CommitteeKey,
): { index: number; share: string; seed: string } | null {
  const enc = view.encryptedShares.find((e) => e.memberId === personId);
  if (!enc) return null;
  const value = decryptPayload(
    envelopeFromJson(enc.payload),
    signingSecretToX25519(fromHex(key.secretKey, 32, 'secretKey')),
    fromHex(view.electionId, 32, 'electionId'),
    SHARE_INFO,
  );
  return { index: enc.index, share: toHex(value), seed: key.seed };
}

// ---------- the member's vote ----------
//
// Issuance and cast are two moments: the registrar knows who was issued a signature and when, the box sees when a ballot
// arrives. Cast right after issuance, one operator holding both logs could pair them. So the finished ballot is sealed
// (unblinded, encrypted) and stored in this browser first, then cast after a random delay; the stored copy survives a
// closed tab or a lost connection and is cast on the next load, so the wait never costs a vote.

/** The random wait (ms) between sealing a ballot and casting it: uniform in [min, max]. */
export const CAST_DELAY_MS = { min: 2_000, max: 8_000 } as const;

/**
 * Page-address override of the delay, for tests only: `/member?sbCastDelay=50-150` (ms). It can only come from the
 * address the member's browser opened, never from an answer of the server; and whoever could rewrite that address (the
 * web server itself) could serve a client without any delay anyway. A delay of 0 removes the timing protection, nothing
 * else: the ballot is still blind-signed, encrypted and cast without a cookie.
 */
export const CAST_DELAY_PARAM = 'sbCastDelay';

export interface DelayRange {
  min: number;
  max: number;
}

/** The delay range in force: CAST_DELAY_MS unless the page address carries a valid `sbCastDelay=MIN-MAX`. */
export function castDelayRange(search: string): DelayRange {
  const raw = new URLSearchParams(search).get(CAST_DELAY_PARAM);
  const m = raw ? /^(\d{1,6})-(\d{1,6})$/.exec(raw) : null;
  if (!m) return { ...CAST_DELAY_MS };
  const min = Number(m[1]);
  const max = Number(m[2]);
  return min <= max ? { min, max } : { ...CAST_DELAY_MS };
}

/** A uniform integer in [min, max] from the browser's CSPRNG (rejection sampling: no modulo bias). */
export function randomDelay(range: DelayRange): number {
  const span = range.max - range.min + 1;
  const limit = Math.floor(0x1_0000_0000 / span) * span;
  const word = new Uint32Array(1);
  for (;;) {
    crypto.getRandomValues(word);
    const x = word[0] ?? 0;
    if (x < limit) return range.min + (x % span);
  }
}

const receiptFor = (personId: string, questionId: string) =>
  `council.secretBallot.receipt.${questionId}.${personId}`;
/** The sealed ballot waiting to be cast, keyed by question and person (one tablet may serve several members). */
export const pendingFor = (personId: string, questionId: string) =>
  `council.secretBallot.pending.${questionId}.${personId}`;

export function storedReceipt(personId: string, questionId: string): string | null {
  return localStorage.getItem(receiptFor(personId, questionId));
}

/** The sealed ballot of this person for this question that has not been confirmed by the box, if any. */
export function storedPending(personId: string, questionId: string): CastRequest | null {
  try {
    const raw = localStorage.getItem(pendingFor(personId, questionId));
    if (!raw) return null;
    const parsed = castRequestSchema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

function settle(personId: string, questionId: string, nonce: string): void {
  localStorage.setItem(receiptFor(personId, questionId), nonce);
  localStorage.removeItem(pendingFor(personId, questionId));
}

/**
 * A ballot prepared (encrypted, blinded) but not yet signed, kept before the registrar is asked: an issuance cut off (a
 * lost answer, a closed tab) is asked for again with the same blinded value, which the registrar answers with the same
 * signature — a fresh blinded value would be refused as a second ballot.
 */
export const issuingFor = (personId: string, questionId: string) =>
  `council.secretBallot.issuing.${questionId}.${personId}`;

/** The stored prepared ballot: the unsigned cast request, the blinded point and the blinding factor (hex). */
const issuingSchema = castRequestSchema.omit({ signature: true }).extend({
  blinded: z.string().regex(/^[0-9a-f]{96}$/),
  factor: z.string().regex(/^[0-9a-f]{1,64}$/),
});

function storeIssuing(personId: string, questionId: string, p: PreparedBallot): void {
  const { electionId, nonce, payload, blinded } = p;
  localStorage.setItem(
    issuingFor(personId, questionId),
    JSON.stringify({ electionId, nonce, payload, blinded, factor: p.factor.toString(16) }),
  );
}

export function storedIssuing(personId: string, questionId: string): PreparedBallot | null {
  try {
    const raw = localStorage.getItem(issuingFor(personId, questionId));
    const parsed = issuingSchema.safeParse(raw ? JSON.parse(raw) : null);
    if (!parsed.success) return null;
    const { factor, blinded, ...unsigned } = parsed.data;
    return { ...unsigned, blinded, factor: BigInt(`0x${factor}`), message: messageOf(unsigned) };
  } catch {
    return null;
  }
}

/** This person has a ballot for this question sealed (or being sealed) in this browser and not yet confirmed by the box. */
export function hasSealed(personId: string, questionId: string): boolean {
  return (
    storedPending(personId, questionId) !== null || storedIssuing(personId, questionId) !== null
  );
}

/**
 * Ask plenary for an assertion and the registrar for the blind signature of a stored prepared ballot, check the answer
 * against the published key, unblind, and store the finished cast request (dropping the prepared one). A network
 * failure answers `INTERNAL` and keeps the prepared ballot; a refusal or a bad answer drops it (it can never be cast).
 */
async function issueStored(
  sittingId: string,
  personId: string,
  view: QuestionView,
  prepared: PreparedBallot,
  signal?: AbortSignal,
): Promise<Ack<CastRequest>> {
  const drop = () => localStorage.removeItem(issuingFor(personId, view.questionId));
  try {
    const assertion = await call<{ token: string }>(
      'POST',
      `${plenary(sittingId)}/${encodeURIComponent(view.questionId)}/assertion`,
      {},
      signal ? { signal } : {},
    );
    if (!assertion.ok) {
      if (assertion.error.code !== 'INTERNAL') drop();
      return assertion;
    }
    const answer = await call<SignedIssuance>(
      'POST',
      `${ballot(view.questionId)}/issue`,
      { blinded: prepared.blinded },
      {
        credentials: 'omit',
        headers: { authorization: `Bearer ${assertion.data.token}` },
        ...(signal ? { signal } : {}),
      },
    );
    if (!answer.ok) {
      if (answer.error.code !== 'INTERNAL') drop();
      return answer;
    }
    const cast = finishBallot(view.manifest, prepared, answer.data);
    localStorage.setItem(pendingFor(personId, view.questionId), JSON.stringify(cast));
    drop();
    return { ok: true, data: cast };
  } catch (error) {
    drop();
    return {
      ok: false,
      error: { code: 'INTERNAL', message: error instanceof Error ? error.message : String(error) },
    };
  }
}

/**
 * Seal one member's vote: check the manifest, encrypt and blind here, keep the prepared ballot, ask plenary for an
 * assertion and the registrar for the blind signature, check its answer against the published key, unblind, and store
 * the finished cast request — all before anything waits (deliverSealed casts it). `interrupted`: the registrar could not
 * be reached; the prepared ballot is kept and deliverSealed asks again. Nothing has reached the box when this returns.
 */
export async function sealVote(
  sittingId: string,
  personId: string,
  view: QuestionView,
  choice: BallotChoice,
): Promise<Ack<'sealed' | 'interrupted'>> {
  let prepared: PreparedBallot;
  try {
    verifyQuestion(view);
    prepared = prepareBallot(view.manifest, choice);
  } catch (error) {
    return {
      ok: false,
      error: { code: 'INTERNAL', message: error instanceof Error ? error.message : String(error) },
    };
  }
  storeIssuing(personId, view.questionId, prepared);
  const sealed = await issueStored(sittingId, personId, view, prepared);
  if (sealed.ok) return { ok: true, data: 'sealed' };
  return storedIssuing(personId, view.questionId)
    ? { ok: true, data: 'interrupted' }
    : { ok: false, error: sealed.error };
}

/** What the member is told while a sealed ballot is on its way. */
export type DeliveryPhase =
  | { kind: 'sealing' }
  | { kind: 'waiting'; ms: number }
  | { kind: 'sending' }
  | { kind: 'retrying'; ms: number }
  | { kind: 'checking' };

/** How a delivery ended. `already`: the box holds this ballot (a duplicate answer, or found on the board). */
export type Delivery =
  | { kind: 'cast'; nonce: string }
  | { kind: 'already'; nonce: string }
  | { kind: 'late' }
  | { kind: 'refused'; message: string }
  | { kind: 'aborted' };

type CastAnswer =
  | { kind: 'receipt'; receipt: SignedReceipt }
  | { kind: 'rejected'; error: Rejection }
  | { kind: 'unreachable' };

const CAST_TIMEOUT_MS = 20_000;

/** The anonymous cast: no cookie, no token. A network failure or a 5xx is `unreachable` (worth another try). */
async function postCast(
  questionId: string,
  cast: CastRequest,
  signal: AbortSignal,
): Promise<CastAnswer> {
  // A dead connection can leave a request hanging: give up after CAST_TIMEOUT_MS and try again.
  const local = new AbortController();
  const stop = () => local.abort();
  const timer = setTimeout(stop, CAST_TIMEOUT_MS);
  signal.addEventListener('abort', stop);
  let res: Response;
  let json: unknown;
  try {
    res = await fetch(`${ballot(questionId)}/cast`, {
      method: 'POST',
      credentials: 'omit',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(cast),
      signal: local.signal,
    });
    if (res.status >= 500) return { kind: 'unreachable' };
    json = await res.json();
  } catch {
    return { kind: 'unreachable' };
  } finally {
    clearTimeout(timer);
    signal.removeEventListener('abort', stop);
  }
  if (res.ok) {
    const receipt = signedReceiptSchema.safeParse(json);
    return receipt.success
      ? { kind: 'receipt', receipt: receipt.data }
      : {
          kind: 'rejected',
          error: { code: 'INTERNAL', message: 'The box answered with a malformed receipt.' },
        };
  }
  const rejection = rejectionSchema.safeParse(json);
  return {
    kind: 'rejected',
    error: rejection.success ? rejection.data : { code: 'INTERNAL', message: `HTTP ${res.status}` },
  };
}

/** Resolves after `ms`, or at once when `signal` aborts. */
function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done);
  });
}

/** Backoff before the n-th retry (n ≥ 1): 1, 2, 4, 8, 15, 15 … s, plus up to 1 s at random. */
export function retryDelay(n: number): number {
  return Math.min(15_000, 1_000 * 2 ** Math.min(n - 1, 4)) + randomDelay({ min: 0, max: 1_000 });
}

/**
 * The box answered "not open": was this ballot in before it closed? Wait for the board (published at close) and look
 * for the nonce. The board is public and fetched whole, without a cookie: asking says nothing about which ballot.
 */
async function arrivedBeforeClose(
  questionId: string,
  nonce: string,
  signal: AbortSignal,
  onPhase: (p: DeliveryPhase) => void,
): Promise<'yes' | 'no' | 'aborted'> {
  onPhase({ kind: 'checking' });
  for (let n = 1; !signal.aborted; n++) {
    const board = await call<unknown>('GET', ballotApi.boardUrl(questionId), undefined, {
      credentials: 'omit',
      signal,
    });
    if (board.ok) {
      const parsed = boardSchema.safeParse(board.data);
      if (parsed.success) return parsed.data.ballots.some((b) => b.nonce === nonce) ? 'yes' : 'no';
    }
    await sleep(retryDelay(n), signal);
  }
  return 'aborted';
}

/**
 * A sealed ballot still here after its question closed (the page was shut until then): it counts only if it reached the
 * box, so look for it on the board. `arrived` stores its receipt nonce and drops the sealed copy.
 */
export async function settleAfterClose(
  personId: string,
  questionId: string,
  cast: CastRequest,
  signal: AbortSignal,
): Promise<'arrived' | 'late' | 'aborted'> {
  const arrived = await arrivedBeforeClose(questionId, cast.nonce, signal, () => undefined);
  if (arrived === 'yes') settle(personId, questionId, cast.nonce);
  return arrived === 'yes' ? 'arrived' : arrived === 'no' ? 'late' : 'aborted';
}

/**
 * Cast a sealed ballot: wait `delayMs`, cast without a cookie, check the box's receipt, store its nonce and drop the
 * sealed copy. A network failure is retried with backoff until the box answers; "already cast" (409) means the ballot
 * is in the box; "not open" is settled against the published board. Abort with `signal` (the sealed copy stays).
 */
export async function deliverPending(
  personId: string,
  view: QuestionView,
  cast: CastRequest,
  options: { delayMs: number; signal: AbortSignal; onPhase: (p: DeliveryPhase) => void },
): Promise<Delivery> {
  const { signal, onPhase } = options;
  const questionId = view.questionId;
  onPhase({ kind: 'waiting', ms: options.delayMs });
  await sleep(options.delayMs, signal);
  for (let attempt = 1; ; attempt++) {
    if (signal.aborted) return { kind: 'aborted' };
    onPhase({ kind: 'sending' });
    const answer = await postCast(questionId, cast, signal);
    if (signal.aborted) return { kind: 'aborted' };
    if (answer.kind === 'unreachable') {
      const ms = retryDelay(attempt);
      onPhase({ kind: 'retrying', ms });
      await sleep(ms, signal);
      continue;
    }
    if (answer.kind === 'receipt') {
      try {
        verifyReceipt(view.manifest, cast, answer.receipt);
      } catch (error) {
        // Keep the sealed copy: with the box's bad receipt it is the evidence to report.
        return { kind: 'refused', message: error instanceof Error ? error.message : String(error) };
      }
      settle(personId, questionId, cast.nonce);
      return { kind: 'cast', nonce: cast.nonce };
    }
    const { error } = answer;
    // The box checks the signature before uniqueness: a 409 means a valid ballot with this nonce or this signature is
    // stored. BLS signatures are deterministic, so the same signature is this very ballot; the nonce was secret.
    if (error.code === 'CONFLICT') {
      settle(personId, questionId, cast.nonce);
      return { kind: 'already', nonce: cast.nonce };
    }
    if (error.code === 'INVALID_STATE') {
      const arrived = await arrivedBeforeClose(questionId, cast.nonce, signal, onPhase);
      if (arrived === 'aborted') return { kind: 'aborted' };
      if (arrived === 'yes') {
        settle(personId, questionId, cast.nonce);
        return { kind: 'already', nonce: cast.nonce };
      }
      return { kind: 'late' };
    }
    return { kind: 'refused', message: error.message };
  }
}

/**
 * Deliver what this browser holds for the question: finish an interrupted issuance first (retried with backoff while the
 * registrar cannot be reached), then deliverPending. `null`: nothing sealed here.
 */
export async function deliverSealed(
  sittingId: string,
  personId: string,
  view: QuestionView,
  options: { delayMs: number; signal: AbortSignal; onPhase: (p: DeliveryPhase) => void },
): Promise<Delivery | null> {
  const { signal, onPhase } = options;
  let cast = storedPending(personId, view.questionId);
  for (let n = 1; !cast; n++) {
    const prepared = storedIssuing(personId, view.questionId);
    if (!prepared) return null;
    if (signal.aborted) return { kind: 'aborted' };
    onPhase({ kind: 'sealing' });
    const sealed = await issueStored(sittingId, personId, view, prepared, signal);
    if (signal.aborted) return { kind: 'aborted' };
    if (sealed.ok) cast = sealed.data;
    else if (storedIssuing(personId, view.questionId)) {
      const ms = retryDelay(n);
      onPhase({ kind: 'retrying', ms });
      await sleep(ms, signal);
    } else if (sealed.error.code === 'INVALID_STATE') return { kind: 'late' };
    else return { kind: 'refused', message: sealed.error.message };
  }
  return deliverPending(personId, view, cast, options);
}
