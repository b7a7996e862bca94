// Cross-reference checks of an imported council (docs/import-format.md).
import { describe, expect, it } from 'vitest';
import { councilImportSchema } from '@council/shared';
import { validateCouncilImport } from './validate-import.ts';

const none = {
  personIds: new Set<string>(),
  usernames: new Set<string>(),
  bodyIds: new Set<string>(),
  sittingIds: new Set<string>(),
};

function council(chairSeated: boolean, kind: 'council' | 'board' = 'council') {
  return councilImportSchema.parse({
    body: { id: 'kf', name: 'Kommunfullmäktige', kind },
    parties: [{ id: 'S', abbreviation: 'S', name: 'Socialdemokraterna', color: '#e8112d' }],
    people: [
      { id: 'p1', name: 'Anna Ek', partyId: 'S', username: 'anna', roles: ['member'] },
      {
        id: 'p2',
        name: 'Bo Lind',
        partyId: 'S',
        username: 'bo',
        roles: chairSeated ? ['member', 'chair'] : ['chair'],
      },
    ],
    seats: [
      { id: 's1', number: 1, partyId: 'S', memberId: 'p1' },
      ...(chairSeated ? [{ id: 's2', number: 2, partyId: 'S', memberId: 'p2' }] : []),
    ],
  });
}

describe('validateCouncilImport', () => {
  it('a council whose chair holds a seat passes', () => {
    expect(validateCouncilImport(council(true), none)).toEqual([]);
  });

  it('a council chair without a seat is refused, naming the row and field', () => {
    expect(validateCouncilImport(council(false), none)).toEqual([
      { path: 'people[1].roles', message: expect.stringContaining('holds no seat') },
    ]);
  });

  it('the seat check applies to a council (kommunfullmäktige)', () => {
    expect(validateCouncilImport(council(false, 'board'), none)).toEqual([]);
  });
});
