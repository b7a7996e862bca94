// Commands of the attendance module: remote participation (R01, R04), roll call and substitutes (R05, R06),
// conflicts of interest (R12), confidential items (R13), technical failure (R15–R18), function check (R19).
// Also the heartbeat a remote member's client sends over the socket (not a command: it is never stored).
import { z } from 'zod';
import { freeText, idText } from './text.ts';

const id = idText();
const reason = freeText(500, { min: 1 });

/** R04: what the browser's self-test measured at check-in. */
export const selfTestSchema = z.strictObject({
  camera: z.boolean(),
  microphone: z.boolean(),
  /** Peak microphone level seen during the test, 0…1. */
  audioLevel: z.number().min(0).max(1),
  /** Network round-trip to the server in milliseconds; null when it failed. */
  roundTripMs: z.number().min(0).max(60_000).nullable(),
  /** R04: the member declares they sit where no unauthorised person can see or hear. */
  privatePlace: z.boolean(),
});
export type SelfTest = z.infer<typeof selfTestSchema>;

export const presenceModes = ['room', 'remote', 'absent'] as const;
export type PresenceMode = (typeof presenceModes)[number];

export const connectionLossKinds = ['heartbeat', 'audio', 'video'] as const;
export type ConnectionLossKind = (typeof connectionLossKinds)[number];

export const attendanceCommandSchemas = [
  // R01: before the sitting
  z.strictObject({ type: z.literal('applyForRemote'), personId: id.optional(), reason }),
  z.strictObject({
    type: z.literal('decideRemoteApplication'),
    personId: id,
    approve: z.boolean(),
    /** Required to approve an application that came in later than 5 working days before. */
    lateReason: reason.optional(),
  }),
  // R04: check-in with the browser self-test, then "I see and hear"
  z.strictObject({ type: z.literal('checkIn'), selfTest: selfTestSchema }),
  z.strictObject({ type: z.literal('confirmSeeHear') }),
  // R05, R06: roll call and who serves
  z.strictObject({ type: z.literal('startRollCall') }),
  z.strictObject({ type: z.literal('markAttendance'), personId: id, mode: z.enum(presenceModes) }),
  z.strictObject({ type: z.literal('confirmRollCall'), rollCallId: id }),
  z.strictObject({ type: z.literal('assignSubstitute'), seatId: id, personId: id }),
  z.strictObject({ type: z.literal('setAutoFill'), on: z.boolean() }),
  z.strictObject({ type: z.literal('changeServingNow'), reason }),
  // R12: conflict of interest
  z.strictObject({ type: z.literal('declareRecusal'), itemId: id, personId: id }),
  // R13: confidential items
  z.strictObject({ type: z.literal('allowRemoteConfidential'), itemId: id, reason }),
  // R15–R18: technical failure
  z.strictObject({
    type: z.literal('reportConnectionLost'),
    personId: id,
    kind: z.enum(connectionLossKinds),
  }),
  z.strictObject({ type: z.literal('reportConnectionRestored'), personId: id }),
  z.strictObject({ type: z.literal('expireTechFailure'), personId: id }),
  z.strictObject({ type: z.literal('replaceForRecurringFailure'), personId: id, reason }),
  // R19: technical function check before a decision round
  z.strictObject({
    type: z.literal('startFunctionCheck'),
    seconds: z.number().int().min(10).max(600).default(60),
  }),
  z.strictObject({ type: z.literal('confirmFunctionCheck'), checkId: id }),
  z.strictObject({ type: z.literal('closeFunctionCheck'), checkId: id }),
  z.strictObject({ type: z.literal('overrideFunctionCheck'), checkId: id, reason }),
] as const;

/** socket.io events of attendance, `resource:action`. */
export const attendanceSocketEvents = {
  /** client → server: a remote member's heartbeat with its own audio/video state (ack). */
  heartbeat: 'attendance:heartbeat',
  /** desk → server: receive live connection reports for a sitting (ack). */
  watch: 'attendance:watch',
  /** server → desk: every remote member's connection now. */
  connections: 'attendance:connections',
} as const;

export const heartbeatSchema = z.strictObject({
  sittingId: id,
  audio: z.boolean(),
  video: z.boolean(),
  /** The client's last measured round-trip in milliseconds. */
  roundTripMs: z.number().min(0).max(60_000).nullable().default(null),
});
export type Heartbeat = z.infer<typeof heartbeatSchema>;

export const watchConnectionsSchema = z.strictObject({ sittingId: id });

export const connectionReportSchema = z.object({
  personId: z.string(),
  lastSeenMsAgo: z.number().nullable(),
  audio: z.boolean(),
  video: z.boolean(),
  roundTripMs: z.number().nullable(),
  status: z.enum(['ok', 'degraded', 'lost', 'unknown']),
});
export type ConnectionReport = z.infer<typeof connectionReportSchema>;

export const connectionsMessageSchema = z.object({
  sittingId: z.string(),
  at: z.string(),
  connections: z.array(connectionReportSchema),
});
export type ConnectionsMessage = z.infer<typeof connectionsMessageSchema>;
