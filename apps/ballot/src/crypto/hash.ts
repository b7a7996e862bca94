// Hashing conventions: SHA-256 over canonical JSON, the BLS domain-separation tag (RFC 9380 §3.1) and the signed ballot message.
import { sha256 } from '@noble/hashes/sha2.js';
import { canonicalJson } from '@council/shared';
import { abytes, concatBytes, utf8ToBytes } from './bytes.ts';

/**
 * Our own RFC 9380 domain-separation tag: hash-to-G1 for this protocol only, so a signature made
 * here can never verify as a signature of another BLS application (and vice versa).
 */
export const BALLOT_DST = 'COUNCIL-BALLOT-V1_BLS12381G1_XMD:SHA-256_SSWU_RO_BLIND_';

/** Fixed-length tag opening every signed ballot message (protocol version). */
export const BALLOT_MESSAGE_TAG = utf8ToBytes('council-ballot/v1/ballot');

export { sha256 };

/** SHA-256 of the UTF-8 canonical JSON of a value. */
export function hashJson(value: unknown): Uint8Array {
  return sha256(utf8ToBytes(canonicalJson(value)));
}

/**
 * The message the registrar blind-signs: tag ‖ electionId ‖ SHA-256(canonical payload) ‖ nonce.
 * All parts after the tag are exactly 32 bytes, so the concatenation is unambiguous.
 * @example ballotMessage(electionId, hashJson(payload), randomBytes(32))
 */
export function ballotMessage(
  electionId: Uint8Array,
  payloadHash: Uint8Array,
  nonce: Uint8Array,
): Uint8Array {
  abytes(electionId, 32, 'electionId');
  abytes(payloadHash, 32, 'payloadHash');
  abytes(nonce, 32, 'nonce');
  return concatBytes(BALLOT_MESSAGE_TAG, electionId, payloadHash, nonce);
}

/** Bytes the committee signs to approve a manifest. */
export function manifestSigningBytes(electionId: Uint8Array): Uint8Array {
  abytes(electionId, 32, 'electionId');
  return concatBytes(utf8ToBytes('council-ballot/v1/manifest\n'), electionId);
}

/** Bytes a committee member signs to consent to closing the election (issue 13: nobody else can end a vote). */
export function closeSigningBytes(electionId: Uint8Array): Uint8Array {
  abytes(electionId, 32, 'electionId');
  return concatBytes(utf8ToBytes('council-ballot/v1/close\n'), electionId);
}
