// X25519 + HKDF-SHA256 + XChaCha20-Poly1305 ballot payloads.
import { describe, expect, it } from 'vitest';
import { x25519 } from '@noble/curves/ed25519.js';
import { fromHex, toHex, utf8ToBytes } from './bytes.ts';
import {
  PAD_BLOCK,
  PAYLOAD_INFO,
  decryptPayload,
  encryptPayload,
  pad,
  unpad,
} from './payload-encryption.ts';

describe('payload encryption', () => {
  it('RFC 7748 §6.1 X25519 key agreement vector', () => {
    const alice = fromHex(
      '77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a',
      32,
      'a',
    );
    const bob = fromHex(
      '5dab087e624a8a4b79e17f8b83800ee66f3bb1292618b6fd1c2f8b27ff88e0eb',
      32,
      'b',
    );
    expect(toHex(x25519.getPublicKey(alice))).toBe(
      '8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a',
    );
    expect(toHex(x25519.getSharedSecret(alice, x25519.getPublicKey(bob)))).toBe(
      '4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742',
    );
  });

  const sk = x25519.utils.randomSecretKey();
  const pk = x25519.getPublicKey(sk);
  const aad = new Uint8Array(32).fill(7);

  it('round-trips and binds the ciphertext to its election (AAD)', () => {
    const env = encryptPayload(utf8ToBytes('{"choice":"ja"}'), pk, aad, PAYLOAD_INFO);
    expect(new TextDecoder().decode(decryptPayload(env, sk, aad, PAYLOAD_INFO))).toBe(
      '{"choice":"ja"}',
    );
    expect(() => decryptPayload(env, sk, new Uint8Array(32), PAYLOAD_INFO)).toThrow();
    expect(() => decryptPayload(env, x25519.utils.randomSecretKey(), aad, PAYLOAD_INFO)).toThrow();
    const tampered = { ...env, ct: env.ct.map((b, i) => (i === 0 ? b ^ 1 : b)) };
    expect(() => decryptPayload(tampered, sk, aad, PAYLOAD_INFO)).toThrow();
  });

  it('pads so ciphertext length does not reveal the choice', () => {
    const a = encryptPayload(utf8ToBytes('"A"'), pk, aad, PAYLOAD_INFO);
    const b = encryptPayload(utf8ToBytes('"Cecilia Carlsson-Lindqvist"'), pk, aad, PAYLOAD_INFO);
    expect(a.ct.length).toBe(b.ct.length);
    expect(pad(new Uint8Array(PAD_BLOCK - 1)).length).toBe(PAD_BLOCK);
    expect(pad(new Uint8Array(PAD_BLOCK)).length).toBe(2 * PAD_BLOCK);
    expect(toHex(unpad(pad(utf8ToBytes('x'))))).toBe(toHex(utf8ToBytes('x')));
    expect(() => unpad(new Uint8Array(PAD_BLOCK))).toThrow(RangeError);
    // minimal padding only: 'x' padded to two blocks is refused
    const long = new Uint8Array(2 * PAD_BLOCK);
    long.set(utf8ToBytes('x'));
    long[1] = 0x80;
    expect(() => unpad(long)).toThrow(/minimum/);
    // a text of exactly one block needs a second block for its 0x80
    const full = pad(new Uint8Array(PAD_BLOCK).fill(0x41));
    expect(unpad(full).length).toBe(PAD_BLOCK);
  });

  it('asserts inputs: TypeError for non-bytes, RangeError for wrong key size', () => {
    expect(() => encryptPayload('x' as unknown as Uint8Array, pk, aad, PAYLOAD_INFO)).toThrow(
      TypeError,
    );
    expect(() => encryptPayload(new Uint8Array(1), new Uint8Array(31), aad, PAYLOAD_INFO)).toThrow(
      RangeError,
    );
  });
});
