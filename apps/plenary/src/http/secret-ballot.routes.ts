// Secret ballot in the sitting (R21, R22): create a question from the current item, a voter assertion for a member on the
// frozen roll, and recording the verified result. Ballots themselves never pass through plenary: the member's browser
// asks the registrar and casts into the box at /ballot directly.
import type { Hono } from 'hono';
import { z } from 'zod';
import {
  createSecretBallotRequestSchema,
  isRejection,
  recordPhysicalDrawRequestSchema,
  reject,
  submitShareRequestSchema,
  idText,
} from '@council/shared';
import { toActor } from '../app/auth.ts';
import type { SecretBallots } from '../app/secret-ballot.ts';
import { sendRejection } from './errors.ts';
import type { PlenaryEnv } from './env.ts';
import { validate } from './validate.ts';

const params = z.object({ id: idText(), questionId: idText(100) });
const sittingParam = z.object({ id: idText() });

export function secretBallotRoutes(app: Hono<PlenaryEnv>, ballots: SecretBallots): void {
  const unauthenticated = reject('UNAUTHENTICATED', 'Logga in först.', 'Log in first.');

  app.post(
    '/api/sittings/:id/secret-ballots',
    validate('param', sittingParam),
    validate('json', createSecretBallotRequestSchema),
    async (c) => {
      const person = c.get('person');
      if (!person) return sendRejection(c, unauthenticated);
      const r = await ballots.create(c.req.valid('param').id, toActor(person), c.req.valid('json'));
      return isRejection(r) ? sendRejection(c, r) : c.json(r, 201);
    },
  );

  app.post(
    '/api/sittings/:id/secret-ballots/:questionId/assertion',
    validate('param', params),
    async (c) => {
      const person = c.get('person');
      if (!person) return sendRejection(c, unauthenticated);
      const { id, questionId } = c.req.valid('param');
      const r = await ballots.assertion(id, toActor(person), questionId);
      c.header('Cache-Control', 'no-store');
      return isRejection(r) ? sendRejection(c, r) : c.json(r);
    },
  );

  app.post(
    '/api/sittings/:id/secret-ballots/:questionId/share',
    validate('param', params),
    validate('json', submitShareRequestSchema),
    async (c) => {
      const person = c.get('person');
      if (!person) return sendRejection(c, unauthenticated);
      const { id, questionId } = c.req.valid('param');
      const r = await ballots.submitShare(id, toActor(person), questionId, c.req.valid('json'));
      return isRejection(r) ? sendRejection(c, r) : c.json(r);
    },
  );

  app.post(
    '/api/sittings/:id/secret-ballots/:questionId/draw',
    validate('param', params),
    validate('json', recordPhysicalDrawRequestSchema),
    async (c) => {
      const person = c.get('person');
      if (!person) return sendRejection(c, unauthenticated);
      const { id, questionId } = c.req.valid('param');
      const r = await ballots.recordDraw(id, toActor(person), questionId, c.req.valid('json'));
      return isRejection(r) ? sendRejection(c, r) : c.json(r);
    },
  );

  app.post(
    '/api/sittings/:id/secret-ballots/:questionId/result',
    validate('param', params),
    async (c) => {
      const person = c.get('person');
      if (!person) return sendRejection(c, unauthenticated);
      const { id, questionId } = c.req.valid('param');
      const r = await ballots.record(id, toActor(person), questionId);
      return isRejection(r) ? sendRejection(c, r) : c.json(r);
    },
  );
}
