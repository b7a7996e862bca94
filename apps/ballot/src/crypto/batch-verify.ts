// Random-coefficient batch verification of many BLS signatures under one key (Bellare–Garay–Rabin small-exponent test).
// Checks e(Σ rᵢ·Sᵢ, g2) = e(Σ rᵢ·Hᵢ, pk) with secret random 64-bit rᵢ: plain aggregation (rᵢ = 1) would let
// S₁+X and S₂−X pass; with random rᵢ a forgery passes with probability ≤ 2⁻⁶⁴.
import { randomBytes } from '@noble/hashes/utils.js';
import { bytesToBigInt } from './bytes.ts';
import { decodeG2 } from './blind-bls.ts';
import { type BlsBackend, referenceBls } from './bls-backend.ts';
import { loadFastBls } from './fast-bls.ts';

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

function itemPoint<P>(bls: BlsBackend<P>, item: BatchItem): P {
  return 'message' in item ? bls.hashToG1(item.message) : bls.decodeG1(item.point, 'point');
}

/** The expensive part (hash-to-curve, subgroup checks, MSM) for one chunk; runs in a worker thread. */
export function partialSums<P>(
  bls: BlsBackend<P>,
  items: readonly BatchItem[],
  coefficients: readonly bigint[],
): PartialSums {
  if (!Array.isArray(items) || !Array.isArray(coefficients))
    throw new TypeError('partialSums: expected arrays');
  if (items.length !== coefficients.length)
    throw new RangeError('partialSums: one coefficient per item');
  const sigs: P[] = [];
  const msgs: P[] = [];
  const scalars: bigint[] = [];
  const invalid: number[] = [];
  items.forEach((item, i) => {
    try {
      const S = bls.decodeG1(item.signature, 'signature');
      const H = itemPoint(bls, item);
      sigs.push(S);
      msgs.push(H);
      scalars.push(coefficients[i] ?? 1n);
    } catch {
      // undecodable or identity: reported as an invalid item, not added to the sums
      invalid.push(i);
    }
  });
  return { sigSum: bls.sum(sigs, scalars), msgSum: bls.sum(msgs, scalars), invalid };
}

/** Combine chunk sums and run the single pairing check. */
export function finalCheck<P>(
  bls: BlsBackend<P>,
  parts: readonly PartialSums[],
  publicKey: Uint8Array,
): boolean {
  decodeG2(publicKey, 'publicKey');
  let S: P | null = null;
  let H: P | null = null;
  for (const part of parts) {
    const s = bls.decodeSum(part.sigSum);
    const h = bls.decodeSum(part.msgSum);
    S = S ? bls.add(S, s) : s;
    H = H ? bls.add(H, h) : h;
  }
  if (S === null || H === null) return true;
  if (bls.isZero(S) || bls.isZero(H)) return bls.isZero(S) && bls.isZero(H);
  return bls.pairingCheck(S, H, publicKey);
}

/** Locate failing items one by one (only after a failed batch). */
export function individualFailures<P>(
  bls: BlsBackend<P>,
  publicKey: Uint8Array,
  items: readonly BatchItem[],
  skip: ReadonlySet<number>,
): number[] {
  decodeG2(publicKey, 'publicKey');
  const bad: number[] = [];
  items.forEach((item, i) => {
    if (skip.has(i)) return;
    try {
      if (!bls.pairingCheck(bls.decodeG1(item.signature), itemPoint(bls, item), publicKey))
        bad.push(i);
    } catch {
      // undecodable: invalid
      bad.push(i);
    }
  });
  return bad;
}

/** Single-threaded batch verification with the given BLS implementation. */
export function inProcessBatch<P>(
  backend: () => BlsBackend<P> | Promise<BlsBackend<P>>,
): BatchVerifier {
  return async (publicKey, items) => {
    decodeG2(publicKey, 'publicKey');
    if (items.length === 0) return { ok: true, invalid: [] };
    const bls = await backend();
    const part = partialSums(bls, items, randomCoefficients(items.length));
    if (finalCheck(bls, [part], publicKey) && part.invalid.length === 0)
      return { ok: true, invalid: [] };
    const invalid = [
      ...part.invalid,
      ...individualFailures(bls, publicKey, items, new Set(part.invalid)),
    ].sort((a, b) => a - b);
    return { ok: invalid.length === 0, invalid };
  };
}

/** In this thread, with mcl's WebAssembly (tests, small boards, a service verifying its own board). */
export const verifyBatchInProcess: BatchVerifier = inProcessBatch(loadFastBls);

/** In this thread, with @noble/curves only (`verify-ballot --reference`): slower, the audited pure-JS path. */
export const verifyBatchReference: BatchVerifier = inProcessBatch(() => referenceBls);
