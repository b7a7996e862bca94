import { describe, expect, it } from 'vitest';
import { chain, GENESIS_HASH, verifyChain } from './hash-chain.ts';

const raw = (n: number) =>
  Array.from({ length: n }, (_, i) => ({
    sittingId: 's1',
    type: 'Test',
    payload: { i, text: `ärende ${i}` },
    actorId: 'p1',
    at: `2026-11-23T18:00:0${i % 10}.000Z`,
  }));

describe('hash chain', () => {
  it('links events with gap-free seq numbers from the genesis', () => {
    const events = chain({ seq: 0, hash: GENESIS_HASH }, raw(5));
    expect(events.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5]);
    expect(events[0]?.prevHash).toBe(GENESIS_HASH);
    expect(events[1]?.prevHash).toBe(events[0]?.hash);
    expect(verifyChain(events)).toEqual({ ok: true, count: 5, headHash: events[4]?.hash });
  });

  it('continues a chain from its head across batches', () => {
    const first = chain({ seq: 0, hash: GENESIS_HASH }, raw(2));
    const last = first[1];
    if (!last) throw new Error('no events');
    const second = chain({ seq: last.seq, hash: last.hash }, raw(2));
    expect(verifyChain([...first, ...second]).ok).toBe(true);
  });

  it('reports the first edited event', () => {
    const events = chain({ seq: 0, hash: GENESIS_HASH }, raw(4));
    const edited = events.map((e) => (e.seq === 3 ? { ...e, payload: { i: 99 } } : e));
    expect(verifyChain(edited)).toMatchObject({
      ok: false,
      seq: 3,
      reason: expect.stringContaining('edited'),
    });
  });

  it('reports a deleted event as a gap', () => {
    const events = chain({ seq: 0, hash: GENESIS_HASH }, raw(4)).filter((e) => e.seq !== 2);
    expect(verifyChain(events)).toMatchObject({ ok: false, seq: 3 });
  });

  it('reports a re-hashed but relinked forgery at the next event', () => {
    const events = chain({ seq: 0, hash: GENESIS_HASH }, raw(3));
    const [a, b, c] = events;
    if (!a || !b || !c) throw new Error('no events');
    const forgedB = chain({ seq: a.seq, hash: a.hash }, [{ ...b, payload: { forged: true } }])[0];
    if (!forgedB) throw new Error('no forged event');
    expect(verifyChain([a, forgedB, c])).toMatchObject({
      ok: false,
      seq: 3,
      reason: expect.stringContaining('prevHash'),
    });
  });
});
