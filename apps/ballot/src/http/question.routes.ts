// Secret-ballot routes (R21, R22). Thin: parse with zod, call the use case, map the result.
// The cast route is anonymous: it reads no cookie, no Authorization header, and nothing about the client is logged.
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import {
  castRequestSchema,
  closeRequestSchema,
  createQuestionRequestSchema,
  isRejection,
  issueRequestSchema,
  reject,
  signManifestRequestSchema,
  idText,
} from '@council/shared';
import type { Operations } from '../app/operations.ts';
import { parseBody, parseParam, respond } from './errors.ts';

const questionId = idText(100);

export function questionRoutes(ops: Operations): Hono {
  const app = new Hono();
  const limitTo = (maxSize: number) =>
    bodyLimit({
      maxSize,
      onError: (c) => respond(c, reject('PAYLOAD_TOO_LARGE', 'The request body is too large.')),
    });
  const limit = limitTo(1024 * 1024);

  app.post('/questions', limit, async (c) => {
    const body = await parseBody(c, createQuestionRequestSchema);
    if (isRejection(body)) return respond(c, body);
    const r = await ops.create(body);
    return isRejection(r) ? respond(c, r) : c.json(r, 201);
  });

  app.get('/questions/:id', async (c) => {
    const id = parseParam(c.req.param('id'), questionId, 'id');
    if (isRejection(id)) return respond(c, id);
    const r = await ops.get(id);
    return isRejection(r) ? respond(c, r) : c.json(r);
  });

  app.get('/questions/:id/counts', async (c) => {
    const id = parseParam(c.req.param('id'), questionId, 'id');
    if (isRejection(id)) return respond(c, id);
    const r = await ops.counts(id);
    return isRejection(r) ? respond(c, r) : c.json(r);
  });

  app.post('/questions/:id/signatures', limit, async (c) => {
    const id = parseParam(c.req.param('id'), questionId, 'id');
    if (isRejection(id)) return respond(c, id);
    const body = await parseBody(c, signManifestRequestSchema);
    if (isRejection(body)) return respond(c, body);
    const r = await ops.signManifest(id, body);
    return isRejection(r) ? respond(c, r) : c.json(r);
  });

  // Registrar: Authorization: Bearer base64url(canonicalJson(assertion)).base64url(signature)
  app.post('/questions/:id/issue', limitTo(4096), async (c) => {
    const id = parseParam(c.req.param('id'), questionId, 'id');
    if (isRejection(id)) return respond(c, id);
    const body = await parseBody(c, issueRequestSchema);
    if (isRejection(body)) return respond(c, body);
    const auth = c.req.header('authorization');
    const bearer = auth?.startsWith('Bearer ') ? auth.slice('Bearer '.length).trim() : null;
    const r = await ops.issue(id, bearer, body.blinded, body.requestSignature);
    return isRejection(r) ? respond(c, r) : c.json(r);
  });

  // Box: anonymous. Only the body is read.
  app.post('/questions/:id/cast', limitTo(64 * 1024), async (c) => {
    const id = parseParam(c.req.param('id'), questionId, 'id');
    if (isRejection(id)) return respond(c, id);
    const body = await parseBody(c, castRequestSchema);
    if (isRejection(body)) return respond(c, body);
    const r = await ops.cast(id, body);
    return isRejection(r) ? respond(c, r) : c.json(r, 201);
  });

  app.post('/questions/:id/close', limit, async (c) => {
    const id = parseParam(c.req.param('id'), questionId, 'id');
    if (isRejection(id)) return respond(c, id);
    const body = await parseBody(c, closeRequestSchema);
    if (isRejection(body)) return respond(c, body);
    const r = await ops.close(id, body);
    return isRejection(r) ? respond(c, r) : c.json(r);
  });

  app.get('/questions/:id/board', async (c) => {
    const id = parseParam(c.req.param('id'), questionId, 'id');
    if (isRejection(id)) return respond(c, id);
    const r = await ops.board(id);
    return isRejection(r) ? respond(c, r) : c.json(r);
  });

  return app;
}
