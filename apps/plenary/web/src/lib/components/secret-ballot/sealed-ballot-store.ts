// Where this browser keeps a member's secret ballot until the box confirms it (R22): the prepared ballot before issuance,
// the sealed cast request before delivery, and after it the ballot cast with the box's signed receipt (to check the
// published board after the close, issue 13 item 3) — in localStorage, keyed by question and person.
import { z } from 'zod';
import {
  castRequestSchema,
  signedReceiptSchema,
  type CastRequest,
  type SignedReceipt,
} from '@council/shared';
import type { KeptBallot } from '../../../../../../ballot/src/client/receipt-check.ts';
import type { PreparedBallot } from '../../../../../../ballot/src/client/voter.ts';
import { messageOf } from '../../../../../../ballot/src/protocol/ballot-codec.ts';

const receiptFor = (personId: string, questionId: string) =>
  `council.secretBallot.receipt.${questionId}.${personId}`;
/** The sealed ballot waiting to be cast, keyed by question and person (one tablet may serve several members). */
export const pendingFor = (personId: string, questionId: string) =>
  `council.secretBallot.pending.${questionId}.${personId}`;

const keptSchema = z.strictObject({
  ballot: castRequestSchema,
  receipt: signedReceiptSchema.nullable(),
});

/** The ballot this person cast on this question and the box's receipt, kept to check the board after the close. */
export function storedKept(personId: string, questionId: string): KeptBallot | null {
  try {
    const raw = localStorage.getItem(receiptFor(personId, questionId));
    const parsed = keptSchema.safeParse(raw ? JSON.parse(raw) : null);
    return parsed.success ? parsed.data : null;
  } catch {
    // An older entry: the bare nonce.
    return null;
  }
}

/** The receipt nonce shown to the member (also from an entry of an older version, which kept only the nonce). */
export function storedReceipt(personId: string, questionId: string): string | null {
  const kept = storedKept(personId, questionId);
  if (kept) return kept.ballot.nonce;
  const raw = localStorage.getItem(receiptFor(personId, questionId));
  return raw && /^[0-9a-f]{64}$/.test(raw) ? raw : null;
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

/**
 * The box holds this ballot: keep the ballot and the box's signed receipt (null when the box said "already in" or it was
 * found on the board) and drop the sealed copy. The ballot's ciphertext is public on the board; the nonce already
 * singles it out, so keeping the rest adds nothing to what the receipt reveals.
 */
export function settle(
  personId: string,
  questionId: string,
  ballot: CastRequest,
  receipt: SignedReceipt | null,
): void {
  const kept: KeptBallot = { ballot, receipt };
  localStorage.setItem(receiptFor(personId, questionId), JSON.stringify(kept));
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

export function storeIssuing(personId: string, questionId: string, p: PreparedBallot): void {
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
