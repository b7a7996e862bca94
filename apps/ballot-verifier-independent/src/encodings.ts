// docs/ballot.md "Encodings": canonical JSON, hex, SHA-256, strict BLS12-381 points, RFC 9380 hash-to-G1, Ed25519 with
// the cofactorless equation, X25519, RFC 6962 Merkle tree hash. Written from the document; noble only.
import { bls12_381 } from '@noble/curves/bls12-381.js';
import { ed25519, x25519 } from '@noble/curves/ed25519.js';
import { sha256, sha512 } from '@noble/hashes/sha2.js';

export const DST = 'COUNCIL-BALLOT-V1_BLS12381G1_XMD:SHA-256_SSWU_RO_BLIND_';
const utf8 = new TextEncoder();

export const bytes = (s: string): Uint8Array => utf8.encode(s);

export function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** Lowercase hex (the board's form) to bytes; callers have checked the length and alphabet. */
export function unhex(hex: string): Uint8Array {
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  return out;
}

export function hex(b: Uint8Array): string {
  let s = '';
  for (const x of b) s += x.toString(16).padStart(2, '0');
  return s;
}

export const sameBytes = (a: Uint8Array, b: Uint8Array): boolean =>
  a.length === b.length && a.every((x, i) => x === b[i]);

export function compareBytes(a: Uint8Array, b: Uint8Array): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d !== 0) return d;
  }
  return a.length - b.length;
}

/** UTF-16 code unit order, as the document sorts keys. */
export const byCodeUnits = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Canonical JSON `cj(v)`: sorted keys, no whitespace, JSON.stringify's string form, integers. */
export function cj(v: unknown): string {
  if (v === null) return 'null';
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) throw new RangeError('no canonical form');
    return JSON.stringify(v);
  }
  if (typeof v === 'string') return JSON.stringify(v);
  if (Array.isArray(v)) return '[' + v.map(cj).join(',') + ']';
  if (typeof v === 'object') {
    const keys = Object.keys(v).sort(byCodeUnits);
    const o = v as Record<string, unknown>;
    return '{' + keys.map((k) => JSON.stringify(k) + ':' + cj(o[k])).join(',') + '}';
  }
  throw new TypeError('not JSON');
}

export const H = (b: Uint8Array): Uint8Array => sha256(b);
export const hashJson = (v: unknown): Uint8Array => sha256(bytes(cj(v)));

const le = (b: Uint8Array): bigint => {
  let n = 0n;
  for (let i = b.length - 1; i >= 0; i--) n = (n << 8n) | BigInt(b[i] ?? 0);
  return n;
};

const EdPoint = ed25519.Point;
const L = EdPoint.Fn.ORDER;

function edPoint(b: Uint8Array): InstanceType<typeof EdPoint> | null {
  try {
    return EdPoint.fromBytes(b, false); // y < p, on the curve
  } catch {
    // not a canonical point encoding
    return null;
  }
}

/** A valid Ed25519 key: a canonical point, not of small order. */
export function validEdKey(key: Uint8Array): boolean {
  const A = key.length === 32 ? edPoint(key) : null;
  return A !== null && !A.multiplyUnsafe(8n).is0();
}

/** RFC 8032 with canonical A and R, S < L, A not of small order, and [S]B = R + [k]A exactly. */
export function edVerify(signature: Uint8Array, message: Uint8Array, key: Uint8Array): boolean {
  if (signature.length !== 64 || !validEdKey(key)) return false;
  const rBytes = signature.subarray(0, 32);
  const R = edPoint(rBytes);
  const A = edPoint(key);
  const S = le(signature.subarray(32));
  if (!R || !A || S >= L) return false;
  const k = le(sha512(concat(rBytes, key, message))) % L;
  return EdPoint.BASE.multiplyUnsafe(S).equals(R.add(A.multiplyUnsafe(k)));
}

export function x25519Public(secret: Uint8Array): Uint8Array {
  return x25519.getPublicKey(secret);
}

/** X25519 that fails for a small-order peer key or an all-zero result (the document's rule). */
export function x25519Shared(secret: Uint8Array, peer: Uint8Array): Uint8Array | null {
  try {
    const s = x25519.getSharedSecret(secret, peer);
    return s.every((x) => x === 0) ? null : s;
  } catch {
    // small-order peer key
    return null;
  }
}

const G1 = bls12_381.G1.Point;
const G2 = bls12_381.G2.Point;
export type G1P = InstanceType<typeof G1>;
export type G2P = InstanceType<typeof G2>;

/** Strict decoding: canonical compressed encoding, on the curve, in the subgroup, not the identity. */
export function g1(b: Uint8Array): G1P | null {
  if (b.length !== 48 || ((b[0] ?? 0) & 0x80) === 0) return null;
  try {
    const P = G1.fromBytes(b);
    P.assertValidity();
    if (P.is0() || !P.isTorsionFree() || !sameBytes(P.toBytes(true), b)) return null;
    return P;
  } catch {
    // not a point
    return null;
  }
}

export function g2(b: Uint8Array): G2P | null {
  if (b.length !== 96 || ((b[0] ?? 0) & 0x80) === 0) return null;
  try {
    const P = G2.fromBytes(b);
    P.assertValidity();
    if (P.is0() || !P.isTorsionFree() || !sameBytes(P.toBytes(true), b)) return null;
    return P;
  } catch {
    // not a point
    return null;
  }
}

export function hashToG1(message: Uint8Array): G1P {
  return G1.fromAffine(bls12_381.G1.hashToCurve(message, { DST }).toAffine());
}

const NEG_G2 = G2.BASE.negate();

/** e(s, g2) = e(h, pk). */
export function pairs(s: G1P, h: G1P, pk: G2P): boolean {
  const gt = bls12_381.pairingBatch([
    { g1: s, g2: NEG_G2 },
    { g1: h, g2: pk },
  ]);
  return bls12_381.fields.Fp12.eql(gt, bls12_381.fields.Fp12.ONE);
}

export { G1 };

/** RFC 6962 Merkle tree hash. */
export function merkle(leaves: readonly Uint8Array[]): Uint8Array {
  if (leaves.length === 0) return H(new Uint8Array(0));
  if (leaves.length === 1) return H(concat(Uint8Array.of(0), leaves[0] ?? new Uint8Array(0)));
  let k = 1;
  while (k * 2 < leaves.length) k *= 2;
  return H(concat(Uint8Array.of(1), merkle(leaves.slice(0, k)), merkle(leaves.slice(k))));
}
