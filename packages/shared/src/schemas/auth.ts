// Login and the signed-in identity as the clients see it.
import { z } from 'zod';
import { roles } from './council.ts';

export const loginSchema = z.strictObject({
  username: z.string().min(1).max(64),
  password: z.string().min(1).max(200),
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
