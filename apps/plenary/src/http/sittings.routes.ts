// Sittings: the public view (no login), the member/desk state, missed events and commands (login required).
import { Hono } from 'hono';
import { z } from 'zod';
import { reject, idText } from '@council/shared';
import { runCommand } from '../app/commands.ts';
import type { SittingEngine } from '../app/sitting-engine.ts';
import type { PlenaryDb } from '../db/client.ts';
import { listSittings } from '../db/council.repo.ts';
import { latestSignedHead, signedHeads } from '../db/sitting-event.repo.ts';
import { publicView } from '../domain/sitting/public-view.ts';
import { projectEvents } from '../domain/projection/events.ts';
import { projectState } from '../domain/projection/state.ts';
import { toActor } from '../app/auth.ts';
import { sendRejection } from './errors.ts';
import type { PlenaryEnv } from './env.ts';
import { validate } from './validate.ts';
import type { LiveViewOverlay } from '../realtime/io.ts';

const sittingParam = z.object({ id: idText() });
const sinceQuery = z.object({ since: z.coerce.number().int().nonnegative().default(0) });

export function publicSittingRoutes(deps: {
  db: PlenaryDb;
  engine: SittingEngine;
  liveView?: LiveViewOverlay | undefined;
}) {
  return (
    new Hono<PlenaryEnv>()
      .get('/sittings', async (c) => {
        const rows = await listSittings(deps.db);
        const sittings = await Promise.all(
          rows.map(async (r) => {
            const state = await deps.engine.state(r.id);
            return {
              id: r.id,
              title: r.title,
              bodyName: r.bodyName,
              startsAt: new Date(r.startsAt).toISOString(),
              room: r.room,
              status: state?.sitting.status ?? 'scheduled',
            };
          }),
        );
        return c.json({ sittings });
      })
      .get('/sittings/:id', validate('param', sittingParam), async (c) => {
        const state = await deps.engine.state(c.req.valid('param').id);
        if (!state)
          return sendRejection(
            c,
            reject('NOT_FOUND', 'Det finns inget sådant sammanträde.', 'There is no such sitting.'),
          );
        const view = publicView(state, deps.engine.signedHead(state.sitting.id));
        return c.json(deps.liveView ? deps.liveView.overlay(view, state.sitting.id) : view);
      })
      // The log's signed heads (issue 11 item 4): save the latest (or all) to check the log later with verify-log.
      .get('/sittings/:id/log-head', validate('param', sittingParam), async (c) => {
        const id = c.req.valid('param').id;
        // state() first: it signs the head of a log written before heads were signed.
        const head = (await deps.engine.state(id)) ? await latestSignedHead(deps.db, id) : null;
        if (!head)
          return sendRejection(
            c,
            reject(
              'NOT_FOUND',
              'Sammanträdets logg har inget signerat huvud.',
              'This sitting has no signed log head.',
            ),
          );
        return c.json(head);
      })
      .get('/sittings/:id/log-heads', validate('param', sittingParam), async (c) => {
        const id = c.req.valid('param').id;
        if (!(await deps.engine.state(id)))
          return sendRejection(
            c,
            reject('NOT_FOUND', 'Det finns inget sådant sammanträde.', 'There is no such sitting.'),
          );
        return c.json({ heads: await signedHeads(deps.db, id) });
      })
  );
}

export function sittingRoutes(deps: { engine: SittingEngine }) {
  return new Hono<PlenaryEnv>()
    .use(async (c, next) => {
      if (!c.get('person'))
        return sendRejection(c, reject('UNAUTHENTICATED', 'Logga in först.', 'Log in first.'));
      return next();
    })
    .get('/:id', validate('param', sittingParam), async (c) => {
      const person = c.get('person');
      const state = await deps.engine.state(c.req.valid('param').id);
      if (!state || !person)
        return sendRejection(
          c,
          reject('NOT_FOUND', 'Det finns inget sådant sammanträde.', 'There is no such sitting.'),
        );
      return c.json({ seq: state.seq, state: projectState(state, toActor(person)) });
    })
    .get(
      '/:id/events',
      validate('param', sittingParam),
      validate('query', sinceQuery),
      async (c) => {
        const person = c.get('person');
        const id = c.req.valid('param').id;
        const state = await deps.engine.state(id);
        if (!state || !person)
          return sendRejection(
            c,
            reject('NOT_FOUND', 'Det finns inget sådant sammanträde.', 'There is no such sitting.'),
          );
        // Up to the state read: the projection needs the state after the events it filters (R13).
        const events = (await deps.engine.eventsSince(id, c.req.valid('query').since)).filter(
          (e) => e.seq <= state.seq,
        );
        return c.json(projectEvents(state, toActor(person), events));
      },
    )
    .post('/:id/commands', validate('param', sittingParam), async (c) => {
      let body: unknown;
      try {
        body = await c.req.json();
      } catch {
        return sendRejection(
          c,
          reject('INVALID_INPUT', 'Innehållet är inte giltig JSON.', 'The body is not valid JSON.'),
        );
      }
      const result = await runCommand(deps.engine, c.req.valid('param').id, body, c.get('person'));
      if (!result.ok) return sendRejection(c, result.error);
      return c.json(result.data);
    });
}
