// Random-coefficient batch verification: accepts valid batches, rejects the +X/−X aggregate trap that plain aggregation accepts.
import { describe, expect, it } from 'vitest';
import { bls12_381 } from '@noble/curves/bls12-381.js';
import { bytesToBigInt, toHex, utf8ToBytes } from './bytes.ts';
import { generateBlsKeyPair, hashToG1 } from './blind-bls.ts';
import { type BatchItem, verifyBatchInProcess } from './batch-verify.ts';

const G1 = bls12_381.G1.Point;
const { secretKey, publicKey } = generateBlsKeyPair();
const sk = bytesToBigInt(secretKey);
const items: BatchItem[] = Array.from({ length: 6 }, (_, i) => {
  const message = utf8ToBytes(`ballot ${i}`);
  return { message, signature: hashToG1(message).multiply(sk).toBytes(true) };
});

describe('batch verification', () => {
  it('accepts a batch of valid signatures and of blinded (point) signatures', async () => {
    const point = hashToG1(utf8ToBytes('p')).multiply(5n);
    const withPoint: BatchItem[] = [
      ...items,
      { point: point.toBytes(true), signature: point.multiply(sk).toBytes(true) },
    ];
    expect(await verifyBatchInProcess(publicKey, withPoint)).toEqual({ ok: true, invalid: [] });
  });

  it('rejects S₁+X, S₂−X although their sum equals the valid aggregate (which plain aggregation accepts)', async () => {
    const X = G1.BASE.multiply(424242n);
    const s0 = items[0];
    const s1 = items[1];
    if (!s0 || !s1) throw new Error('items');
    const trap = [
      { ...s0, signature: G1.fromBytes(s0.signature).add(X).toBytes(true) },
      { ...s1, signature: G1.fromBytes(s1.signature).subtract(X).toBytes(true) },
      ...items.slice(2),
    ];
    // Plain aggregation: e(ΣS, g2) = Π e(Hᵢ, pk) holds.
    const aggregate = bls12_381.shortSignatures.aggregateSignatures(trap.map((t) => t.signature));
    const plain = bls12_381.shortSignatures.verifyBatch(
      aggregate,
      trap.map((t) => ({
        message: hashToG1('message' in t ? t.message : new Uint8Array(0)),
        publicKey,
      })),
    );
    expect(plain).toBe(true);
    expect(await verifyBatchInProcess(publicKey, trap)).toEqual({ ok: false, invalid: [0, 1] });
  });

  it('flags the identity, garbage bytes and a signature under another key by index', async () => {
    const other = generateBlsKeyPair();
    const bad: BatchItem[] = [
      ...items.slice(0, 2),
      { message: utf8ToBytes('x'), signature: G1.ZERO.toBytes(true) },
      { message: utf8ToBytes('y'), signature: new Uint8Array(48).fill(0xaa) },
      {
        message: utf8ToBytes('z'),
        signature: hashToG1(utf8ToBytes('z'))
          .multiply(bytesToBigInt(other.secretKey))
          .toBytes(true),
      },
    ];
    expect(await verifyBatchInProcess(publicKey, bad)).toEqual({ ok: false, invalid: [2, 3, 4] });
    expect(toHex(publicKey)).toHaveLength(192);
  });
});
