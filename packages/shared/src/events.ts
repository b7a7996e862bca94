// The envelope of the per-sitting event log and the realtime protocol between server and clients.
import { z } from 'zod';
import { idText } from './schemas/text.ts';

/** One stored event: gap-free seq per sitting, SHA-256 chain over (prevHash, canonical body). */
export const storedEventSchema = z.object({
  sittingId: z.string(),
  seq: z.number().int().positive(),
  type: z.string(),
  payload: z.record(z.string(), z.unknown()),
  actorId: z.string().nullable(),
  at: z.string(),
  prevHash: z.string(),
  hash: z.string(),
});
export type StoredEvent = z.infer<typeof storedEventSchema>;

/** socket.io event names, `resource:action`. */
export const socketEvents = {
  /** client → server: join a sitting's room; ack returns snapshot or the events missed since `sinceSeq`. */
  join: 'sitting:join',
  leave: 'sitting:leave',
  /** server → client: one new event in the member/desk stream. */
  event: 'sitting:event',
  /** server → client: re-join for a fresh member view (events you may not see were withheld, R13). */
  resync: 'sitting:resync',
  /** server → client: the public projection after each change. */
  view: 'sitting:view',
  /** server → client: the socket's session ended (logout, expiry); the socket is cut, sign in again. */
  sessionEnded: 'session:ended',
} as const;

export const joinSittingSchema = z.object({
  sittingId: idText(),
  /** Last seq the client has; the server sends exactly what came after. */
  sinceSeq: z.number().int().nonnegative().optional(),
});
export type JoinSitting = z.infer<typeof joinSittingSchema>;

/**
 * server → client `sitting:event`. The desk gets every event. Members' devices get every event too, except the votes
 * of a division (VoteCast): the stream lists their seqs under `elided`, a device's own vote reaches it through its
 * ack (the member's other devices through `own`), the live counts through the public view, and the division's end
 * carries every vote (`votes`).
 */
export interface SittingEventMessage {
  sittingId: string;
  /** In seq order; with `elided` they cover every seq from the first to the last without a gap. */
  events: StoredEvent[];
  /** Seqs left out of `events` (votes), as inclusive ranges [from, to] in order. */
  elided?: [number, number][];
  /**
   * With the event that ends a division (closed, tied or void): how everyone voted, one letter per entitled member in
   * roll order (the division's eligible order): y = yes, n = no, a = abstain, - = did not vote.
   */
  votes?: { divisionId: string; choices: string }[];
  /** Your own votes that `events` left out, for your other devices (the one you voted on has them in its ack). */
  own?: StoredEvent[];
}
