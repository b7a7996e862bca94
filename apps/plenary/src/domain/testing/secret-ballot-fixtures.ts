// Test fixtures for secret ballots: the demo sitting opened with a roll call and an item started, a committee actor,
// three committee members' keys enrolled, and an openSecretBallot command built from the roll frozen at that moment.
import type { Command } from '@council/shared';
import { enrolledCommittee, freezeRoll } from '../secret-ballot/secret-ballot.ts';
import type { Actor, SittingState } from '../sitting/types.ts';
import { demoCouncil } from '../../app/demo-council.ts';
import { Driver, mid, scheduled } from './attendance-fixtures.ts';

export const committee: Actor = { personId: 'valberedning-1', roles: ['committee'] };
export const ROLL_HASH = 'ab'.repeat(32);
export const ELECTION_ID = 'e1'.repeat(32);
export const PLENARY_KEY = 'f0'.repeat(32);

/** Each of three committee members enrols a key from their own session (fresh per question: `round`). */
export function enrolCommittee(d: Driver, round = 1): void {
  for (const n of [1, 2, 3]) {
    const hex = (k: number) => (k.toString(16).padStart(2, '0') + `${round}${n}`).repeat(16);
    d.do(
      { type: 'enrolSecretBallotCommittee', publicKey: hex(10 + n), lotCommitment: hex(20 + n) },
      { personId: `valberedning-${n}`, roles: ['committee'] },
    );
  }
}

/**
 * The demo sitting, open, roll called with members 1…n in the room, on item i06 (Fyllnadsval). The body keeps only
 * as many seats as make n a quorum (an election is a decision), so small boards can be tested too.
 */
export function sittingWithServing(
  n: number,
  itemId = 'i06',
  { enrol = true }: { enrol?: boolean } = {},
): Driver {
  const council = demoCouncil();
  const seatCount = Math.min(council.seats.length, Math.max(3, 2 * n - 1));
  const d = new Driver(scheduled({ ...council, seats: council.seats.slice(0, seatCount) }));
  d.openWithRollCall(Array.from({ length: n }, (_, i) => mid(i + 1)));
  d.startItem(itemId);
  if (enrol) enrolCommittee(d);
  return d;
}

export function openCommand(
  state: SittingState,
  questionId = 'q-1',
  overrides: Partial<Extract<Command, { type: 'openSecretBallot' }>> = {},
): Command {
  return {
    type: 'openSecretBallot',
    questionId,
    itemId: state.sitting.currentItemId ?? '',
    title: 'Val av ersättare i socialnämnden',
    ballotType: 'yesno',
    eligible: freezeRoll(state).map((m) => m.memberId),
    rollHash: ROLL_HASH,
    frozenAt: '2026-12-14T17:30:00.000Z',
    electionId: ELECTION_ID,
    plenaryKey: PLENARY_KEY,
    committee: (enrolledCommittee(state) ?? []).map((e) => ({
      memberId: e.personId,
      publicKey: e.publicKey,
    })),
    ...overrides,
  };
}
