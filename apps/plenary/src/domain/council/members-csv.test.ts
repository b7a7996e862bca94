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

  it('refuses a header without the required columns', () => {
    expect(parseMembersCsv('id,name\n1,a')).toEqual({
      errors: [{ path: 'row 1 (header)', message: expect.stringContaining('party') }],
    });
  });
});
