// Commands that run the sitting itself: open, move between items, adjourn (R15), resume, close, hand out documents (R08).
import { z } from 'zod';
import { documentSchema } from './council.ts';

const itemId = z.string().min(1).max(64);

export const sittingCommandSchemas = [
  z.strictObject({ type: z.literal('openSitting') }),
  z.strictObject({ type: z.literal('startItem'), itemId }),
  z.strictObject({
    type: z.literal('adjourn'),
    reason: z.string().min(1).max(500),
    resumesAt: z.iso.datetime({ offset: true }).nullable().default(null),
  }),
  z.strictObject({ type: z.literal('resume') }),
  z.strictObject({ type: z.literal('closeSitting') }),
  z.strictObject({ type: z.literal('handOutDocument'), itemId, document: documentSchema }),
] as const;
