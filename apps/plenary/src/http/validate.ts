// The one wrapper over @hono/zod-validator: invalid input answers 400 with the zod issue paths.
import { zValidator } from '@hono/zod-validator';
import type { ValidationTargets } from 'hono';
import type { z } from 'zod';
import { invalidInput } from '@council/shared';

export function validate<T extends z.ZodType, Target extends keyof ValidationTargets>(
  target: Target,
  schema: T,
) {
  return zValidator(target, schema, (result, c) => {
    if (!result.success) return c.json(invalidInput(result.error), 400);
    return undefined;
  });
}
