// Attendance by rule: remote applications (R01), check-in (R04), roll call (R05), serving and quorum (R06), jäv (R12),
// confidential items (R13), technical failure (R15–R18), function check (R19), and forbidden commands changing nothing.
import { describe, expect, it } from 'vitest';
import { isRejection } from '@council/shared';
import { demoCouncil } from '../../app/demo-council.ts';
import {
  allMembers,
  chair,
  desk,
  Driver,
  goodSelfTest,
  memberActor,
  mid,
  scheduled,
  seat,
  sid,
  START,
  system,
} from '../testing/attendance-fixtures.ts';
import {
  functionCheckPassed,
  hasQuorum,
  isRecused,
  isServing,
  isTechFailureMember,
  seatServedBy,
  servingPersonIds,
  techFailureAlerts,
  transmissionLostSince,
} from './selectors.ts';
import { proposals } from './substitution.ts';

const expectRejected = (
  d: Driver,
  command: Parameters<Driver['try']>[0],
  actor = desk,
  code?: string,
) => {
  const before = d.state;
  const r = d.try(command, actor);
  expect(isRejection(r)).toBe(true);
  if (code && isRejection(r)) expect(r.code).toBe(code);
  expect(d.state).toBe(before);
  return r;
};

describe('R01: remote participation applications', () => {
  it('R01: an application 5 working days before is on time and the chair approves it', () => {
    const d = new Driver(scheduled(), '2026-12-07T10:00:00.000Z');
    d.do({ type: 'applyForRemote', reason: 'Sjukdom' }, memberActor(mid(5)));
    expect(d.state.attendance.applications[mid(5)]).toMatchObject({
      onTime: true,
      status: 'pending',
      deadline: '2026-12-07',
    });
    d.do({ type: 'decideRemoteApplication', personId: mid(5), approve: true }, chair);
    expect(d.state.attendance.applications[mid(5)]).toMatchObject({
      status: 'approved',
      decidedBy: mid(1),
      lateReason: null,
    });
  });

  it('R01: a late application is accepted only with the chair recording a reason', () => {
    const d = new Driver(scheduled(), '2026-12-10T10:00:00.000Z');
    d.do({ type: 'applyForRemote', reason: 'Sjukdom' }, memberActor(mid(5)));
    expect(d.state.attendance.applications[mid(5)]?.onTime).toBe(false);
    expectRejected(
      d,
      { type: 'decideRemoteApplication', personId: mid(5), approve: true },
      chair,
      'INVALID_INPUT',
    );
    d.do(
      {
        type: 'decideRemoteApplication',
        personId: mid(5),
        approve: true,
        lateReason: 'Akut sjukdom, intyg finns',
      },
      chair,
    );
    expect(d.state.attendance.applications[mid(5)]).toMatchObject({
      status: 'approved',
      lateReason: 'Akut sjukdom, intyg finns',
    });
  });

  it('R01: only the chair decides; a rejected member may not check in', () => {
    const d = new Driver(scheduled());
    d.do({ type: 'applyForRemote', reason: 'Resa' }, memberActor(mid(5)));
    expectRejected(
      d,
      { type: 'decideRemoteApplication', personId: mid(5), approve: false },
      desk,
      'FORBIDDEN',
    );
    expectRejected(
      d,
      { type: 'decideRemoteApplication', personId: mid(5), approve: true, lateReason: 'x' },
      memberActor(mid(5)),
      'FORBIDDEN',
    );
    d.do({ type: 'decideRemoteApplication', personId: mid(5), approve: false }, chair);
    expectRejected(
      d,
      { type: 'checkIn', selfTest: goodSelfTest },
      memberActor(mid(5)),
      'INVALID_STATE',
    );
    expectRejected(
      d,
      { type: 'decideRemoteApplication', personId: mid(5), approve: true, lateReason: 'x' },
      chair,
      'CONFLICT',
    );
  });

  it('R02: a sitting whose notice states no reason for remote participation takes no applications', () => {
    const council = demoCouncil();
    const sitting = council.sittings[0];
    if (sitting) sitting.remoteReason = null;
    const d = new Driver(scheduled(council));
    expectRejected(
      d,
      { type: 'applyForRemote', reason: 'x' },
      memberActor(mid(5)),
      'INVALID_STATE',
    );
  });

  it('R01: a member applies only for themself and only once', () => {
    const d = new Driver(scheduled());
    expectRejected(
      d,
      { type: 'applyForRemote', personId: mid(6), reason: 'x' },
      memberActor(mid(5)),
      'FORBIDDEN',
    );
    d.do({ type: 'applyForRemote', reason: 'x' }, memberActor(mid(5)));
    expectRejected(d, { type: 'applyForRemote', reason: 'x' }, memberActor(mid(5)), 'CONFLICT');
    expectRejected(
      d,
      { type: 'applyForRemote', personId: 'nobody', reason: 'x' },
      desk,
      'NOT_FOUND',
    );
  });
});

describe('R04: check-in with a self-test', () => {
  it('R04: check-in opens 15 minutes before the start', () => {
    const d = new Driver(scheduled(), '2026-12-14T16:40:00.000Z');
    d.do({ type: 'applyForRemote', reason: 'x' }, memberActor(mid(5)));
    d.do(
      { type: 'decideRemoteApplication', personId: mid(5), approve: true, lateReason: 'y' },
      chair,
    );
    expectRejected(
      d,
      { type: 'checkIn', selfTest: goodSelfTest },
      memberActor(mid(5)),
      'INVALID_STATE',
    );
    d.advance(5 * 60);
    d.do({ type: 'checkIn', selfTest: goodSelfTest }, memberActor(mid(5)));
    expect(d.state.attendance.checkIns[mid(5)]).toMatchObject({
      passed: true,
      at: '2026-12-14T16:45:00.000Z',
      selfTest: goodSelfTest,
    });
  });

  it('R04: a failed self-test (or no private place) is recorded and the member cannot confirm seeing and hearing', () => {
    const d = new Driver(scheduled());
    d.do({ type: 'applyForRemote', reason: 'x' }, memberActor(mid(5)));
    d.do(
      { type: 'decideRemoteApplication', personId: mid(5), approve: true, lateReason: 'y' },
      chair,
    );
    d.do(
      { type: 'checkIn', selfTest: { ...goodSelfTest, microphone: false } },
      memberActor(mid(5)),
    );
    expect(d.state.attendance.checkIns[mid(5)]?.passed).toBe(false);
    expectRejected(d, { type: 'confirmSeeHear' }, memberActor(mid(5)), 'INVALID_STATE');
    d.do({ type: 'checkIn', selfTest: { ...goodSelfTest, audioLevel: 0 } }, memberActor(mid(5)));
    expect(d.state.attendance.checkIns[mid(5)]?.passed).toBe(false);
    d.do(
      { type: 'checkIn', selfTest: { ...goodSelfTest, roundTripMs: null } },
      memberActor(mid(5)),
    );
    expect(d.state.attendance.checkIns[mid(5)]?.passed).toBe(false);
    d.do(
      { type: 'checkIn', selfTest: { ...goodSelfTest, privatePlace: false } },
      memberActor(mid(5)),
    );
    expect(d.state.attendance.checkIns[mid(5)]?.passed).toBe(false);
    d.do({ type: 'checkIn', selfTest: goodSelfTest }, memberActor(mid(5)));
    d.do({ type: 'confirmSeeHear' }, memberActor(mid(5)));
    expect(d.state.attendance.checkIns[mid(5)]?.seeHearAt).toBe(START);
  });
});

describe('R05: roll call', () => {
  it('R05: marks present in the room, remote (checked in, sees and hears) and absent; the seats fill on confirmation', () => {
    const d = new Driver(scheduled()).makeRemote(mid(5));
    const room = allMembers().filter((m) => m !== mid(5) && m !== mid(7));
    d.openWithRollCall(room, [mid(5)]);
    expect(d.state.attendance.remote).toEqual([mid(5)]);
    expect(seatServedBy(d.state, mid(5))).toBe(seat(5));
    expect(d.state.attendance.serving[seat(7)] ?? null).toBeNull();
    expect(servingPersonIds(d.state)).toHaveLength(60);
  });

  it('R05: nobody is marked remote without a passed check-in and a see-and-hear confirmation', () => {
    const d = new Driver(scheduled());
    d.do({ type: 'applyForRemote', reason: 'x' }, memberActor(mid(5)));
    d.do(
      { type: 'decideRemoteApplication', personId: mid(5), approve: true, lateReason: 'y' },
      chair,
    );
    d.do({ type: 'openSitting' });
    d.do({ type: 'startRollCall' });
    expectRejected(
      d,
      { type: 'markAttendance', personId: mid(5), mode: 'remote' },
      desk,
      'INVALID_STATE',
    );
    d.do({ type: 'checkIn', selfTest: goodSelfTest }, memberActor(mid(5)));
    expectRejected(
      d,
      { type: 'markAttendance', personId: mid(5), mode: 'remote' },
      desk,
      'INVALID_STATE',
    );
    d.do({ type: 'confirmSeeHear' }, memberActor(mid(5)));
    d.do({ type: 'markAttendance', personId: mid(5), mode: 'remote' });
    expectRejected(
      d,
      { type: 'markAttendance', personId: mid(6), mode: 'remote' },
      desk,
      'INVALID_STATE',
    );
  });

  it('R05: proposes the next present substitute of the party for an absent member; confirming fills the seat', () => {
    const d = new Driver(scheduled());
    d.do({ type: 'openSitting' });
    d.do({ type: 'startRollCall' });
    for (const m of allMembers().filter((x) => x !== mid(2)))
      d.do({ type: 'markAttendance', personId: m, mode: 'room' });
    d.do({ type: 'markAttendance', personId: sid(2), mode: 'room' });
    d.do({ type: 'markAttendance', personId: sid(3), mode: 'room' });
    expect(proposals(d.state)).toContainEqual({
      seatId: seat(2),
      memberId: mid(2),
      proposed: sid(2),
    });
    d.do({ type: 'confirmRollCall', rollCallId: d.state.attendance.rollCall?.id ?? '' });
    expect(d.state.attendance.serving[seat(2)]).toBe(sid(2));
    expect(seatServedBy(d.state, sid(3))).toBeNull();
  });

  it('R05: two desks confirming the same roll call: the second is refused and changes nothing', () => {
    const d = new Driver(scheduled()).openWithRollCall(allMembers());
    const rollCallId = d.state.attendance.rollCall?.id ?? '';
    expectRejected(d, { type: 'confirmRollCall', rollCallId }, desk, 'CONFLICT');
    expectRejected(d, { type: 'confirmRollCall', rollCallId: 'other' }, desk, 'NOT_FOUND');
  });

  it('R05: only the desk runs the roll call, and only in an open sitting', () => {
    const d = new Driver(scheduled());
    expectRejected(d, { type: 'startRollCall' }, desk, 'INVALID_STATE');
    d.do({ type: 'openSitting' });
    expectRejected(d, { type: 'startRollCall' }, memberActor(mid(4)), 'FORBIDDEN');
    expectRejected(
      d,
      { type: 'markAttendance', personId: mid(4), mode: 'room' },
      memberActor(mid(4)),
      'FORBIDDEN',
    );
    d.do({ type: 'startRollCall' });
    expectRejected(d, { type: 'startRollCall' }, desk, 'CONFLICT');
  });
});

describe('R06: who serves, quorum, changes between items', () => {
  it('R06: quorum needs more than half of the seats served', () => {
    const d = new Driver(scheduled()).openWithRollCall(allMembers().slice(0, 30));
    expect(hasQuorum(d.state)).toBe(false);
    d.do({ type: 'markAttendance', personId: mid(31), mode: 'room' });
    expect(servingPersonIds(d.state)).toHaveLength(31);
    expect(hasQuorum(d.state)).toBe(true);
  });

  it('R06: a late member takes the seat back from the substitute at the next item, not during the item', () => {
    const d = new Driver(scheduled());
    d.do({ type: 'openSitting' });
    d.do({ type: 'markAttendance', personId: sid(1), mode: 'room' });
    d.openWithRollCall(allMembers().filter((m) => m !== mid(3)));
    expect(d.state.attendance.serving[seat(3)]).toBe(sid(1));
    d.startItem('i01');
    d.do({ type: 'markAttendance', personId: mid(3), mode: 'room' });
    expect(d.state.attendance.serving[seat(3)]).toBe(sid(1));
    d.startItem('i02');
    expect(d.state.attendance.serving[seat(3)]).toBe(mid(3));
    expect(seatServedBy(d.state, sid(1))).toBeNull();
  });

  it('R06: a member who leaves stops serving at once; the substitute steps in at the next item; no switching back', () => {
    const d = new Driver(scheduled());
    d.do({ type: 'openSitting' });
    d.do({ type: 'markAttendance', personId: sid(1), mode: 'room' });
    d.openWithRollCall(allMembers()).startItem('i01');
    d.do({ type: 'markAttendance', personId: mid(3), mode: 'absent' });
    expect(d.state.attendance.serving[seat(3)]).toBeNull();
    expect(isServing(d.state, mid(3))).toBe(false);
    d.startItem('i02');
    expect(d.state.attendance.serving[seat(3)]).toBe(sid(1));
    d.do({ type: 'markAttendance', personId: mid(3), mode: 'room' });
    d.startItem('i03');
    expect(d.state.attendance.serving[seat(3)]).toBe(sid(1));
    expect(d.state.attendance.left).toContain(mid(3));
  });

  it("R06: the chair's recorded exception changes who serves during an item", () => {
    const d = new Driver(scheduled());
    d.do({ type: 'openSitting' });
    d.do({ type: 'markAttendance', personId: sid(1), mode: 'room' });
    d.openWithRollCall(allMembers()).startItem('i01');
    d.do({ type: 'markAttendance', personId: mid(3), mode: 'absent' });
    expectRejected(d, { type: 'changeServingNow', reason: 'x' }, desk, 'FORBIDDEN');
    d.do({ type: 'changeServingNow', reason: 'Ledamoten blev sjuk' }, chair);
    expect(d.state.attendance.serving[seat(3)]).toBe(sid(1));
    expect(d.state.attendance.exceptions).toEqual([
      { at: START, itemId: 'i01', reason: 'Ledamoten blev sjuk' },
    ]);
  });

  it('R06: the desk calls in a chosen substitute; during an item it takes effect at the next one', () => {
    const d = new Driver(scheduled());
    d.do({ type: 'openSitting' });
    d.do({ type: 'setAutoFill', on: false });
    d.do({ type: 'markAttendance', personId: sid(1), mode: 'room' });
    d.do({ type: 'markAttendance', personId: sid(2), mode: 'room' });
    d.openWithRollCall(allMembers()).startItem('i01');
    d.do({ type: 'markAttendance', personId: mid(3), mode: 'absent' });
    d.startItem('i02');
    expect(d.state.attendance.serving[seat(3)]).toBeNull();
    d.do({ type: 'assignSubstitute', seatId: seat(3), personId: sid(2) });
    expect(d.state.attendance.serving[seat(3)]).toBeNull();
    expect(d.state.attendance.pendingSeats[seat(3)]).toBe(sid(2));
    d.startItem('i03');
    expect(d.state.attendance.serving[seat(3)]).toBe(sid(2));
  });

  it('R06: a substitute for a served seat, of another party, or absent is refused and changes nothing', () => {
    const d = new Driver(scheduled());
    d.do({ type: 'openSitting' });
    d.do({ type: 'markAttendance', personId: sid(1), mode: 'room' });
    d.do({ type: 'markAttendance', personId: sid(11), mode: 'room' });
    d.openWithRollCall(allMembers());
    expectRejected(
      d,
      { type: 'assignSubstitute', seatId: seat(3), personId: sid(1) },
      desk,
      'CONFLICT',
    );
    expectRejected(
      d,
      { type: 'assignSubstitute', seatId: seat(3), personId: sid(11) },
      desk,
      'INVALID_STATE',
    );
    expectRejected(
      d,
      { type: 'assignSubstitute', seatId: seat(3), personId: sid(5) },
      desk,
      'INVALID_STATE',
    );
    expectRejected(
      d,
      { type: 'assignSubstitute', seatId: 'seat-99', personId: sid(1) },
      desk,
      'NOT_FOUND',
    );
  });
});

describe('R12: jäv', () => {
  it('R12: a recused member does not serve the item, a substitute stands in, and the member rejoins after it', () => {
    const d = new Driver(scheduled());
    d.do({ type: 'openSitting' });
    d.do({ type: 'markAttendance', personId: sid(1), mode: 'room' });
    d.openWithRollCall(allMembers());
    d.do({ type: 'declareRecusal', itemId: 'i04', personId: mid(3) }, memberActor(mid(3)));
    d.startItem('i04');
    expect(isRecused(d.state, mid(3))).toBe(true);
    expect(isServing(d.state, mid(3))).toBe(false);
    expect(d.state.attendance.serving[seat(3)]).toBe(sid(1));
    d.startItem('i05');
    expect(d.state.attendance.serving[seat(3)]).toBe(mid(3));
    expect(isServing(d.state, mid(3))).toBe(true);
  });

  it('R12: jäv declared by the desk during the item: the substitute stands in at once (switching back is allowed after jäv)', () => {
    const d = new Driver(scheduled());
    d.do({ type: 'openSitting' });
    d.do({ type: 'markAttendance', personId: sid(1), mode: 'room' });
    d.openWithRollCall(allMembers()).startItem('i04');
    d.do({ type: 'declareRecusal', itemId: 'i04', personId: mid(3) });
    expect(d.state.attendance.serving[seat(3)]).toBe(sid(1));
    expect(d.state.attendance.recusalLog).toEqual([
      { itemId: 'i04', personId: mid(3), at: START, by: 'sekreterare' },
    ]);
    d.startItem('i05');
    expect(d.state.attendance.serving[seat(3)]).toBe(mid(3));
  });

  it('R12: without a substitute the recused member holds the seat but does not serve; quorum counts it out', () => {
    const d = new Driver(scheduled()).openWithRollCall(allMembers()).startItem('i04');
    d.do({ type: 'declareRecusal', itemId: 'i04', personId: mid(3) }, memberActor(mid(3)));
    expect(seatServedBy(d.state, mid(3))).toBe(seat(3));
    expect(isServing(d.state, mid(3))).toBe(false);
    expect(servingPersonIds(d.state)).toHaveLength(60);
    expectRejected(
      d,
      { type: 'declareRecusal', itemId: 'i04', personId: mid(3) },
      memberActor(mid(3)),
      'CONFLICT',
    );
    expectRejected(
      d,
      { type: 'declareRecusal', itemId: 'i04', personId: mid(4) },
      memberActor(mid(3)),
      'FORBIDDEN',
    );
  });
});

describe('R13: confidential items', () => {
  it('R13: a remote member does not take part in a confidential item unless the chair allowed it', () => {
    const d = new Driver(scheduled()).makeRemote(mid(5)).openWithRollCall(
      allMembers().filter((m) => m !== mid(5)),
      [mid(5)],
    );
    d.startItem('i07');
    expect(isServing(d.state, mid(5))).toBe(false);
    expectRejected(
      d,
      { type: 'allowRemoteConfidential', itemId: 'i07', reason: 'x' },
      desk,
      'FORBIDDEN',
    );
    expectRejected(
      d,
      { type: 'allowRemoteConfidential', itemId: 'i06', reason: 'x' },
      chair,
      'INVALID_STATE',
    );
    d.do(
      { type: 'allowRemoteConfidential', itemId: 'i07', reason: 'Endast triviala personuppgifter' },
      chair,
    );
    expect(isServing(d.state, mid(5))).toBe(true);
  });

  it('R13: a substitute in the room serves the confidential item for the remote member, who takes the seat back after it', () => {
    const d = new Driver(scheduled()).makeRemote(mid(5));
    d.do({ type: 'openSitting' });
    d.do({ type: 'markAttendance', personId: sid(1), mode: 'room' });
    d.openWithRollCall(
      allMembers().filter((m) => m !== mid(5)),
      [mid(5)],
    ).startItem('i06');
    d.startItem('i07');
    expect(d.state.attendance.serving[seat(5)]).toBe(sid(1));
    d.do({ type: 'startFunctionCheck', seconds: 60 });
    expect(d.state.attendance.functionCheck?.status).toBe('complete');
    d.startItem('i08');
    expect(d.state.attendance.serving[seat(5)]).toBe(mid(5));
  });

  it('R13: allowed before the item starts, the remote member serves it', () => {
    const d = new Driver(scheduled()).makeRemote(mid(5));
    d.do({ type: 'openSitting' });
    d.do({ type: 'markAttendance', personId: sid(1), mode: 'room' });
    d.openWithRollCall(
      allMembers().filter((m) => m !== mid(5)),
      [mid(5)],
    );
    d.do({ type: 'allowRemoteConfidential', itemId: 'i07', reason: 'Trivialt' }, chair);
    d.startItem('i07');
    expect(d.state.attendance.serving[seat(5)]).toBe(mid(5));
    expect(isServing(d.state, mid(5))).toBe(true);
  });
});

/** A sitting on item i03 with ledamot-05 remote and ersättare-01 in the room. */
function remoteSitting(): Driver {
  const d = new Driver(scheduled()).makeRemote(mid(5));
  d.do({ type: 'openSitting' });
  d.do({ type: 'markAttendance', personId: sid(1), mode: 'room' });
  return d
    .openWithRollCall(
      allMembers().filter((m) => m !== mid(5)),
      [mid(5)],
    )
    .startItem('i03');
}

describe('R15–R18: technical failure', () => {
  it('R15: a serving remote member losing the connection alerts the desk and proposes adjournment', () => {
    const d = remoteSitting();
    d.do({ type: 'reportConnectionLost', personId: mid(5), kind: 'heartbeat' }, system);
    expect(techFailureAlerts(d.state)).toMatchObject([
      { personId: mid(5), serving: true, deadline: null },
    ]);
  });

  it('R16: the 5 minutes run from the adjournment; back in time, the sitting resumes', () => {
    const d = remoteSitting();
    d.do({ type: 'reportConnectionLost', personId: mid(5), kind: 'heartbeat' }, system);
    d.advance(20);
    d.do({ type: 'adjourn', reason: 'Tekniskt avbrott', resumesAt: null });
    expect(d.state.attendance.failures[0]?.deadline).toBe('2026-12-14T17:05:20.000Z');
    d.advance(4 * 60);
    expectRejected(d, { type: 'expireTechFailure', personId: mid(5) }, system, 'INVALID_STATE');
    d.do({ type: 'reportConnectionRestored', personId: mid(5) }, system);
    expect(d.state.sitting.status).toBe('open');
    expect(isServing(d.state, mid(5))).toBe(true);
    expect(d.state.attendance.failures[0]?.outcome).toBe('restored');
  });

  it('R16: a substitute steps in when the member is not back within 5 minutes; the member is a teknikfelsledamot', () => {
    const d = remoteSitting();
    d.do({ type: 'reportConnectionLost', personId: mid(5), kind: 'audio' }, system);
    d.do({ type: 'adjourn', reason: 'Tekniskt avbrott', resumesAt: null });
    d.advance(5 * 60);
    d.do({ type: 'expireTechFailure', personId: mid(5) }, system);
    expect(d.state.attendance.serving[seat(5)]).toBe(sid(1));
    expect(isTechFailureMember(d.state, mid(5))).toBe(true);
    expect(isServing(d.state, mid(5))).toBe(false);
    d.do({ type: 'resume' });
    d.startItem('i04');
    expect(d.state.attendance.serving[seat(5)]).toBe(sid(1));
  });

  it('R16: coming back after the 5 minutes is too late: the substitute steps in all the same', () => {
    const d = remoteSitting();
    d.do({ type: 'reportConnectionLost', personId: mid(5), kind: 'heartbeat' }, system);
    d.do({ type: 'adjourn', reason: 'Tekniskt avbrott', resumesAt: null });
    d.advance(301);
    d.do({ type: 'reportConnectionRestored', personId: mid(5) }, system);
    expect(isTechFailureMember(d.state, mid(5))).toBe(true);
    expect(d.state.attendance.serving[seat(5)]).toBe(sid(1));
  });

  it('R15: a member cut off who is marked as having left raises no alert and is not replaced as teknikfelsledamot', () => {
    const d = remoteSitting();
    d.do({ type: 'reportConnectionLost', personId: mid(5), kind: 'heartbeat' }, system);
    d.do({ type: 'adjourn', reason: 'Tekniskt avbrott', resumesAt: null });
    d.do({ type: 'markAttendance', personId: mid(5), mode: 'absent' });
    expect(techFailureAlerts(d.state)).toEqual([]);
    d.advance(301);
    expectRejected(d, { type: 'expireTechFailure', personId: mid(5) }, system, 'INVALID_STATE');
    expect(isTechFailureMember(d.state, mid(5))).toBe(false);
  });

  it('R15: taken up without adjourning, the next item is served by a substitute; the member is back at a later item', () => {
    const d = remoteSitting();
    d.do({ type: 'reportConnectionLost', personId: mid(5), kind: 'heartbeat' }, system);
    d.startItem('i04');
    expect(d.state.attendance.serving[seat(5)]).toBe(sid(1));
    d.do({ type: 'reportConnectionRestored', personId: mid(5) }, system);
    d.startItem('i05');
    expect(d.state.attendance.serving[seat(5)]).toBe(mid(5));
    expect(isTechFailureMember(d.state, mid(5))).toBe(false);
  });

  it('R16: without an adjournment the countdown does not start', () => {
    const d = remoteSitting();
    d.do({ type: 'reportConnectionLost', personId: mid(5), kind: 'heartbeat' }, system);
    d.advance(600);
    expectRejected(d, { type: 'expireTechFailure', personId: mid(5) }, system, 'INVALID_STATE');
  });

  it("R17: the chair may replace a member with recurring failures, recorded with the chair's reason", () => {
    const d = remoteSitting();
    expectRejected(
      d,
      { type: 'replaceForRecurringFailure', personId: mid(5), reason: 'x' },
      desk,
      'FORBIDDEN',
    );
    d.do(
      { type: 'replaceForRecurringFailure', personId: mid(5), reason: 'Tre avbrott under kvällen' },
      chair,
    );
    expect(d.state.attendance.techFailureDetails[mid(5)]).toEqual({
      at: START,
      cause: 'recurring',
      reason: 'Tre avbrott under kvällen',
    });
    expect(d.state.attendance.serving[seat(5)]).toBe(sid(1));
  });

  it('R18: a video drop-out is recorded but does not alert; any loss of a serving member since a round started is reported', () => {
    const d = remoteSitting();
    const roundStart = d.now;
    d.advance(10);
    d.do({ type: 'reportConnectionLost', personId: mid(5), kind: 'video' }, system);
    expect(techFailureAlerts(d.state)).toEqual([]);
    expect(isServing(d.state, mid(5))).toBe(true);
    expect(transmissionLostSince(d.state, roundStart).map((f) => f.kind)).toEqual(['video']);
    d.advance(5);
    d.do({ type: 'reportConnectionRestored', personId: mid(5) }, system);
    expect(transmissionLostSince(d.state, d.now)).toEqual([]);
  });

  it('R16: a teknikfelsledamot never serves again, not even when back in the room', () => {
    const d = remoteSitting();
    d.do({ type: 'replaceForRecurringFailure', personId: mid(5), reason: 'x' }, chair);
    d.do({ type: 'markAttendance', personId: mid(5), mode: 'room' });
    d.startItem('i04');
    expect(seatServedBy(d.state, mid(5))).toBeNull();
    expectRejected(d, { type: 'reportConnectionLost', personId: mid(5), kind: 'audio' }, system);
  });

  it('R15: a duplicate loss report or a loss of someone not remote is refused', () => {
    const d = remoteSitting();
    d.do({ type: 'reportConnectionLost', personId: mid(5), kind: 'heartbeat' }, system);
    expectRejected(
      d,
      { type: 'reportConnectionLost', personId: mid(5), kind: 'heartbeat' },
      system,
      'CONFLICT',
    );
    expectRejected(
      d,
      { type: 'reportConnectionLost', personId: mid(6), kind: 'heartbeat' },
      system,
      'INVALID_STATE',
    );
    expectRejected(
      d,
      { type: 'reportConnectionLost', personId: mid(5), kind: 'audio' },
      memberActor(mid(6)),
      'FORBIDDEN',
    );
  });
});

describe('R19: technical function check', () => {
  it('R19: serving remote members confirm; the check completes when all have', () => {
    const d = remoteSitting();
    d.do({ type: 'startFunctionCheck', seconds: 60 });
    const check = d.state.attendance.functionCheck;
    expect(check).toMatchObject({ required: [mid(5)], status: 'running', itemId: 'i03' });
    expect(functionCheckPassed(d.state)).toBe(false);
    expectRejected(
      d,
      { type: 'confirmFunctionCheck', checkId: check?.id ?? '' },
      memberActor(mid(6)),
      'FORBIDDEN',
    );
    d.do({ type: 'confirmFunctionCheck', checkId: check?.id ?? '' }, memberActor(mid(5)));
    expect(d.state.attendance.functionCheck?.status).toBe('complete');
    expect(functionCheckPassed(d.state)).toBe(true);
  });

  it("R19: an incomplete check shows who has not confirmed and needs the chair's recorded override", () => {
    const d = remoteSitting();
    d.do({ type: 'startFunctionCheck', seconds: 30 });
    const id = d.state.attendance.functionCheck?.id ?? '';
    d.advance(31);
    expectRejected(
      d,
      { type: 'confirmFunctionCheck', checkId: id },
      memberActor(mid(5)),
      'INVALID_STATE',
    );
    d.do({ type: 'closeFunctionCheck', checkId: id });
    expect(d.state.attendance.functionCheck).toMatchObject({
      status: 'incomplete',
      missing: [mid(5)],
    });
    expect(functionCheckPassed(d.state)).toBe(false);
    expectRejected(
      d,
      { type: 'overrideFunctionCheck', checkId: id, reason: 'x' },
      desk,
      'FORBIDDEN',
    );
    d.do(
      { type: 'overrideFunctionCheck', checkId: id, reason: 'Ledamoten bekräftade muntligt' },
      chair,
    );
    expect(d.state.attendance.functionCheck).toMatchObject({
      status: 'overridden',
      overrideReason: 'Ledamoten bekräftade muntligt',
    });
    expect(functionCheckPassed(d.state)).toBe(true);
  });

  it('R19: with nobody remote the check completes at once; a new item needs a new check', () => {
    const d = new Driver(scheduled()).openWithRollCall(allMembers()).startItem('i01');
    d.do({ type: 'startFunctionCheck', seconds: 60 });
    expect(functionCheckPassed(d.state)).toBe(true);
    d.startItem('i02');
    expect(functionCheckPassed(d.state)).toBe(false);
  });

  it('R19: a required member losing the connection during the check makes it incomplete, naming them', () => {
    const d = remoteSitting();
    d.do({ type: 'startFunctionCheck', seconds: 60 });
    const id = d.state.attendance.functionCheck?.id ?? '';
    d.do({ type: 'confirmFunctionCheck', checkId: id }, memberActor(mid(5)));
    expect(functionCheckPassed(d.state)).toBe(true);
    d.do({ type: 'startFunctionCheck', seconds: 60 });
    d.do({ type: 'reportConnectionLost', personId: mid(5), kind: 'heartbeat' }, system);
    expect(d.state.attendance.functionCheck).toMatchObject({
      status: 'incomplete',
      missing: [mid(5)],
    });
    expect(functionCheckPassed(d.state)).toBe(false);
  });

  it('R19: no check while adjourned, and one at a time', () => {
    const d = remoteSitting();
    d.do({ type: 'startFunctionCheck', seconds: 60 });
    expectRejected(d, { type: 'startFunctionCheck', seconds: 60 }, desk, 'CONFLICT');
    d.do({ type: 'adjourn', reason: 'Paus', resumesAt: null });
    d.do({ type: 'closeFunctionCheck', checkId: d.state.attendance.functionCheck?.id ?? '' });
    expectRejected(d, { type: 'startFunctionCheck', seconds: 60 }, desk, 'ADJOURNED');
  });
});
