// The sitting's video room (R09): what a browser learns about its place in the room, and the signalling it exchanges
// with plenary over socket.io (plenary talks to Janus; browsers never reach Janus's API, only its media).
import { z } from 'zod';

const id = z.string().min(1).max(64);

export const iceServerSchema = z.object({
  urls: z.array(z.string()),
  username: z.string().optional(),
  credential: z.string().optional(),
});

/** POST /api/sittings/:id/room: the caller's place in the room (no Janus token: that stays on the server). */
export const roomPassSchema = z.object({
  sittingId: id,
  /** A remote participant publishes camera and microphone; the desk and chamber devices watch. */
  publish: z.boolean(),
  kind: z.enum(['desk', 'remote', 'chamber']),
  iceServers: z.array(iceServerSchema),
  /** When the TURN credentials stop working (ask for a new pass before reconnecting after it). */
  turnExpiresAt: z.string().nullable(),
});
export type RoomPassView = z.infer<typeof roomPassSchema>;

export const roomStatusSchema = z.object({ available: z.boolean(), reason: z.string().nullable() });
export type RoomStatusView = z.infer<typeof roomStatusSchema>;

/** socket.io events of the video room, `room:action` (every client → server event answers through its ack). */
export const roomSocketEvents = {
  /** Enter the sitting's room: publisher when this person publishes nowhere else yet, else a viewer of them. */
  join: 'room:join',
  /** The publisher's SDP offer (camera and microphone, simulcast); the answer comes back in the ack. */
  publish: 'room:publish',
  /** Subscribe to these feeds (all the others): Janus's offer in the ack, the client answers with `answer`. */
  subscribe: 'room:subscribe',
  answer: 'room:answer',
  /** Which simulcast layer of which feed (the speaker high, the grid low). */
  layers: 'room:layers',
  /** The chamber's cameras and microphones (Streaming plugin): Janus's offer in the ack, then `chamberAnswer`. */
  chamber: 'room:chamber',
  chamberAnswer: 'room:chamber-answer',
  leave: 'room:leave',
  /** The client's getStats(): what it sends and what it decodes of every incoming stream. */
  stats: 'room:stats',
  /** server → client: who publishes in the room now. */
  participants: 'room:participants',
  /** server → client: this socket is no longer in the room (sitting closed, not admitted any more). */
  closed: 'room:closed',
  /** server → client: this socket is held out of the room with the reason (closed item R13, jäv R12). */
  held: 'room:held',
  /** server → client: the hold is over; join again (a new pass). */
  admitted: 'room:admitted',
} as const;

const sdp = z.string().min(1).max(60_000);
export const jsepSchema = z.strictObject({ type: z.enum(['offer', 'answer']), sdp });
export type JsepView = z.infer<typeof jsepSchema>;

export const roomJoinSchema = z.strictObject({ sittingId: id });
export const roomPublishSchema = z.strictObject({ sittingId: id, jsep: jsepSchema });
export const roomSubscribeSchema = z.strictObject({
  sittingId: id,
  feeds: z.array(id).max(200),
});
export const roomAnswerSchema = z.strictObject({ sittingId: id, jsep: jsepSchema });
export const roomLayersSchema = z.strictObject({
  sittingId: id,
  /** feed → simulcast layer (0 low, 1 high). */
  layers: z.record(id, z.number().int().min(0).max(1)),
});

/** One participant publishing in the room. `id` is the person (or `chamber:<camera>` for the chamber). */
export const roomParticipantSchema = z.object({
  id,
  name: z.string(),
  kind: z.enum(['remote', 'chamber']),
});
export type RoomParticipant = z.infer<typeof roomParticipantSchema>;

export const roomJoinedSchema = z.object({
  role: z.enum(['publisher', 'viewer']),
  personId: id,
  iceServers: z.array(iceServerSchema),
  participants: z.array(roomParticipantSchema),
  /** The chamber's sources, by the mid of the Streaming mountpoint's stream. */
  chamber: z.array(
    z.object({
      mid: z.string(),
      source: id,
      name: z.string(),
      kind: z.enum(['audio', 'video']),
      /** The sign-language interpreter's camera: pinned beside the speaker on every device. */
      interpreter: z.boolean().optional(),
    }),
  ),
});
export type RoomJoined = z.infer<typeof roomJoinedSchema>;

/** Janus's offer for a subscription, with which feed each mid carries. */
export const roomOfferSchema = z.object({
  jsep: jsepSchema,
  streams: z.array(
    z.object({ mid: z.string(), feed: z.string(), kind: z.enum(['audio', 'video']) }),
  ),
});
export type RoomOffer = z.infer<typeof roomOfferSchema>;

const count = z.number().int().min(0).max(1e12);
/** One incoming stream as the client's getStats() saw it (cumulative counters; the server takes the differences). */
export const incomingStatsSchema = z.strictObject({
  /** The person's feed, or `chamber:<camera>`. */
  source: id,
  kind: z.enum(['audio', 'video']),
  packetsReceived: count,
  packetsLost: z.number().int().min(-1e9).max(1e12),
  framesDecoded: count.optional(),
  /** inbound-rtp totalAudioEnergy (cumulative); its growth tells sound from silence. */
  totalAudioEnergy: z.number().min(0).max(1e12).optional(),
  audioLevel: z.number().min(0).max(1).optional(),
});
export type IncomingStats = z.infer<typeof incomingStatsSchema>;

export const roomStatsSchema = z.strictObject({
  sittingId: id,
  /** What this client sends (publishers only): its camera and microphone tracks live and enabled, frames sent. */
  sending: z
    .strictObject({
      audioTrack: z.boolean(),
      videoTrack: z.boolean(),
      framesSent: count,
      audioPacketsSent: count,
    })
    .nullable(),
  incoming: z.array(incomingStatsSchema).max(400),
});
export type RoomStats = z.infer<typeof roomStatsSchema>;
