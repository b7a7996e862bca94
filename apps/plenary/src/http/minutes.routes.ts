// The minutes (R24) for signed-in people: JSON, HTML, PDF, DOCX, the voting list as CSV, corrections; and the public
// open data of finished sittings: our record and Popolo at stable URLs, with the record's JSON Schema.
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { reject, sittingRecordSchema, idText } from '@council/shared';
import { minutesDocx } from '../app/minutes/docx.ts';
import { correctionHtml, minutesHtml } from '../app/minutes/html.ts';
import { popolo, sittingRecord } from '../app/minutes/open-data.ts';
import { minutesPdf } from '../app/minutes/pdf.ts';
import { votingListCsv } from '../app/minutes/csv.ts';
import { loadMinutesView, type MinutesView } from '../app/minutes/view.ts';
import type { SittingEngine } from '../app/sitting-engine.ts';
import type { PlenaryDb } from '../db/client.ts';
import { listSittings } from '../db/council.repo.ts';
import { signedHeads } from '../db/sitting-event.repo.ts';
import { toActor } from '../app/auth.ts';
import { mayReadDraftMinutes, PUBLIC, type Viewer } from '../domain/projection/viewer.ts';
import { sendRejection } from './errors.ts';
import type { PlenaryEnv } from './env.ts';
import { validate } from './validate.ts';

const sittingParam = z.object({ id: idText() });
const langQuery = z.object({ lang: z.enum(['sv', 'en']).default('sv') });

async function load(
  engine: SittingEngine,
  sittingId: string,
  viewer: Viewer,
): Promise<MinutesView | null> {
  return loadMinutesView(engine, sittingId, viewer);
}

function fileName(view: MinutesView, ext: string): string {
  return `protokoll-${view.document.sittingId}.${ext}`;
}

export function minutesRoutes(deps: {
  db: PlenaryDb;
  engine: SittingEngine;
  /** The public half of the log-signing key, published with the open data's signed heads. */
  logKey?: { publicKeyHex: string; keyId: string } | undefined;
}) {
  const signedIn = async (c: Context<PlenaryEnv>, id: string): Promise<MinutesView | Response> => {
    const person = c.get('person');
    if (!person)
      return sendRejection(c, reject('UNAUTHENTICATED', 'Logga in först.', 'Log in first.'));
    const state = await deps.engine.state(id);
    if (!state)
      return sendRejection(
        c,
        reject('NOT_FOUND', 'Sammanträdet finns inte.', 'There is no such sitting.'),
      );
    // The draft is for the body and the desk; anyone else (administrator, election committee) reads what the public
    // reads: the adjusted minutes, in the public's projection.
    const viewer = toActor(person);
    const drafts = mayReadDraftMinutes(state, viewer);
    const view = await load(deps.engine, id, drafts ? viewer : PUBLIC);
    if (!view)
      return sendRejection(
        c,
        reject('NOT_FOUND', 'Sammanträdet finns inte.', 'There is no such sitting.'),
      );
    if (!drafts && view.status !== 'locked')
      return sendRejection(
        c,
        reject(
          'FORBIDDEN',
          'Endast ledamöter, ersättare och presidiet läser protokollet före justering.',
          'Only the body and the desk read the minutes before adjustment.',
        ),
      );
    return view;
  };
  const finished = async (c: Context<PlenaryEnv>, id: string): Promise<MinutesView | Response> => {
    const view = await load(deps.engine, id, PUBLIC);
    if (!view)
      return sendRejection(
        c,
        reject('NOT_FOUND', 'Sammanträdet finns inte.', 'There is no such sitting.'),
      );
    if (view.status === 'preview')
      return sendRejection(
        c,
        reject(
          'INVALID_STATE',
          'Sammanträdet är inte avslutat.',
          'The sitting is not finished yet.',
        ),
      );
    return view;
  };

  return new Hono<PlenaryEnv>()
    .get('/sittings/:id/minutes', validate('param', sittingParam), async (c) => {
      const view = await signedIn(c, c.req.valid('param').id);
      return view instanceof Response ? view : c.json(view);
    })
    .get(
      '/sittings/:id/minutes.html',
      validate('param', sittingParam),
      validate('query', langQuery),
      async (c) => {
        const view = await signedIn(c, c.req.valid('param').id);
        return view instanceof Response
          ? view
          : c.html(minutesHtml(view, c.req.valid('query').lang));
      },
    )
    .get(
      '/sittings/:id/minutes.pdf',
      validate('param', sittingParam),
      validate('query', langQuery),
      async (c) => {
        const view = await signedIn(c, c.req.valid('param').id);
        if (view instanceof Response) return view;
        const pdf = await minutesPdf(view, c.req.valid('query').lang);
        return c.body(new Uint8Array(pdf), 200, {
          'Content-Type': 'application/pdf',
          'Content-Disposition': `inline; filename="${fileName(view, 'pdf')}"`,
        });
      },
    )
    .get(
      '/sittings/:id/minutes.docx',
      validate('param', sittingParam),
      validate('query', langQuery),
      async (c) => {
        const view = await signedIn(c, c.req.valid('param').id);
        if (view instanceof Response) return view;
        const docx = await minutesDocx(view, c.req.valid('query').lang);
        return c.body(new Uint8Array(docx), 200, {
          'Content-Type': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
          'Content-Disposition': `attachment; filename="${fileName(view, 'docx')}"`,
        });
      },
    )
    .get('/sittings/:id/minutes/voting-list.csv', validate('param', sittingParam), async (c) => {
      const view = await signedIn(c, c.req.valid('param').id);
      if (view instanceof Response) return view;
      return c.body(votingListCsv(view.document), 200, {
        'Content-Type': 'text/csv; charset=utf-8',
        'Content-Disposition': `attachment; filename="voteringslista-${view.document.sittingId}.csv"`,
      });
    })
    .get(
      '/sittings/:id/minutes/corrections/:correctionId',
      validate('param', sittingParam.extend({ correctionId: idText() })),
      async (c) => {
        const view = await signedIn(c, c.req.valid('param').id);
        if (view instanceof Response) return view;
        const html = correctionHtml(view, c.req.valid('param').correctionId);
        return html
          ? c.html(html)
          : sendRejection(
              c,
              reject('NOT_FOUND', 'Rättelsen finns inte.', 'There is no such correction.'),
            );
      },
    )
    .get('/public/sittings/:id/record.json', validate('param', sittingParam), async (c) => {
      const id = c.req.valid('param').id;
      const view = await finished(c, id);
      if (view instanceof Response) return view;
      const anchor = deps.logKey
        ? {
            publicKey: deps.logKey.publicKeyHex,
            keyId: deps.logKey.keyId,
            heads: await signedHeads(deps.db, id),
          }
        : undefined;
      return c.json(sittingRecord(view, anchor));
    })
    .get('/public/sittings/:id/popolo.json', validate('param', sittingParam), async (c) => {
      const view = await finished(c, c.req.valid('param').id);
      return view instanceof Response ? view : c.json(popolo(view));
    })
    .get('/public/sittings/:id/minutes.html', validate('param', sittingParam), async (c) => {
      // Adjusted minutes are a public document; before adjustment only the signed-in see the draft.
      const view = await finished(c, c.req.valid('param').id);
      if (view instanceof Response) return view;
      if (view.status !== 'locked')
        return sendRejection(
          c,
          reject(
            'INVALID_STATE',
            'Protokollet är inte justerat än.',
            'The minutes are not adjusted yet.',
          ),
        );
      return c.html(minutesHtml(view));
    })
    .get('/public/schemas/record.json', (c) =>
      c.json(z.toJSONSchema(sittingRecordSchema, { target: 'draft-2020-12', io: 'output' })),
    )
    .get('/public/open-data', async (c) => {
      const rows = await listSittings(deps.db);
      const sittings = [];
      for (const r of rows) {
        const state = await deps.engine.state(r.id);
        if (state?.sitting.status !== 'closed') continue;
        sittings.push({
          id: r.id,
          title: r.title,
          body: r.bodyName,
          record: `/api/public/sittings/${r.id}/record.json`,
          popolo: `/api/public/sittings/${r.id}/popolo.json`,
        });
      }
      return c.json({ schema: '/api/public/schemas/record.json', sittings });
    });
}
