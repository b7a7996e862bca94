// State of the debate within a sitting: the speaker list (queue), who has the floor, finished turns, limits (R07, R10, R14).
import { debateConfigSchema, type DebateConfig, type FloorRequestKind } from '@council/shared';

/** One request waiting in the speaker list of the current item. */
export interface QueueEntry {
  id: string;
  itemId: string;
  kind: FloorRequestKind;
  personId: string;
  /** reply → the speech turn it replies to; answer → the reply turn it answers; otherwise null. */
  replyTo: string | null;
  requestedAt: string;
  /** The desk member who added the request on the person's behalf, or null when they asked themself. */
  addedBy: string | null;
}

/** A turn on the floor: a speech, reply, answer or point of order. */
export interface Turn {
  id: string;
  itemId: string;
  kind: FloorRequestKind;
  personId: string;
  /** Party id at the time of the turn ('' for officials). */
  partyId: string;
  replyTo: string | null;
  startedAt: string;
  endedAt: string | null;
  /** Advisory limit; null when none applies. */
  limitSeconds: number | null;
  /** R07: the chair confirmed the speaker is seen and heard when giving the floor. */
  seenAndHeard: boolean;
  remote: boolean;
  durationSeconds: number | null;
  overrunSeconds: number | null;
  /** R14: the chair cut the speaker off for disclosing protected data. */
  cutOff: { reason: string; by: string | null } | null;
}

/** Someone the body granted the right to speak who is not a serving member (an official, an auditor). */
export interface GrantedSpeaker {
  personId: string;
  name: string;
  title: string;
}

export interface DebateState {
  config: DebateConfig;
  /** Requests for the current item, in the order they will get the floor: points of order, replies/answers, speeches. */
  queue: QueueEntry[];
  /** The one turn on the floor, if any. */
  floor: Turn | null;
  /** Finished turns of the whole sitting, in order (for statistics and the minutes). */
  turns: Turn[];
  /** The latest speech of the current item: replies are made to it until the next speech starts. */
  currentSpeechId: string | null;
  /** Streck i debatten on the current item, with those still entitled to a speech. */
  listClosed: { itemId: string; at: string; entitled: string[] } | null;
  /** Party time pots on the current item: seconds per party id. */
  partyPots: { itemId: string; seconds: Record<string, number> } | null;
  granted: GrantedSpeaker[];
  /** R10: participants muted by the chair or the secretary. */
  muted: { personId: string; at: string; reason: string; by: string | null }[];
  /** R10: every mute of the sitting, for the minutes: who, when, by whom, why, and when the sound came back. */
  muteLog: {
    personId: string;
    at: string;
    reason: string;
    by: string | null;
    until: string | null;
  }[];
}

export const defaultDebateConfig: DebateConfig = debateConfigSchema.parse({});

export const initialDebateState: DebateState = {
  config: defaultDebateConfig,
  queue: [],
  floor: null,
  turns: [],
  currentSpeechId: null,
  listClosed: null,
  partyPots: null,
  granted: [],
  muted: [],
  muteLog: [],
};
