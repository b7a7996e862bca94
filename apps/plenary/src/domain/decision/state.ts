// State of the decision module: proposals, each item's deliberation (order, questions), divisions, reservations (R24).
// Votes live in small shards keyed by person so recording one vote copies a few dozen entries, never the whole roll.
import type { DivisionMode, ProposalKind, VoteChoice } from '@council/shared';
import type { DecisionOutcome, DivisionKind } from './events.ts';

export interface Proposal {
  id: string;
  itemId: string;
  /** Number on the item, 1-based, in the order proposals were made. */
  number: number;
  kind: ProposalKind;
  text: string;
  by: string;
  /** Who entered it when not the proposer: the desk recording it on the member's behalf (R21); null otherwise. */
  recordedBy: string | null;
  supporters: string[];
  status: 'active' | 'withdrawn';
  at: string;
}

export type StepKind = 'formal' | 'material' | 'addition';

/**
 * One question in the proposition order. A yes/no question has alternatives [proposalId, 'no'];
 * the material question has every material proposal as an alternative.
 */
export interface Step {
  kind: StepKind;
  alternatives: string[];
  /** Alternatives still in the running (counter-proposal divisions eliminate the losers). */
  remaining: string[];
  stage: 'pending' | 'put' | 'acclaimed' | 'division' | 'resolved';
  /** The chair's finding by acclamation; its winner is the main proposal (huvudförslag). */
  acclamation: { winner: string; at: string; gavelFrom: string } | null;
  /** The last finding by acclamation voided (R18 or the desk), until the chair finds again: members are told why. */
  voidedAcclamation: { reason: string; at: string } | null;
  divisionDemandedBy: string[];
  divisionIds: string[];
  winner: string | null;
  method: 'acclamation' | 'division' | 'minority' | null;
}

export interface ItemDeliberation {
  itemId: string;
  proposalIds: string[];
  order: { formal: string[]; material: string[]; additions: string[]; approved: boolean } | null;
  steps: Step[];
  /** Index of the step being put, -1 before the first. */
  current: number;
  decision: { paragraph: number; wording: string; outcome: DecisionOutcome; at: string } | null;
  reservations: Reservation[];
}

export interface Reservation {
  memberId: string;
  at: string;
  reason: string | null;
}

export type Tally = { yes: number; no: number; abstain: number };

export interface Division {
  id: string;
  itemId: string;
  step: number;
  kind: DivisionKind;
  /** JA stands for this alternative, NEJ for the other. */
  yes: string;
  no: string;
  mode: DivisionMode;
  question: string;
  status: 'open' | 'tied' | 'closed' | 'invalidated';
  /** memberId → partyId of everyone entitled to vote, in roll order. Frozen at the start. */
  eligible: Record<string, string>;
  eligibleOrder: string[];
  eligibleByParty: Record<string, number>;
  /** shard → memberId → choice. Use voteOf()/votesOf(). */
  votes: Record<string, Record<string, VoteChoice>>;
  voted: number;
  counts: Tally;
  byParty: Record<string, Tally>;
  openedAt: string;
  closedAt: string | null;
  castingVote: 'yes' | 'no' | null;
  result: 'yes' | 'no' | null;
  /** Why the round was voided (R18, or the desk's own reason), in Swedish for the members; null unless invalidated. */
  voidReason: string | null;
}

export interface DecisionState {
  proposals: Record<string, Proposal>;
  items: Record<string, ItemDeliberation>;
  divisions: Record<string, Division>;
  divisionIds: string[];
  /** R11: seconds between the chair's finding and the gavel, so any member can demand a division. */
  gavelWindowSeconds: number;
}

export const initialDecisionState: DecisionState = {
  proposals: {},
  items: {},
  divisions: {},
  divisionIds: [],
  gavelWindowSeconds: 5,
};

const SHARDS = 32;

/** Open for votes, or tied and waiting for the chair's casting vote: the round is not over. */
export function inProgress(division: Division): boolean {
  return division.status === 'open' || division.status === 'tied';
}

/** Is a division on this item still in progress? */
export function divisionInProgress(decision: DecisionState, itemId: string | null): boolean {
  if (itemId === null) return false;
  return decision.divisionIds.some((id) => {
    const x = decision.divisions[id];
    return x !== undefined && x.itemId === itemId && inProgress(x);
  });
}

export function voteShard(memberId: string): string {
  let h = 0;
  for (let i = 0; i < memberId.length; i++) h = (h * 31 + memberId.charCodeAt(i)) | 0;
  return String(Math.abs(h) % SHARDS);
}

export function voteOf(division: Division, memberId: string): VoteChoice | null {
  return division.votes[voteShard(memberId)]?.[memberId] ?? null;
}

/** Every recorded vote, in roll order. */
export function votesOf(division: Division): { memberId: string; choice: VoteChoice }[] {
  const out: { memberId: string; choice: VoteChoice }[] = [];
  for (const memberId of division.eligibleOrder) {
    const choice = voteOf(division, memberId);
    if (choice) out.push({ memberId, choice });
  }
  return out;
}

export function emptyDeliberation(itemId: string): ItemDeliberation {
  return {
    itemId,
    proposalIds: [],
    order: null,
    steps: [],
    current: -1,
    decision: null,
    reservations: [],
  };
}
