// § numbering per body and year.
import { describe, expect, it } from 'vitest';
import { firstParagraph } from './paragraph-series.ts';

const s = (id: string, startsAt: string, lastParagraph: number) => ({
  id,
  date: startsAt.slice(0, 10),
  startsAt,
  lastParagraph,
});

describe('firstParagraph', () => {
  const year = [s('feb', '2027-02-15T17:00:00Z', 14), s('apr', '2027-04-12T16:00:00Z', 31)];
  it('R24: the year series runs on from the last § of the body’s earlier sittings that year', () => {
    expect(firstParagraph('year', s('jun', '2027-06-14T16:00:00Z', 0), year)).toBe(32);
    expect(firstParagraph('year', s('mar', '2027-03-15T16:00:00Z', 0), year)).toBe(15);
  });
  it('R24: a new year starts at § 1; so does a body that numbers per sitting', () => {
    expect(firstParagraph('year', s('jan', '2028-01-20T16:00:00Z', 0), year)).toBe(1);
    expect(firstParagraph('sitting', s('jun', '2027-06-14T16:00:00Z', 0), year)).toBe(1);
  });
});
