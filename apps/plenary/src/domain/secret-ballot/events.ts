// Events of a secret ballot held in the sitting (R22). The result itself is the minutes' SecretBallotResultRecorded,
// preceded by SecretBallotVerified, which only plenary's use case appends after its verifier accepted the board.
import type { SecretBallotType } from '@council/shared';

export interface EligibleMember {
  memberId: string;
  name: string;
  party: string;
}

// A type alias, not an interface: event payloads must be plain records.
export type CommitteeEnrolment = {
  personId: string;
  name: string;
  /** Ed25519, hex: signs the manifest; its X25519 form receives this member's key share. */
  publicKey: string;
  /** SHA-256 commitment to the member's lot seed (hex). */
  lotCommitment: string;
};

/** A committee member as the opening records them: the fingerprint of the key they enrolled. */
export type CommitteeAnchor = { memberId: string; name: string; fingerprint: string };

/** A member's own key for the secret ballots of the sitting (issue 13, item 3), sent by their signed-in browser. */
export type VoterKeyRegistration = { personId: string; publicKey: string };

export type SecretBallotEvent =
  | { type: 'SecretBallotCommitteeEnrolled'; payload: CommitteeEnrolment }
  | { type: 'SecretBallotVoterKeyRegistered'; payload: VoterKeyRegistration }
  | {
      type: 'SecretBallotOpened';
      payload: {
        questionId: string;
        itemId: string;
        title: string;
        ballotType: SecretBallotType;
        /** The serving members when the question opened, as plenary signed them for the ballot service. */
        eligible: EligibleMember[];
        /** SHA-256 of the signed roll as the ballot service hashes it into the manifest. */
        rollHash: string;
        frozenAt: string;
        /** Committee warnings at opening (few serving, small anonymity set). */
        warnings: string[];
        /**
         * The verifier's trust anchors (issue 13, item 3): SHA-256 of the manifest, plenary's roll-signing key, and
         * the fingerprint (SHA-256 of the key) of each committee member's key, as enrolled in this log.
         */
        electionId: string;
        plenaryKey: string;
        committee: CommitteeAnchor[];
      };
    }
  /** The desk cancelled a question that could not finish; nothing is counted. */
  | { type: 'SecretBallotCancelled'; payload: { questionId: string; reason: string } }
  | {
      type: 'SecretBallotCountsUpdated';
      payload: { questionId: string; issued: number; cast: number };
    }
  /**
   * The committee's close met a tie that needs the lot (issue 13, item 7): the box is closed, the result waits for the
   * third lot seed (the lot drawn from the committee's seeds) or the desk's record of the draw in the room.
   */
  | {
      type: 'SecretBallotTieFound';
      payload: { questionId: string; context: string; tied: string[] };
    }
  /** The desk recorded the in-room draw for a tie (the tied entries in the order drawn; first wins). */
  | {
      type: 'SecretBallotDrawRecorded';
      payload: { questionId: string; context: string; order: string[] };
    }
  | {
      type: 'SecretBallotVerified';
      payload: {
        questionId: string;
        electionId: string;
        boardRoot: string;
        /** One line for the public: the outcome as the display shows it. */
        resultText: string;
        /** How many checks the verifier ran; all passed. */
        checks: number;
      };
    };
