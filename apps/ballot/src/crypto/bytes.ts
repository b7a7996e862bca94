// Byte helpers and noble-style input assertions (TypeError for the wrong type, RangeError for the wrong size).
import { bytesToHex, concatBytes, hexToBytes, utf8ToBytes } from '@noble/hashes/utils.js';

export { concatBytes, utf8ToBytes };

/** Assert a Uint8Array, optionally of an exact length. */
export function abytes(value: unknown, length: number | undefined, title: string): Uint8Array {
  if (!(value instanceof Uint8Array))
    throw new TypeError(`${title}: expected Uint8Array, got ${typeof value}`);
  if (length !== undefined && value.length !== length) {
    throw new RangeError(`${title}: expected ${length} bytes, got ${value.length}`);
  }
  return value;
}

/** Lowercase hex of bytes. */
export function toHex(bytes: Uint8Array): string {
  return bytesToHex(abytes(bytes, undefined, 'toHex'));
}

/** Decode lowercase/uppercase hex, optionally asserting the byte length. */
export function fromHex(hex: unknown, length: number | undefined, title: string): Uint8Array {
  if (typeof hex !== 'string')
    throw new TypeError(`${title}: expected hex string, got ${typeof hex}`);
  if (hex.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(hex))
    throw new RangeError(`${title}: not valid hex`);
  const bytes = hexToBytes(hex);
  if (length !== undefined && bytes.length !== length) {
    throw new RangeError(`${title}: expected ${length} bytes, got ${bytes.length}`);
  }
  return bytes;
}

/** Constant-time-ish equality for equal-length byte strings. */
export function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= (a[i] ?? 0) ^ (b[i] ?? 0);
  return diff === 0;
}

/** Compare byte strings lexicographically. */
export function compareBytes(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d !== 0) return d;
  }
  return a.length - b.length;
}

export function bytesToBigInt(bytes: Uint8Array): bigint {
  return bytes.length === 0 ? 0n : BigInt('0x' + bytesToHex(bytes));
}

export function bigIntToBytes(value: bigint, length: number): Uint8Array {
  if (value < 0n || value >= 1n << BigInt(8 * length))
    throw new RangeError(`bigIntToBytes: does not fit ${length} bytes`);
  return hexToBytes(value.toString(16).padStart(length * 2, '0'));
}
