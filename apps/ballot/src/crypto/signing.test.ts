// Ed25519 answers and receipts: RFC 8032 vectors, strict (non-ZIP-215) verification.
import { describe, expect, it } from 'vitest';
import { ed25519 } from '@noble/curves/ed25519.js';
import { bigIntToBytes, bytesToBigInt, fromHex, toHex } from './bytes.ts';
import {
  generateSigningKeyPair,
  isValidSigningKey,
  signJson,
  signingPublicKey,
  verifyBytes,
  verifyJson,
} from './signing.ts';

describe('Ed25519', () => {
  it('RFC 8032 §7.1 TEST 1 (empty message)', () => {
    const sk = fromHex(
      '9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60',
      32,
      'sk',
    );
    const pk = signingPublicKey(sk);
    expect(toHex(pk)).toBe('d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a');
    const sig = ed25519.sign(new Uint8Array(0), sk);
    expect(toHex(sig)).toBe(
      'e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b',
    );
    expect(verifyBytes(sig, new Uint8Array(0), pk)).toBe(true);
  });

  it('rejects a non-canonical S (S + L), which ZIP-215 rules would also reject but lax verifiers accept', () => {
    const { secretKey, publicKey } = generateSigningKeyPair();
    const msg = new Uint8Array([1, 2, 3]);
    const sig = ed25519.sign(msg, secretKey);
    const L = 2n ** 252n + 27742317777372353535851937790883648493n;
    const sLE = sig.slice(32).reverse();
    const sPlusL = bigIntToBytes(bytesToBigInt(sLE) + L, 32).reverse();
    const malleated = new Uint8Array([...sig.slice(0, 32), ...sPlusL]);
    expect(verifyBytes(malleated, msg, publicKey)).toBe(false);
  });

  it('signs canonical JSON: key order does not matter, content does', () => {
    const { secretKey, publicKey } = generateSigningKeyPair();
    const sig = signJson({ b: '2', a: '1' }, secretKey);
    expect(verifyJson({ a: '1', b: '2' }, sig, publicKey)).toBe(true);
    expect(verifyJson({ a: '1', b: '3' }, sig, publicKey)).toBe(false);
  });

  it('returns false for malformed keys and signatures; TypeError for non-bytes', () => {
    const { publicKey } = generateSigningKeyPair();
    expect(verifyBytes(new Uint8Array(63), new Uint8Array(0), publicKey)).toBe(false);
    expect(verifyBytes(new Uint8Array(64), new Uint8Array(0), new Uint8Array(31))).toBe(false);
    expect(() => verifyBytes('x' as unknown as Uint8Array, new Uint8Array(0), publicKey)).toThrow(
      TypeError,
    );
    expect(isValidSigningKey(new Uint8Array(32))).toBe(false); // small-order / identity-like encodings refused
    expect(isValidSigningKey(publicKey)).toBe(true);
  });
});
