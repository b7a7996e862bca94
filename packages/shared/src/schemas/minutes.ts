// Commands of the minutes (protokoll, R24): prose edits, adjusters, approvals (justering), secret-ballot results, corrections.
import { z } from 'zod';
import { freeText, idText } from './text.ts';
import { signedHeadSchema } from './log-head.ts';

const id = idText();
const hex64 = z.string().regex(/^[0-9a-f]{64}$/, '64 lower-case hex digits');
const localDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date like 2026-12-18');

/** The prose parts of a paragraph the secretary may edit before adjustment; the facts are generated. */
export const minutesProseFields = ['description', 'decision'] as const;
export type MinutesProseField = (typeof minutesProseFields)[number];

export const secretBallotCountsSchema = z.strictObject({
  eligible: z.number().int().nonnegative(),
  cast: z.number().int().nonnegative(),
  valid: z.number().int().nonnegative(),
  blank: z.number().int().nonnegative(),
  invalid: z.number().int().nonnegative(),
});
export type SecretBallotCounts = z.infer<typeof secretBallotCountsSchema>;

export const minutesCommandSchemas = [
  /** The secretary's wording of an item's description or decision in the minutes (null restores the generated text). */
  z.strictObject({
    type: z.literal('editMinutesProse'),
    itemId: id,
    field: z.enum(minutesProseFields),
    text: freeText(8000, { min: 1 }).nullable(),
  }),
  /** Adjusters (justerare), chosen on the item "Val av justerare" (itemId) or by the desk; with the time and place of adjustment. */
  z.strictObject({
    type: z.literal('chooseAdjusters'),
    personIds: z.array(id).min(1).max(4),
    itemId: id.nullable().default(null),
    place: freeText(200, { min: 1 }),
    date: localDate,
  }),
  /** The chair or an adjuster approves the minutes as they read now (logged in, as themself). */
  z.strictObject({ type: z.literal('approveMinutes') }),
  /** The verified result of a secret ballot held by the ballot service, for the minutes (R22). */
  z.strictObject({
    type: z.literal('recordSecretBallotResult'),
    itemId: id,
    questionId: id,
    counts: secretBallotCountsSchema,
    result: z
      .array(freeText(300, { min: 1 }))
      .min(1)
      .max(100),
    boardRoot: hex64,
  }),
  /** After adjustment the minutes never change: a correction is a new document linked to them. */
  z.strictObject({
    type: z.literal('issueMinutesCorrection'),
    paragraph: z.number().int().positive().nullable(),
    text: freeText(8000, { min: 1 }),
  }),
] as const;

// ---------------------------------------------------------------- open data: the public record of a finished sitting

const person = z.object({ id: z.string(), name: z.string(), party: z.string().nullable() });
const voteMark = z.enum(['JA', 'NEJ', 'AVSTÅR', 'EJ RÖSTAT']);

const openParagraphSchema = z.object({
  paragraph: z.number().int().positive(),
  closed: z.literal(false),
  title: z.string(),
  caseNumber: z.string(),
  outcome: z.enum(['decided', 'referred', 'tabled']),
  description: z.string(),
  documents: z.array(z.object({ title: z.string(), url: z.string() })),
  speakers: z.array(
    person.extend({
      order: z.number().int(),
      kind: z.enum(['speech', 'reply', 'answer', 'point_of_order']),
      at: z.string(),
    }),
  ),
  proposals: z.array(
    z.object({
      id: z.string(),
      number: z.number().int(),
      kind: z.enum(['approve', 'reject', 'amend', 'referBack', 'table', 'addition']),
      text: z.string(),
      by: person,
      supporters: z.array(person),
      withdrawn: z.boolean(),
    }),
  ),
  divisions: z.array(
    z.object({
      id: z.string(),
      number: z.number().int(),
      yes: z.string(),
      no: z.string(),
      counts: z.object({
        yes: z.number().int(),
        no: z.number().int(),
        abstain: z.number().int(),
        absent: z.number().int(),
      }),
      result: z.enum(['yes', 'no']).nullable(),
      castingVote: z.enum(['yes', 'no']).nullable(),
      status: z.enum(['open', 'tied', 'closed', 'invalidated']),
      votes: z.array(person.extend({ choice: voteMark })),
    }),
  ),
  secretBallots: z.array(
    z.object({
      questionId: z.string(),
      counts: secretBallotCountsSchema,
      result: z.array(z.string()),
      boardRoot: z.string(),
      /** Set when plenary's verifier re-checked the bulletin board before the result was recorded. */
      verified: z.object({ electionId: z.string(), checks: z.number().int() }).nullable(),
    }),
  ),
  decision: z.string(),
  decidedAt: z.string(),
  reservations: z.array(person.extend({ reason: z.string().nullable() })),
  recusals: z.array(person),
});

/** A confidential item (R13): only its number appears, marked closed, with no content. */
const closedParagraphSchema = z.object({
  paragraph: z.number().int().positive(),
  closed: z.literal(true),
});

/**
 * Our own open-data record of one finished sitting (`/api/public/sittings/:id/record.json`), documented in
 * docs/open-data.md; its JSON Schema is served at `/api/public/schemas/record.json`.
 */
export const sittingRecordSchema = z.object({
  format: z.literal('council-record/v1'),
  sitting: z.object({
    id: z.string(),
    body: z.object({ id: z.string(), name: z.string(), kind: z.enum(['council', 'board']) }),
    title: z.string(),
    date: z.string(),
    openedAt: z.string().nullable(),
    closedAt: z.string().nullable(),
    room: z.string(),
    remoteReason: z.string().nullable(),
    adjournments: z.array(
      z.object({ since: z.string(), until: z.string().nullable(), reason: z.string() }),
    ),
  }),
  minutes: z.object({
    status: z.enum(['draft', 'locked']),
    sha256: z.string().nullable(),
    logHeadSeq: z.number().int().nullable(),
    logHeadHash: z.string().nullable(),
    noticePostedOn: z.string().nullable(),
    adjusters: z.array(person),
  }),
  attendance: z.array(
    person.extend({
      role: z.enum(['member', 'substitute']),
      remote: z.boolean(),
      techFailure: z.boolean(),
      served: z.array(
        z.object({
          seatNumber: z.number().int().nullable(),
          forMemberId: z.string().nullable(),
          paragraphs: z.array(z.number().int()),
        }),
      ),
      text: z.string(),
    }),
  ),
  absentMembers: z.array(person),
  paragraphs: z.array(z.discriminatedUnion('closed', [openParagraphSchema, closedParagraphSchema])),
  /**
   * The log's anchor outside the database (issue 11 item 4): the Ed25519 key that signs the log's heads, the latest
   * signed head and the one signed at the minutes' lock. `npm run verify-log -- <id> --expect-head <this file>`.
   */
  log: z
    .object({
      publicKey: z.string().regex(/^[0-9a-f]{64}$/),
      keyId: z.string().regex(/^[0-9a-f]{16}$/),
      head: signedHeadSchema.nullable(),
      lock: signedHeadSchema.nullable(),
    })
    .optional(),
});
export type SittingRecord = z.infer<typeof sittingRecordSchema>;
