// Commands of the decision module (filled in by its issue).
import { z } from 'zod';

export const decisionCommandSchemas = [
  z.strictObject({ type: z.literal('decisionPlaceholder') }),
] as const;
