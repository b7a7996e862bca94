// Ed25519 verification through Node's OpenSSL, for the verifier's bulk check of the registrar's issuance answers (one
// signature per voter under one key): noble takes ~1.3 ms per signature here, OpenSSL ~0.2 ms. It is at least as strict
// as noble's zip215: false: the key is first checked by noble (canonical, not small-order), OpenSSL rejects s ≥ L and
// compares the recomputed R byte for byte (so a non-canonical R fails), and its equation is the cofactorless one, which
// implies noble's cofactored one. native-ed25519.test.ts checks both agree. Node only.
import { createPublicKey, verify } from 'node:crypto';
import { abytes, concatBytes } from './bytes.ts';
import { isValidSigningKey } from './signing.ts';

const SPKI_PREFIX = Uint8Array.from([
  0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00,
]);

/** A verifier for many signatures under one public key; an invalid key verifies nothing. */
export function nativeVerifier(
  publicKey: Uint8Array,
): (signature: Uint8Array, message: Uint8Array) => boolean {
  if (!isValidSigningKey(abytes(publicKey, undefined, 'publicKey'))) return () => false;
  const key = createPublicKey({
    key: Buffer.from(concatBytes(SPKI_PREFIX, publicKey)),
    format: 'der',
    type: 'spki',
  });
  return (signature, message) => {
    abytes(signature, undefined, 'signature');
    abytes(message, undefined, 'message');
    if (signature.length !== 64) return false;
    try {
      return verify(null, message, key, signature);
    } catch {
      // malformed signature encoding
      return false;
    }
  };
}
