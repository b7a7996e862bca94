import { describe, expect, it } from 'vitest';
import { PcmFifo, mixPcm } from './audio.ts';

const pcm = (...samples: number[]) => {
  const b = Buffer.alloc(samples.length * 2);
  samples.forEach((s, i) => b.writeInt16LE(s, i * 2));
  return b;
};

describe('mixPcm', () => {
  it('no source is silence', () => {
    expect(mixPcm([], 8).equals(Buffer.alloc(8))).toBe(true);
  });
  it('sums and clips', () => {
    const out = mixPcm([pcm(1000, 30000, -30000, 5), pcm(2000, 30000, -30000, -5)], 8);
    expect([0, 1, 2, 3].map((i) => out.readInt16LE(i * 2))).toEqual([3000, 32767, -32768, 0]);
  });
});

describe('PcmFifo', () => {
  it('takes in order and pads with silence', () => {
    const f = new PcmFifo(1000, 500);
    f.push(pcm(1, 2));
    f.push(pcm(3));
    const out = f.take(8);
    expect([0, 1, 2, 3].map((i) => out.readInt16LE(i * 2))).toEqual([1, 2, 3, 0]);
    expect(f.length).toBe(0);
  });
  it('drops the oldest audio, whole samples only, when a feed runs ahead', () => {
    const f = new PcmFifo(16, 8);
    f.push(pcm(1, 2, 3, 4, 5, 6, 7, 8, 9, 10));
    expect(f.length).toBe(8);
    expect(f.take(8).readInt16LE(0)).toBe(7);
  });
});
