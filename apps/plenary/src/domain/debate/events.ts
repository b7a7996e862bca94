// Events of the debate: requests, the floor given and ended, cut-offs (R14), mutes (R10), limits, pots, the closed list.
import type { DebateConfig, FloorRequestKind } from '@council/shared';

export type DebateEvent =
  | {
      type: 'FloorRequested';
      payload: {
        entryId: string;
        itemId: string;
        kind: FloorRequestKind;
        personId: string;
        replyTo: string | null;
        /** Null when the person asked themself; else the desk member who added them. */
        addedBy: string | null;
      };
    }
  | { type: 'FloorRequestRemoved'; payload: { entryId: string; personId: string; byDesk: boolean } }
  | { type: 'FloorRequestMoved'; payload: { entryId: string; toIndex: number } }
  | {
      type: 'FloorGiven';
      payload: {
        turnId: string;
        entryId: string;
        itemId: string;
        kind: FloorRequestKind;
        personId: string;
        partyId: string;
        replyTo: string | null;
        limitSeconds: number | null;
        /** R07: the chair confirmed the speaker is seen and heard. */
        seenAndHeard: boolean;
        remote: boolean;
      };
    }
  | {
      type: 'FloorEnded';
      payload: { turnId: string; durationSeconds: number; overrunSeconds: number };
    }
  | {
      type: 'SpeakerCutOff';
      payload: {
        turnId: string;
        personId: string;
        reason: string;
        durationSeconds: number;
        overrunSeconds: number;
      };
    }
  | { type: 'DebateConfigured'; payload: { config: DebateConfig } }
  | { type: 'PartyPotsSet'; payload: { itemId: string; pots: Record<string, number> | null } }
  | { type: 'SpeakerListClosed'; payload: { itemId: string; entitled: string[] } }
  | { type: 'SpeakerListReopened'; payload: { itemId: string } }
  | { type: 'RightToSpeakGranted'; payload: { personId: string; name: string; title: string } }
  | { type: 'RightToSpeakRevoked'; payload: { personId: string } }
  | { type: 'ParticipantMuted'; payload: { personId: string; reason: string } }
  | { type: 'ParticipantUnmuted'; payload: { personId: string } };
