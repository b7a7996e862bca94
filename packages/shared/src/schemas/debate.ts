// Commands of the debate: the speaker list, replies, points of order, advisory timers, party pots (R07, R10, R14).
import { z } from 'zod';
import { freeText, idText } from './text.ts';

const id = idText();
const seconds = z
  .number()
  .int()
  .min(0)
  .max(24 * 3600);

/** What a person asks the floor for. An answer (genmäle) is the speech's speaker answering a reply. */
export const floorRequestKinds = ['speech', 'reply', 'answer', 'point_of_order'] as const;
export type FloorRequestKind = (typeof floorRequestKinds)[number];

/**
 * A body's speaking-time rules. Limits are advisory: a speaker is never cut off for time, the overrun is recorded.
 * @example debateConfigSchema.parse({}) // Swedish defaults: 5 min first speech, 3 min later, 1 min reply and answer
 */
export const debateConfigSchema = z.strictObject({
  firstSpeechSeconds: seconds.default(300),
  laterSpeechSeconds: seconds.default(180),
  replySeconds: seconds.default(60),
  answerSeconds: seconds.default(60),
  pointOfOrderSeconds: seconds.default(60),
  /** Replies one member may make to one speech. */
  repliesPerMemberPerSpeech: z.number().int().min(0).max(20).default(2),
});
export type DebateConfig = z.infer<typeof debateConfigSchema>;

export const debateCommandSchemas = [
  /** Ask for the floor; `personId` lets the desk add someone on their behalf. */
  z.strictObject({
    type: z.literal('requestFloor'),
    kind: z.enum(floorRequestKinds),
    personId: id.optional(),
  }),
  /** A member withdraws their own request, or the desk removes one. */
  z.strictObject({ type: z.literal('removeFloorRequest'), entryId: id }),
  /** The desk moves a request within its group (points of order, replies, speeches). */
  z.strictObject({
    type: z.literal('moveFloorRequest'),
    entryId: id,
    toIndex: z.number().int().min(0).max(10_000),
  }),
  /** R07: the chair confirms the speaker is seen and heard when giving the floor. Without entryId: the head of the queue. */
  z.strictObject({
    type: z.literal('giveFloor'),
    entryId: id.optional(),
    seenAndHeard: z.boolean(),
  }),
  z.strictObject({ type: z.literal('endFloor') }),
  /** R14: the one exception to never cutting off — someone discloses protected data. */
  z.strictObject({ type: z.literal('cutOffSpeaker'), reason: freeText(500, { min: 1 }) }),
  z.strictObject({ type: z.literal('configureDebate'), config: debateConfigSchema.partial() }),
  /** Party time pots (partitidspott) for the current item, seconds per party id; null removes them. */
  z.strictObject({ type: z.literal('setPartyPots'), pots: z.record(id, seconds).nullable() }),
  /** Streck i debatten: no new speeches beyond those listed now. */
  z.strictObject({ type: z.literal('closeSpeakerList') }),
  z.strictObject({ type: z.literal('reopenSpeakerList') }),
  /** The body grants someone who is not a serving member the right to speak (an official, an auditor…). */
  z.strictObject({
    type: z.literal('grantRightToSpeak'),
    personId: id,
    name: freeText(120, { min: 1 }).optional(),
    title: freeText(120).optional(),
  }),
  z.strictObject({ type: z.literal('revokeRightToSpeak'), personId: id }),
  /** R10: the chair or the secretary mutes a participant. */
  z.strictObject({
    type: z.literal('muteParticipant'),
    personId: id,
    reason: freeText(500).default(''),
  }),
  z.strictObject({ type: z.literal('unmuteParticipant'), personId: id }),
] as const;
