// OpenSSL's Ed25519 (the verifier's bulk check) must accept what noble (zip215: false) accepts for honest signatures and
// reject every malformed one noble rejects.
import { describe, expect, it } from 'vitest';
import { ed25519 } from '@noble/curves/ed25519.js';
import { sha512 } from '@noble/hashes/sha2.js';
import { bigIntToBytes, bytesToBigInt, concatBytes, utf8ToBytes } from './bytes.ts';
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

  it('a signature whose R carries a small-order point passes the cofactored equation only: both paths refuse it', () => {
    const message = utf8ToBytes('torsion');
    const { r, s, R } = torsionSignature(secretKey, publicKey, message);
    const signature = concatBytes(R, bigIntToBytes(s, 32).reverse());
    // noble alone (cofactored) would accept it: the trap is real
    expect(ed25519.verify(signature, message, publicKey, { zip215: false })).toBe(true);
    expect(verifyBytes(signature, message, publicKey)).toBe(false);
    expect(check(signature, message)).toBe(false);
    expect(r).not.toBe(0n);
  });
});

/** Sign with R = rB + T (T of order 8) and S = r + k·a, as a dishonest signer holding the key could. */
function torsionSignature(secretKey: Uint8Array, publicKey: Uint8Array, message: Uint8Array) {
  const Point = ed25519.Point;
  const h = sha512(secretKey);
  const head = h.slice(0, 32);
  head[0] = (head[0] ?? 0) & 248;
  head[31] = ((head[31] ?? 0) & 127) | 64;
  const a = bytesToBigInt(head.slice().reverse()) % L;
  const r = 123456789n;
  const T = Point.fromBytes(ed25519TorsionPoint());
  const R = Point.BASE.multiply(r).add(T).toBytes();
  const k = bytesToBigInt(sha512(concatBytes(R, publicKey, message)).reverse()) % L;
  return { r, s: (r + k * a) % L, R };
}

/** A point of order 8 (libsodium's small-order blocklist). */
function ed25519TorsionPoint(): Uint8Array {
  const P = ed25519.Point.fromHex(
    '26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05',
  );
  if (!P.isSmallOrder() || P.multiply(4n).is0()) throw new Error('not a point of order 8');
  return P.toBytes();
}
