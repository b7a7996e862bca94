// Commands of the debate module (filled in by its issue).
import { z } from 'zod';

export const debateCommandSchemas = [
  z.strictObject({ type: z.literal('debatePlaceholder') }),
] as const;
