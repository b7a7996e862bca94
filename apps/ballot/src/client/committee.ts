// The election committee's side of a secret ballot (R22), run in a committee member's browser (no node:* imports):
// a lot seed and its commitment, approving the manifest, opening one's key share at close.
import type { CloseRequest, QuestionView } from '@council/shared';
import { randomBytes } from '@noble/hashes/utils.js';
import { fromHex, toHex } from '../crypto/bytes.ts';
import { closeSigningBytes, manifestSigningBytes } from '../crypto/hash.ts';
import { SHARE_INFO, decryptPayload } from '../crypto/payload-encryption.ts';
import { signBytes, signingSecretToX25519 } from '../crypto/signing.ts';
import { lotCommitment } from '../domain/lottning.ts';
import { electionIdOf, envelopeFromJson } from '../protocol/ballot-codec.ts';

/**
 * A fresh lot seed to keep secret until close, and the commitment to give when the question is created.
 * @example const { seed, commitment } = newLotSeed(); // store seed; send commitment as `lotCommitment`
 */
export function newLotSeed(): { seed: string; commitment: string } {
  const seed = randomBytes(32);
  return { seed: toHex(seed), commitment: toHex(lotCommitment(seed)) };
}

/**
 * Approve the manifest after checking that the election id is its hash; returns the body for
 * `POST /ballot/api/questions/:id/signatures`. `secretKey` is the member's Ed25519 key.
 */
export function approveManifest(
  view: Pick<QuestionView, 'manifest' | 'electionId'>,
  memberId: string,
  secretKey: Uint8Array,
): { memberId: string; signature: string } {
  const id = electionIdOf(view.manifest);
  if (toHex(id) !== view.electionId)
    throw new Error('The manifest does not hash to the election id: do not approve it.');
  if (!view.manifest.committee.some((c) => c.memberId === memberId))
    throw new Error(`${memberId} is not on this committee.`);
  return { memberId, signature: toHex(signBytes(manifestSigningBytes(id), secretKey)) };
}

/** Decrypt this member's share of the payload key (given to the committee when the question was created). */
export function openKeyShare(
  view: Pick<QuestionView, 'encryptedShares' | 'electionId'>,
  memberId: string,
  secretKey: Uint8Array,
): { index: number; share: string } {
  const enc = view.encryptedShares.find((s) => s.memberId === memberId);
  if (!enc) throw new Error(`No key share for ${memberId}.`);
  const value = decryptPayload(
    envelopeFromJson(enc.payload),
    signingSecretToX25519(secretKey),
    fromHex(view.electionId, 32, 'electionId'),
    SHARE_INFO,
  );
  return { index: enc.index, share: toHex(value) };
}

/**
 * This member's signed consent to close the election; the service refuses a close without two of them.
 * @example const approval = approveClose(view.electionId, memberId, secretKey);
 */
export function approveClose(
  electionId: string,
  memberId: string,
  secretKey: Uint8Array,
): CloseRequest['approvals'][number] {
  return {
    memberId,
    signature: toHex(
      signBytes(closeSigningBytes(fromHex(electionId, 32, 'electionId')), secretKey),
    ),
  };
}

/** The close request from the approvals, shares and seeds the committee members hand in (at least two of each). */
export function closeRequestOf(
  approvals: CloseRequest['approvals'],
  shares: CloseRequest['shares'],
  reveals: CloseRequest['reveals'],
  physicalDraws?: CloseRequest['physicalDraws'],
): CloseRequest {
  return physicalDraws
    ? { approvals, shares, reveals, physicalDraws }
    : { approvals, shares, reveals };
}
