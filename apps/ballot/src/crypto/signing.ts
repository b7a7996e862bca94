// Ed25519 (RFC 8032) for registrar answers, box receipts and manifest approvals; verification is strict (zip215: false)
// and cofactorless ([S]B = R + [k]A exactly), the equation OpenSSL checks too (docs/ballot.md, "Ed25519").
import { ed25519 } from '@noble/curves/ed25519.js';
import { bytesToNumberLE } from '@noble/curves/utils.js';
import { sha512 } from '@noble/hashes/sha2.js';
import { canonicalJson } from '@council/shared';
import { abytes, concatBytes, utf8ToBytes } from './bytes.ts';

const Point = ed25519.Point;
const L = Point.Fn.ORDER;

/**
 * RFC 8032 §5.1.7 with the cofactorless equation [S]B = R + [k]A: both equations are RFC 8032, but they differ when R
 * carries a small-order component, and a board must verify the same way on every path (OpenSSL checks this one).
 * The same steps as noble's `verify` with `zip215: false` (canonical A and R, S < L, A not of small order), the last
 * one without clearing the cofactor.
 */
function strictVerify(signature: Uint8Array, message: Uint8Array, publicKey: Uint8Array): boolean {
  const r = signature.subarray(0, 32);
  const s = bytesToNumberLE(signature.subarray(32));
  if (s >= L) return false;
  const A = Point.fromBytes(publicKey, false);
  const R = Point.fromBytes(r, false);
  if (A.isSmallOrder()) return false;
  const k = bytesToNumberLE(sha512(concatBytes(r, publicKey, message))) % L;
  return Point.BASE.multiplyUnsafe(s).equals(R.add(A.multiplyUnsafe(k)));
}

/** A fresh Ed25519 key pair. */
export function generateSigningKeyPair(): { secretKey: Uint8Array; publicKey: Uint8Array } {
  const { secretKey, publicKey } = ed25519.keygen();
  return { secretKey, publicKey };
}

export function signingPublicKey(secretKey: Uint8Array): Uint8Array {
  return ed25519.getPublicKey(abytes(secretKey, 32, 'secretKey'));
}

/** Sign bytes. */
export function signBytes(message: Uint8Array, secretKey: Uint8Array): Uint8Array {
  return ed25519.sign(abytes(message, undefined, 'message'), abytes(secretKey, 32, 'secretKey'));
}

/**
 * Strict RFC 8032 verification (non-canonical encodings and small-order tricks rejected: zip215 off).
 * Returns false for malformed keys or signatures instead of throwing; throws TypeError for non-bytes.
 */
export function verifyBytes(
  signature: Uint8Array,
  message: Uint8Array,
  publicKey: Uint8Array,
): boolean {
  abytes(signature, undefined, 'signature');
  abytes(message, undefined, 'message');
  abytes(publicKey, undefined, 'publicKey');
  if (signature.length !== 64 || publicKey.length !== 32) return false;
  try {
    return strictVerify(signature, message, publicKey);
  } catch {
    // malformed point encodings: not a valid signature
    return false;
  }
}

/** Sign the canonical JSON of a value (registrar answers, receipts). */
export function signJson(value: unknown, secretKey: Uint8Array): Uint8Array {
  return signBytes(utf8ToBytes(canonicalJson(value)), secretKey);
}

/** Verify a signature over the canonical JSON of a value. */
export function verifyJson(value: unknown, signature: Uint8Array, publicKey: Uint8Array): boolean {
  return verifyBytes(signature, utf8ToBytes(canonicalJson(value)), publicKey);
}

/** A valid Ed25519 public key (on the curve, canonical, not small-order). */
export function isValidSigningKey(publicKey: Uint8Array): boolean {
  abytes(publicKey, undefined, 'publicKey');
  if (publicKey.length !== 32) return false;
  try {
    const point = ed25519.Point.fromBytes(publicKey, false);
    return !point.isSmallOrder();
  } catch {
    // not a curve point
    return false;
  }
}

/** X25519 form of an Ed25519 key, so committee members receive shares to their signing identity. */
export function signingKeyToX25519(publicKey: Uint8Array): Uint8Array {
  return ed25519.utils.toMontgomery(abytes(publicKey, 32, 'publicKey'));
}
export function signingSecretToX25519(secretKey: Uint8Array): Uint8Array {
  return ed25519.utils.toMontgomerySecret(abytes(secretKey, 32, 'secretKey'));
}
