// Commands of the decision module: proposals (yrkanden), proposition order, questions, divisions (R11, R19–R21, R24).
import { z } from 'zod';
import { freeText, idText } from './text.ts';

const id = idText();
const memberId = id;

export const proposalKinds = [
  'approve',
  'reject',
  'amend',
  'referBack',
  'table',
  'addition',
] as const;
export type ProposalKind = (typeof proposalKinds)[number];

export const voteChoices = ['yes', 'no', 'abstain'] as const;
export type VoteChoice = (typeof voteChoices)[number];

export const divisionModes = ['devices', 'rollCall'] as const;
export type DivisionMode = (typeof divisionModes)[number];

/** The alternative "avslag" in a yes-no question (a formal proposal, an addition, a lone material proposal). */
export const NO_ALTERNATIVE = 'no';

export const decisionCommandSchemas = [
  z.strictObject({
    type: z.literal('makeProposal'),
    memberId,
    kind: z.enum(proposalKinds),
    text: freeText(4000, { min: 1 }),
  }),
  z.strictObject({ type: z.literal('supportProposal'), proposalId: id, memberId }),
  z.strictObject({ type: z.literal('withdrawProposal'), proposalId: id, memberId }),
  z.strictObject({
    type: z.literal('setPropositionOrder'),
    formal: z.array(id).max(50),
    material: z.array(id).max(50),
    additions: z.array(id).max(50),
  }),
  z.strictObject({ type: z.literal('approvePropositionOrder') }),
  z.strictObject({ type: z.literal('putQuestion') }),
  /** The chair's finding by acclamation: the proposal (or "no") the chair finds has the majority. */
  z.strictObject({ type: z.literal('announceAcclamation'), winner: id }),
  z.strictObject({ type: z.literal('demandDivision'), memberId }),
  z.strictObject({ type: z.literal('strikeGavel') }),
  z.strictObject({ type: z.literal('applyMinorityReferral'), proposalId: id }),
  z.strictObject({
    type: z.literal('startDivision'),
    yes: id,
    no: id,
    mode: z.enum(divisionModes).default('devices'),
  }),
  z.strictObject({
    type: z.literal('castVote'),
    divisionId: id,
    memberId,
    choice: z.enum(voteChoices),
  }),
  z.strictObject({
    type: z.literal('recordRollCallVote'),
    divisionId: id,
    memberId,
    choice: z.enum(voteChoices),
  }),
  z.strictObject({ type: z.literal('closeDivision'), divisionId: id }),
  z.strictObject({
    type: z.literal('castCastingVote'),
    divisionId: id,
    choice: z.enum(['yes', 'no']),
  }),
  /** R18/R19: the round is void (transmission lost, function check failed) and must be taken again. */
  z.strictObject({ type: z.literal('invalidateRound'), reason: freeText(500, { min: 1 }) }),
  z.strictObject({
    type: z.literal('recordDecision'),
    wording: freeText(8000, { min: 1 }),
  }),
  z.strictObject({ type: z.literal('announceReservation'), itemId: id, memberId }),
  z.strictObject({
    type: z.literal('addReservationReason'),
    itemId: id,
    memberId,
    text: freeText(8000, { min: 1 }),
  }),
] as const;
