// R06: substitution rules. Council: same party in the county board's order, else empty. Board: the council's
// cross-party order; a same-party substitute displaces a cross-party one; a serving substitute is never displaced by a
// same-party one higher in order.
import { describe, expect, it } from 'vitest';
import { demoCouncil } from '../../app/demo-council.ts';
import {
  allMembers,
  boardCouncil,
  Driver,
  mid,
  scheduled,
  seat,
  sid,
} from '../testing/attendance-fixtures.ts';
import { planSeats, proposals, substituteOrder } from './substitution.ts';

const board = () => new Driver(scheduled(boardCouncil()));
const present = (d: Driver, ...ids: string[]) => {
  for (const id of ids) d.do({ type: 'markAttendance', personId: id, mode: 'room' });
};

describe('R06: council substitutes', () => {
  it("R06: a council takes only the same party's substitutes, in the county board's order", () => {
    const d = new Driver(scheduled());
    const s = d.state.roster.seats.find((x) => x.id === seat(20));
    if (!s) throw new Error('no seat 20');
    expect(s.partyId).toBe('M');
    expect(substituteOrder(d.state, s).map((x) => x.personId)).toEqual(
      [11, 12, 13, 14, 15, 16, 17].map(sid),
    );
  });

  it('R06: in a council a seat stays empty when no substitute of its party is present', () => {
    const d = new Driver(scheduled());
    d.do({ type: 'openSitting' });
    present(d, sid(11));
    d.openWithRollCall(
      Array.from({ length: 61 }, (_, i) => mid(i + 1)).filter((m) => m !== mid(60)),
    );
    expect(d.state.roster.seats.find((x) => x.id === seat(60))?.partyId).toBe('MP');
    expect(d.state.attendance.serving[seat(60)] ?? null).toBeNull();
    expect(proposals(d.state)).toEqual([{ seatId: seat(60), memberId: mid(60), proposed: null }]);
  });

  it('R06: the first present substitute in order serves, skipping absent ones', () => {
    const d = new Driver(scheduled());
    d.do({ type: 'openSitting' });
    present(d, sid(13), sid(12));
    d.openWithRollCall(
      Array.from({ length: 61 }, (_, i) => mid(i + 1)).filter(
        (m) => m !== mid(20) && m !== mid(21),
      ),
    );
    expect(d.state.attendance.serving[seat(20)]).toBe(sid(12));
    expect(d.state.attendance.serving[seat(21)]).toBe(sid(13));
  });
});

describe('R06: board substitutes', () => {
  it("R06: a board crosses parties in the council's decided order when the party has nobody here", () => {
    const d = board();
    d.do({ type: 'openSitting' });
    present(d, 'sub-kd1', 'sub-l1');
    d.openWithRollCall(['b-m2', 'b-kd1', 'b-s1', 'b-s2']);
    expect(d.state.attendance.serving['bs-1']).toBe('sub-kd1');
  });

  it('R06: substitutes serve their own party first; the cross-party order fills what is left', () => {
    const d = board();
    d.do({ type: 'openSitting' });
    present(d, 'sub-kd1', 'sub-l1');
    d.openWithRollCall(['b-m2', 'b-s1', 'b-s2']);
    expect(d.state.attendance.serving['bs-1']).toBe('sub-l1');
    expect(d.state.attendance.serving['bs-3']).toBe('sub-kd1');
  });

  it('R06: a same-party substitute arriving later displaces a cross-party one at the next item', () => {
    const d = board();
    d.do({ type: 'openSitting' });
    present(d, 'sub-kd1');
    d.openWithRollCall(['b-m2', 'b-kd1', 'b-s1', 'b-s2']).startItem('b1');
    expect(d.state.attendance.serving['bs-1']).toBe('sub-kd1');
    present(d, 'sub-m2');
    expect(d.state.attendance.serving['bs-1']).toBe('sub-kd1');
    d.startItem('b2');
    expect(d.state.attendance.serving['bs-1']).toBe('sub-m2');
  });

  it('R06: a serving substitute is never displaced by a same-party one higher in order', () => {
    const d = board();
    d.do({ type: 'openSitting' });
    present(d, 'sub-m2');
    d.openWithRollCall(['b-m2', 'b-kd1', 'b-s1', 'b-s2']).startItem('b1');
    expect(d.state.attendance.serving['bs-1']).toBe('sub-m2');
    present(d, 'sub-m1');
    d.startItem('b2');
    expect(d.state.attendance.serving['bs-1']).toBe('sub-m2');
  });

  it('R06: a displaced cross-party substitute may fill another empty seat in its order', () => {
    const d = board();
    d.do({ type: 'openSitting' });
    present(d, 'sub-kd1');
    d.openWithRollCall(['b-m2', 'b-s1', 'b-s2']).startItem('b1');
    // KD's own seat comes first in seat order: sub-kd1 serves bs-3, bs-1 stays empty.
    expect(d.state.attendance.serving['bs-3']).toBe('sub-kd1');
    expect(d.state.attendance.serving['bs-1'] ?? null).toBeNull();
  });

  it('R06: the plan is stable: applying it and planning again changes nothing', () => {
    const d = board();
    d.do({ type: 'openSitting' });
    present(d, 'sub-kd1', 'sub-l1', 'sub-m2');
    d.openWithRollCall(['b-s1']);
    const plan = planSeats(d.state, 'full');
    for (const [seatId, p] of Object.entries(plan))
      expect(d.state.attendance.serving[seatId] ?? null).toBe(p);
  });
});

describe('R06: valkretsar', () => {
  it("R06: where the council has valkretsar, a seat takes its party's substitutes of its own district", () => {
    const council = demoCouncilWithDistricts();
    const d = new Driver(scheduled(council));
    const s20 = d.state.roster.seats.find((x) => x.id === seat(20));
    const s21 = d.state.roster.seats.find((x) => x.id === seat(21));
    if (!s20 || !s21) throw new Error('no seats');
    expect(substituteOrder(d.state, s20).map((x) => x.personId)).toEqual([sid(12), sid(14)]);
    expect(substituteOrder(d.state, s21).map((x) => x.personId)).toEqual([
      sid(11),
      sid(13),
      sid(15),
      sid(16),
      sid(17),
    ]);
    d.do({ type: 'openSitting' });
    present(d, sid(11), sid(14));
    d.openWithRollCall(allMembers().filter((m) => m !== mid(20)));
    // The first substitute of the party (sid 11) is of the other district: seat 20 takes sid 14 of its own.
    expect(d.state.attendance.serving[seat(20)]).toBe(sid(14));
  });
});

function demoCouncilWithDistricts() {
  const c = demoCouncil();
  const east = new Set([sid(12), sid(14)]);
  return {
    ...c,
    districts: [
      { id: 'v-ost', name: 'Östra valkretsen' },
      { id: 'v-vast', name: 'Västra valkretsen' },
    ],
    seats: c.seats.map((s) => ({ ...s, districtId: s.id === seat(20) ? 'v-ost' : 'v-vast' })),
    substitutes: c.substitutes.map((s) => ({
      ...s,
      districtId: east.has(s.personId) ? 'v-ost' : 'v-vast',
    })),
  };
}
