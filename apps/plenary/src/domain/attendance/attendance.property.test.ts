// Property tests over random command sequences (R06, R12, R16): at most one person serves a seat, nobody serves two
// seats, a teknikfelsledamot never serves again, changes during an item only by jäv, leaving, technical failure or
// the chair's exception, substitutes only in their order, and every served interval is in the attendance record.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { isRejection, type Command } from '@council/shared';
import {
  boardCouncil,
  chair,
  desk,
  Driver,
  goodSelfTest,
  memberActor,
  scheduled,
  system,
} from '../testing/attendance-fixtures.ts';
import type { Actor } from '../sitting/types.ts';
import { attendanceRecord } from './record.ts';
import { seatServedBy } from './selectors.ts';
import { isSubstituteFor } from './substitution.ts';

const people = [
  'b-m1',
  'b-m2',
  'b-kd1',
  'b-s1',
  'b-s2',
  'sub-m1',
  'sub-m2',
  'sub-kd1',
  'sub-l1',
  'sub-s1',
];
const remoteReady = ['b-m1', 'b-s1', 'sub-m1', 'sub-kd1'];
const seats = ['bs-1', 'bs-2', 'bs-3', 'bs-4', 'bs-5'];
const items = ['b1', 'b2', 'b3', 'b4', 'b5', 'b6', 'b7', 'b8'];

type Step = { command: Command; actor: Actor } | { advance: number };

const person = fc.constantFrom(...people);
const cmd = (command: Command, actor: Actor = desk): Step => ({ command, actor });
const step: fc.Arbitrary<Step> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc
      .record({ personId: person, mode: fc.constantFrom('room', 'remote', 'absent') })
      .map(({ personId, mode }) => cmd({ type: 'markAttendance', personId, mode })),
  },
  {
    weight: 3,
    arbitrary: fc.constantFrom(...items).map((itemId) => cmd({ type: 'startItem', itemId })),
  },
  { weight: 1, arbitrary: fc.constant(cmd({ type: 'startRollCall' })) },
  { weight: 1, arbitrary: fc.constant(cmd({ type: 'confirmRollCall', rollCallId: '?' })) },
  {
    weight: 2,
    arbitrary: fc
      .record({ seatId: fc.constantFrom(...seats), personId: person })
      .map((c) => cmd({ type: 'assignSubstitute', ...c })),
  },
  {
    weight: 2,
    arbitrary: fc
      .record({ itemId: fc.constantFrom(...items), personId: person })
      .map((c) => cmd({ type: 'declareRecusal', ...c })),
  },
  {
    weight: 4,
    arbitrary: fc
      .record({ personId: person, kind: fc.constantFrom('heartbeat', 'audio', 'video') })
      .map((c) => cmd({ type: 'reportConnectionLost', ...c }, system)),
  },
  {
    weight: 1,
    arbitrary: person.map((personId) =>
      cmd({ type: 'reportConnectionRestored', personId }, system),
    ),
  },
  {
    weight: 3,
    arbitrary: person.map((personId) => cmd({ type: 'expireTechFailure', personId }, system)),
  },
  {
    weight: 1,
    arbitrary: person.map((personId) =>
      cmd({ type: 'replaceForRecurringFailure', personId, reason: 'r' }, chair),
    ),
  },
  { weight: 1, arbitrary: fc.constant(cmd({ type: 'adjourn', reason: 'x', resumesAt: null })) },
  { weight: 1, arbitrary: fc.constant(cmd({ type: 'resume' })) },
  { weight: 1, arbitrary: fc.constant(cmd({ type: 'changeServingNow', reason: 'x' }, chair)) },
  {
    weight: 1,
    arbitrary: fc
      .constantFrom(...items)
      .map((itemId) => cmd({ type: 'allowRemoteConfidential', itemId, reason: 'x' }, chair)),
  },
  { weight: 1, arbitrary: fc.boolean().map((on) => cmd({ type: 'setAutoFill', on })) },
  { weight: 2, arbitrary: fc.integer({ min: 1, max: 400 }).map((advance): Step => ({ advance })) },
);

function setUp(initial: readonly ('room' | 'remote' | 'absent')[]): Driver {
  const d = new Driver(scheduled(boardCouncil()));
  // The chair of this board is not a member of it; the fixture's chair actor has the chair role all the same.
  for (const p of remoteReady) {
    d.do({ type: 'applyForRemote', personId: p, reason: 'x' }, memberActor(p));
    d.do({ type: 'decideRemoteApplication', personId: p, approve: true, lateReason: 'y' }, chair);
    d.do({ type: 'checkIn', selfTest: goodSelfTest }, { personId: p, roles: ['member'] });
    d.do({ type: 'confirmSeeHear' }, { personId: p, roles: ['member'] });
  }
  d.do({ type: 'openSitting' });
  d.do({ type: 'startRollCall' });
  initial.forEach((mode, i) => {
    const personId = people[i] ?? '';
    if (mode !== 'absent') d.try({ type: 'markAttendance', personId, mode }, desk);
  });
  d.do({ type: 'confirmRollCall', rollCallId: d.state.attendance.rollCall?.id ?? '' });
  return d;
}

function checkInvariants(d: Driver, everTechFailure: Set<string>): void {
  const s = d.state;
  const servers = Object.values(s.attendance.serving).filter((p): p is string => p !== null);
  // Nobody serves two seats (and so at most one person per seat, by the map's shape).
  expect(new Set(servers).size).toBe(servers.length);
  for (const [seatId, p] of Object.entries(s.attendance.serving)) {
    if (p === null) continue;
    const seat = s.roster.seats.find((x) => x.id === seatId);
    // A seat is served by its member or a substitute in its order.
    expect(seat && (seat.memberId === p || isSubstituteFor(s, seat, p))).toBe(true);
    // A teknikfelsledamot never serves again; someone who left never serves again.
    expect(everTechFailure.has(p)).toBe(false);
    expect(s.attendance.left.includes(p)).toBe(false);
    // Exactly one open period per served seat, for its server.
    expect(
      s.attendance.periods
        .filter((x) => x.seatId === seatId && x.to === null)
        .map((x) => x.personId),
    ).toEqual([p]);
  }
  // Every served interval is in the attendance record.
  const record = attendanceRecord(s);
  for (const period of s.attendance.periods) {
    const entry = record.entries.find((e) => e.personId === period.personId);
    const line = entry?.lines.find((l) => l.seatId === period.seatId);
    expect(line).toBeDefined();
    for (const item of period.items) expect(line?.items).toContain(item);
  }
}

describe('attendance invariants under random commands', () => {
  it('R06/R12/R16: seats, teknikfelsledamöter and the record stay consistent whatever the desk, members and monitor do', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom('room', 'remote', 'absent'), {
          minLength: people.length,
          maxLength: people.length,
        }),
        fc.array(step, { minLength: 1, maxLength: 60 }),
        (initial, steps) => {
          const d = setUp(initial);
          const everTechFailure = new Set<string>();
          for (const st of steps) {
            if ('advance' in st) {
              d.advance(st.advance);
              continue;
            }
            const command: Command =
              st.command.type === 'confirmRollCall'
                ? { type: 'confirmRollCall', rollCallId: d.state.attendance.rollCall?.id ?? '?' }
                : st.command;
            const before = d.state;
            const itemBefore = before.sitting.currentItemId;
            const r = d.try(command, st.actor);
            if (isRejection(r)) {
              // A refused command changes nothing.
              expect(d.state).toBe(before);
              continue;
            }
            for (const e of r) {
              if (e.type === 'TechFailureMemberDeclared') everTechFailure.add(e.payload.personId);
              // During an item, who serves changes only by jäv, leaving, technical failure or the chair's exception.
              if (
                e.type === 'ServingChanged' &&
                !e.payload.atBoundary &&
                itemBefore !== null &&
                command.type !== 'startItem'
              )
                expect(['recusal', 'confidential', 'left', 'techFailure', 'exception']).toContain(
                  e.payload.reason,
                );
            }
            checkInvariants(d, everTechFailure);
            for (const p of everTechFailure) expect(seatServedBy(d.state, p)).toBeNull();
          }
        },
      ),
      { numRuns: 300 },
    );
  }, 30_000);
});
