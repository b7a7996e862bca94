// The office links people to their identities at the identity provider (issue 17; administrator only). The /kansli
// screens call these: GET /api/office/identities/:personId, PUT and DELETE /api/office/identities.
import { Hono } from 'hono';
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { identityLinkSchema, identityUnlinkSchema, idText, reject } from '@council/shared';
import type { PlenaryDb } from '../db/client.ts';
import { identitiesOf, linkIdentity, unlinkIdentity } from '../db/identity.repo.ts';
import { person } from '../db/schema.ts';
import { sendRejection } from './errors.ts';
import type { PlenaryEnv } from './env.ts';
import { requireRoles } from './office-auth.ts';
import { validate } from './validate.ts';

export function identityRoutes(deps: { db: PlenaryDb }) {
  const exists = async (id: string) =>
    (await deps.db.select({ id: person.id }).from(person).where(eq(person.id, id))).length > 0;
  return new Hono<PlenaryEnv>()
    .use(requireRoles('admin'))
    .get('/:personId', validate('param', z.object({ personId: idText() })), async (c) =>
      c.json({ identities: await identitiesOf(deps.db, c.req.valid('param').personId) }),
    )
    .put('/', validate('json', identityLinkSchema), async (c) => {
      const link = c.req.valid('json');
      if (!(await exists(link.personId)))
        return sendRejection(c, reject('NOT_FOUND', 'Personen finns inte.', 'No such person.'));
      await linkIdentity(deps.db, link);
      return c.json({ identities: await identitiesOf(deps.db, link.personId) });
    })
    .delete('/', validate('json', identityUnlinkSchema), async (c) => {
      const { issuer, subject } = c.req.valid('json');
      return (await unlinkIdentity(deps.db, issuer, subject))
        ? c.body(null, 204)
        : sendRejection(c, reject('NOT_FOUND', 'Identiteten är inte kopplad.', 'Not linked.'));
    });
}
