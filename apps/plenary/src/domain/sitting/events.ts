// Events of the sitting itself.
import type { AgendaDocument, AgendaItemInput } from '@council/shared';
import type { Roster } from './types.ts';

export type SittingEvent =
  | {
      type: 'SittingScheduled';
      payload: {
        sitting: {
          id: string;
          title: string;
          startsAt: string;
          room: string;
          remoteReason: string | null;
        };
        roster: Roster;
        items: AgendaItemInput[];
      };
    }
  /** `firstParagraph`: where the body's § series stands (numbering runs on through the year); absent = § 1. */
  | { type: 'SittingOpened'; payload: { firstParagraph?: number } }
  | { type: 'ItemStarted'; payload: { itemId: string; previousItemId: string | null } }
  | { type: 'SittingAdjourned'; payload: { reason: string; resumesAt: string | null } }
  | { type: 'SittingResumed'; payload: Record<string, never> }
  | { type: 'SittingClosed'; payload: Record<string, never> }
  | { type: 'DocumentHandedOut'; payload: { itemId: string; document: AgendaDocument } }
  | { type: 'DocumentAttached'; payload: { itemId: string; document: AgendaDocument } }
  | { type: 'DocumentDetached'; payload: { itemId: string; url: string } }
  /** Before the sitting: the whole agenda after one change by the office (the roster stays as frozen). */
  | { type: 'AgendaAmended'; payload: { items: AgendaItemInput[] } };
