import { describe, expect, it } from 'vitest';
import { parseMembersCsv, splitCsvLine } from './members-csv.ts';

const header = 'id;name;party;username;roles;seat;substitute_order';

describe('members CSV', () => {
  it('splits quoted fields with the delimiter inside', () => {
    expect(splitCsvLine('a;"Berg; Anna";"say ""hej"""', ';')).toEqual([
      'a',
      'Berg; Anna',
      'say "hej"',
    ]);
  });

  it('reads members with seats and substitutes with call-in order', () => {
    const csv = [
      header,
      'p1;Anna Berg;S;anna;member|chair;1;',
      'p2;Örjan Åkesson;S;orjan;substitute;;1',
    ].join('\n');
    const parsed = parseMembersCsv(csv);
    expect(parsed).toEqual({
      contacts: [],
      identities: [],
      people: [
        { id: 'p1', name: 'Anna Berg', partyId: 'S', username: 'anna', roles: ['member', 'chair'] },
        { id: 'p2', name: 'Örjan Åkesson', partyId: 'S', username: 'orjan', roles: ['substitute'] },
      ],
      seats: [{ id: 'seat-1', number: 1, partyId: 'S', memberId: 'p1' }],
      substitutes: [{ personId: 'p2', partyId: 'S', order: 1 }],
    });
  });

  it('names the row and the column of every bad field', () => {
    const csv = [
      header,
      'p1;Anna;S;anna;member;x;',
      'p2;;S;bo;member;2;',
      'p3;C;S;cc;wizard;3;',
    ].join('\n');
    const parsed = parseMembersCsv(csv);
    expect('errors' in parsed && parsed.errors.map((e) => e.path)).toEqual([
      'row 2, column seat',
      'row 3, column name',
      'row 4, column roles',
    ]);
  });

  it('issue 17: the optional identity column links a person to the value of the claim at the identity provider', () => {
    const csv = [
      `${header};identity`,
      'p1;Anna Berg;S;anna;member;1;;  anna.berg@kommun.se ',
      'p2;Bo Lind;S;bo;member;2;;',
      'p3;Cecilia Ek;S;cecilia;member;3;;bad\u0000value',
    ].join('\n');
    const parsed = parseMembersCsv(csv);
    expect('errors' in parsed && parsed.errors).toEqual([
      { path: 'row 4, column identity', message: expect.any(String) },
    ]);
    const good = parseMembersCsv(csv.split('\n').slice(0, 3).join('\n'));
    expect('identities' in good && good.identities).toEqual([
      { personId: 'p1', subject: 'anna.berg@kommun.se' },
    ]);
  });

  it('refuses a header without the required columns', () => {
    expect(parseMembersCsv('id,name\n1,a')).toEqual({
      errors: [{ path: 'row 1 (header)', message: expect.stringContaining('party') }],
    });
  });
});
