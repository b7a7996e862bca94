// Who may send each command to a sitting (issue 11, items 3 and 5): one table, checked before any module looks at the
// command, so no state a sitting is in can let the wrong person through. The modules keep their own finer checks
// (the adjusters, the proposer, a division's roll); docs/security.md "Roles and rights" is this table for people.
import { reject, type Command, type CommandType, type Rejection } from '@council/shared';
import { isRecused, isServing } from '../attendance/selectors.ts';
import { isChair, isDesk } from './roles.ts';
import type { Actor, SittingState } from './types.ts';

/**
 * - `desk`: the chair or the secretary.
 * - `chair`: the chair alone (the chair's powers).
 * - `member`: a person on the sitting's roster acting as themself, or the desk on that person's behalf.
 * - `participant`: as `member`, and the person must be serving now (not recused): propose, support, demand a division.
 * - `speaker`: the person themself or the desk for them; who may have the floor at all (the roster, or those the body
 *   granted the right to speak) is the speaker list's rule.
 * - `own`: the person themself only, on the roster (nobody checks in or votes for another); `ownOrChair` adds the chair.
 * - `committee`: an election committee member (their key for the secret ballot).
 * - `service`: never from a client; enters only from the ballot service's verified answers.
 */
export type Right =
  | 'desk'
  | 'chair'
  | 'member'
  | 'participant'
  | 'speaker'
  | 'own'
  | 'ownServing'
  | 'ownOrChair'
  | 'committee'
  | 'service';

export const commandRights: Record<CommandType, Right> = {
  // the sitting
  openSitting: 'desk',
  startItem: 'desk',
  adjourn: 'desk',
  resume: 'desk',
  closeSitting: 'desk',
  handOutDocument: 'desk',
  attachDocument: 'desk',
  detachDocument: 'desk',
  amendAgenda: 'desk',
  // attendance
  applyForRemote: 'member',
  decideRemoteApplication: 'chair',
  checkIn: 'own',
  confirmSeeHear: 'own',
  startRollCall: 'desk',
  markAttendance: 'desk',
  confirmRollCall: 'desk',
  assignSubstitute: 'desk',
  setAutoFill: 'desk',
  changeServingNow: 'chair',
  declareRecusal: 'member',
  allowRemoteConfidential: 'chair',
  reportConnectionLost: 'desk',
  reportConnectionRestored: 'desk',
  expireTechFailure: 'desk',
  replaceForRecurringFailure: 'chair',
  startFunctionCheck: 'desk',
  confirmFunctionCheck: 'own',
  closeFunctionCheck: 'desk',
  overrideFunctionCheck: 'chair',
  // the debate
  requestFloor: 'speaker',
  removeFloorRequest: 'speaker',
  moveFloorRequest: 'desk',
  giveFloor: 'desk',
  endFloor: 'desk',
  cutOffSpeaker: 'chair',
  configureDebate: 'desk',
  setPartyPots: 'desk',
  closeSpeakerList: 'desk',
  reopenSpeakerList: 'desk',
  grantRightToSpeak: 'desk',
  revokeRightToSpeak: 'desk',
  muteParticipant: 'desk',
  unmuteParticipant: 'desk',
  // decisions
  makeProposal: 'participant',
  supportProposal: 'participant',
  withdrawProposal: 'member',
  setPropositionOrder: 'desk',
  approvePropositionOrder: 'desk',
  putQuestion: 'desk',
  announceAcclamation: 'chair',
  demandDivision: 'participant',
  strikeGavel: 'chair',
  applyMinorityReferral: 'desk',
  startDivision: 'desk',
  castVote: 'ownServing',
  recordRollCallVote: 'desk',
  closeDivision: 'desk',
  castCastingVote: 'chair',
  invalidateRound: 'desk',
  recordDecision: 'desk',
  announceReservation: 'member',
  addReservationReason: 'member',
  // the minutes
  editMinutesProse: 'desk',
  chooseAdjusters: 'desk',
  approveMinutes: 'ownOrChair',
  recordSecretBallotResult: 'service',
  issueMinutesCorrection: 'desk',
  // the secret ballot: opened through its route (which checks the ballot service's manifest), counted by the service
  openSecretBallot: 'service',
  enrolSecretBallotCommittee: 'committee',
  // a member's own key for issuance requests: only the member, only while serving (issue 13, item 3)
  registerSecretBallotVoterKey: 'ownServing',
  updateSecretBallotCounts: 'service',
  cancelSecretBallot: 'desk',
};

/** Commands a client may never send: the server issues them itself after the ballot service answered. */
export function refuseFromClient(command: Command): Rejection | null {
  return commandRights[command.type] === 'service'
    ? forbidden('Detta förs in endast av valtjänsten.', 'Only the ballot service records this.')
    : null;
}

const forbidden = (message: string, en?: string): Rejection => reject('FORBIDDEN', message, en);

function onRoster(state: SittingState, personId: string): boolean {
  return (
    state.roster.seats.some((s) => s.memberId === personId) ||
    state.roster.substitutes.some((s) => s.personId === personId)
  );
}

/** The person a command is about: named in it, or (a speaker list entry) found in the state, else the actor. */
function subjectOf(state: SittingState, command: Command, actor: Actor): string {
  if (command.type === 'removeFloorRequest')
    return state.debate.queue.find((e) => e.id === command.entryId)?.personId ?? actor.personId;
  if ('memberId' in command && typeof command.memberId === 'string') return command.memberId;
  if ('personId' in command && typeof command.personId === 'string') return command.personId;
  return actor.personId;
}

const NOT_ON_ROSTER = [
  'Endast ledamöter och ersättare i sammanträdets organ kan göra detta.',
  'Only the members and substitutes of the body can do this.',
] as const;

/** Whether this actor may send this command to this sitting at all; null when they may. */
export function authorize(state: SittingState, command: Command, actor: Actor): Rejection | null {
  const right = commandRights[command.type];
  switch (right) {
    case 'desk':
      return isDesk(actor)
        ? null
        : forbidden(
            'Endast ordföranden eller sekreteraren kan göra detta.',
            'Only the chair or the secretary can do this.',
          );
    case 'chair':
      return isChair(actor)
        ? null
        : forbidden('Endast ordföranden kan besluta detta.', 'Only the chair can decide this.');
    case 'committee':
      return actor.roles.includes('committee')
        ? null
        : forbidden(
            'Endast rösträknarna anmäler nycklar.',
            'Only election committee members enrol keys.',
          );
    case 'service':
      // Refused at the client edge (clientMaySend); the server's own use after the ballot service answered is the
      // module's to check.
      return null;
    case 'own':
    case 'ownServing':
    case 'ownOrChair': {
      if (right === 'ownOrChair' && isChair(actor)) return null;
      const subject = subjectOf(state, command, actor);
      if (subject !== actor.personId)
        return forbidden('Du kan bara agera för dig själv.', 'You can only act for yourself.');
      if (!onRoster(state, actor.personId)) return forbidden(...NOT_ON_ROSTER);
      return right === 'ownServing' ? serving(state, subject) : null;
    }
    case 'speaker':
    case 'member':
    case 'participant': {
      const subject = subjectOf(state, command, actor);
      const desk = isDesk(actor);
      if (subject !== actor.personId && !desk)
        return forbidden('Du kan bara agera för dig själv.', 'You can only act for yourself.');
      // The desk puts anyone on the list (the list's own rule says who may speak); oneself, only from the roster or
      // as someone the body granted the right to speak.
      if (right === 'speaker')
        return desk ||
          onRoster(state, actor.personId) ||
          state.debate.granted.some((g) => g.personId === actor.personId)
          ? null
          : forbidden(...NOT_ON_ROSTER);
      // Acting as oneself needs a place on the roster; the desk naming someone unknown is the module's NOT_FOUND.
      if (!onRoster(state, subject)) return desk ? null : forbidden(...NOT_ON_ROSTER);
      return right === 'participant' ? serving(state, subject) : null;
    }
  }
}

function serving(state: SittingState, personId: string): Rejection | null {
  if (isRecused(state, personId))
    return reject(
      'RECUSED',
      'Du har anmält jäv i ärendet.',
      'You have a conflict of interest in this item.',
    );
  if (!isServing(state, personId))
    return reject('NOT_SERVING', 'Du tjänstgör inte.', 'You are not serving.');
  return null;
}
