// State of the minutes within a sitting: the secretary's prose, adjusters, approvals, the lock, ballot results, corrections.
import type { MinutesProseField, SecretBallotCounts } from '@council/shared';
import type { SittingState } from '../sitting/types.ts';
import type { SignIn } from '../sign-in/step-up.ts';

export interface MinutesApproval {
  personId: string;
  as: 'chair' | 'adjuster';
  sha256: string;
  at: string;
  /** How the approver signed in (issue 17); absent in logs from before it was recorded. */
  signIn?: SignIn;
}

export interface MinutesLock {
  sha256: string;
  sections: Record<string, string>;
  logHeadSeq: number;
  /** Seq of the MinutesLocked event itself. */
  seq: number;
  at: string;
  noticePostedOn: string;
  noticeRemovedOn: string;
}

export interface SecretBallotRecord {
  itemId: string;
  questionId: string;
  counts: SecretBallotCounts;
  result: string[];
  boardRoot: string;
  at: string;
  /** Plenary's verifier re-checked the bulletin board before the result was recorded (SecretBallotVerified). */
  verified: { electionId: string; checks: number } | null;
}

export interface MinutesCorrection {
  id: string;
  paragraph: number | null;
  text: string;
  correctsSha256: string;
  at: string;
  by: string | null;
}

export interface MinutesState {
  /** itemId → field → the secretary's text (absent: the generated text stands). */
  prose: Record<string, Partial<Record<MinutesProseField, string>>>;
  adjusters: {
    personIds: string[];
    itemId: string | null;
    place: string;
    date: string;
    at: string;
  } | null;
  approvals: MinutesApproval[];
  lock: MinutesLock | null;
  ballots: SecretBallotRecord[];
  corrections: MinutesCorrection[];
  /** R18, R19: decision rounds voided and taken again, with the reason (the decision module keeps no reason). */
  invalidatedRounds: {
    itemId: string;
    step: number;
    divisionId: string | null;
    reason: string;
    at: string;
  }[];
  /** questionId → the verifier's acceptance, waiting for the result it precedes. */
  verifiedBallots: Record<string, { electionId: string; checks: number }>;
}

export const initialMinutesState: MinutesState = {
  prose: {},
  adjusters: null,
  approvals: [],
  lock: null,
  ballots: [],
  corrections: [],
  verifiedBallots: {},
  invalidatedRounds: [],
};

/** The minutes slice (absent in states folded before the module existed). */
export function minutesOf(state: SittingState): MinutesState {
  return state.minutes ?? initialMinutesState;
}
