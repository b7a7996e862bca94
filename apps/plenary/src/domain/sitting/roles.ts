// Who may do what, by role: the desk (chair, secretary) runs the sitting; members act only as themselves; the chair's
// powers are the chair's alone. The administrator administers (accounts, the office) and never acts in a sitting (issue 11).
import { reject, type Rejection, type Role } from '@council/shared';
import type { Actor } from './types.ts';

const deskRoles: readonly Role[] = ['chair', 'secretary'];

export function isDesk(actor: Actor): boolean {
  return actor.roles.some((r) => deskRoles.includes(r));
}

export function isChair(actor: Actor): boolean {
  return actor.roles.includes('chair');
}

export function requireDesk(actor: Actor): Rejection | null {
  return isDesk(actor)
    ? null
    : reject(
        'FORBIDDEN',
        'Endast ordföranden eller sekreteraren kan göra detta.',
        'Only the chair or the secretary can do this.',
      );
}

export function requireChair(actor: Actor): Rejection | null {
  return isChair(actor)
    ? null
    : reject(
        'FORBIDDEN',
        'Endast ordföranden kan besluta detta.',
        'Only the chair can decide this.',
      );
}

/** A member acts only as themself; the desk may act on a member's behalf. */
export function requireSelfOrDesk(actor: Actor, personId: string): Rejection | null {
  if (actor.personId === personId || isDesk(actor)) return null;
  return reject('FORBIDDEN', 'Du kan bara agera för dig själv.', 'You can only act for yourself.');
}
