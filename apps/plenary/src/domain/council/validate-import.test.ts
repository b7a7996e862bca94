// Cross-reference checks of an imported council (docs/import-format.md).
import { describe, expect, it } from 'vitest';
import { councilImportSchema } from '@council/shared';
import { identityKey, validateCouncilImport } from './validate-import.ts';

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

  it('issue 17: identities name people of the import, once each, and none already linked to someone', () => {
    const issuer = 'https://login.kommun.se';
    const data = {
      ...council(true),
      identities: [
        { personId: 'p1', issuer, subject: 'anna' },
        { personId: 'p9', issuer, subject: 'nobody' },
        { personId: 'p2', issuer, subject: 'anna' },
        { personId: 'p2', issuer, subject: 'taken' },
      ],
    };
    expect(
      validateCouncilImport(data, { ...none, identities: new Set([identityKey(issuer, 'taken')]) }),
    ).toEqual([
      { path: 'identities[2].subject', message: expect.stringContaining('appears twice') },
      { path: 'identities[1].personId', message: "no person 'p9'" },
      { path: 'identities[3].subject', message: expect.stringContaining('already linked') },
    ]);
  });
});
