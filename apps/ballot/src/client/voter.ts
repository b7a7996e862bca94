// The voter's side of the secret ballot (R21, R22), run in the member's browser: blinding never happens on a server.
// Browser-safe: noble and zod only, no node:* imports. Flow: verifyQuestion → prepareBallot → (registrar) →
// finishBallot → (box) → verifyReceipt.
import {
  type BallotChoice,
  type CastRequest,
  type Manifest,
  type QuestionView,
  type SignedIssuance,
  type SignedReceipt,
  signedIssuanceSchema,
  signedReceiptSchema,
} from '@council/shared';
import { randomBytes } from '@noble/hashes/utils.js';
import {
  blind,
  unblind,
  verifyBallotSignature,
  verifyBlindSignature,
} from '../crypto/blind-bls.ts';
import { equalBytes, fromHex, toHex, utf8ToBytes } from '../crypto/bytes.ts';
import { manifestSigningBytes } from '../crypto/hash.ts';
import { PAYLOAD_INFO, encryptPayload } from '../crypto/payload-encryption.ts';
import { verifyBytes, verifyJson } from '../crypto/signing.ts';
import { checkChoice } from '../domain/ballot-rules.ts';
import {
  ballotHash,
  electionIdOf,
  envelopeToJson,
  messageOf,
  plaintextOf,
} from '../protocol/ballot-codec.ts';

export type VoterErrorCode =
  | 'MANIFEST_MISMATCH'
  | 'MANIFEST_NOT_SIGNED'
  | 'INVALID_CHOICE'
  | 'BAD_ANSWER_SIGNATURE'
  | 'ANSWER_MISMATCH'
  | 'WRONG_KEY'
  | 'BAD_RECEIPT';

/** The client refuses to continue; `code` says why (a bad registrar answer is provable with its signature). */
export class VoterError extends Error {
  override readonly name = 'VoterError';
  constructor(
    readonly code: VoterErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Check the question as served: electionId is the hash of the manifest and every committee member signed it.
 * Returns the electionId (hex) the client will bind its ballot to.
 */
export function verifyQuestion(
  view: Pick<QuestionView, 'manifest' | 'electionId' | 'manifestSignatures'>,
): string {
  const id = electionIdOf(view.manifest);
  if (toHex(id) !== view.electionId)
    throw new VoterError('MANIFEST_MISMATCH', 'The manifest does not hash to the election id.');
  const bytes = manifestSigningBytes(id);
  for (const member of view.manifest.committee) {
    const sig = view.manifestSignatures.find((s) => s.memberId === member.memberId);
    if (
      !sig ||
      !verifyBytes(
        fromHex(sig.signature, 64, 'signature'),
        bytes,
        fromHex(member.publicKey, 32, 'publicKey'),
      )
    ) {
      throw new VoterError(
        'MANIFEST_NOT_SIGNED',
        `Committee member ${member.memberId} has not signed this manifest.`,
      );
    }
  }
  return toHex(id);
}

/** What the client keeps between asking the registrar and casting. Never leaves the browser. */
export interface PreparedBallot {
  electionId: string;
  nonce: string;
  payload: CastRequest['payload'];
  message: Uint8Array;
  factor: bigint;
  /** Send this to the registrar: `POST /ballot/api/questions/:id/issue { blinded }`. */
  blinded: string;
}

/**
 * Encrypt the choice to the question's key, hash, and blind.
 * @example const p = prepareBallot(view.manifest, 'Anna Andersson'); await issue(p.blinded);
 */
export function prepareBallot(manifest: Manifest, choice: BallotChoice): PreparedBallot {
  const check = checkChoice(manifest.ballot, choice);
  if (check.status === 'invalid')
    throw new VoterError('INVALID_CHOICE', `The choice is not valid: ${check.reason}.`);
  return prepareBallotPlaintext(manifest, plaintextOf(manifest.questionId, choice));
}

/** prepareBallot without the validity check: any plaintext (tests of invalid ballots; a modified client). */
export function prepareBallotPlaintext(manifest: Manifest, plaintext: string): PreparedBallot {
  const electionId = electionIdOf(manifest);
  const envelope = encryptPayload(
    utf8ToBytes(plaintext),
    fromHex(manifest.encryptionKey, 32, 'encryptionKey'),
    electionId,
    PAYLOAD_INFO,
  );
  const payload = envelopeToJson(envelope);
  const nonce = toHex(randomBytes(32));
  const message = messageOf({ electionId: toHex(electionId), nonce, payload });
  const { blinded, factor } = blind(message);
  return {
    electionId: toHex(electionId),
    nonce,
    payload,
    message,
    factor,
    blinded: toHex(blinded),
  };
}

/**
 * Check the registrar's answer against the one published key, unblind, and build the cast request.
 * Throws VoterError when the answer is not signed by the registrar, is for another blinded value, or the
 * signature is not valid under manifest.blsPublicKey (a per-voter tagging key is caught here).
 */
export function finishBallot(
  manifest: Manifest,
  prepared: PreparedBallot,
  answer: SignedIssuance,
): CastRequest {
  const parsed = signedIssuanceSchema.safeParse(answer);
  if (!parsed.success)
    throw new VoterError('BAD_ANSWER_SIGNATURE', 'The registrar answer is malformed.');
  const a = parsed.data;
  if (
    !verifyJson(
      a.answer,
      fromHex(a.signature, 64, 'signature'),
      fromHex(manifest.registrarKey, 32, 'registrarKey'),
    )
  ) {
    throw new VoterError(
      'BAD_ANSWER_SIGNATURE',
      'The answer is not signed by the registrar key in the manifest.',
    );
  }
  if (a.answer.electionId !== prepared.electionId || a.answer.blinded !== prepared.blinded) {
    throw new VoterError(
      'ANSWER_MISMATCH',
      'The answer is for another question or another blinded ballot.',
    );
  }
  const publicKey = fromHex(manifest.blsPublicKey, 96, 'blsPublicKey');
  if (
    !verifyBlindSignature(
      fromHex(a.answer.blindSignature, 48, 'blindSignature'),
      fromHex(prepared.blinded, 48, 'blinded'),
      publicKey,
    )
  ) {
    throw new VoterError(
      'WRONG_KEY',
      'The registrar signed with a key other than the published one: do not cast; report it.',
    );
  }
  const signature = unblind(
    fromHex(a.answer.blindSignature, 48, 'blindSignature'),
    prepared.factor,
  );
  if (!verifyBallotSignature(signature, prepared.message, publicKey)) {
    throw new VoterError(
      'WRONG_KEY',
      'The unblinded signature does not verify under the published key.',
    );
  }
  return {
    electionId: prepared.electionId,
    nonce: prepared.nonce,
    payload: prepared.payload,
    signature: toHex(signature),
  };
}

/** Check the box's signed receipt for this ballot; keep it to check the board after close (`verify-ballot --receipt`). */
export function verifyReceipt(
  manifest: Manifest,
  ballot: CastRequest,
  receipt: SignedReceipt,
): void {
  const parsed = signedReceiptSchema.safeParse(receipt);
  if (!parsed.success) throw new VoterError('BAD_RECEIPT', 'The receipt is malformed.');
  const r = parsed.data;
  const ok =
    verifyJson(
      r.receipt,
      fromHex(r.signature, 64, 'signature'),
      fromHex(manifest.boxKey, 32, 'boxKey'),
    ) &&
    r.receipt.nonce === ballot.nonce &&
    r.receipt.electionId === ballot.electionId &&
    equalBytes(fromHex(r.receipt.ballotHash, 32, 'ballotHash'), ballotHash(ballot));
  if (!ok) throw new VoterError('BAD_RECEIPT', 'The box receipt does not match this ballot.');
}
