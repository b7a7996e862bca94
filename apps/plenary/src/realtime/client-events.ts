// Every socket.io event a client may send plenary, with the schema its payload must pass. Handlers register only
// through this list (guard.ts types the name and parses the payload), so the fuzz suite walks every event there is.
import { z } from 'zod';
import {
  attendanceSocketEvents,
  heartbeatSchema,
  idText,
  joinSittingSchema,
  roomAnswerSchema,
  roomJoinSchema,
  roomLayersSchema,
  roomPublishSchema,
  roomSocketEvents,
  roomStatsSchema,
  roomSubscribeSchema,
  socketEvents,
  watchConnectionsSchema,
} from '@council/shared';

/** client → server `sitting:command`: the command itself is parsed by the engine's own schema. */
export const commandMessageSchema = z.object({ sittingId: idText(), command: z.unknown() });

export const clientEvents = {
  [socketEvents.join]: joinSittingSchema,
  [socketEvents.leave]: joinSittingSchema,
  'sitting:command': commandMessageSchema,
  [attendanceSocketEvents.heartbeat]: heartbeatSchema,
  [attendanceSocketEvents.watch]: watchConnectionsSchema,
  [roomSocketEvents.join]: roomJoinSchema,
  [roomSocketEvents.publish]: roomPublishSchema,
  [roomSocketEvents.subscribe]: roomSubscribeSchema,
  [roomSocketEvents.answer]: roomAnswerSchema,
  [roomSocketEvents.layers]: roomLayersSchema,
  [roomSocketEvents.chamber]: roomJoinSchema,
  [roomSocketEvents.chamberAnswer]: roomAnswerSchema,
  [roomSocketEvents.leave]: roomJoinSchema,
  [roomSocketEvents.stats]: roomStatsSchema,
} as const satisfies Record<string, z.ZodType>;

export type ClientEvent = keyof typeof clientEvents;
export type ClientPayload<E extends ClientEvent> = z.output<(typeof clientEvents)[E]>;
