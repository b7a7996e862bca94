// The public projection of a sitting: what the public display, the webcast and its side panel see (R13, R25).
// Confidential items show only that they are closed; nothing else of them is in this view.
import { z } from 'zod';
import { signedHeadSchema } from './log-head.ts';

export const publicSpeakerSchema = z.object({
  memberId: z.string(),
  name: z.string(),
  party: z.string(),
  remote: z.boolean(),
});
export type PublicSpeaker = z.infer<typeof publicSpeakerSchema>;

export const floorKinds = ['speech', 'reply', 'answer', 'point_of_order'] as const;

export const publicFloorSchema = z.object({
  kind: z.enum(floorKinds),
  speaker: publicSpeakerSchema,
  /** For a reply: the speech it answers. */
  replyTo: publicSpeakerSchema.nullable(),
  startedAt: z.string(),
  /** Advisory limit in seconds; never enforced (speaking-time caps are advisory in Swedish law). */
  limitSeconds: z.number().int().nullable(),
});
export type PublicFloor = z.infer<typeof publicFloorSchema>;

export const publicItemSchema = z.object({
  id: z.string(),
  /** Agenda position, 1-based. */
  position: z.number().int(),
  /** § number once decided. */
  paragraph: z.number().int().nullable(),
  title: z.string(),
  confidential: z.boolean(),
  status: z.enum(['pending', 'current', 'decided', 'tabled', 'referred']),
});
export type PublicItem = z.infer<typeof publicItemSchema>;

/** A seat on the seat map: who holds it now and how (issue 15). `recused`: stood aside for jäv on the current item. */
export const seatStates = ['room', 'remote', 'absent', 'recused'] as const;
export const publicSeatSchema = z.object({
  number: z.number().int(),
  /** The person serving the seat now, else its elected member. */
  name: z.string(),
  /** The party's abbreviation and colour. */
  party: z.string(),
  color: z.string(),
  state: z.enum(seatStates),
  /** Served by a substitute (ersättare), not by its elected member. */
  substitute: z.boolean(),
});
export type PublicSeat = z.infer<typeof publicSeatSchema>;

/**
 * An open division's vote per seat, one letter per seat of `seatMap` in its order: J, N, A voted JA, NEJ, AVSTÅR;
 * `.` entitled and not (yet) voted; `-` not entitled (empty seat, jäv, teknikfelsledamot). Never for a secret ballot.
 */
export const seatVotesSchema = z.string().regex(/^[JNA.-]*$/);

export const publicVoteSchema = z.object({
  id: z.string(),
  itemId: z.string(),
  question: z.string(),
  status: z.enum(['open', 'closed']),
  yes: z.number().int(),
  no: z.number().int(),
  abstain: z.number().int(),
  absent: z.number().int(),
  byParty: z.array(
    z.object({
      party: z.string(),
      yes: z.number().int(),
      no: z.number().int(),
      abstain: z.number().int(),
      absent: z.number().int(),
    }),
  ),
  result: z.string().nullable(),
  bySeat: seatVotesSchema.optional(),
});
export type PublicVote = z.infer<typeof publicVoteSchema>;

export const publicSittingViewSchema = z.object({
  sittingId: z.string(),
  seq: z.number().int(),
  bodyName: z.string(),
  title: z.string(),
  room: z.string(),
  startsAt: z.string(),
  status: z.enum(['scheduled', 'open', 'adjourned', 'closed']),
  adjournment: z
    .object({ since: z.string(), reason: z.string(), resumesAt: z.string().nullable() })
    .nullable(),
  items: z.array(publicItemSchema),
  currentItemId: z.string().nullable(),
  /** True when the current item is confidential: the public sees a closed-item slate and nothing else. */
  closedSession: z.boolean(),
  floor: publicFloorSchema.nullable(),
  queue: z.array(z.object({ kind: z.enum(floorKinds), speaker: publicSpeakerSchema })),
  /** Party time pots on the current item (budget debates): seconds left per party before the turn on the floor. */
  partyPots: z
    .array(z.object({ party: z.string(), remainingSeconds: z.number().int() }))
    .optional(),
  serving: z.number().int(),
  seats: z.number().int(),
  /**
   * Every seat by number, for the seat map; empty in a closed item (R13) and for bodies too large to draw. A live
   * broadcast leaves it out when it is the same as in the last view sent (keep the one you have).
   */
  seatMap: z.array(publicSeatSchema).optional(),
  quorum: z.boolean(),
  votes: z.array(publicVoteSchema),
  /** The current item's latest division when it was voided (R18 or the desk), with why, until a new round opens. */
  voidedRound: z
    .object({ itemId: z.string(), reason: z.string().nullable() })
    .nullable()
    .optional(),
  decisions: z.array(
    z.object({ itemId: z.string(), paragraph: z.number().int(), text: z.string() }),
  ),
  /** Live secret-ballot counts (never contents before close). */
  ballots: z.array(
    z.object({
      id: z.string(),
      itemId: z.string(),
      title: z.string(),
      status: z.enum(['open', 'closed']),
      eligible: z.number().int(),
      issued: z.number().int(),
      cast: z.number().int(),
      result: z.string().nullable(),
    }),
  ),
  /** The log's latest signed head (issue 11 item 4): save it to check the log later with verify-log --expect-head. */
  logHead: signedHeadSchema.nullable().optional(),
});
export type PublicSittingView = z.infer<typeof publicSittingViewSchema>;
