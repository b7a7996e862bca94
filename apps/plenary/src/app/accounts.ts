// Accounts in the council office: the administrator creates them, sets a temporary password or sends a one-time
// link, deactivates them; every change is recorded (who, when, what). Passwords are never stored or logged in clear.
import { randomBytes } from 'node:crypto';
import {
  reject,
  type AccountCreate,
  type AccountUpdate,
  type PasswordSet,
  type Rejection,
} from '@council/shared';
import {
  insertAccount,
  insertPasswordReset,
  listAccounts,
  openPasswordReset,
  updateAccount,
  usePasswordReset,
} from '../db/accounts.repo.ts';
import { deleteSessionsOf, personById, type PersonRow } from '../db/auth.repo.ts';
import type { PlenaryDb } from '../db/client.ts';
import { existingIds } from '../db/council.repo.ts';
import { listChanges, recordChange } from '../db/office-change.repo.ts';
import { tokenHash } from './auth.ts';
import { hashPassword, verifyPassword } from './passwords.ts';

/** A one-time link stays valid three days. */
const LINK_HOURS = 72;

export function createAccounts(deps: { db: PlenaryDb; clock?: () => Date }) {
  const clock = deps.clock ?? (() => new Date());
  const now = () => clock().toISOString();

  async function existing(id: string): Promise<PersonRow | Rejection> {
    const p = await personById(deps.db, id);
    return p ?? reject('NOT_FOUND', `Det finns inget konto ${id}.`, `There is no account ${id}.`);
  }

  return {
    list: () => listAccounts(deps.db),
    history: (subject?: string) => listChanges(deps.db, subject),

    async create(actorId: string, a: AccountCreate): Promise<{ id: string } | Rejection> {
      const ids = await existingIds(deps.db);
      if (ids.personIds.has(a.id))
        return reject('CONFLICT', `Id ${a.id} finns redan.`, `The id ${a.id} is taken.`);
      if (ids.usernames.has(a.username))
        return reject(
          'CONFLICT',
          `Användarnamnet ${a.username} är upptaget.`,
          `The username is taken.`,
        );
      await deps.db.transaction(async (tx) => {
        await insertAccount(tx, a);
        await recordChange(tx, now(), {
          actorId,
          subject: `person:${a.id}`,
          action: 'account.created',
          detail: { name: a.name, username: a.username, roles: a.roles, email: a.email },
        });
      });
      return { id: a.id };
    },

    async update(
      actorId: string,
      id: string,
      u: AccountUpdate,
    ): Promise<{ id: string } | Rejection> {
      const p = await existing(id);
      if ('code' in p) return p;
      await deps.db.transaction(async (tx) => {
        await updateAccount(tx, id, u);
        await recordChange(tx, now(), {
          actorId,
          subject: `person:${id}`,
          action: 'account.updated',
          detail: { ...u },
        });
      });
      return { id };
    },

    async setActive(actorId: string, id: string, active: boolean) {
      const p = await existing(id);
      if ('code' in p) return p;
      if (!active && id === actorId)
        return reject(
          'INVALID_INPUT',
          'Du kan inte stänga av ditt eget konto.',
          'You cannot deactivate your own account.',
        );
      await deps.db.transaction(async (tx) => {
        await updateAccount(tx, id, { active });
        if (!active) await deleteSessionsOf(tx, id);
        await recordChange(tx, now(), {
          actorId,
          subject: `person:${id}`,
          action: active ? 'account.activated' : 'account.deactivated',
        });
      });
      return { id, active };
    },

    /** A temporary password (must be changed at the first sign-in) or a one-time link to choose one. */
    async setPassword(
      actorId: string,
      id: string,
      how: PasswordSet,
    ): Promise<{ id: string; link: string | null; expiresAt: string | null } | Rejection> {
      const p = await existing(id);
      if ('code' in p) return p;
      if (how.mode === 'temporary') {
        const hash = await hashPassword(how.password);
        await deps.db.transaction(async (tx) => {
          await updateAccount(tx, id, {
            passwordHash: hash,
            mustChangePassword: true,
            demoPassword: false,
          });
          await deleteSessionsOf(tx, id);
          await recordChange(tx, now(), {
            actorId,
            subject: `person:${id}`,
            action: 'password.temporary',
          });
        });
        return { id, link: null, expiresAt: null };
      }
      const token = randomBytes(32).toString('base64url');
      const expiresAt = new Date(clock().getTime() + LINK_HOURS * 3600_000).toISOString();
      await deps.db.transaction(async (tx) => {
        await insertPasswordReset(tx, {
          tokenHash: tokenHash(token),
          personId: id,
          createdBy: actorId,
          createdAt: now(),
          expiresAt,
        });
        await recordChange(tx, now(), {
          actorId,
          subject: `person:${id}`,
          action: 'password.link',
          detail: { expiresAt },
        });
      });
      // The token travels in the fragment: it never reaches a server log as part of a URL.
      return { id, link: `/konto/losenord#${token}`, expiresAt };
    },

    async changeOwn(person: PersonRow, current: string, next: string) {
      const ok = person.passwordHash ? await verifyPassword(current, person.passwordHash) : false;
      if (!ok)
        return reject(
          'UNAUTHENTICATED',
          'Det nuvarande lösenordet stämmer inte.',
          'The current password is wrong.',
        );
      if (current === next)
        return reject(
          'INVALID_INPUT',
          'Välj ett annat lösenord än det tillfälliga.',
          'Choose a password other than the current one.',
        );
      const hash = await hashPassword(next);
      await deps.db.transaction(async (tx) => {
        await updateAccount(tx, person.id, {
          passwordHash: hash,
          mustChangePassword: false,
          demoPassword: false,
        });
        await recordChange(tx, now(), {
          actorId: person.id,
          subject: `person:${person.id}`,
          action: 'password.changed',
        });
      });
      return { id: person.id };
    },

    async resetWithLink(token: string, password: string) {
      const hash = tokenHash(token);
      const personId = await openPasswordReset(deps.db, hash, now());
      if (!personId)
        return reject(
          'NOT_FOUND',
          'Länken är använd eller har gått ut: be administratören om en ny.',
          'The link is used or expired.',
        );
      const passwordHash = await hashPassword(password);
      await deps.db.transaction(async (tx) => {
        await usePasswordReset(tx, hash, now());
        await updateAccount(tx, personId, {
          passwordHash,
          mustChangePassword: false,
          demoPassword: false,
        });
        await deleteSessionsOf(tx, personId);
        await recordChange(tx, now(), {
          actorId: personId,
          subject: `person:${personId}`,
          action: 'password.set-by-link',
        });
      });
      return { id: personId };
    },
  };
}

export type Accounts = ReturnType<typeof createAccounts>;
