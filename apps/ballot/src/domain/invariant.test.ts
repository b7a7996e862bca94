// ballots ≤ issued ≤ eligible, and the committee's anonymity warnings.
import { describe, expect, it } from 'vitest';
import { anonymityWarnings, checkInvariant } from './invariant.ts';

describe('invariant', () => {
  it('R22: holds for ballots ≤ issued ≤ eligible and names the broken side otherwise', () => {
    expect(checkInvariant({ eligible: 5, issued: 4, cast: 3 })).toBeNull();
    expect(checkInvariant({ eligible: 5, issued: 6, cast: 3 })).toMatch(/issued/);
    expect(checkInvariant({ eligible: 5, issued: 4, cast: 5 })).toMatch(/ballots/);
  });

  it('warns when fewer than 3 serve or the anonymity set is small', () => {
    expect(anonymityWarnings(2, 0, 0)[0]).toMatch(/fewer than 3/);
    expect(anonymityWarnings(6, 0, 0)[0]).toMatch(/Small anonymity set/);
    expect(anonymityWarnings(101, 0, 0)).toEqual([]);
  });
});
