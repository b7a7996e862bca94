// Who may use the council office: the administrator (accounts) and the secretary (council, sittings, notices).
import type { Context, Next } from 'hono';
import { reject, type Role } from '@council/shared';
import { sendRejection } from './errors.ts';
import type { PlenaryEnv } from './env.ts';

export function requireRoles(...roles: Role[]) {
  return async (c: Context<PlenaryEnv>, next: Next) => {
    const person = c.get('person');
    if (!person)
      return sendRejection(c, reject('UNAUTHENTICATED', 'Logga in först.', 'Log in first.'));
    if (!person.roles.some((r) => roles.includes(r)))
      return sendRejection(
        c,
        reject(
          'FORBIDDEN',
          'Kansliet är till för administratören och sekreteraren.',
          'The office is for the administrator and the secretary.',
        ),
      );
    return next();
  };
}

/** The signed-in person's id (the middleware above ran). */
export function actorId(c: Context<PlenaryEnv>): string {
  return c.get('person')?.id ?? '';
}
