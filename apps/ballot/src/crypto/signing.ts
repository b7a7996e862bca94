// Ed25519 (RFC 8032) for registrar answers, box receipts and manifest approvals; verification is strict (zip215: false).
import { ed25519 } from '@noble/curves/ed25519.js';
import { canonicalJson } from '@council/shared';
import { abytes, utf8ToBytes } from './bytes.ts';

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
    return ed25519.verify(signature, message, publicKey, { zip215: false });
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
