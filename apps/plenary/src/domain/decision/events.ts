// Events of the decision module: proposals, proposition order, questions, divisions, decisions, reservations (R11, R18–R21, R24).
import type { DivisionMode, ProposalKind, VoteChoice } from '@council/shared';

export type DivisionKind = 'counter' | 'main';
export type DecisionOutcome = 'decided' | 'referred' | 'tabled';

export type DecisionEvent =
  | {
      type: 'ProposalMade';
      payload: {
        proposalId: string;
        itemId: string;
        memberId: string;
        kind: ProposalKind;
        text: string;
      };
    }
  | { type: 'ProposalSupported'; payload: { proposalId: string; memberId: string } }
  | { type: 'ProposalWithdrawn'; payload: { proposalId: string; memberId: string } }
  | {
      type: 'PropositionOrderSet';
      payload: { itemId: string; formal: string[]; material: string[]; additions: string[] };
    }
  | { type: 'PropositionOrderApproved'; payload: { itemId: string } }
  | { type: 'QuestionPut'; payload: { itemId: string; step: number } }
  | {
      type: 'AcclamationAnnounced';
      payload: { itemId: string; step: number; winner: string; gavelFrom: string };
    }
  | { type: 'DivisionDemanded'; payload: { itemId: string; step: number; memberId: string } }
  | { type: 'GavelStruck'; payload: { itemId: string; step: number; winner: string } }
  | {
      type: 'MinorityReferralGranted';
      payload: {
        itemId: string;
        step: number;
        proposalId: string;
        demandedBy: string[];
        present: number;
      };
    }
  | {
      type: 'DivisionStarted';
      payload: {
        divisionId: string;
        itemId: string;
        step: number;
        kind: DivisionKind;
        yes: string;
        no: string;
        mode: DivisionMode;
        question: string;
        /** Who may vote, frozen at the start: serving, not recused, not teknikfelsledamot (R21). */
        eligible: { memberId: string; partyId: string }[];
      };
    }
  | {
      type: 'VoteCast';
      payload: { divisionId: string; memberId: string; choice: VoteChoice; rollCall: boolean };
    }
  | {
      type: 'DivisionClosed';
      payload: {
        divisionId: string;
        yes: number;
        no: number;
        abstain: number;
        absent: number;
        result: 'yes' | 'no' | 'tie';
      };
    }
  | {
      type: 'CastingVoteCast';
      payload: { divisionId: string; memberId: string; choice: 'yes' | 'no' };
    }
  | {
      type: 'RoundInvalidated';
      payload: { itemId: string; step: number; divisionId: string | null; reason: string };
    }
  | {
      type: 'DecisionRecorded';
      payload: { itemId: string; paragraph: number; wording: string; outcome: DecisionOutcome };
    }
  | { type: 'ReservationAnnounced'; payload: { itemId: string; memberId: string } }
  | { type: 'ReservationReasonAdded'; payload: { itemId: string; memberId: string; text: string } };
