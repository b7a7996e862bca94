// Random-coefficient batch verification of many BLS signatures under one key (Bellare–Garay–Rabin small-exponent test).
// Checks e(Σ rᵢ·Sᵢ, g2) = e(Σ rᵢ·Hᵢ, pk) with secret random 64-bit rᵢ: plain aggregation (rᵢ = 1) would let
// S₁+X and S₂−X pass; with random rᵢ a forgery passes with probability ≤ 2⁻⁶⁴.
import { bls12_381 } from '@noble/curves/bls12-381.js';
import { pippenger } from '@noble/curves/abstract/curve.js';
import { randomBytes } from '@noble/hashes/utils.js';
import { abytes, bytesToBigInt } from './bytes.ts';
import { type G1Point, decodeG1, decodeG2, hashToG1, pairingCheck } from './blind-bls.ts';

const G1 = bls12_381.G1.Point;

/** A signature over a message (hashed to G1 here) or over an already-hashed point (a blinded message). */
export type BatchItem =
  | { readonly message: Uint8Array; readonly signature: Uint8Array }
  | { readonly point: Uint8Array; readonly signature: Uint8Array };

export interface PartialSums {
  /** Compressed Σ rᵢ·Sᵢ (identity allowed). */
  sigSum: Uint8Array;
  /** Compressed Σ rᵢ·Hᵢ. */
  msgSum: Uint8Array;
  /** Indices (into this chunk) whose signature or point failed to decode: excluded from the sums. */
  invalid: number[];
}

export interface BatchResult {
  ok: boolean;
  /** Indices of the items that do not verify. */
  invalid: number[];
}

/** Verifies items under one public key; implementations may spread the work over threads. */
export type BatchVerifier = (
  publicKey: Uint8Array,
  items: readonly BatchItem[],
) => Promise<BatchResult>;

/** n non-zero 64-bit coefficients from the CSPRNG. */
export function randomCoefficients(n: number): bigint[] {
  if (!Number.isSafeInteger(n) || n < 0)
    throw new RangeError('randomCoefficients: n must be a non-negative integer');
  const bytes = randomBytes(8 * n);
  const out: bigint[] = [];
  for (let i = 0; i < n; i++) {
    const c = bytesToBigInt(bytes.subarray(8 * i, 8 * i + 8));
    out.push(c === 0n ? 1n : c);
  }
  return out;
}

function itemPoint(item: BatchItem): G1Point {
  return 'message' in item ? hashToG1(item.message) : decodeG1(item.point, 'point');
}

/** The expensive part (hash-to-curve, subgroup checks, MSM) for one chunk; runs in a worker thread. */
export function partialSums(
  items: readonly BatchItem[],
  coefficients: readonly bigint[],
): PartialSums {
  if (!Array.isArray(items) || !Array.isArray(coefficients))
    throw new TypeError('partialSums: expected arrays');
  if (items.length !== coefficients.length)
    throw new RangeError('partialSums: one coefficient per item');
  const sigs: G1Point[] = [];
  const msgs: G1Point[] = [];
  const scalars: bigint[] = [];
  const invalid: number[] = [];
  items.forEach((item, i) => {
    try {
      abytes(item.signature, 48, 'signature');
      const S = decodeG1(item.signature, 'signature');
      const H = itemPoint(item);
      sigs.push(S);
      msgs.push(H);
      scalars.push(coefficients[i] ?? 1n);
    } catch {
      // undecodable or identity: reported as an invalid item, not added to the sums
      invalid.push(i);
    }
  });
  const sigSum = sigs.length ? pippenger(G1, sigs, scalars) : G1.ZERO;
  const msgSum = msgs.length ? pippenger(G1, msgs, scalars) : G1.ZERO;
  return { sigSum: sigSum.toBytes(true), msgSum: msgSum.toBytes(true), invalid };
}

/** Combine chunk sums and run the single pairing check. */
export function finalCheck(parts: readonly PartialSums[], publicKey: Uint8Array): boolean {
  const PK = decodeG2(publicKey, 'publicKey');
  let S = G1.ZERO;
  let H = G1.ZERO;
  for (const part of parts) {
    S = S.add(G1.fromBytes(part.sigSum));
    H = H.add(G1.fromBytes(part.msgSum));
  }
  if (S.is0() || H.is0()) return S.is0() && H.is0();
  return pairingCheck(S, H, PK);
}

/** Locate failing items one by one (only after a failed batch). */
export function individualFailures(
  publicKey: Uint8Array,
  items: readonly BatchItem[],
  skip: ReadonlySet<number>,
): number[] {
  const PK = decodeG2(publicKey, 'publicKey');
  const bad: number[] = [];
  items.forEach((item, i) => {
    if (skip.has(i)) return;
    try {
      if (!pairingCheck(decodeG1(item.signature), itemPoint(item), PK)) bad.push(i);
    } catch {
      // undecodable: invalid
      bad.push(i);
    }
  });
  return bad;
}

/** Single-threaded batch verification (tests, small boards, browsers). */
export const verifyBatchInProcess: BatchVerifier = async (publicKey, items) => {
  decodeG2(publicKey, 'publicKey');
  if (items.length === 0) return { ok: true, invalid: [] };
  const part = partialSums(items, randomCoefficients(items.length));
  if (finalCheck([part], publicKey) && part.invalid.length === 0) return { ok: true, invalid: [] };
  const invalid = [
    ...part.invalid,
    ...individualFailures(publicKey, items, new Set(part.invalid)),
  ].sort((a, b) => a - b);
  return { ok: invalid.length === 0, invalid };
};
