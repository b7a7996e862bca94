// The hemicycle's layout: every seat once, in rows, party blocks left to right, no two seats overlapping (issue 15).
import { describe, expect, it } from 'vitest';
import { hemicycle, partySpans, rowSizes, type SeatInput } from './hemicycle.ts';

/** A council of n seats shared by parties in blocks, their seat numbers shuffled so that the layout must sort them. */
function council(n: number): SeatInput[] {
  const parties = ['V', 'S', 'MP', 'C', 'L', 'KD', 'M', 'SD'];
  const seats = Array.from({ length: n }, (_, i) => ({
    number: i + 1,
    party: nth(parties, Math.floor((i * parties.length) / n)),
  }));
  // A fixed shuffle (no randomness in tests): odd numbers first, then even.
  return [...seats.filter((s) => s.number % 2 === 1), ...seats.filter((s) => s.number % 2 === 0)];
}

/** The i-th element, which the test knows is there. */
function nth<T>(list: readonly T[], i: number): T {
  const x = list[i];
  if (x === undefined) throw new Error(`no element ${i}`);
  return x;
}

const mid = (s: { startAngle: number; endAngle: number }) => (s.startAngle + s.endAngle) / 2;

describe('hemicycle', () => {
  it.each([1, 2, 31, 41, 61, 101, 349])('places each of %i seats once, without overlaps', (n) => {
    const seats = council(n);
    const placed = hemicycle(seats);
    expect(placed).toHaveLength(n);
    expect(new Set(placed.map((p) => p.seat.number)).size).toBe(n);
    expect(rowSizes(n).reduce((a, b) => a + b, 0)).toBe(n);
    for (const p of placed) {
      expect(p.path).toMatch(/^M/);
      expect(p.startAngle).toBeGreaterThanOrEqual(-Math.PI / 2);
      expect(p.endAngle).toBeLessThanOrEqual(Math.PI / 2);
      expect(p.endAngle).toBeGreaterThan(p.startAngle);
      expect(p.outerRadius).toBeLessThanOrEqual(1);
      expect(p.innerRadius).toBeGreaterThan(0);
    }
    // Two seats overlap only if both their rings and their angles do: rows do not share a ring, seats of a row not an angle.
    const rows = new Map<number, typeof placed>();
    for (const p of placed) rows.set(p.row, [...(rows.get(p.row) ?? []), p]);
    const rings = [...rows.values()]
      .map((r) => nth(r, 0))
      .sort((a, b) => a.innerRadius - b.innerRadius);
    for (let i = 1; i < rings.length; i++)
      expect(nth(rings, i).innerRadius).toBeGreaterThan(nth(rings, i - 1).outerRadius);
    for (const row of rows.values()) {
      const sorted = [...row].sort((a, b) => a.startAngle - b.startAngle);
      for (let i = 1; i < sorted.length; i++)
        expect(nth(sorted, i).startAngle).toBeGreaterThan(nth(sorted, i - 1).endAngle);
    }
  });

  it.each([31, 41, 61, 101, 349])('rows grow outwards, seats about as wide as deep (%i)', (n) => {
    const sizes = rowSizes(n);
    for (let i = 1; i < sizes.length; i++)
      expect(sizes[i]).toBeGreaterThanOrEqual(nth(sizes, i - 1));
    const placed = hemicycle(council(n));
    for (const p of placed) {
      const width = (p.endAngle - p.startAngle) * ((p.innerRadius + p.outerRadius) / 2);
      const depth = p.outerRadius - p.innerRadius;
      expect(width / depth).toBeGreaterThan(0.4);
      expect(width / depth).toBeLessThan(2.5);
    }
  });

  it('orders seats by party, then seat number, left to right', () => {
    const placed = hemicycle(council(61));
    const byAngle = [...placed].sort((a, b) => mid(a) - mid(b) || a.row - b.row);
    // Each party is one block of the hemicycle: it starts once and never comes back.
    const blocks = byAngle.map((p) => p.seat.party).filter((p, i, a) => i === 0 || a[i - 1] !== p);
    expect(blocks).toEqual(['V', 'S', 'MP', 'C', 'L', 'KD', 'M', 'SD']);
    for (const party of blocks) {
      const numbers = byAngle.filter((p) => p.seat.party === party).map((p) => p.seat.number);
      expect(numbers).toEqual([...numbers].sort((a, b) => a - b));
    }
  });

  it('draws one band per party, covering the half circle once', () => {
    const spans = partySpans(hemicycle(council(101)));
    expect(spans.map((s) => s.party)).toEqual(['V', 'S', 'MP', 'C', 'L', 'KD', 'M', 'SD']);
    expect(spans[0]?.startAngle).toBeCloseTo(-Math.PI / 2);
    expect(spans.at(-1)?.endAngle).toBeCloseTo(Math.PI / 2);
    for (let i = 1; i < spans.length; i++) {
      expect(nth(spans, i).startAngle).toBe(nth(spans, i - 1).endAngle);
      expect(nth(spans, i).endAngle).toBeGreaterThan(nth(spans, i).startAngle);
    }
  });
});
