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
