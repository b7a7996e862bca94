// The council office's accounts (/kansli): create, set or reset a password, deactivate; and the first-sign-in change.
import { z } from 'zod';
import { emailSchema, personSchema, roles } from './council.ts';

/** A password a person chooses or an administrator sets: long enough to withstand guessing at the rate limit. */
export const newPasswordSchema = z.string().min(10, 'minst 10 tecken').max(200);

export const accountCreateSchema = z.strictObject({
  id: personSchema.shape.id,
  name: personSchema.shape.name,
  username: personSchema.shape.username,
  partyId: personSchema.shape.partyId.default(null),
  roles: z.array(z.enum(roles)).min(1),
  email: emailSchema.nullable().default(null),
});
export type AccountCreate = z.infer<typeof accountCreateSchema>;

export const accountUpdateSchema = z.strictObject({
  name: personSchema.shape.name.optional(),
  roles: z.array(z.enum(roles)).min(1).optional(),
  email: emailSchema.nullable().optional(),
});
export type AccountUpdate = z.infer<typeof accountUpdateSchema>;

/** A temporary password (changed at the first sign-in) or a one-time link the person opens to choose one. */
export const passwordSetSchema = z.discriminatedUnion('mode', [
  z.strictObject({ mode: z.literal('temporary'), password: newPasswordSchema }),
  z.strictObject({ mode: z.literal('link') }),
]);
export type PasswordSet = z.infer<typeof passwordSetSchema>;

export const passwordChangeSchema = z.strictObject({
  current: z.string().min(1).max(200),
  next: newPasswordSchema,
});

export const passwordResetSchema = z.strictObject({
  token: z.string().min(20).max(200),
  password: newPasswordSchema,
});

export interface AccountRow {
  id: string;
  name: string;
  username: string;
  partyId: string | null;
  roles: (typeof roles)[number][];
  email: string | null;
  active: boolean;
  hasPassword: boolean;
  mustChangePassword: boolean;
  lastLoginAt: string | null;
  /** An identity provider's subject linked to the account (eID, OIDC); null until one is linked. */
  linkedIdentity: string | null;
}
