// Blind BLS (Boldyreva 2003) on BLS12-381 with RFC 9380 hash-to-curve.
import { describe, expect, it } from 'vitest';
import { bls12_381 } from '@noble/curves/bls12-381.js';
import { bytesToBigInt, fromHex, toHex, utf8ToBytes } from './bytes.ts';
import {
  blind,
  blsPublicKey,
  decodeG1,
  generateBlsKeyPair,
  hashToG1,
  randomScalar,
  signBlinded,
  unblind,
  verifyBallotSignature,
  verifyBlindSignature,
} from './blind-bls.ts';

const G1 = bls12_381.G1.Point;

describe('hash-to-curve (RFC 9380)', () => {
  it('matches RFC 9380 Appendix J.9.1 (BLS12381G1_XMD:SHA-256_SSWU_RO_, msg "")', () => {
    const p = bls12_381.G1.hashToCurve(new Uint8Array(0), {
      DST: 'QUUX-V01-CS02-with-BLS12381G1_XMD:SHA-256_SSWU_RO_',
    }).toAffine();
    expect(p.x.toString(16).padStart(96, '0')).toBe(
      '052926add2207b76ca4fa57a8734416c8dc95e24501772c814278700eed6d1e4e8cf62d9c09db0fac349612b759e79a1',
    );
    expect(p.y.toString(16).padStart(96, '0')).toBe(
      '08ba738453bfed09cb546dbb0783dbb3a5f1f566ed67bb6be0e8c67e2e81a4cc68ee29813bb7994998f3eae0c9c6a265',
    );
  });

  it('uses our own DST: the same message hashes elsewhere under the standard BLS DST', () => {
    const m = utf8ToBytes('ballot');
    expect(hashToG1(m).equals(bls12_381.shortSignatures.hash(m))).toBe(false);
  });
});

describe('blind signatures', () => {
  const { secretKey, publicKey } = generateBlsKeyPair();
  const message = utf8ToBytes('council-ballot test message');

  it('unblinds to the plain BLS signature sk·H(m), which verifies under the published key', () => {
    const { blinded, factor } = blind(message);
    const blindSig = signBlinded(blinded, secretKey);
    expect(verifyBlindSignature(blindSig, blinded, publicKey)).toBe(true);
    const sig = unblind(blindSig, factor);
    expect(toHex(sig)).toBe(
      toHex(hashToG1(message).multiply(bytesToBigInt(secretKey)).toBytes(true)),
    );
    expect(verifyBallotSignature(sig, message, publicKey)).toBe(true);
  });

  it('hides the message: the same message blinds to unrelated points', () => {
    expect(toHex(blind(message).blinded)).not.toBe(toHex(blind(message).blinded));
  });

  it('rejects a signature under another key, on another message, and the identity', () => {
    const { blinded, factor } = blind(message);
    const sig = unblind(signBlinded(blinded, secretKey), factor);
    expect(verifyBallotSignature(sig, message, generateBlsKeyPair().publicKey)).toBe(false);
    expect(verifyBallotSignature(sig, utf8ToBytes('other'), publicKey)).toBe(false);
    expect(verifyBallotSignature(G1.ZERO.toBytes(true), message, publicKey)).toBe(false);
  });

  it('registrar refuses the identity point and points outside the subgroup (RangeError)', () => {
    expect(() => signBlinded(G1.ZERO.toBytes(true), secretKey)).toThrow(RangeError);
    const nonSubgroup = findNonSubgroupPoint();
    expect(() => decodeG1(nonSubgroup)).toThrow(RangeError);
    expect(() => signBlinded(nonSubgroup, secretKey)).toThrow(RangeError);
  });

  it('asserts inputs noble-style: TypeError for non-bytes, RangeError for wrong sizes', () => {
    expect(() => signBlinded('00' as unknown as Uint8Array, secretKey)).toThrow(TypeError);
    expect(() => signBlinded(new Uint8Array(47), secretKey)).toThrow(RangeError);
    expect(() => blind(message, 0n)).toThrow(RangeError);
    expect(() => blind(message, 1 as unknown as bigint)).toThrow(TypeError);
    expect(() => blsPublicKey(new Uint8Array(32))).toThrow(RangeError);
  });

  it('random scalars are non-zero and below r', () => {
    for (let i = 0; i < 20; i++) {
      const k = randomScalar();
      expect(k > 0n && k < G1.Fn.ORDER).toBe(true);
    }
  });
});

function findNonSubgroupPoint(): Uint8Array {
  const Fp = bls12_381.fields.Fp;
  for (let x = 1n; ; x++) {
    let y: bigint;
    try {
      y = Fp.sqrt(Fp.add(Fp.mul(Fp.mul(x, x), x), 4n));
    } catch {
      continue;
    }
    if (G1.fromAffine({ x, y }).isTorsionFree()) continue;
    const bytes = fromHex(x.toString(16).padStart(96, '0'), 48, 'x');
    bytes[0] = (bytes[0] ?? 0) | 0x80;
    return bytes;
  }
}
