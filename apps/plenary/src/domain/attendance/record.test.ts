// R16, R24: the attendance record for the minutes: times, item ranges, substitutes, remote, jäv, teknikfelsledamot.
import { describe, expect, it } from 'vitest';
import {
  allMembers,
  chair,
  Driver,
  mid,
  scheduled,
  seat,
  sid,
  system,
} from '../testing/attendance-fixtures.ts';
import { attendanceRecord, formatRange } from './record.ts';

describe('attendance record', () => {
  it('formats item ranges as the minutes write them', () => {
    expect(formatRange([3])).toBe('§ 3');
    expect(formatRange([1, 2, 3, 4, 5, 6, 7])).toBe('§§ 1–7');
    expect(formatRange([1, 2, 3, 5, 8, 9])).toBe('§§ 1–3, 5, 8–9');
    expect(formatRange([])).toBe('');
  });

  it('R24: "närvarande §§ 1–2" for a member who left, "ersättare för X §§ 3–4" for the substitute', () => {
    const d = new Driver(scheduled());
    d.do({ type: 'openSitting' });
    d.do({ type: 'markAttendance', personId: sid(1), mode: 'room' });
    d.do({ type: 'markAttendance', personId: sid(2), mode: 'room' });
    d.openWithRollCall(allMembers()).startItem('i01').startItem('i02');
    d.do({ type: 'markAttendance', personId: mid(3), mode: 'absent' });
    d.startItem('i03').startItem('i04');
    const record = attendanceRecord(d.state);
    const m3 = record.entries.find((e) => e.personId === mid(3));
    const s1 = record.entries.find((e) => e.personId === sid(1));
    const s2 = record.entries.find((e) => e.personId === sid(2));
    expect(m3?.text).toBe('närvarande §§ 1–2');
    expect(s1?.text).toMatch(/^ersättare för .+ §§ 3–4$/);
    expect(s1?.lines[0]).toMatchObject({
      seatId: seat(3),
      forMemberId: mid(3),
      items: ['i03', 'i04'],
    });
    expect(s2).toMatchObject({ presentNotServing: true, text: 'närvarande, ej tjänstgörande' });
    expect(record.absent).toContain(sid(5));
  });

  it('R16: the minutes show the teknikfelsledamot and the substitute who stepped in, with times', () => {
    const d = new Driver(scheduled()).makeRemote(mid(5));
    d.do({ type: 'openSitting' });
    d.do({ type: 'markAttendance', personId: sid(1), mode: 'room' });
    d.openWithRollCall(
      allMembers().filter((m) => m !== mid(5)),
      [mid(5)],
    )
      .startItem('i01')
      .startItem('i02');
    d.do({ type: 'reportConnectionLost', personId: mid(5), kind: 'heartbeat' }, system);
    d.do({ type: 'adjourn', reason: 'Tekniskt avbrott', resumesAt: null });
    d.advance(300);
    d.do({ type: 'expireTechFailure', personId: mid(5) }, system);
    d.do({ type: 'resume' });
    d.startItem('i03');
    const record = attendanceRecord(d.state);
    const m5 = record.entries.find((e) => e.personId === mid(5));
    expect(m5?.text).toBe('närvarande §§ 1–2, deltog på distans, teknikfelsledamot');
    expect(m5?.techFailure).toEqual({ at: '2026-12-14T17:05:00.000Z', cause: 'timeout' });
    const s1 = record.entries.find((e) => e.personId === sid(1));
    expect(s1?.lines[0]).toMatchObject({
      from: '2026-12-14T17:05:00.000Z',
      items: ['i02', 'i03'],
      to: null,
    });
    void chair;
  });

  it('R12: jäv is in the record and the recused item is not among those served', () => {
    const d = new Driver(scheduled());
    d.do({ type: 'openSitting' });
    d.do({ type: 'markAttendance', personId: sid(1), mode: 'room' });
    d.openWithRollCall(allMembers());
    d.do({ type: 'declareRecusal', itemId: 'i02', personId: mid(3) });
    d.startItem('i01').startItem('i02').startItem('i03');
    const record = attendanceRecord(d.state);
    expect(record.entries.find((e) => e.personId === mid(3))?.text).toBe(
      'närvarande §§ 1, 3, jäv § 2',
    );
    expect(record.entries.find((e) => e.personId === sid(1))?.text).toMatch(
      /^ersättare för .+ § 2$/,
    );
  });
});
