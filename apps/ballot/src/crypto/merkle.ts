// Merkle tree hash (RFC 6962 §2.1): leaf = SHA-256(0x00 ‖ d), node = SHA-256(0x01 ‖ l ‖ r), over the board's ballots in order.
import { sha256 } from '@noble/hashes/sha2.js';
import { abytes, concatBytes } from './bytes.ts';

const LEAF = new Uint8Array([0]);
const NODE = new Uint8Array([1]);

/** RFC 6962 MTH over the given leaf data; the empty tree hashes to SHA-256(""). */
export function merkleRoot(leaves: readonly Uint8Array[]): Uint8Array {
  if (!Array.isArray(leaves)) throw new TypeError('leaves: expected array');
  leaves.forEach((l, i) => abytes(l, undefined, `leaves[${i}]`));
  return mth(leaves, 0, leaves.length);
}

function mth(leaves: readonly Uint8Array[], from: number, to: number): Uint8Array {
  const n = to - from;
  if (n === 0) return sha256(new Uint8Array(0));
  if (n === 1) return sha256(concatBytes(LEAF, leaves[from] ?? new Uint8Array(0)));
  // k: the largest power of two smaller than n.
  let k = 1;
  while (k * 2 < n) k *= 2;
  return sha256(concatBytes(NODE, mth(leaves, from, from + k), mth(leaves, from + k, to)));
}
