// State of secret ballots in a sitting (R22): which questions were opened on which item, with the frozen roll and live counts.
import type { SecretBallotType } from '@council/shared';
import type { SittingState } from '../sitting/types.ts';
import type {
  CommitteeAnchor,
  CommitteeEnrolment,
  EligibleMember,
  VoterKeyRegistration,
} from './events.ts';

export interface SecretBallotRecord {
  questionId: string;
  itemId: string;
  title: string;
  ballotType: SecretBallotType;
  eligible: EligibleMember[];
  rollHash: string;
  frozenAt: string;
  openedAt: string;
  openedBy: string | null;
  warnings: string[];
  /** The trust anchors the opening recorded (absent in logs written before they were, issue 13 item 3). */
  electionId?: string;
  plenaryKey?: string;
  committee?: CommitteeAnchor[];
  status: 'open' | 'closed' | 'cancelled';
  /** Why the desk cancelled it. */
  cancelledReason?: string;
  issued: number;
  cast: number;
  /** The tie the close is waiting on (the lot), or null. */
  tie?: { context: string; tied: string[] } | null;
  /** In-room draws the desk recorded, in the order the ties arose. */
  draws?: { context: string; order: string[] }[];
  /** Set once the board was verified and the result recorded. */
  result: {
    electionId: string;
    boardRoot: string;
    resultText: string;
    lines: string[];
    counts: { eligible: number; cast: number; valid: number; blank: number; invalid: number };
  } | null;
}

export interface SecretBallotState {
  /** In opening order. */
  ballots: SecretBallotRecord[];
  /** Committee keys enrolled for the next question, in enrolment order (one per person); cleared when a question opens. */
  enrolled: CommitteeEnrolment[];
  /**
   * Each member's current key for issuance requests (issue 13, item 3), one per person, the latest registration; kept
   * across questions. Absent in states built before it existed.
   */
  voterKeys?: VoterKeyRegistration[];
}

export const initialSecretBallotState: SecretBallotState = {
  ballots: [],
  enrolled: [],
  voterKeys: [],
};

/** The slice, also for states built before the module existed. */
export function secretBallotOf(state: SittingState): SecretBallotState {
  return state.secretBallot ?? initialSecretBallotState;
}

export function findBallot(state: SittingState, questionId: string): SecretBallotRecord | null {
  return secretBallotOf(state).ballots.find((b) => b.questionId === questionId) ?? null;
}

export function openBallot(state: SittingState): SecretBallotRecord | null {
  return secretBallotOf(state).ballots.find((b) => b.status === 'open') ?? null;
}

/** The member's current registered key for issuance requests (hex), or null when they have registered none. */
export function voterKeyOf(state: SittingState, personId: string): string | null {
  return secretBallotOf(state).voterKeys?.find((k) => k.personId === personId)?.publicKey ?? null;
}
