// Test fixtures for attendance: the demo council's sitting (or a small board) folded from events, and a driver that
// decides and applies commands as the engine does, with a clock that moves forward.
import {
  isRejection,
  type Command,
  type CouncilImport,
  type Rejection,
  type SelfTest,
} from '@council/shared';
import { demoCouncil, DEMO_SITTING_ID } from '../../app/demo-council.ts';
import { decide, evolve, fold } from '../sitting/sitting.ts';
import type { Actor, DomainEvent, EventRecord, SittingState } from '../sitting/types.ts';
import { scheduledEvent } from './sitting-fixtures.ts';

/** 2026-12-14 17:00 UTC = 18:00 in Sweden, the demo sitting's start. */
export const START = '2026-12-14T17:00:00.000Z';

export const desk: Actor = { personId: 'sekreterare', roles: ['secretary'] };
export const chair: Actor = { personId: 'ledamot-01', roles: ['member', 'chair'] };
export const system: Actor = { personId: 'system:attendance-monitor', roles: ['secretary'] };

export const pad = (n: number): string => String(n).padStart(2, '0');
export const mid = (n: number): string => `ledamot-${pad(n)}`;
export const sid = (n: number): string => `ersattare-${pad(n)}`;
export const seat = (n: number): string => `seat-${pad(n)}`;
export const memberActor = (personId: string): Actor => ({
  personId,
  roles: personId.startsWith('ersattare') ? ['substitute'] : ['member'],
});

export const goodSelfTest: SelfTest = {
  camera: true,
  microphone: true,
  audioLevel: 0.4,
  roundTripMs: 40,
  privatePlace: true,
};

/** A small board: 5 seats (M 2, KD 1, S 2), cross-party order M → M, KD, L; substitutes M1, M2, KD1, L1, S1; items b1…b8, b5 confidential. */
export function boardCouncil(): CouncilImport {
  const people = [
    ['b-m1', 'M'],
    ['b-m2', 'M'],
    ['b-kd1', 'KD'],
    ['b-s1', 'S'],
    ['b-s2', 'S'],
    ['sub-m1', 'M'],
    ['sub-m2', 'M'],
    ['sub-kd1', 'KD'],
    ['sub-l1', 'L'],
    ['sub-s1', 'S'],
  ] as const;
  return {
    body: {
      id: 'bn',
      name: 'Byggnadsnämnden',
      kind: 'board',
      crossPartyOrder: { M: ['M', 'KD', 'L'], KD: ['KD', 'M', 'L'] },
    },
    parties: ['M', 'KD', 'L', 'S'].map((p) => ({
      id: p,
      abbreviation: p,
      name: p,
      color: '#123456',
    })),
    people: [
      ...people.map(([id, partyId]) => ({
        id,
        name: id,
        partyId,
        username: id,
        roles: id.startsWith('sub')
          ? (['substitute'] as const).slice()
          : (['member'] as const).slice(),
      })),
      {
        id: 'sekreterare',
        name: 'Sekreterare',
        partyId: null,
        username: 'sekreterare',
        roles: ['secretary'],
      },
    ],
    seats: [
      { id: 'bs-1', number: 1, partyId: 'M', memberId: 'b-m1' },
      { id: 'bs-2', number: 2, partyId: 'M', memberId: 'b-m2' },
      { id: 'bs-3', number: 3, partyId: 'KD', memberId: 'b-kd1' },
      { id: 'bs-4', number: 4, partyId: 'S', memberId: 'b-s1' },
      { id: 'bs-5', number: 5, partyId: 'S', memberId: 'b-s2' },
    ],
    substitutes: [
      { personId: 'sub-m1', partyId: 'M', order: 1 },
      { personId: 'sub-m2', partyId: 'M', order: 2 },
      { personId: 'sub-kd1', partyId: 'KD', order: 1 },
      { personId: 'sub-l1', partyId: 'L', order: 1 },
      { personId: 'sub-s1', partyId: 'S', order: 1 },
    ],
    sittings: [
      {
        id: 'bn-1',
        bodyId: 'bn',
        title: 'Byggnadsnämnden',
        startsAt: '2026-12-14T17:00:00Z',
        room: 'Sal A',
        remoteReason: 'Sjukdom',
        items: ['b1', 'b2', 'b3', 'b4', 'b5', 'b6', 'b7', 'b8'].map((id) => ({
          id,
          title: id,
          caseNumber: '',
          description: '',
          confidential: id === 'b5',
          documents: [],
        })),
      },
    ],
  };
}

/** A council or board sitting, only scheduled (SittingScheduled folded). */
export function scheduled(
  council: CouncilImport = demoCouncil(),
  at = '2026-12-01T09:00:00.000Z',
): SittingState {
  const sitting = council.sittings[0];
  if (!sitting) throw new Error('no sitting');
  const event: DomainEvent = scheduledEvent(council);
  return fold(sitting.id ?? DEMO_SITTING_ID, [{ ...event, seq: 1, at, actorId: 'admin' }]);
}

/** Drives a sitting through commands at a moving clock; every accepted event is kept as the engine would store it. */
export class Driver {
  state: SittingState;
  now: string;
  readonly log: EventRecord[] = [];
  private n = 0;

  constructor(state: SittingState, now = START) {
    this.state = state;
    this.now = now;
  }

  advance(seconds: number): this {
    this.now = new Date(Date.parse(this.now) + seconds * 1000).toISOString();
    return this;
  }

  /** Decide and apply; returns the rejection unchanged (state untouched). */
  try(command: Command, actor: Actor = desk): DomainEvent[] | Rejection {
    const decided = decide(this.state, command, {
      now: this.now,
      newId: () => `id-${++this.n}`,
      actor,
    });
    if (isRejection(decided)) return decided;
    for (const e of decided) {
      const record = {
        ...e,
        seq: this.state.seq + 1,
        at: this.now,
        actorId: actor.personId,
      } as EventRecord;
      this.log.push(record);
      this.state = evolve(this.state, record);
    }
    return decided;
  }

  /** Decide and apply; throws on a rejection. */
  do(command: Command, actor: Actor = desk): DomainEvent[] {
    const r = this.try(command, actor);
    if (isRejection(r)) throw new Error(`${command.type} rejected: ${r.code} ${r.message}`);
    return r;
  }

  /** Approve, check in and confirm a remote member (before the sitting opens, within the window). */
  makeRemote(personId: string): this {
    this.do({ type: 'applyForRemote', personId, reason: 'Sjukdom' }, memberActor(personId));
    const app = this.state.attendance.applications[personId];
    this.do(
      {
        type: 'decideRemoteApplication',
        personId,
        approve: true,
        ...(app?.onTime ? {} : { lateReason: 'Akut sjukdom' }),
      },
      chair,
    );
    this.do({ type: 'checkIn', selfTest: goodSelfTest }, memberActor(personId));
    this.do({ type: 'confirmSeeHear' }, memberActor(personId));
    return this;
  }

  /** Open, call the roll with everyone in `room` in the room and `remote` remote, confirm. */
  openWithRollCall(room: readonly string[], remote: readonly string[] = []): this {
    if (this.state.sitting.status === 'scheduled') this.do({ type: 'openSitting' });
    this.do({ type: 'startRollCall' });
    for (const p of room) this.do({ type: 'markAttendance', personId: p, mode: 'room' });
    for (const p of remote) this.do({ type: 'markAttendance', personId: p, mode: 'remote' });
    const rollCallId = this.state.attendance.rollCall?.id ?? '';
    this.do({ type: 'confirmRollCall', rollCallId });
    return this;
  }

  startItem(itemId: string): this {
    this.do({ type: 'startItem', itemId });
    return this;
  }
}

/** All 61 demo members. */
export const allMembers = (): string[] => Array.from({ length: 61 }, (_, i) => mid(i + 1));
