// The BLS operations the verifier and the box need, behind one interface with two implementations: mcl's WebAssembly
// (fast-bls.ts, the default on the server and in the CLI) and @noble/curves (here: the protocol's own, audited pure-JS
// implementation, used by `verify-ballot --reference` and wherever WebAssembly speed does not matter).
import { bls12_381 } from '@noble/curves/bls12-381.js';
import { pippenger } from '@noble/curves/abstract/curve.js';
import { abytes } from './bytes.ts';
import {
  type G1Point,
  decodeG1,
  decodeG2,
  hashToG1,
  pairingCheck,
  verifyBallotSignature,
} from './blind-bls.ts';

export interface BlsBackend<P> {
  /** H(m) in G1 under the ballot DST (RFC 9380 BLS12381G1_XMD:SHA-256_SSWU_RO_). */
  hashToG1(message: Uint8Array): P;
  /** Compressed point: canonical, on the curve, in the prime-order subgroup, not the identity; RangeError otherwise. */
  decodeG1(bytes: Uint8Array, title?: string): P;
  /** Σ coefficients[i]·points[i] (coefficients below 2⁶⁴), compressed; the identity encodes as 0xc0 00…. */
  sum(points: readonly P[], coefficients: readonly bigint[]): Uint8Array;
  /** A compressed sum from `sum` (the identity allowed). */
  decodeSum(bytes: Uint8Array): P;
  add(a: P, b: P): P;
  isZero(p: P): boolean;
  /** e(S, g2) = e(H, publicKey) for subgroup points S and H and a compressed G2 key. */
  pairingCheck(S: P, H: P, publicKey: Uint8Array): boolean;
  /** One signature on one message (the box's check of a cast); false for any invalid encoding or identity. */
  verifySignature(signature: Uint8Array, message: Uint8Array, publicKey: Uint8Array): boolean;
}

const G1 = bls12_381.G1.Point;

/** Batch coefficients are 64-bit (Bellare–Garay–Rabin small exponents). */
export function assertCoefficient(c: bigint): void {
  if (c < 0n || c >= 1n << 64n) throw new RangeError('coefficient: expected 0 ≤ c < 2⁶⁴');
}

export const referenceBls: BlsBackend<G1Point> = {
  hashToG1,
  decodeG1,
  sum(points, coefficients) {
    if (points.length !== coefficients.length)
      throw new RangeError('sum: one coefficient per point');
    coefficients.forEach(assertCoefficient);
    return (points.length ? pippenger(G1, [...points], [...coefficients]) : G1.ZERO).toBytes(true);
  },
  decodeSum: (bytes) => G1.fromBytes(abytes(bytes, 48, 'sum')),
  add: (a, b) => a.add(b),
  isZero: (p) => p.is0(),
  pairingCheck: (S, H, publicKey) => pairingCheck(S, H, decodeG2(publicKey, 'publicKey')),
  verifySignature: verifyBallotSignature,
};
