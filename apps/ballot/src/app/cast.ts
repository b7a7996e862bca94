// The ballot box's acceptance check (R22): a valid signature under the question's key on exactly this ciphertext; a signed receipt.
import { type CastRequest, type Rejection, type SignedReceipt, reject } from '@council/shared';
import { verifyBallotSignature } from '../crypto/blind-bls.ts';
import { fromHex, toHex } from '../crypto/bytes.ts';
import { signJson } from '../crypto/signing.ts';
import { ballotHash, messageOf } from '../protocol/ballot-codec.ts';

export interface BoxKeys {
  electionId: string;
  blsPublicKey: string;
  boxSecretKey: Uint8Array;
}

export type SignatureCheck = (
  signature: Uint8Array,
  message: Uint8Array,
  publicKey: Uint8Array,
) => boolean;

/**
 * Verify a cast request; on success the receipt to return once the ballot is stored. The box service passes the
 * WebAssembly check (fast-bls.ts: ~5 ms a ballot instead of ~25 ms), so a whole council casting at once is not queued.
 */
export function checkCast(
  keys: BoxKeys,
  ballot: CastRequest,
  verifySignature: SignatureCheck = verifyBallotSignature,
): SignedReceipt | Rejection {
  if (ballot.electionId !== keys.electionId)
    return reject('INVALID_INPUT', 'This ballot belongs to another question.');
  const ok = verifySignature(
    fromHex(ballot.signature, 48, 'signature'),
    messageOf(ballot),
    fromHex(keys.blsPublicKey, 96, 'blsPublicKey'),
  );
  if (!ok) return reject('FORBIDDEN', 'The ballot signature is not valid for this question.');
  const receipt = {
    electionId: ballot.electionId,
    nonce: ballot.nonce,
    ballotHash: toHex(ballotHash(ballot)),
  };
  return { receipt, signature: toHex(signJson(receipt, keys.boxSecretKey)) };
}
