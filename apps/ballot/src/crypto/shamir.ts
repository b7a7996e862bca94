// Shamir secret sharing, 2-of-3, over the BLS12-381 scalar field Fr (prime r): splits the ballot decryption key among the committee.
import { bls12_381 } from '@noble/curves/bls12-381.js';
import { abytes, bigIntToBytes, bytesToBigInt } from './bytes.ts';
import { randomScalar } from './blind-bls.ts';

const Fr = bls12_381.fields.Fr;

export interface Share {
  /** x-coordinate, 1..n. */
  index: number;
  /** f(index), 32 bytes big-endian. */
  value: Uint8Array;
}

function scalar(bytes: Uint8Array, title: string): bigint {
  abytes(bytes, 32, title);
  const v = bytesToBigInt(bytes);
  if (v >= Fr.ORDER) throw new RangeError(`${title}: not a field element`);
  return v;
}

/** A random secret that is a field element (and, as 32 bytes, a valid X25519 secret key). */
export function randomFieldSecret(): Uint8Array {
  return bigIntToBytes(randomScalar(), 32);
}

/**
 * Split a secret into n shares, any `threshold` of which recover it.
 * @example const [a, b, c] = splitSecret(secret, 2, 3);
 */
export function splitSecret(
  secret: Uint8Array,
  threshold = 2,
  n = 3,
  coefficients?: readonly bigint[],
): Share[] {
  const s = scalar(secret, 'secret');
  if (!Number.isSafeInteger(threshold) || !Number.isSafeInteger(n))
    throw new TypeError('threshold, n: expected integers');
  if (threshold < 2 || n < threshold || n > 255)
    throw new RangeError('splitSecret: need 2 <= threshold <= n <= 255');
  const coeffs = [s];
  for (let i = 1; i < threshold; i++) coeffs.push(coefficients?.[i - 1] ?? randomScalar());
  const shares: Share[] = [];
  for (let x = 1; x <= n; x++) {
    let y = 0n;
    // Horner evaluation of f(x) = c0 + c1·x + … in Fr.
    for (let i = coeffs.length - 1; i >= 0; i--) y = Fr.add(Fr.mul(y, BigInt(x)), coeffs[i] ?? 0n);
    shares.push({ index: x, value: bigIntToBytes(y, 32) });
  }
  return shares;
}

/** Lagrange interpolation at 0 from `threshold` distinct shares. */
export function combineShares(shares: readonly Share[]): Uint8Array {
  if (!Array.isArray(shares)) throw new TypeError('shares: expected array');
  if (shares.length < 2) throw new RangeError('combineShares: need at least 2 shares');
  const xs = shares.map((sh) => {
    if (!Number.isSafeInteger(sh.index) || sh.index < 1 || sh.index > 255)
      throw new RangeError('share index out of range');
    return BigInt(sh.index);
  });
  if (new Set(xs).size !== xs.length) throw new RangeError('combineShares: duplicate share index');
  let secret = 0n;
  shares.forEach((sh, i) => {
    const xi = xs[i] ?? 0n;
    let num = 1n;
    let den = 1n;
    xs.forEach((xj, j) => {
      if (j === i) return;
      num = Fr.mul(num, xj);
      den = Fr.mul(den, Fr.sub(xj, xi));
    });
    secret = Fr.add(secret, Fr.mul(scalar(sh.value, 'share'), Fr.div(num, den)));
  });
  return bigIntToBytes(secret, 32);
}
