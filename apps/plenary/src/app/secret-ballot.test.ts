// R22, R24: the verified tally as the minutes and the display word it, for each ballot type.
import { describe, expect, it } from 'vitest';
import type { Board, BallotSpec } from '@council/shared';
import { describeResult, sameCommittee } from './secret-ballot.ts';

function board(
  ballot: BallotSpec,
  tally: Board['tally'],
  blank = 0,
  invalid = 0,
  lottning: Board['lottning'] = { method: 'none', reveals: [], draws: [] },
): Board {
  return {
    manifest: { ballot },
    tally,
    counts: { eligible: 10, issued: 9, cast: 9, blank, invalid },
    lottning,
  } as unknown as Board;
}

describe('describeResult', () => {
  it('R22: yes/no lists JA and NEJ with the outcome', () => {
    const r = describeResult(
      board(
        { type: 'yesno' },
        {
          votes: [
            { key: 'ja', votes: 5 },
            { key: 'nej', votes: 3 },
          ],
          elected: ['ja'],
          seats: [],
        },
        1,
      ),
    );
    expect(r.lines).toEqual(['JA: 5 röster', 'NEJ: 3 röster', 'Utfall: JA']);
    expect(r.resultText).toBe('JA 5 – NEJ 3; blanka 1, ogiltiga 0. Utfall: JA');
  });

  it('R22: an election marks the elected and names them', () => {
    const r = describeResult(
      board(
        { type: 'multi', candidates: ['A', 'B', 'C'], maxChoices: 2, seats: 2 },
        {
          votes: [
            { key: 'A', votes: 6 },
            { key: 'B', votes: 1 },
            { key: 'C', votes: 4 },
          ],
          elected: ['A', 'C'],
          seats: [],
        },
      ),
    );
    expect(r.lines).toEqual(['A: 6 röster — vald', 'B: 1 röst', 'C: 4 röster — vald']);
    expect(r.resultText).toMatch(/Valda: A, C$/);
  });

  it("R22: a proportional election (d'Hondt) lists groups with seats, then the seats in order", () => {
    const r = describeResult(
      board(
        { type: 'list', seats: 2, maxNames: 3 },
        {
          votes: [
            { key: 'S: Anna, Bo', votes: 5 },
            { key: 'M: Cia', votes: 3 },
          ],
          elected: ['S: Anna', 'M: Cia'],
          seats: [
            { key: 'S: Anna, Bo', seats: 1 },
            { key: 'M: Cia', seats: 1 },
          ],
        },
      ),
    );
    expect(r.lines).toEqual([
      'S: Anna, Bo: 5 röster, 1 mandat',
      'M: Cia: 3 röster, 1 mandat',
      'Mandat 1: S: Anna',
      'Mandat 2: M: Cia',
    ]);
  });

  it('R22: no valid votes still gives the minutes a line', () => {
    const r = describeResult(
      board(
        { type: 'single', candidates: ['A'], seats: 1 },
        { votes: [], elected: [], seats: [] },
        9,
      ),
    );
    expect(r.lines).toEqual(['Inga giltiga röster']);
    expect(r.resultText).toMatch(/inget utfall/);
  });

  it('R22, R24: a tie decided by lot is told in the minutes, with how it was drawn', () => {
    const tally: Board['tally'] = {
      votes: [
        { key: 'A', votes: 4 },
        { key: 'B', votes: 4 },
      ],
      elected: ['B'],
      seats: [],
    };
    const draws = [{ context: 'seat 1', tied: ['A', 'B'], order: ['B', 'A'] }];
    const spec: BallotSpec = { type: 'single', candidates: ['A', 'B'], seats: 1 };
    const bySeeds = describeResult(
      board(spec, tally, 0, 0, { method: 'commit-reveal', reveals: [], draws }),
    );
    expect(bySeeds.lines.at(-1)).toMatch(
      /^Lika röstetal om mandat 1, avgjort genom lottning med .*: B före A$/,
    );
    const inRoom = describeResult(
      board(spec, tally, 0, 0, { method: 'physical', reveals: [], draws }),
    );
    expect(inRoom.lines.at(-1)).toMatch(/avgjort genom lottning i salen .*: B före A$/);
    expect(
      describeResult(board(spec, tally)).lines.some((l) => l.startsWith('Lika röstetal')),
    ).toBe(false);
  });
});

describe('the committee in the manifest (issue 13, item 2)', () => {
  const enrolled = [1, 2, 3].map((i) => ({
    memberId: `valberedning-${i}`,
    name: `V ${i}`,
    publicKey: String(i).repeat(64),
    lotCommitment: String(i + 3).repeat(64),
  }));
  it('R22: the ballot opens only when the manifest names exactly the enrolled members, keys and commitments', () => {
    expect(sameCommittee(enrolled, enrolled)).toBe(true);
    const swapped = enrolled.map((c, i) => (i === 1 ? { ...c, publicKey: 'a'.repeat(64) } : c));
    expect(sameCommittee(swapped, enrolled)).toBe(false);
    const other = enrolled.map((c, i) => (i === 2 ? { ...c, memberId: 'sekreterare' } : c));
    expect(sameCommittee(other, enrolled)).toBe(false);
    expect(sameCommittee([...enrolled].reverse(), enrolled)).toBe(false);
  });
});
