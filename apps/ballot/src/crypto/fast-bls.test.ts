// The verifier's mcl (WebAssembly) BLS must agree with noble, the protocol's own implementation: same hash-to-G1 under
// our DST, same accept/reject on point encodings, same sums.
import { describe, expect, it } from 'vitest';
import { bls12_381 } from '@noble/curves/bls12-381.js';
import { pippenger } from '@noble/curves/abstract/curve.js';
import { randomBytes } from '@noble/hashes/utils.js';
import { bytesToBigInt, toHex } from './bytes.ts';
import { blsPublicKey, generateBlsKeyPair, hashToG1, verifyBallotSignature } from './blind-bls.ts';
import { loadFastBls } from './fast-bls.ts';

const G1 = bls12_381.G1.Point;
const Fp = bls12_381.fields.Fp;
const bls = await loadFastBls();

/** A point on the curve outside the prime-order subgroup, compressed by hand (noble refuses to encode it). */
function nonSubgroupPoint(): Uint8Array {
  for (let x = 7n; ; x++) {
    let y: bigint;
    try {
      y = Fp.sqrt(Fp.add(Fp.pow(x, 3n), 4n));
    } catch {
      continue; // x not on the curve
    }
    if (G1.fromAffine({ x, y }).isTorsionFree()) continue;
    const bytes = Uint8Array.from(Buffer.from(x.toString(16).padStart(96, '0'), 'hex'));
    bytes[0] = (bytes[0] ?? 0) | 0x80 | (y > (Fp.ORDER - 1n) / 2n ? 0x20 : 0);
    return bytes;
  }
}

describe('fast BLS (mcl) against noble', () => {
  it('hashes to the same G1 point under the ballot DST', () => {
    for (let i = 0; i < 40; i++) {
      const message = randomBytes(i * 7);
      expect(toHex(bls.hashToG1(message).serialize())).toBe(toHex(hashToG1(message).toBytes(true)));
    }
  });

  it('decodes valid points and rejects the identity, non-subgroup, off-curve and non-canonical encodings', () => {
    const valid = G1.BASE.multiply(987654321n).toBytes(true);
    expect(toHex(bls.decodeG1(valid).serialize())).toBe(toHex(valid));
    const identity = new Uint8Array(48);
    identity[0] = 0xc0;
    expect(() => bls.decodeG1(identity)).toThrow(/identity/);
    const bad = nonSubgroupPoint();
    expect(() => G1.fromBytes(bad)).toThrow(); // noble agrees it is not a subgroup point
    expect(() => bls.decodeG1(bad)).toThrow(RangeError);
    const offCurve = valid.slice();
    offCurve[47] = (offCurve[47] ?? 0) ^ 1;
    expect(() => G1.fromBytes(offCurve)).toThrow();
    expect(() => bls.decodeG1(offCurve)).toThrow(RangeError);
    const x = bytesToBigInt(valid) & ((1n << 381n) - 1n);
    const nonCanonical = Uint8Array.from(
      Buffer.from((x + Fp.ORDER).toString(16).padStart(96, '0'), 'hex'),
    );
    nonCanonical[0] = (nonCanonical[0] ?? 0) | ((valid[0] ?? 0) & 0xe0);
    expect(() => bls.decodeG1(nonCanonical)).toThrow(RangeError);
    expect(() => bls.decodeG1(valid.slice(0, 47))).toThrow();
  });

  it('computes the same multi-scalar sum as noble', () => {
    const points = Array.from({ length: 9 }, (_, i) => G1.BASE.multiply(BigInt(1000 + i * 7919)));
    const scalars = points.map(() => bytesToBigInt(randomBytes(8)));
    const expected = pippenger(G1, points, scalars).toBytes(true);
    const got = bls.sum(
      points.map((p) => bls.decodeG1(p.toBytes(true))),
      scalars,
    );
    expect(toHex(got)).toBe(toHex(expected));
    expect(() => bls.sum([], [1n])).toThrow(RangeError);
    expect(() =>
      bls.sum([bls.decodeG1(points[0]?.toBytes(true) ?? new Uint8Array())], [1n << 64n]),
    ).toThrow(RangeError);
  });

  it('checks the pairing equation of a real signature and refuses a signature under another key', () => {
    const { secretKey, publicKey } = generateBlsKeyPair();
    const other = blsPublicKey(generateBlsKeyPair().secretKey);
    const H = hashToG1(randomBytes(50));
    const S = H.multiply(bytesToBigInt(secretKey));
    const s = bls.decodeG1(S.toBytes(true));
    const h = bls.decodeG1(H.toBytes(true));
    expect(bls.pairingCheck(s, h, publicKey)).toBe(true);
    expect(bls.pairingCheck(s, h, other)).toBe(false);
  });

  it('verifies a cast signature as noble does: valid, another key, another message, the identity, garbage', () => {
    const { secretKey, publicKey } = generateBlsKeyPair();
    const other = blsPublicKey(generateBlsKeyPair().secretKey);
    const message = randomBytes(80);
    const signature = hashToG1(message).multiply(bytesToBigInt(secretKey)).toBytes(true);
    const identity = new Uint8Array(48);
    identity[0] = 0xc0;
    const cases: [Uint8Array, Uint8Array, Uint8Array, boolean][] = [
      [signature, message, publicKey, true],
      [signature, message, other, false],
      [signature, randomBytes(80), publicKey, false],
      [identity, message, publicKey, false],
      [nonSubgroupPoint(), message, publicKey, false],
    ];
    for (const [sig, msg, pk, expected] of cases) {
      expect(bls.verifySignature(sig, msg, pk)).toBe(expected);
      expect(verifyBallotSignature(sig, msg, pk)).toBe(expected);
    }
  });
});
