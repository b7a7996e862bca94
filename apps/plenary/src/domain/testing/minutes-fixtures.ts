// Test fixtures for the minutes: the demo sitting run end to end through the real commands — a remote member, a
// substitute, jäv, a debate with a reply, a division, acclamation with the gavel, a technical failure with the 5-minute
// rule, a secret-ballot result, reservations — as a list of steps the unit tests fold and the integration tests send.
import type { Command, Role } from '@council/shared';
import type { Actor, SittingState } from '../sitting/types.ts';
import {
  allMembers,
  desk,
  Driver,
  goodSelfTest,
  mid,
  scheduled,
  sid,
  system,
} from './attendance-fixtures.ts';

export interface MinutesStep {
  command: Command;
  actor: Actor;
  /** Seconds the clock moves before the command. */
  wait?: number;
}

export const chairActor: Actor = { personId: 'ledamot-01', roles: ['member', 'chair'] };

function as(personId: string): Actor {
  const roles: Role[] = personId.startsWith('ersattare') ? ['substitute'] : ['member'];
  return { personId, roles };
}

/** Members voting JA, NEJ, AVSTÅR on § 2 (the rest of the eligible do not vote). */
export const VOTE_PLAN = {
  // S (seats 1–19) and C, L, MP vote JA; M, SD, KD NEJ; V abstains; ledamot-53 (V) does not vote.
  yesSeats: [
    1, 2, 4, 5, 6, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 44, 45, 46, 47, 48, 57, 58, 59, 60,
    61,
  ],
  noSeats: [
    20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 37, 38, 39, 40, 41, 42, 43,
    54, 55, 56,
  ],
  abstainSeats: [49, 50, 51, 52],
  silentSeat: 53,
} as const;

/** Resolves ids produced earlier in the run (roll call, function check, proposals, divisions) from the state now. */
export interface ScriptLookup {
  rollCall: () => string;
  check: () => string;
  proposal: (itemId: string, number: number) => string;
  division: (itemId: string) => string;
}

export type ScriptEntry = MinutesStep | (() => MinutesStep[]);

/** A lookup over the state as it stands (both the unit driver and the engine fold the same events). */
export function lookupIn(state: () => SittingState): ScriptLookup {
  return {
    rollCall: () => state().attendance.rollCall?.id ?? '',
    check: () => state().attendance.functionCheck?.id ?? '',
    proposal: (itemId, number) =>
      Object.values(state().decision.proposals).find(
        (p) => p.itemId === itemId && p.number === number,
      )?.id ?? '',
    division: (itemId) =>
      [...state().decision.divisionIds]
        .reverse()
        .find((id) => state().decision.divisions[id]?.itemId === itemId) ?? '',
  };
}

/** The sitting as steps; entries that are functions read ids from the state when their turn comes. */
export function minutesScript(find: ScriptLookup): ScriptEntry[] {
  const roomMembers = allMembers().filter((m) => m !== mid(3) && m !== mid(5));
  const functionCheck = (): MinutesStep[] => [
    { command: { type: 'startFunctionCheck', seconds: 60 }, actor: desk },
  ];
  const confirmCheck = (): MinutesStep[] => [
    { command: { type: 'confirmFunctionCheck', checkId: find.check() }, actor: as(mid(5)) },
  ];
  return [
    // Before the sitting: ledamot-05 takes part remotely (late application, accepted by the chair with a reason).
    { command: { type: 'applyForRemote', personId: mid(5), reason: 'Sjukdom' }, actor: as(mid(5)) },
    {
      command: {
        type: 'decideRemoteApplication',
        personId: mid(5),
        approve: true,
        lateReason: 'Akut sjukdom',
      },
      actor: chairActor,
    },
    { command: { type: 'checkIn', selfTest: goodSelfTest }, actor: as(mid(5)) },
    { command: { type: 'confirmSeeHear' }, actor: as(mid(5)) },
    { command: { type: 'openSitting' }, actor: desk, wait: 600 },
    { command: { type: 'markAttendance', personId: sid(1), mode: 'room' }, actor: desk },
    { command: { type: 'markAttendance', personId: sid(2), mode: 'room' }, actor: desk },
    { command: { type: 'startRollCall' }, actor: desk },
    ...roomMembers.map((p) => ({
      command: { type: 'markAttendance', personId: p, mode: 'room' } as const,
      actor: desk,
    })),
    { command: { type: 'markAttendance', personId: mid(5), mode: 'remote' }, actor: desk },
    () => [{ command: { type: 'confirmRollCall', rollCallId: find.rollCall() }, actor: desk }],
    // § 1 Val av justerare
    { command: { type: 'startItem', itemId: 'i01' }, actor: desk, wait: 60 },
    functionCheck,
    confirmCheck,
    {
      command: {
        type: 'chooseAdjusters',
        personIds: [mid(20), mid(44)],
        itemId: 'i01',
        place: 'Kommunkansliet, Stadshuset',
        date: '2026-12-18',
      },
      actor: desk,
    },
    {
      command: {
        type: 'recordDecision',
        wording:
          'Fullmäktige utser två ledamöter att jämte ordföranden justera protokollet den 18 december 2026.',
      },
      actor: desk,
    },
    // § 2 Detaljplan Spinneriet: jäv for ledamot-07, debate with a reply, a division, a reservation.
    { command: { type: 'declareRecusal', itemId: 'i04', personId: mid(7) }, actor: desk },
    { command: { type: 'startItem', itemId: 'i04' }, actor: desk, wait: 120 },
    { command: { type: 'requestFloor', kind: 'speech', personId: mid(2) }, actor: desk },
    { command: { type: 'giveFloor', seenAndHeard: true }, actor: chairActor },
    { command: { type: 'requestFloor', kind: 'reply' }, actor: as(mid(20)), wait: 30 },
    { command: { type: 'endFloor' }, actor: chairActor, wait: 60 },
    { command: { type: 'giveFloor', seenAndHeard: true }, actor: chairActor },
    { command: { type: 'endFloor' }, actor: chairActor, wait: 45 },
    { command: { type: 'requestFloor', kind: 'speech', personId: mid(20) }, actor: desk },
    { command: { type: 'giveFloor', seenAndHeard: true }, actor: chairActor },
    { command: { type: 'endFloor' }, actor: chairActor, wait: 90 },
    {
      command: {
        type: 'makeProposal',
        memberId: mid(2),
        kind: 'approve',
        text: 'Bifall till kommunstyrelsens förslag',
      },
      actor: as(mid(2)),
    },
    {
      command: {
        type: 'makeProposal',
        memberId: mid(20),
        kind: 'reject',
        text: 'Avslag på förslaget',
      },
      actor: as(mid(20)),
    },
    () => [
      {
        command: {
          type: 'supportProposal',
          proposalId: find.proposal('i04', 2),
          memberId: mid(33),
        },
        actor: as(mid(33)),
      },
    ],
    () => [
      {
        command: {
          type: 'setPropositionOrder',
          formal: [],
          material: [find.proposal('i04', 1), find.proposal('i04', 2)],
          additions: [],
        },
        actor: chairActor,
      },
    ],
    { command: { type: 'approvePropositionOrder' }, actor: desk },
    functionCheck,
    confirmCheck,
    { command: { type: 'putQuestion' }, actor: desk },
    () => [
      {
        command: { type: 'announceAcclamation', winner: find.proposal('i04', 1) },
        actor: chairActor,
      },
    ],
    { command: { type: 'demandDivision', memberId: mid(20) }, actor: as(mid(20)) },
    () => [
      {
        command: {
          type: 'startDivision',
          yes: find.proposal('i04', 1),
          no: find.proposal('i04', 2),
          mode: 'devices',
        },
        actor: desk,
      },
    ],
    () => votes(find.division('i04')),
    () => [
      {
        command: { type: 'closeDivision', divisionId: find.division('i04') },
        actor: desk,
        wait: 10,
      },
    ],
    {
      command: {
        type: 'recordDecision',
        wording: 'Fullmäktige antar detaljplanen för kvarteret Spinneriet.',
      },
      actor: desk,
    },
    {
      command: { type: 'announceReservation', itemId: 'i04', memberId: mid(20) },
      actor: as(mid(20)),
    },
    // Technical failure: ledamot-05 (remote) loses the connection; not back in 5 minutes → teknikfelsledamot.
    { command: { type: 'startItem', itemId: 'i05' }, actor: desk, wait: 60 },
    {
      command: { type: 'reportConnectionLost', personId: mid(5), kind: 'heartbeat' },
      actor: system,
      wait: 30,
    },
    {
      command: {
        type: 'adjourn',
        reason: 'Tekniskt avbrott för ledamot på distans',
        resumesAt: null,
      },
      actor: desk,
    },
    { command: { type: 'expireTechFailure', personId: mid(5) }, actor: system, wait: 300 },
    { command: { type: 'resume' }, actor: desk, wait: 10 },
    // § 3 Motion om kollektivtrafik: acclamation, the gavel after the window (R11), a reservation.
    {
      command: {
        type: 'makeProposal',
        memberId: mid(49),
        kind: 'approve',
        text: 'Bifall till motionen',
      },
      actor: as(mid(49)),
    },
    {
      command: {
        type: 'makeProposal',
        memberId: mid(2),
        kind: 'reject',
        text: 'Avslag på motionen',
      },
      actor: as(mid(2)),
    },
    () => [
      {
        command: {
          type: 'setPropositionOrder',
          formal: [],
          material: [find.proposal('i05', 1), find.proposal('i05', 2)],
          additions: [],
        },
        actor: chairActor,
      },
    ],
    { command: { type: 'approvePropositionOrder' }, actor: desk },
    functionCheck,
    { command: { type: 'putQuestion' }, actor: desk },
    () => [
      {
        command: { type: 'announceAcclamation', winner: find.proposal('i05', 2) },
        actor: chairActor,
      },
    ],
    { command: { type: 'strikeGavel' }, actor: chairActor, wait: 6 },
    { command: { type: 'recordDecision', wording: 'Fullmäktige avslår motionen.' }, actor: desk },
    {
      command: { type: 'announceReservation', itemId: 'i05', memberId: mid(49) },
      actor: as(mid(49)),
    },
    // § 4 Fyllnadsval: a secret ballot held by the ballot service, its verified result recorded.
    { command: { type: 'startItem', itemId: 'i06' }, actor: desk, wait: 60 },
    functionCheck,
    {
      command: {
        type: 'recordSecretBallotResult',
        itemId: 'i06',
        questionId: 'q-socialnamnden',
        counts: { eligible: 60, cast: 59, valid: 57, blank: 1, invalid: 1 },
        result: ['Lena Holm (S): 33 röster — vald', 'Karl Berg (M): 24 röster'],
        boardRoot: 'a3'.repeat(32),
      },
      actor: desk,
    },
    {
      command: {
        type: 'recordDecision',
        wording: 'Fullmäktige väljer Lena Holm (S) till ledamot i socialnämnden.',
      },
      actor: desk,
    },
    // § 5 a confidential item (R13): in the minutes, never in the open data.
    { command: { type: 'startItem', itemId: 'i07' }, actor: desk },
    functionCheck,
    {
      command: {
        type: 'recordDecision',
        wording: 'Fullmäktige godkänner förvärvet av fastigheten Sjöstad Kvarnen 4.',
      },
      actor: desk,
    },
    { command: { type: 'closeSitting' }, actor: desk, wait: 120 },
    {
      command: {
        type: 'addReservationReason',
        itemId: 'i04',
        memberId: mid(20),
        text: 'Planen tar för lite hänsyn till grönområdena.',
      },
      actor: as(mid(20)),
    },
  ];
}

function votes(divisionId: string): MinutesStep[] {
  const out: MinutesStep[] = [];
  for (const n of VOTE_PLAN.yesSeats)
    out.push({
      command: { type: 'castVote', divisionId, memberId: mid(n), choice: 'yes' },
      actor: as(mid(n)),
    });
  out.push({
    command: { type: 'castVote', divisionId, memberId: sid(1), choice: 'yes' },
    actor: as(sid(1)),
  });
  out.push({
    command: { type: 'castVote', divisionId, memberId: sid(2), choice: 'yes' },
    actor: as(sid(2)),
  });
  for (const n of VOTE_PLAN.noSeats)
    out.push({
      command: { type: 'castVote', divisionId, memberId: mid(n), choice: 'no' },
      actor: as(mid(n)),
    });
  for (const n of VOTE_PLAN.abstainSeats)
    out.push({
      command: { type: 'castVote', divisionId, memberId: mid(n), choice: 'abstain' },
      actor: as(mid(n)),
    });
  return out;
}

/** The script starts 10 minutes before the sitting (check-in window, R04); the sitting opens at 18:00 Swedish time. */
export const SCRIPT_START = '2026-12-14T16:50:00.000Z';

/** The adjusters of the script. */
export const ADJUSTERS = [mid(20), mid(44)] as const;

/** Run the whole script through decide/evolve as the engine does; returns the driver (state and event log). */
export function runMinutesSitting(until?: (entry: MinutesStep) => boolean): Driver {
  const d = new Driver(scheduled(), SCRIPT_START);
  for (const entry of minutesScript(lookupIn(() => d.state))) {
    const steps = typeof entry === 'function' ? entry() : [entry];
    for (const step of steps) {
      if (until?.(step)) return d;
      if (step.wait) d.advance(step.wait);
      d.do(step.command, step.actor);
    }
  }
  return d;
}
