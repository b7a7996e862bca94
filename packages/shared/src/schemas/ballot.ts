// Secret-ballot contracts (R21, R22): the eligible roll and voter assertion plenary signs, the ballot API, the bulletin board.
// Every signed structure is a strict object (unknown keys rejected) so what is verified is exactly what was signed.
import { z } from 'zod';
import { freeText, idText } from './text.ts';
import { canonicalJson } from '../canonical-json.ts';

const hex = (bytes: number, what: string) =>
  z
    .string()
    .regex(
      new RegExp(`^[0-9a-f]{${bytes * 2}}$`),
      `${what}: expected ${bytes} bytes as lowercase hex`,
    );

/** 32-byte values: hashes, nonces, Ed25519 and X25519 public keys. */
export const hex32Schema = hex(32, 'hex32');
/** Ed25519 signature. */
export const ed25519SignatureSchema = hex(64, 'Ed25519 signature');
/** Compressed G1 point (BLS signature, blinded message). */
export const g1PointSchema = hex(48, 'G1 point');
/** Compressed G2 point (BLS public key). */
export const g2PointSchema = hex(96, 'G2 point');

const id = idText(100);
const isoInstant = z.iso.datetime({ offset: true });

// ---------- signed by plenary ----------

/** The serving members when the question opens, frozen and signed by plenary (R06, R22). */
export const eligibleRollSchema = z.strictObject({
  questionId: id,
  sittingId: id,
  itemId: id,
  frozenAt: isoInstant,
  members: z
    .array(
      z.strictObject({
        memberId: id,
        name: freeText(200, { min: 1 }),
        party: freeText(100),
      }),
    )
    .min(1)
    .max(2000),
});
export type EligibleRoll = z.infer<typeof eligibleRollSchema>;

export const signedEligibleRollSchema = z.strictObject({
  roll: eligibleRollSchema,
  /** Ed25519 over rollSigningBytes(roll) by plenary's roll-signing key. */
  signature: ed25519SignatureSchema,
});
export type SignedEligibleRoll = z.infer<typeof signedEligibleRollSchema>;

/** Plenary's statement that a logged-in, serving member may ask the registrar for one signature (R21). */
export const voterAssertionSchema = z.strictObject({
  memberId: id,
  questionId: id,
  expiresAt: isoInstant,
  /**
   * The member's own key as plenary's log registered it (SecretBallotVoterKeyRegistered, issue 13 item 3): the
   * registrar answers only a request signed by it. Absent when the member has registered none.
   */
  memberKey: hex32Schema.optional(),
});
export type VoterAssertion = z.infer<typeof voterAssertionSchema>;

const encoder = new TextEncoder();
/** Domain-separation prefixes: the same plenary key signs rolls and assertions, never interchangeably. */
export const ROLL_SIGNING_PREFIX = 'council-ballot/v1/eligible-roll\n';
export const VOTER_ASSERTION_PREFIX = 'council-ballot/v1/voter-assertion\n';

/**
 * The exact bytes plenary signs (Ed25519) for an eligible roll.
 * @example const signature = ed25519.sign(rollSigningBytes(roll), plenarySecretKey);
 */
export function rollSigningBytes(roll: EligibleRoll): Uint8Array {
  return encoder.encode(ROLL_SIGNING_PREFIX + canonicalJson(roll));
}

/**
 * The exact bytes plenary signs (Ed25519) for a voter assertion.
 * @example const signature = ed25519.sign(voterAssertionSigningBytes(a), plenarySecretKey);
 */
export function voterAssertionSigningBytes(assertion: VoterAssertion): Uint8Array {
  return encoder.encode(VOTER_ASSERTION_PREFIX + canonicalJson(assertion));
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** base64url without padding (RFC 4648 §5), browser- and Node-safe. */
export function toBase64Url(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const a = bytes[i] ?? 0;
    const b = bytes[i + 1] ?? 0;
    const c = bytes[i + 2] ?? 0;
    const n = (a << 16) | (b << 8) | c;
    const chars = [(n >> 18) & 63, (n >> 12) & 63, (n >> 6) & 63, n & 63].map((k) => B64.charAt(k));
    out += chars.slice(0, Math.min(4, bytes.length - i + 1)).join('');
  }
  return out;
}

/** Decode base64url without padding; null when the text is not canonical base64url. */
export function fromBase64Url(text: string): Uint8Array | null {
  if (!/^[A-Za-z0-9_-]*$/.test(text) || text.length % 4 === 1) return null;
  const out = new Uint8Array(Math.floor((text.length * 3) / 4));
  let bits = 0;
  let value = 0;
  let j = 0;
  for (const ch of text) {
    value = (value << 6) | B64.indexOf(ch);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[j++] = (value >> bits) & 0xff;
    }
  }
  // Non-zero leftover bits mean a non-canonical encoding.
  if ((value & ((1 << bits) - 1)) !== 0) return null;
  return out;
}

/**
 * The bearer token a member's browser presents to the registrar:
 * `base64url(canonicalJson(assertion)) + '.' + base64url(signature)`, sent as `Authorization: Bearer <token>`.
 * @example const token = encodeVoterAssertion(assertion, ed25519.sign(voterAssertionSigningBytes(assertion), sk));
 */
export function encodeVoterAssertion(assertion: VoterAssertion, signature: Uint8Array): string {
  return toBase64Url(encoder.encode(canonicalJson(assertion))) + '.' + toBase64Url(signature);
}

/** Parse a bearer token (signature not checked here); null when malformed. */
export function decodeVoterAssertion(
  token: string,
): { assertion: VoterAssertion; signature: Uint8Array } | null {
  const parts = token.split('.');
  if (parts.length !== 2) return null;
  const body = fromBase64Url(parts[0] ?? '');
  const signature = fromBase64Url(parts[1] ?? '');
  if (!body || !signature || signature.length !== 64) return null;
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(body));
  } catch {
    return null;
  }
  const parsed = voterAssertionSchema.safeParse(json);
  return parsed.success ? { assertion: parsed.data, signature } : null;
}

// ---------- ballot types ----------

const candidateName = freeText(200, { min: 1 });

export const ballotSpecSchema = z.discriminatedUnion('type', [
  /** One candidate or blank; `seats` winners by most votes. */
  z.strictObject({
    type: z.literal('single'),
    candidates: z.array(candidateName).min(1).max(200),
    seats: z.number().int().min(1).max(100),
  }),
  /** Up to `maxChoices` different candidates; more is invalid. */
  z.strictObject({
    type: z.literal('multi'),
    candidates: z.array(candidateName).min(1).max(200),
    maxChoices: z.number().int().min(1).max(100),
    seats: z.number().int().min(1).max(100),
  }),
  /** JA / NEJ / blank. */
  z.strictObject({ type: z.literal('yesno') }),
  /** Proportional election (lag 2022:629): free lists of a group label and names; d'Hondt. */
  z.strictObject({
    type: z.literal('list'),
    seats: z.number().int().min(1).max(100),
    maxNames: z.number().int().min(1).max(100),
  }),
]);
export type BallotSpec = z.infer<typeof ballotSpecSchema>;

/** What the voter's client encrypts: the choice, null for blank. */
export const ballotChoiceSchema = z.union([
  z.null(),
  z.string(),
  z.array(z.string()),
  z.strictObject({ label: z.string(), names: z.array(z.string()) }),
]);
export type BallotChoice = z.infer<typeof ballotChoiceSchema>;

export const ballotPlaintextSchema = z.strictObject({
  questionId: z.string(),
  choice: ballotChoiceSchema,
});
export type BallotPlaintext = z.infer<typeof ballotPlaintextSchema>;

// ---------- question lifecycle ----------

export const committeeMemberSchema = z.strictObject({
  memberId: id,
  name: freeText(200, { min: 1 }),
  /** Ed25519: signs the manifest; its X25519 form receives this member's key share. */
  publicKey: hex32Schema,
  /** SHA-256(lotCommitmentBytes(seed)): fixed before any vote, revealed at close for lottning. */
  lotCommitment: hex32Schema,
});
export type CommitteeMember = z.infer<typeof committeeMemberSchema>;

export const createQuestionRequestSchema = z.strictObject({
  roll: signedEligibleRollSchema,
  title: freeText(300, { min: 1 }),
  ballot: ballotSpecSchema,
  /** Exactly three: the payload key is split 2-of-3 among them. */
  committee: z.array(committeeMemberSchema).length(3),
});
export type CreateQuestionRequest = z.infer<typeof createQuestionRequestSchema>;

/** Everything a voter and the verifier trust; electionId = SHA-256(canonicalJson(manifest)). */
export const manifestSchema = z.strictObject({
  version: z.literal(1),
  questionId: id,
  sittingId: id,
  itemId: id,
  title: z.string(),
  ballot: ballotSpecSchema,
  /** SHA-256 of canonicalJson(signed eligible roll). */
  rollHash: hex32Schema,
  plenaryKey: hex32Schema,
  /** Fresh per question: the registrar's BLS public key (G2). */
  blsPublicKey: g2PointSchema,
  /** Registrar's Ed25519 key for signing its answers. */
  registrarKey: hex32Schema,
  /** Ballot box's Ed25519 key for receipts. */
  boxKey: hex32Schema,
  /** X25519 key ballots are encrypted to; its secret is split among the committee. */
  encryptionKey: hex32Schema,
  committee: z.array(committeeMemberSchema).length(3),
  dst: z.string(),
  createdAt: isoInstant,
});
export type Manifest = z.infer<typeof manifestSchema>;

export const manifestSignatureSchema = z.strictObject({
  memberId: id,
  signature: ed25519SignatureSchema,
});
export type ManifestSignature = z.infer<typeof manifestSignatureSchema>;

export const encryptedPayloadSchema = z.strictObject({
  /** Ephemeral X25519 public key. */
  epk: hex32Schema,
  /** XChaCha20-Poly1305 nonce (24 bytes). */
  iv: z.string().regex(/^[0-9a-f]{48}$/),
  /** Ciphertext with tag; plaintext padded to a multiple of 512 bytes. */
  ct: z.string().regex(/^(?:[0-9a-f]{2}){16,8208}$/),
});
export type EncryptedPayload = z.infer<typeof encryptedPayloadSchema>;

export const encryptedShareSchema = z.strictObject({
  memberId: id,
  /** Shamir x-coordinate 1..3. */
  index: z.number().int().min(1).max(3),
  payload: encryptedPayloadSchema,
});
export type EncryptedShare = z.infer<typeof encryptedShareSchema>;

/** pending: waiting for committee signatures; open: voting; closing: issuance stopped, board not yet published. */
export const questionStatuses = ['pending', 'open', 'closing', 'closed'] as const;
export type QuestionStatus = (typeof questionStatuses)[number];

export const publicCountsSchema = z.strictObject({
  questionId: id,
  status: z.enum(questionStatuses),
  eligible: z.number().int(),
  issued: z.number().int(),
  cast: z.number().int(),
});
export type PublicCounts = z.infer<typeof publicCountsSchema>;

export const questionViewSchema = z.strictObject({
  questionId: id,
  status: z.enum(questionStatuses),
  electionId: hex32Schema,
  manifest: manifestSchema,
  manifestSignatures: z.array(manifestSignatureSchema),
  encryptedShares: z.array(encryptedShareSchema),
  counts: publicCountsSchema,
  /** Committee warnings: fewer than 3 serve, small anonymity set. */
  warnings: z.array(z.string()),
});
export type QuestionView = z.infer<typeof questionViewSchema>;

export const signManifestRequestSchema = manifestSignatureSchema;

/**
 * `requestSignature`: Ed25519 by the member's own key (the voter assertion's `memberKey`, as plenary's log registered
 * it) over `utf8("council-ballot/v1/issuance-request\n") ‖ utf8(cj({electionId, memberId, blinded, memberKey}))`
 * (issue 13, item 3): the registrar answers only a request the member signed.
 */
export const issueRequestSchema = z.strictObject({
  blinded: g1PointSchema,
  requestSignature: ed25519SignatureSchema,
});
export type IssueRequest = z.infer<typeof issueRequestSchema>;

/** The registrar's answer; `signature` is Ed25519 by manifest.registrarKey over canonicalJson(answer). */
export const issuanceAnswerSchema = z.strictObject({
  electionId: hex32Schema,
  memberId: id,
  blinded: g1PointSchema,
  blindSignature: g1PointSchema,
});
export type IssuanceAnswer = z.infer<typeof issuanceAnswerSchema>;
export const signedIssuanceSchema = z.strictObject({
  answer: issuanceAnswerSchema,
  signature: ed25519SignatureSchema,
});
export type SignedIssuance = z.infer<typeof signedIssuanceSchema>;
/**
 * An issuance as the registrar stores it: its signed answer and the member's own signed request for it (issue 13,
 * item 3): `memberKey` and `requestSignature` over the request {electionId, memberId, blinded, memberKey}. The board
 * is to publish it whole once the verifiers check the requests; until then the board carries the answer alone.
 */
export const boardIssuanceSchema = z.strictObject({
  answer: issuanceAnswerSchema,
  signature: ed25519SignatureSchema,
  memberKey: hex32Schema,
  requestSignature: ed25519SignatureSchema,
});
export type BoardIssuance = z.infer<typeof boardIssuanceSchema>;

export const castRequestSchema = z.strictObject({
  electionId: hex32Schema,
  nonce: hex32Schema,
  payload: encryptedPayloadSchema,
  signature: g1PointSchema,
});
export type CastRequest = z.infer<typeof castRequestSchema>;
/** A stored ballot is exactly the cast request. */
export const ballotSchema = castRequestSchema;
export type Ballot = CastRequest;

/** The box's receipt; `signature` is Ed25519 by manifest.boxKey over canonicalJson(receipt). */
export const receiptSchema = z.strictObject({
  electionId: hex32Schema,
  nonce: hex32Schema,
  ballotHash: hex32Schema,
});
export type Receipt = z.infer<typeof receiptSchema>;
export const signedReceiptSchema = z.strictObject({
  receipt: receiptSchema,
  signature: ed25519SignatureSchema,
});
export type SignedReceipt = z.infer<typeof signedReceiptSchema>;

/**
 * A committee member's consent to close: Ed25519 by their manifest key over
 * `utf8("council-ballot/v1/close\n") ‖ electionId`. Two of the three are needed before anything changes state.
 */
export const closeApprovalSchema = z.strictObject({
  memberId: id,
  signature: ed25519SignatureSchema,
});
export type CloseApproval = z.infer<typeof closeApprovalSchema>;

export const closeRequestSchema = z.strictObject({
  /** At least two different committee members' signed consent to close this election. */
  approvals: z.array(closeApprovalSchema).min(2).max(3),
  /** At least two decrypted key shares (32-byte scalars, hex). */
  shares: z
    .array(z.strictObject({ index: z.number().int().min(1).max(3), share: hex32Schema }))
    .min(2)
    .max(3),
  /** Lottning seeds revealed by the committee; checked against the manifest's commitments. */
  reveals: z.array(z.strictObject({ memberId: id, seed: hex32Schema })).max(3),
  /**
   * Fallback when a seed is withheld and a tie needs the lot: the in-room draw, recorded in the order the
   * ties arise (`context` as the failed close reported it, e.g. "seat 3"; `order`: the tied entries as drawn).
   */
  physicalDraws: z
    .array(z.strictObject({ context: z.string(), order: z.array(z.string()).min(2) }))
    .optional(),
});
export type CloseRequest = z.infer<typeof closeRequestSchema>;

/**
 * The close's answer when a tie needs the lot and neither every seed nor the recorded draw for it is in: HTTP 409 with
 * `{ code: 'INVALID_STATE', message, tie }`. The box stays closed; the close is repeated with the missing seed or draw.
 */
export const tieSchema = z.strictObject({
  /** What the lot decides, e.g. "seat 1" or "place 2". */
  context: z.string(),
  tied: z.array(z.string()),
});
export type Tie = z.infer<typeof tieSchema>;

// ---------- result and board ----------

export const invalidReasons = [
  'DECRYPT_FAILED',
  'MALFORMED',
  'WRONG_QUESTION',
  'UNKNOWN_CANDIDATE',
  'TOO_MANY_CHOICES',
  'DUPLICATE_CHOICE',
] as const;
export type InvalidReason = (typeof invalidReasons)[number];

export const lotDrawSchema = z.strictObject({
  /** What the lot decided, e.g. "seat 3" or "place 1". */
  context: z.string(),
  tied: z.array(z.string()),
  /** The tied entries in drawn order (first wins). */
  order: z.array(z.string()),
});
export type LotDraw = z.infer<typeof lotDrawSchema>;

export const lottningSchema = z.strictObject({
  method: z.enum(['commit-reveal', 'physical', 'none']),
  reveals: z.array(z.strictObject({ memberId: id, seed: hex32Schema })),
  draws: z.array(lotDrawSchema),
});
export type Lottning = z.infer<typeof lottningSchema>;

export const tallySchema = z.strictObject({
  /** Votes per candidate / answer / list group key, in a fixed order. */
  votes: z.array(z.strictObject({ key: z.string(), votes: z.number().int() })),
  /** Elected, in order (for list: "label: name"; for yesno: the winning answer). */
  elected: z.array(z.string()),
  /** d'Hondt: seats per group key. */
  seats: z.array(z.strictObject({ key: z.string(), seats: z.number().int() })),
});
export type Tally = z.infer<typeof tallySchema>;

export const boardCountsSchema = z.strictObject({
  eligible: z.number().int(),
  issued: z.number().int(),
  cast: z.number().int(),
  blank: z.number().int(),
  invalid: z.number().int(),
});
export type BoardCounts = z.infer<typeof boardCountsSchema>;

/** The bulletin board: one JSON record published at close; anyone can recheck it with verify-ballot. */
export const boardSchema = z.strictObject({
  format: z.literal('council-ballot-board/v1'),
  electionId: hex32Schema,
  manifest: manifestSchema,
  manifestSignatures: z.array(manifestSignatureSchema),
  /** The committee's signed consent to close (at least two members): nobody else can end the vote. */
  closeApprovals: z.array(closeApprovalSchema),
  roll: signedEligibleRollSchema,
  /** Who received a signature (public in a council), sorted by memberId. */
  issuance: z.array(signedIssuanceSchema),
  /** Sorted by SHA-256(nonce), never arrival order. */
  ballots: z.array(ballotSchema),
  /** Merkle root (RFC 6962 hashing) over SHA-256(canonicalJson(ballot)) in board order. */
  root: hex32Schema,
  /** The reconstructed X25519 secret: anyone can decrypt and recount. */
  decryptionKey: hex32Schema,
  invalid: z.array(z.strictObject({ nonce: hex32Schema, reason: z.enum(invalidReasons) })),
  tally: tallySchema,
  lottning: lottningSchema,
  counts: boardCountsSchema,
});
export type Board = z.infer<typeof boardSchema>;
