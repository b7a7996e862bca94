// RFC 6962 §2.1 Merkle tree hash over the board's ballots.
import { describe, expect, it } from 'vitest';
import { sha256 } from '@noble/hashes/sha2.js';
import { concatBytes, toHex, utf8ToBytes } from './bytes.ts';
import { merkleRoot } from './merkle.ts';

const leaf = (d: Uint8Array) => sha256(concatBytes(new Uint8Array([0]), d));
const node = (l: Uint8Array, r: Uint8Array) => sha256(concatBytes(new Uint8Array([1]), l, r));

describe('merkleRoot (RFC 6962)', () => {
  it('empty tree is SHA-256 of the empty string (RFC 6962 §2.1)', () => {
    expect(toHex(merkleRoot([]))).toBe(
      'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    );
  });

  it('splits at the largest power of two below n', () => {
    const [a, b, c] = ['a', 'b', 'c'].map(utf8ToBytes);
    if (!a || !b || !c) throw new Error('leaves');
    expect(toHex(merkleRoot([a]))).toBe(toHex(leaf(a)));
    expect(toHex(merkleRoot([a, b, c]))).toBe(toHex(node(node(leaf(a), leaf(b)), leaf(c))));
  });

  it('changes when a leaf is edited, deleted or reordered', () => {
    const leaves = ['1', '2', '3', '4'].map(utf8ToBytes);
    const root = toHex(merkleRoot(leaves));
    expect(toHex(merkleRoot(leaves.slice(1)))).not.toBe(root);
    expect(toHex(merkleRoot([...leaves].reverse()))).not.toBe(root);
    expect(toHex(merkleRoot([utf8ToBytes('x'), ...leaves.slice(1)]))).not.toBe(root);
  });
});
