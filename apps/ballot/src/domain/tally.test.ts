// The count (R22): d'Hondt by exact integer comparison (lag 2022:629), majority elections, ties by lot.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { type ListGroup, dHondt, electByVotes, greaterQuotient, listKey, tally } from './tally.ts';
import { type DrawLot, recording, seededLot } from './lottning.ts';

const noLot: DrawLot = (context) => {
  throw new Error(`unexpected lot at ${context}`);
};
const firstWins: DrawLot = (_c, tied) => [...tied];

describe("d'Hondt (lag 2022:629)", () => {
  const g = (key: string, votes: number, names = 5): ListGroup => ({
    key,
    label: key,
    names: Array.from({ length: names }, (_, i) => `${key}${i + 1}`),
    votes,
  });

  it('R22: seats go by the largest comparison number votes/(seats won + 1)', () => {
    // 100, 80, 30 for 5 seats: 100, 80, 50, 40, 33.3 → A 3, B 2, C 0
    const won = dHondt([g('A', 100), g('B', 80), g('C', 30)], 5, noLot);
    expect(Object.fromEntries(won)).toEqual({ A: 3, B: 2, C: 0 });
  });

  it('R22: equal comparison numbers are decided by lot (6, 4, 2 for 4 seats: seat 4 tied at 6/3 = 4/2 = 2/1)', () => {
    const rec = recording((_c, tied) => [...tied].reverse());
    const won = dHondt([g('S', 6), g('M', 4), g('V', 2)], 4, rec.lot);
    expect(rec.draws).toEqual([
      { context: 'seat 4', tied: ['S', 'M', 'V'], order: ['V', 'M', 'S'] },
    ]);
    expect(Object.fromEntries(won)).toEqual({ S: 2, M: 1, V: 1 });
  });

  it('compares exactly where floating point would not: 1/3 vs 333333333333333/999999999999999', () => {
    expect(greaterQuotient(1n, 3n, 333333333333333n, 999999999999999n)).toBe(0);
    expect(greaterQuotient(10n ** 17n + 1n, 3n, 10n ** 17n, 3n)).toBe(1);
  });

  it('a group with no names left takes no more seats', () => {
    const won = dHondt([g('A', 100, 1), g('B', 10)], 3, noLot);
    expect(Object.fromEntries(won)).toEqual({ A: 1, B: 2 });
  });

  it('greaterQuotient agrees with rational comparison (property)', () => {
    fc.assert(
      fc.property(
        fc.nat(10_000),
        fc.integer({ min: 1, max: 100 }),
        fc.nat(10_000),
        fc.integer({ min: 1, max: 100 }),
        (a, b, c, d) => {
          const exact = Math.sign(a * d - c * b);
          return greaterQuotient(BigInt(a), BigInt(b), BigInt(c), BigInt(d)) === exact;
        },
      ),
    );
  });

  it('never hands out more seats than exist or than names allow (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.nat(50), { minLength: 1, maxLength: 6 }),
        fc.integer({ min: 1, max: 12 }),
        (votes, seats) => {
          const groups = votes.map((v, i) => g(`G${i}`, v, 3));
          const won = dHondt(groups, seats, firstWins);
          const total = [...won.values()].reduce((s, x) => s + x, 0);
          const capacity = groups.filter((x) => x.votes > 0).length * 3;
          return total === Math.min(seats, capacity);
        },
      ),
    );
  });
});

describe('majority elections', () => {
  it('elects by most votes and draws lots only across the last place', () => {
    const rec = recording(firstWins);
    expect(
      electByVotes(
        [
          { key: 'A', votes: 5 },
          { key: 'B', votes: 3 },
          { key: 'C', votes: 3 },
        ],
        2,
        rec.lot,
      ),
    ).toEqual(['A', 'B']);
    expect(rec.draws).toEqual([{ context: 'place 2', tied: ['B', 'C'], order: ['B', 'C'] }]);
    expect(
      electByVotes(
        [
          { key: 'A', votes: 5 },
          { key: 'B', votes: 0 },
        ],
        2,
        noLot,
      ),
    ).toEqual(['A']);
  });

  it('R22: a yes/no tie goes to the lot; a clear result does not', () => {
    expect(tally({ type: 'yesno' }, [{ kind: 'yesno', answer: 'ja' }], noLot).elected).toEqual([
      'ja',
    ]);
    const rec = recording(seededLot(new Uint8Array(32)));
    tally(
      { type: 'yesno' },
      [
        { kind: 'yesno', answer: 'ja' },
        { kind: 'yesno', answer: 'nej' },
      ],
      rec.lot,
    );
    expect(rec.draws).toHaveLength(1);
  });

  it('list ballots with the same label and names form one group; different lists do not', () => {
    const t = tally(
      { type: 'list', seats: 2, maxNames: 3 },
      [
        { kind: 'list', label: 'S', names: ['a', 'b'] },
        { kind: 'list', label: 'S', names: ['a', 'b'] },
        { kind: 'list', label: 'S', names: ['a', 'b'] },
        { kind: 'list', label: 'S', names: ['b', 'a'] },
      ],
      noLot,
    );
    expect(t.votes).toEqual([
      { key: listKey('S', ['a', 'b']), votes: 3 },
      { key: listKey('S', ['b', 'a']), votes: 1 },
    ]);
    expect(t.elected).toEqual(['S: a', 'S: b']);
  });
});

describe('lottning', () => {
  it('a seeded lot is deterministic and depends on the seed and the context', () => {
    const tied = ['A', 'B', 'C', 'D', 'E'];
    const a = seededLot(new Uint8Array(32).fill(1));
    expect(a('seat 1', tied)).toEqual(a('seat 1', [...tied].reverse()));
    const orders = new Set(
      Array.from({ length: 8 }, (_, i) =>
        seededLot(new Uint8Array(32).fill(i))('seat 1', tied).join(),
      ),
    );
    expect(orders.size).toBeGreaterThan(1);
  });
});
