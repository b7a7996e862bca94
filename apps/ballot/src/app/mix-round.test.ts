// Mix rounds of the ballot box (issue 13, item 5): casts wait for their round, the round is stored in random order in
// one call, and each cast is answered only after its round is stored.
import { describe, expect, it } from 'vitest';
import { createMixRound, cryptoRandomBelow, shuffle } from './mix-round.ts';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('mix rounds', () => {
  it('R22: a full round is stored at once, in the shuffled order, and every cast gets its own result', async () => {
    const stored: string[][] = [];
    const mix = createMixRound<string, string>({
      store: async (round) => {
        stored.push(round);
        return round.map((x) => `stored ${x}`);
      },
      roundMs: 60_000,
      roundSize: 4,
      // Always the lowest index: Fisher–Yates then rotates the arrival order, far from it.
      randomBelow: () => 0,
    });
    const answers = await Promise.all(['a', 'b', 'c', 'd'].map((x) => mix.submit(x)));
    expect(answers).toEqual(['stored a', 'stored b', 'stored c', 'stored d']);
    expect(stored).toHaveLength(1);
    expect(stored[0]).toEqual(shuffle(['a', 'b', 'c', 'd'], () => 0));
    expect(stored[0]).not.toEqual(['a', 'b', 'c', 'd']);
  });

  it('R22: a cast is not answered before its round is stored; the round closes after roundMs', async () => {
    let stores = 0;
    const mix = createMixRound<number, number>({
      store: async (round) => {
        stores++;
        return round;
      },
      roundMs: 80,
      roundSize: 8,
    });
    let answered = false;
    const p = mix.submit(7).then((r) => {
      answered = true;
      return r;
    });
    await sleep(20);
    expect(answered).toBe(false);
    expect(mix.waiting).toBe(1);
    expect(await p).toBe(7);
    expect(stores).toBe(1);
  });

  it('the close flushes what waits, after any round being stored; a failed store fails its casts only', async () => {
    let fail = true;
    const order: string[] = [];
    const mix = createMixRound<string, string>({
      store: async (round) => {
        await sleep(10);
        if (fail) {
          fail = false;
          throw new Error('database gone');
        }
        order.push(...round);
        return round;
      },
      roundMs: 60_000,
      roundSize: 2,
    });
    const first = Promise.all([mix.submit('x'), mix.submit('y')]);
    const waiting = mix.submit('z');
    await expect(first).rejects.toThrow('database gone');
    await mix.flush();
    expect(await waiting).toBe('z');
    expect(order).toEqual(['z']);
  });

  it('shuffles are permutations, and the CSPRNG draw is uniform enough and in range', () => {
    const items = Array.from({ length: 50 }, (_, i) => i);
    const shuffled = shuffle(items, cryptoRandomBelow);
    expect([...shuffled].sort((a, b) => a - b)).toEqual(items);
    const counts = [0, 0, 0];
    for (let i = 0; i < 3000; i++) {
      const k = cryptoRandomBelow(3);
      counts[k] = (counts[k] ?? 0) + 1;
    }
    for (const c of counts) expect(c).toBeGreaterThan(800);
    expect(() => cryptoRandomBelow(0)).toThrow(RangeError);
  });
});
