// Blind BLS signatures (Boldyreva 2003) on BLS12-381: signatures in G1, keys in G2, RFC 9380 hash-to-curve with our DST.
// Blind: B = r·H(m). Sign: S' = sk·B. Unblind: S = r⁻¹·S' = sk·H(m). Verify: e(S, g2) = e(H(m), pk).
import { bls12_381 } from '@noble/curves/bls12-381.js';
import type { WeierstrassPoint } from '@noble/curves/abstract/weierstrass.js';
import type { Fp } from '@noble/curves/abstract/tower.js';
import { randomBytes } from '@noble/hashes/utils.js';
import { abytes, bigIntToBytes, bytesToBigInt, equalBytes } from './bytes.ts';
import { BALLOT_DST } from './hash.ts';

const sigs = bls12_381.shortSignatures;
const G1 = bls12_381.G1.Point;
const G2 = bls12_381.G2.Point;
const ORDER = G1.Fn.ORDER;

export type G1Point = WeierstrassPoint<Fp>;
export type G2Point = ReturnType<typeof G2.fromBytes>;

/** A uniformly random non-zero scalar. */
export function randomScalar(): bigint {
  for (;;) {
    // 64 bytes reduced mod r: bias below 2^-256.
    const k = bytesToBigInt(randomBytes(64)) % ORDER;
    if (k !== 0n) return k;
  }
}

/**
 * Decode a compressed G1 point strictly: canonical encoding, on the curve, in the prime-order
 * subgroup, and not the identity. Throws RangeError otherwise.
 */
export function decodeG1(bytes: Uint8Array, title = 'G1 point'): G1Point {
  abytes(bytes, 48, title);
  let point: G1Point;
  try {
    point = G1.fromBytes(bytes);
  } catch (error) {
    throw new RangeError(
      `${title}: not a valid subgroup point (${error instanceof Error ? error.message : 'decode'})`,
    );
  }
  if (point.is0()) throw new RangeError(`${title}: the identity point is not allowed`);
  if (!equalBytes(point.toBytes(true), bytes))
    throw new RangeError(`${title}: non-canonical encoding`);
  return point;
}

/** Decode a compressed G2 public key strictly (canonical, subgroup, non-identity). */
export function decodeG2(bytes: Uint8Array, title = 'G2 point'): G2Point {
  abytes(bytes, 96, title);
  let point: G2Point;
  try {
    point = G2.fromBytes(bytes);
  } catch (error) {
    throw new RangeError(
      `${title}: not a valid subgroup point (${error instanceof Error ? error.message : 'decode'})`,
    );
  }
  if (point.is0()) throw new RangeError(`${title}: the identity point is not allowed`);
  if (!equalBytes(point.toBytes(true), bytes))
    throw new RangeError(`${title}: non-canonical encoding`);
  return point;
}

function secretScalar(secretKey: Uint8Array): bigint {
  abytes(secretKey, 32, 'secretKey');
  const k = bytesToBigInt(secretKey);
  if (k === 0n || k >= ORDER) throw new RangeError('secretKey: not a scalar in [1, r)');
  return k;
}

/** A fresh registrar key pair (one per question). */
export function generateBlsKeyPair(): { secretKey: Uint8Array; publicKey: Uint8Array } {
  const secretKey = bigIntToBytes(randomScalar(), 32);
  return { secretKey, publicKey: blsPublicKey(secretKey) };
}

/** Compressed G2 public key of a secret key. */
export function blsPublicKey(secretKey: Uint8Array): Uint8Array {
  return G2.BASE.multiply(secretScalar(secretKey)).toBytes(true);
}

/** RFC 9380 hash_to_curve into G1 with the ballot DST. */
export function hashToG1(message: Uint8Array): G1Point {
  abytes(message, undefined, 'message');
  return sigs.hash(message, BALLOT_DST);
}

/**
 * Blind a message for the registrar: returns the blinded point and the factor r to keep secret.
 * @example const { blinded, factor } = blind(ballotMessage(eid, payloadHash, nonce));
 */
export function blind(
  message: Uint8Array,
  factor: bigint = randomScalar(),
): { blinded: Uint8Array; factor: bigint } {
  if (typeof factor !== 'bigint') throw new TypeError('factor: expected bigint');
  if (factor <= 0n || factor >= ORDER) throw new RangeError('factor: not a scalar in [1, r)');
  return { blinded: hashToG1(message).multiply(factor).toBytes(true), factor };
}

/**
 * The registrar's step: sk·B, after decoding B with the subgroup check and refusing the identity.
 * Throws RangeError for an invalid blinded point.
 */
export function signBlinded(blinded: Uint8Array, secretKey: Uint8Array): Uint8Array {
  const point = decodeG1(blinded, 'blinded');
  return point.multiply(secretScalar(secretKey)).toBytes(true);
}

/** The voter's step after checking the answer: S = r⁻¹·S'. */
export function unblind(blindSignature: Uint8Array, factor: bigint): Uint8Array {
  if (typeof factor !== 'bigint') throw new TypeError('factor: expected bigint');
  if (factor <= 0n || factor >= ORDER) throw new RangeError('factor: not a scalar in [1, r)');
  const point = decodeG1(blindSignature, 'blindSignature');
  return point.multiply(G1.Fn.inv(factor)).toBytes(true);
}

const NEG_G2 = G2.BASE.negate();

/** e(a, pk) == e(b, g2), i.e. b = sk·a, for already-decoded points. */
export function pairingCheck(signature: G1Point, hashed: G1Point, publicKey: G2Point): boolean {
  try {
    const gt = bls12_381.pairingBatch([
      { g1: hashed, g2: publicKey },
      { g1: signature, g2: NEG_G2 },
    ]);
    return bls12_381.fields.Fp12.eql(gt, bls12_381.fields.Fp12.ONE);
  } catch {
    // pairing refuses the identity: the inputs were not a valid signature
    return false;
  }
}

/** Verify an unblinded signature; false for any invalid encoding, identity or wrong key. */
export function verifyBallotSignature(
  signature: Uint8Array,
  message: Uint8Array,
  publicKey: Uint8Array,
): boolean {
  abytes(signature, undefined, 'signature');
  abytes(message, undefined, 'message');
  abytes(publicKey, undefined, 'publicKey');
  let S: G1Point;
  let PK: G2Point;
  try {
    S = decodeG1(signature, 'signature');
    PK = decodeG2(publicKey, 'publicKey');
  } catch {
    // an invalid encoding is simply an invalid signature here
    return false;
  }
  return pairingCheck(S, hashToG1(message), PK);
}

/** Verify the registrar's blind signature S' on B (used by the voter and by the verifier's issuance check). */
export function verifyBlindSignature(
  blindSignature: Uint8Array,
  blinded: Uint8Array,
  publicKey: Uint8Array,
): boolean {
  try {
    return pairingCheck(decodeG1(blindSignature), decodeG1(blinded), decodeG2(publicKey));
  } catch {
    // an invalid encoding is an invalid answer
    return false;
  }
}

export { G1, G2, ORDER as SCALAR_ORDER };
