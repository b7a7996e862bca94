// The council office's API (/api/office, admin and secretary): import by upload, the council, sittings with their
// agenda, documents per item, the notice. Thin: parse, authorise, call the use case, map the result.
import { toActor } from '../app/auth.ts';
import { Hono } from 'hono';
import { z } from 'zod';
import {
  agendaItemSchema,
  councilEditSchema,
  freeText,
  idText,
  invalidInput,
  isRejection,
  reject,
  UNSAFE_TEXT_MESSAGE,
} from '@council/shared';
import type { Documents } from '../app/documents.ts';
import type { Notices } from '../app/notice.ts';
import type { Office } from '../app/office.ts';
import { sendRejection } from './errors.ts';
import type { PlenaryEnv } from './env.ts';
import { actorId, requireRoles } from './office-auth.ts';
import { validate } from './validate.ts';

/** The agenda as it now stands; documents stay with their items on the server (none are named here). */
const agendaSchema = z.strictObject({
  items: z
    .array(agendaItemSchema.omit({ documents: true }))
    .min(1)
    .max(200),
});
const importSchema = z.discriminatedUnion('format', [
  z.strictObject({ format: z.literal('json'), council: z.unknown() }),
  z.strictObject({
    format: z.literal('csv'),
    body: z.unknown(),
    members: z.string().max(1_000_000),
  }),
]);
const sittingParam = z.object({ id: idText() });
const bodyParam = z.object({ bodyId: idText() });
const fileParam = z.object({ id: idText(), fileId: idText() });
const itemParam = z.object({ id: idText(), itemId: idText() });
const fileName = freeText(200, { min: 1 });
/** A document upload's form: its title and file name are free text like any other (they reach the minutes). */
const uploadForm = z.object({
  title: freeText(200).optional(),
  file: z
    .instanceof(File, { message: 'Välj en fil.' })
    .refine((f) => fileName.safeParse(f.name).success, {
      message: `the file name ${UNSAFE_TEXT_MESSAGE}, 1–200 characters`,
    }),
});

export function officeRoutes(deps: { office: Office; documents: Documents; notices: Notices }) {
  return new Hono<PlenaryEnv>()
    .use(requireRoles('admin', 'secretary'))
    .post('/council/import', validate('json', importSchema), async (c) => {
      const upload = c.req.valid('json');
      const result = await deps.office.importUpload(
        actorId(c),
        upload.format === 'json'
          ? { format: 'json', council: upload.council }
          : { format: 'csv', body: upload.body, members: upload.members },
      );
      return c.json(result, result.ok ? 200 : 400);
    })
    .get('/bodies', async (c) => c.json({ bodies: await deps.office.bodies() }))
    .get('/council/:bodyId', validate('param', bodyParam), async (c) => {
      const out = await deps.office.council(c.req.valid('param').bodyId);
      return isRejection(out) ? sendRejection(c, out) : c.json(out);
    })
    .post(
      '/council/:bodyId/changes',
      validate('param', bodyParam),
      validate('json', councilEditSchema),
      async (c) => {
        const out = await deps.office.editCouncil(
          actorId(c),
          c.req.valid('param').bodyId,
          c.req.valid('json'),
        );
        if (isRejection(out)) return sendRejection(c, out);
        return c.json(out, out.ok ? 200 : 400);
      },
    )
    .get('/sittings', async (c) => {
      const person = c.get('person');
      return c.json({ sittings: await deps.office.sittings(person ? toActor(person) : null) });
    })
    .post('/sittings', async (c) => {
      let body: unknown;
      try {
        body = await c.req.json();
      } catch {
        return sendRejection(
          c,
          reject('INVALID_INPUT', 'Innehållet är inte giltig JSON.', 'The body is not valid JSON.'),
        );
      }
      const out = await deps.office.scheduleSitting(actorId(c), body);
      return isRejection(out) ? sendRejection(c, out) : c.json(out, 201);
    })
    .put(
      '/sittings/:id/agenda',
      validate('param', sittingParam),
      validate('json', agendaSchema),
      async (c) => {
        const person = c.get('person');
        if (!person) return sendRejection(c, reject('UNAUTHENTICATED', 'Logga in först.'));
        const items = c.req.valid('json').items.map((i) => ({ ...i, documents: [] }));
        const out = await deps.office.amendAgenda(toActor(person), c.req.valid('param').id, items);
        return isRejection(out) ? sendRejection(c, out) : c.json(out);
      },
    )
    .post('/sittings/:id/items/:itemId/files', validate('param', itemParam), async (c) => {
      const person = c.get('person');
      if (!person) return sendRejection(c, reject('UNAUTHENTICATED', 'Logga in först.'));
      let form: Record<string, unknown>;
      try {
        form = await c.req.parseBody();
      } catch {
        // Broken multipart framing (no boundary, a part cut off) is the sender's error, not ours.
        return sendRejection(
          c,
          reject('INVALID_INPUT', 'Formuläret kunde inte läsas.', 'The form could not be read.'),
        );
      }
      const parsed = uploadForm.safeParse(form);
      if (!parsed.success) return c.json(invalidInput(parsed.error), 400);
      const { file, title = '' } = parsed.data;
      const name = file.name.trim();
      const { id, itemId } = c.req.valid('param');
      const out = await deps.documents.upload(
        person,
        id,
        itemId,
        (title || name).slice(0, 200),
        name,
        new Uint8Array(await file.arrayBuffer()),
      );
      return isRejection(out) ? sendRejection(c, out) : c.json(out, 201);
    })
    .delete('/sittings/:id/files/:fileId', validate('param', fileParam), async (c) => {
      const person = c.get('person');
      if (!person) return sendRejection(c, reject('UNAUTHENTICATED', 'Logga in först.'));
      const { id, fileId } = c.req.valid('param');
      const out = await deps.documents.remove(person, id, fileId);
      return isRejection(out) ? sendRejection(c, out) : c.json(out);
    })
    .get('/sittings/:id/notice', validate('param', sittingParam), async (c) =>
      c.json(await deps.notices.status(c.req.valid('param').id)),
    )
    .post('/sittings/:id/notice', validate('param', sittingParam), async (c) => {
      const out = await deps.notices.send(actorId(c), c.req.valid('param').id);
      return isRejection(out) ? sendRejection(c, out) : c.json(out);
    });
}

/** Stored documents and the public notice board (JSON and Atom). */
export function fileAndBoardRoutes(deps: { documents: Documents; notices: Notices }) {
  return new Hono<PlenaryEnv>()
    .get('/files/:id', validate('param', sittingParam), async (c) => {
      const out = await deps.documents.read(c.req.valid('param').id, c.get('person'));
      if (isRejection(out)) return sendRejection(c, out);
      return c.body(Buffer.from(out.content), 200, {
        'content-type': out.mediaType,
        'content-length': String(out.size),
        'content-disposition': `inline; filename*=UTF-8''${encodeURIComponent(out.filename)}`,
        'x-content-type-options': 'nosniff',
        'content-security-policy': "sandbox; default-src 'none'",
        etag: `"${out.sha256}"`,
        'cache-control': 'private, no-cache',
      });
    })
    .get('/public/anslagstavla', async (c) => c.json({ postings: await deps.notices.board() }))
    .get('/public/anslagstavla.atom', async (c) => {
      const { boardAtom } = await import('../app/notice.ts');
      const base = new URL(c.req.url).origin;
      const xml = boardAtom(base, await deps.notices.board(), new Date().toISOString());
      return c.body(xml, 200, { 'content-type': 'application/atom+xml; charset=utf-8' });
    });
}
