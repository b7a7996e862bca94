// Shamir 2-of-3 over Fr: any two committee shares rebuild the payload key, one share reveals nothing usable.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { bigIntToBytes, toHex } from './bytes.ts';
import { combineShares, randomFieldSecret, splitSecret } from './shamir.ts';

describe('Shamir 2-of-3', () => {
  it('any two of three shares recover the secret', () => {
    const secret = randomFieldSecret();
    const [a, b, c] = splitSecret(secret);
    if (!a || !b || !c) throw new Error('three shares expected');
    for (const pair of [
      [a, b],
      [a, c],
      [b, c],
      [c, a],
    ])
      expect(toHex(combineShares(pair))).toBe(toHex(secret));
    expect(toHex(combineShares([a, b, c]))).toBe(toHex(secret));
  });

  it('a known polynomial gives known shares: f(x) = 5 + 7x', () => {
    const shares = splitSecret(bigIntToBytes(5n, 32), 2, 3, [7n]);
    expect(shares.map((s) => BigInt('0x' + toHex(s.value)))).toEqual([12n, 19n, 26n]);
  });

  it('refuses one share, duplicate indices, and a secret outside the field', () => {
    const [a] = splitSecret(randomFieldSecret());
    if (!a) throw new Error('share expected');
    expect(() => combineShares([a])).toThrow(RangeError);
    expect(() => combineShares([a, a])).toThrow(RangeError);
    expect(() => splitSecret(new Uint8Array(32).fill(0xff))).toThrow(RangeError);
    expect(() => splitSecret(new Uint8Array(31))).toThrow(RangeError);
  });

  it('recovers for random secrets and random pairs (property)', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 0n, max: 2n ** 250n }),
        fc.integer({ min: 0, max: 2 }),
        fc.integer({ min: 1, max: 2 }),
        (s, i, d) => {
          const shares = splitSecret(bigIntToBytes(s, 32));
          const x = shares[i];
          const y = shares[(i + d) % 3];
          if (!x || !y) return false;
          return toHex(combineShares([x, y])) === toHex(bigIntToBytes(s, 32));
        },
      ),
      { numRuns: 50 },
    );
  });
});
