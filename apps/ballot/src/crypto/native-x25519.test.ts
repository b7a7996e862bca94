// OpenSSL's X25519 (used by the Node recount) must give noble's shared secret, and refuse the same low-order keys.
import { describe, expect, it } from 'vitest';
import { x25519 } from '@noble/curves/ed25519.js';
import { toHex } from './bytes.ts';
import { nativeAgreement } from './native-x25519.ts';
import { PAYLOAD_INFO, decryptPayload, encryptPayload } from './payload-encryption.ts';

describe('native X25519 agreement', () => {
  it('agrees with noble on random keys and decrypts what the voter’s client encrypted', () => {
    const secret = x25519.utils.randomSecretKey();
    const agree = nativeAgreement(secret);
    for (let i = 0; i < 20; i++) {
      const peer = x25519.getPublicKey(x25519.utils.randomSecretKey());
      expect(toHex(agree(peer))).toBe(toHex(x25519.getSharedSecret(secret, peer)));
    }
    const aad = new Uint8Array([1, 2, 3]);
    const envelope = encryptPayload(
      new TextEncoder().encode('{"choice":"Anna"}'),
      x25519.getPublicKey(secret),
      aad,
      PAYLOAD_INFO,
    );
    const plain = decryptPayload(envelope, secret, aad, PAYLOAD_INFO, undefined, agree);
    expect(new TextDecoder().decode(plain)).toBe('{"choice":"Anna"}');
  });

  it('throws for a low-order peer key, as noble does', () => {
    const secret = x25519.utils.randomSecretKey();
    const zero = new Uint8Array(32);
    const one = new Uint8Array(32);
    one[0] = 1;
    for (const peer of [zero, one]) {
      expect(() => x25519.getSharedSecret(secret, peer)).toThrow();
      expect(() => nativeAgreement(secret)(peer)).toThrow();
    }
  });
});
