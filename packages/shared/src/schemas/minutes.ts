// Commands of the minutes (protokoll, R24): prose edits, adjusters, approvals (justering), secret-ballot results, corrections.
import { z } from 'zod';

const id = z.string().min(1).max(64);
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
    text: z.string().trim().min(1).max(8000).nullable(),
  }),
  /** Adjusters (justerare), chosen on the item "Val av justerare" (itemId) or by the desk; with the time and place of adjustment. */
  z.strictObject({
    type: z.literal('chooseAdjusters'),
    personIds: z.array(id).min(1).max(4),
    itemId: id.nullable().default(null),
    place: z.string().trim().min(1).max(200),
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
    result: z.array(z.string().trim().min(1).max(300)).min(1).max(100),
    boardRoot: hex64,
  }),
  /** After adjustment the minutes never change: a correction is a new document linked to them. */
  z.strictObject({
    type: z.literal('issueMinutesCorrection'),
    paragraph: z.number().int().positive().nullable(),
    text: z.string().trim().min(1).max(8000),
  }),
] as const;
