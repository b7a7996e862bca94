// The council as the office keeps it: who holds a seat on a day, the roster a sitting freezes, edits checked whole.
import { describe, expect, it } from 'vitest';
import { applyCouncilEdit, holderOn, rosterOn, withinMandate, type CouncilRecord } from './edit.ts';

const council = (): CouncilRecord => ({
  body: { id: 'kf', name: 'KF', kind: 'council', crossPartyOrder: {}, mandateFrom: '2026-10-15' },
  parties: [{ id: 'S', abbreviation: 'S', name: 'S', color: '#e8112d' }],
  people: [
    {
      id: 'a',
      name: 'A',
      partyId: 'S',
      username: 'a',
      roles: ['member'],
      email: null,
      active: true,
    },
    {
      id: 'b',
      name: 'B',
      partyId: 'S',
      username: 'b',
      roles: ['substitute'],
      email: null,
      active: true,
    },
    {
      id: 'c',
      name: 'C',
      partyId: 'S',
      username: 'c',
      roles: ['substitute'],
      email: null,
      active: true,
    },
  ],
  seats: [{ id: 's1', number: 1, partyId: 'S', memberId: 'a' }],
  substitutes: [
    { personId: 'b', partyId: 'S', order: 1 },
    { personId: 'c', partyId: 'S', order: 2 },
  ],
  districts: [],
  successions: [],
});

describe('the council kept by hand', () => {
  it('a successor holds the seat from the given day, not before; and is no longer a substitute then', () => {
    const r = applyCouncilEdit(council(), {
      type: 'recordSuccession',
      seatId: 's1',
      memberId: 'b',
      fromDate: '2027-03-01',
      reason: '',
    });
    if ('errors' in r) throw new Error(JSON.stringify(r.errors));
    const seat = r.council.seats[0];
    if (!seat) throw new Error('no seat');
    expect(holderOn(r.council, seat, '2027-02-28')).toBe('a');
    expect(holderOn(r.council, seat, '2027-03-01')).toBe('b');
    expect(rosterOn(r.council, '2027-02-28').substitutes.map((s) => s.personId)).toEqual([
      'b',
      'c',
    ]);
    const after = rosterOn(r.council, '2027-03-01');
    expect(after.seats[0]?.memberId).toBe('b');
    expect(after.substitutes.map((s) => s.personId)).toEqual(['c']);
    expect(after.people.map((p) => p.id)).not.toContain('a');
    expect(r.council.people.find((p) => p.id === 'b')?.roles).toContain('member');
  });

  it('a succession before the mandate period is refused', () => {
    const r = applyCouncilEdit(council(), {
      type: 'recordSuccession',
      seatId: 's1',
      memberId: 'b',
      fromDate: '2026-01-01',
      reason: '',
    });
    expect('errors' in r && r.errors[0]?.message).toMatch(/mandatperioden/);
    expect(withinMandate(council().body, '2026-10-14')).toBe(false);
    expect(withinMandate(council().body, '2026-10-15')).toBe(true);
  });

  it("R06: the call-in order is the list's order; a seat number twice is refused with its row", () => {
    const r = applyCouncilEdit(council(), {
      type: 'setSubstitutes',
      partyId: 'S',
      districtId: null,
      personIds: ['c', 'b'],
    });
    if ('errors' in r) throw new Error('refused');
    expect(r.council.substitutes).toEqual([
      { personId: 'c', partyId: 'S', order: 1 },
      { personId: 'b', partyId: 'S', order: 2 },
    ]);
    const twice = applyCouncilEdit(r.council, {
      type: 'putSeat',
      seat: { id: 's2', number: 1, partyId: 'S', memberId: 'c' },
    });
    expect('errors' in twice && twice.errors.map((e) => e.path)).toContain('seats[1].number');
  });

  it('a seat in a valkrets the council does not have is refused', () => {
    const r = applyCouncilEdit(council(), {
      type: 'putSeat',
      seat: { id: 's1', number: 1, partyId: 'S', memberId: 'a', districtId: 'norr' },
    });
    expect('errors' in r && r.errors).toEqual([
      { path: 'seats[0].districtId', message: "no district 'norr'" },
    ]);
  });
});
