// Commands and HTTP bodies of a secret ballot held inside a sitting (R22): open from the current item with the frozen roll, live counts.
// The verified result is not a command: plenary appends it only after its own verifier accepted the published board.
import { z } from 'zod';
import { freeText, idText } from './text.ts';
import { ballotSpecSchema } from './ballot.ts';

const id = idText(100);
const hex64 = z.string().regex(/^[0-9a-f]{64}$/, '64 lower-case hex digits');

export const secretBallotTypes = ['yesno', 'single', 'multi', 'list'] as const;
export type SecretBallotType = (typeof secretBallotTypes)[number];

export const secretBallotCommandSchemas = [
  /**
   * Open a secret ballot on the current item with the eligible roll frozen from attendance. Sent by plenary's use case
   * after the ballot service accepted the signed roll; refused when the roll is not exactly who serves now.
   */
  z.strictObject({
    type: z.literal('openSecretBallot'),
    questionId: id,
    itemId: id,
    title: freeText(300, { min: 1 }),
    ballotType: z.enum(secretBallotTypes),
    eligible: z.array(id).min(1).max(2000),
    rollHash: hex64,
    frozenAt: z.iso.datetime({ offset: true }),
    /** The trust anchors (issue 13, item 3): the manifest's hash as plenary recomputed it, and the keys it names. */
    electionId: hex64,
    plenaryKey: hex64,
    /** The enrolled committee the manifest names, in its order. */
    committee: z.array(z.strictObject({ memberId: id, publicKey: hex64 })).length(3),
  }),
  /**
   * A committee member's browser enrols a fresh Ed25519 public key and lot commitment for the next question (the secrets
   * stay in that browser). Consumed when a question opens: every question gets fresh keys and seeds.
   */
  z.strictObject({
    type: z.literal('enrolSecretBallotCommittee'),
    publicKey: hex64,
    lotCommitment: hex64,
  }),
  /**
   * A member's browser registers its own Ed25519 public key for the secret ballots of this sitting (issue 13, item 3):
   * the registrar issues only on a request signed by the key plenary's log holds for that member, so an issuance with
   * no request from the member shows on the board. The member acts only as themself and only while serving; a newer
   * registration replaces the older one (a new device, a cleared browser).
   */
  z.strictObject({
    type: z.literal('registerSecretBallotVoterKey'),
    memberId: id,
    publicKey: hex64,
  }),
  /**
   * The desk cancels a question that cannot finish (a committee key lost before signing, or fewer than two shares at close);
   * the reason goes to the log and the minutes' record of the sitting. Nothing is counted.
   */
  z.strictObject({
    type: z.literal('cancelSecretBallot'),
    questionId: id,
    reason: freeText(500, { min: 1 }),
  }),
  /** Live counts read from the ballot service (never contents): how many received a signature, how many ballots are in. */
  z.strictObject({
    type: z.literal('updateSecretBallotCounts'),
    questionId: id,
    issued: z.number().int().nonnegative(),
    cast: z.number().int().nonnegative(),
  }),
] as const;

/** POST /api/sittings/:id/secret-ballots — the committee or desk creates a question from the current item. */
export const createSecretBallotRequestSchema = z.strictObject({
  title: freeText(300, { min: 1 }),
  ballot: ballotSpecSchema,
  // No committee field: the committee is always the three members enrolled in the sitting, each key sent by that
  // member's own signed-in browser (issue 13, item 2); a request naming one is refused (strict object).
});
export type CreateSecretBallotRequest = z.infer<typeof createSecretBallotRequestSchema>;

/** Answer of POST /api/sittings/:id/secret-ballots/:questionId/assertion: the bearer token for the registrar. */
export const voterAssertionAnswerSchema = z.strictObject({
  token: z.string(),
  expiresAt: z.string(),
  questionId: id,
});
export type VoterAssertionAnswer = z.infer<typeof voterAssertionAnswerSchema>;

/**
 * POST …/secret-ballots/:questionId/share — a committee member's decrypted key share, revealed lot seed and signed consent
 * to close (Ed25519 by their manifest key over `council-ballot/v1/close\n ‖ electionId`), at close. Also after a tie:
 * the third member's seed lets the lot be drawn from the committee's seeds.
 */
export const submitShareRequestSchema = z.strictObject({
  index: z.number().int().min(1).max(3),
  share: hex64,
  seed: hex64,
  approval: z.string().regex(/^[0-9a-f]{128}$/, 'Ed25519 signature: 128 lower-case hex digits'),
});
export type SubmitShareRequest = z.infer<typeof submitShareRequestSchema>;

/** POST …/secret-ballots/:questionId/draw — the desk records the in-room draw for the tie the close reported. */
export const recordPhysicalDrawRequestSchema = z.strictObject({
  /** The tie's context exactly as reported, e.g. "seat 1". */
  context: z.string().min(1).max(200),
  /** The tied entries in the order drawn (first wins). */
  order: z.array(z.string().min(1).max(500)).min(2).max(200),
});
export type RecordPhysicalDrawRequest = z.infer<typeof recordPhysicalDrawRequestSchema>;
