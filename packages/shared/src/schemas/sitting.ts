// Commands that run the sitting itself: open, move between items, adjourn (R15), resume, close, hand out documents (R08).
import { z } from 'zod';
import { freeText, idText } from './text.ts';
import { agendaItemSchema, documentSchema } from './council.ts';

const itemId = idText();

export const sittingCommandSchemas = [
  z.strictObject({
    type: z.literal('openSitting'),
    /** Set by the server from the body's § series (a client's value is replaced). */
    firstParagraph: z.number().int().positive().optional(),
  }),
  z.strictObject({ type: z.literal('startItem'), itemId }),
  z.strictObject({
    type: z.literal('adjourn'),
    reason: freeText(500, { min: 1 }),
    resumesAt: z.iso.datetime({ offset: true }).nullable().default(null),
  }),
  z.strictObject({ type: z.literal('resume') }),
  z.strictObject({ type: z.literal('closeSitting') }),
  z.strictObject({ type: z.literal('handOutDocument'), itemId, document: documentSchema }),
  /** Before the sitting: a document (R02) joins the item's documents, sent with the notice. */
  z.strictObject({ type: z.literal('attachDocument'), itemId, document: documentSchema }),
  /** Before the sitting: a document attached by mistake is taken off the item (it was never handed out). */
  z.strictObject({ type: z.literal('detachDocument'), itemId, url: documentSchema.shape.url }),
  /**
   * Before the sitting: the agenda as it now stands (items added, edited, closed, reordered or removed). Documents stay
   * with their item: the server keeps those already attached, whatever the command says.
   */
  z.strictObject({
    type: z.literal('amendAgenda'),
    items: z.array(agendaItemSchema).min(1).max(200),
  }),
] as const;
