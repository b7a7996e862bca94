// Accounts in the office (administrator only), and the person's own password: the first-sign-in change and the
// one-time link.
import { Hono } from 'hono';
import { z } from 'zod';
import {
  accountCreateSchema,
  accountUpdateSchema,
  isRejection,
  passwordChangeSchema,
  passwordResetSchema,
  passwordSetSchema,
  reject,
  idText,
} from '@council/shared';
import type { Accounts } from '../app/accounts.ts';
import type { Auth } from '../app/auth.ts';
import { sendRejection } from './errors.ts';
import type { PlenaryEnv } from './env.ts';
import { actorId, requireRoles } from './office-auth.ts';
import { validate } from './validate.ts';

const idParam = z.object({ id: idText() });

export function accountRoutes(accounts: Accounts, auth: Pick<Auth, 'unlock'>) {
  return (
    new Hono<PlenaryEnv>()
      .use(requireRoles('admin'))
      .get('/', async (c) => c.json({ accounts: await accounts.list() }))
      .get('/history', async (c) => c.json({ changes: await accounts.history() }))
      .post('/', validate('json', accountCreateSchema), async (c) => {
        const out = await accounts.create(actorId(c), c.req.valid('json'));
        return isRejection(out) ? sendRejection(c, out) : c.json(out, 201);
      })
      .patch(
        '/:id',
        validate('param', idParam),
        validate('json', accountUpdateSchema),
        async (c) => {
          const out = await accounts.update(
            actorId(c),
            c.req.valid('param').id,
            c.req.valid('json'),
          );
          return isRejection(out) ? sendRejection(c, out) : c.json(out);
        },
      )
      .post(
        '/:id/password',
        validate('param', idParam),
        validate('json', passwordSetSchema),
        async (c) => {
          const out = await accounts.setPassword(
            actorId(c),
            c.req.valid('param').id,
            c.req.valid('json'),
          );
          return isRejection(out) ? sendRejection(c, out) : c.json(out);
        },
      )
      .post('/:id/deactivate', validate('param', idParam), async (c) => {
        const out = await accounts.setActive(actorId(c), c.req.valid('param').id, false);
        return isRejection(out) ? sendRejection(c, out) : c.json(out);
      })
      .post('/:id/activate', validate('param', idParam), async (c) => {
        const out = await accounts.setActive(actorId(c), c.req.valid('param').id, true);
        return isRejection(out) ? sendRejection(c, out) : c.json(out);
      })
      // Lifts the lock after too many wrong passwords (issue 11 item 6): a member is never locked out of a sitting.
      .post('/:id/unlock', validate('param', idParam), async (c) => {
        const out = await auth.unlock(c.req.valid('param').id);
        return isRejection(out) ? sendRejection(c, out) : c.json(out);
      })
  );
}

export function ownPasswordRoutes(accounts: Accounts) {
  return new Hono<PlenaryEnv>()
    .post('/password', validate('json', passwordChangeSchema), async (c) => {
      const person = c.get('person');
      if (!person)
        return sendRejection(c, reject('UNAUTHENTICATED', 'Logga in först.', 'Log in first.'));
      const { current, next } = c.req.valid('json');
      const out = await accounts.changeOwn(person, current, next);
      return isRejection(out) ? sendRejection(c, out) : c.json(out);
    })
    .post('/reset', validate('json', passwordResetSchema), async (c) => {
      const { token, password } = c.req.valid('json');
      const out = await accounts.resetWithLink(token, password);
      return isRejection(out) ? sendRejection(c, out) : c.json(out);
    });
}
