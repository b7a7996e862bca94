// Login and the signed-in identity as the clients see it.
import { z } from 'zod';
import { freeText } from './text.ts';
import { roles } from './council.ts';

export const loginSchema = z.strictObject({
  username: freeText(64, { min: 1 }),
  password: freeText(200, { min: 1, trim: false }),
});
export type Login = z.infer<typeof loginSchema>;

export const meSchema = z.object({
  personId: z.string(),
  name: z.string(),
  username: z.string(),
  partyId: z.string().nullable(),
  roles: z.array(z.enum(roles)),
  /** Signed in with a temporary password: everything waits until the person chooses their own. */
  mustChangePassword: z.boolean().optional(),
});
export type Me = z.infer<typeof meSchema>;
