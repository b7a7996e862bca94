// Casting a member's sealed ballot (R22): after the random delay, anonymously, retried with backoff until the box
// answers; "already in the box" and "too late" settled against the published board; an interrupted issuance resumed.
import {
  boardSchema,
  rejectionSchema,
  signedReceiptSchema,
  type CastRequest,
  type QuestionView,
  type Rejection,
  type SignedReceipt,
} from '@council/shared';
import { verifyReceipt } from '../../../../../../ballot/src/client/voter.ts';
import { call } from '../../api/http.ts';
import { ballotApi, ballotQuestionPath } from './ballot-api.ts';
import { retryDelay, sleep } from './cast-timing.ts';
import { issueStored } from './sealed-ballot-issuance.ts';
import { settle, storedIssuing, storedPending } from './sealed-ballot-store.ts';

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

/** Longer than the box's longest mix round (MIX_ROUND_MS, 45 s): the receipt comes once the round is stored. */
const CAST_TIMEOUT_MS = 55_000;

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
    res = await fetch(`${ballotQuestionPath(questionId)}/cast`, {
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
  if (arrived === 'yes') settle(personId, questionId, cast, null);
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
      settle(personId, questionId, cast, answer.receipt);
      return { kind: 'cast', nonce: cast.nonce };
    }
    const { error } = answer;
    // The box checks the signature before uniqueness: a 409 means a valid ballot with this nonce or this signature is
    // stored. BLS signatures are deterministic, so the same signature is this very ballot; the nonce was secret.
    if (error.code === 'CONFLICT') {
      settle(personId, questionId, cast, null);
      return { kind: 'already', nonce: cast.nonce };
    }
    if (error.code === 'INVALID_STATE') {
      const arrived = await arrivedBeforeClose(questionId, cast.nonce, signal, onPhase);
      if (arrived === 'aborted') return { kind: 'aborted' };
      if (arrived === 'yes') {
        settle(personId, questionId, cast, null);
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
