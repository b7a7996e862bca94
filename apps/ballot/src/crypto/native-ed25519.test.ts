// OpenSSL's Ed25519 (the verifier's bulk check) must accept what noble (zip215: false) accepts for honest signatures and
// reject every malformed one noble rejects.
import { describe, expect, it } from 'vitest';
import { ed25519 } from '@noble/curves/ed25519.js';
import { bigIntToBytes, bytesToBigInt, utf8ToBytes } from './bytes.ts';
import { nativeVerifier } from './native-ed25519.ts';
import { generateSigningKeyPair, signBytes, verifyBytes } from './signing.ts';

const L = ed25519.Point.Fn.ORDER;

describe('native Ed25519 verification', () => {
  const { secretKey, publicKey } = generateSigningKeyPair();
  const check = nativeVerifier(publicKey);

  it('accepts valid signatures and rejects another message, another key and a flipped bit, like noble', () => {
    for (let i = 0; i < 20; i++) {
      const message = utf8ToBytes(`answer ${i}`);
      const signature = signBytes(message, secretKey);
      expect(check(signature, message)).toBe(true);
      expect(verifyBytes(signature, message, publicKey)).toBe(true);
      const other = utf8ToBytes(`answer ${i + 1}`);
      expect(check(signature, other)).toBe(false);
      const flipped = signature.slice();
      flipped[i] = (flipped[i] ?? 0) ^ 4;
      expect(check(flipped, message)).toBe(verifyBytes(flipped, message, publicKey));
      expect(check(flipped, message)).toBe(false);
    }
    const stranger = nativeVerifier(generateSigningKeyPair().publicKey);
    const message = utf8ToBytes('x');
    expect(stranger(signBytes(message, secretKey), message)).toBe(false);
  });

  it('rejects a malleated s + L (noble with zip215: false rejects it too), short signatures and a small-order key', () => {
    const message = utf8ToBytes('malleable?');
    const signature = signBytes(message, secretKey);
    const s = bytesToBigInt(signature.slice(32).reverse());
    const malleated = signature.slice();
    malleated.set(bigIntToBytes(s + L, 32).reverse(), 32);
    expect(verifyBytes(malleated, message, publicKey)).toBe(false);
    expect(check(malleated, message)).toBe(false);
    expect(check(signature.slice(0, 63), message)).toBe(false);
    const smallOrder = new Uint8Array(32);
    smallOrder[0] = 1; // the identity point encodes as y = 1
    expect(nativeVerifier(smallOrder)(signature, message)).toBe(false);
  });
});
