// The ballot service's own pages at /ballot/ (issue 15: the address the start banner prints showed plenary's start
// page). Server-rendered Swedish HTML with no script: what the service is, where members vote, and a look-up of one
// question's public state with the links a verifier needs. Everything shown here is already public (R22).
import { Hono, type Context } from 'hono';
import { html, raw } from 'hono/html';
import { idText, isRejection, type QuestionView } from '@council/shared';
import type { Operations } from '../app/operations.ts';

const questionId = idText(100);

const statusText: Record<QuestionView['status'], string> = {
  pending: 'Väntar på rösträknarnas signaturer – omröstningen har inte öppnat',
  open: 'Öppen – ledamöterna röstar',
  closing: 'Stängd för röster – rösträknarna räknar',
  closed: 'Avslutad – resultatet och alla valsedlar finns på valsedelstavlan',
};

const style = `
  body { font: 1.125rem/1.5 system-ui, sans-serif; margin: 0; color: #1a1a1a; background: #f6f7f9; }
  main { max-width: 44rem; margin: 0 auto; padding: 1.5rem 1rem 3rem; }
  h1 { font-size: 1.75rem; margin: 0 0 0.75rem; }
  h2 { font-size: 1.25rem; margin: 1.5rem 0 0.5rem; }
  section { background: #fff; border: 1px solid #d0d4da; border-radius: 0.5rem; padding: 1rem; margin-top: 1rem; }
  label { display: block; font-weight: 600; margin-bottom: 0.25rem; }
  input { font: inherit; padding: 0.5rem; width: 100%; box-sizing: border-box; border: 2px solid #5a6270; border-radius: 0.375rem; }
  button { font: inherit; margin-top: 0.75rem; padding: 0.5rem 1.25rem; min-height: 2.75rem; border: 0; border-radius: 0.375rem; background: #1d4f91; color: #fff; cursor: pointer; }
  a { color: #1d4f91; }
  code { overflow-wrap: anywhere; }
  dl { display: grid; grid-template-columns: max-content minmax(0, 1fr); gap: 0.25rem 1rem; }
  dt { font-weight: 600; }
  dd { margin: 0; overflow-wrap: anywhere; }
  .error { color: #8a1c14; font-weight: 600; }
`;

function page(c: Context, title: string, body: ReturnType<typeof html>, status: 200 | 404 = 200) {
  return c.html(
    html`<!doctype html>
      <html lang="sv">
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <title>${title} – Sluten omröstning</title>
          <style>
            ${raw(style)}
          </style>
        </head>
        <body>
          <main>${body}</main>
        </body>
      </html>`,
    status,
  );
}

const lookup = (value = '') =>
  html`<section aria-labelledby="h-lookup">
    <h2 id="h-lookup">Granska en omröstning</h2>
    <form method="get" action="/ballot/fraga">
      <label for="id">Omröstningens id</label>
      <input id="id" name="id" required maxlength="100" value="${value}" autocomplete="off" />
      <button type="submit">Visa</button>
    </form>
  </section>`;

export function pageRoutes(ops: Operations): Hono {
  const app = new Hono({ strict: false });
  app.get('/', (c) =>
    page(
      c,
      'Valtjänsten',
      html`<h1>Sluten omröstning</h1>
        <p>
          Här finns valtjänsten för fullmäktiges slutna omröstningar. Ledamöterna röstar i
          <a href="/member">ledamotsappen</a> när ordföranden har öppnat omröstningen; ingen annan
          sida behövs för att rösta.
        </p>
        <p>
          Valsedlarna är krypterade och skilda från vem som röstade. När omröstningen är avslutad
          publiceras alla valsedlar på omröstningens valsedelstavla, så att vem som helst kan räkna
          om resultatet.
        </p>
        ${lookup()}`,
    ),
  );
  app.get('/fraga', async (c) => {
    const id = questionId.safeParse(c.req.query('id') ?? '');
    if (!id.success)
      return page(
        c,
        'Ogiltigt id',
        html`<h1>Sluten omröstning</h1>
          <p class="error" role="alert">Det är inte ett giltigt id för en omröstning.</p>
          ${lookup()}`,
        404,
      );
    const q = await ops.get(id.data);
    if (isRejection(q))
      return page(
        c,
        'Finns inte',
        html`<h1>Sluten omröstning</h1>
          <p class="error" role="alert">Ingen omröstning har id ${id.data}.</p>
          ${lookup(id.data)}`,
        404,
      );
    const base = `/ballot/api/questions/${encodeURIComponent(q.questionId)}`;
    return page(
      c,
      q.manifest.title,
      html`<h1>${q.manifest.title}</h1>
        <dl>
          <dt>Läge</dt>
          <dd>${statusText[q.status]}</dd>
          <dt>Röstberättigade</dt>
          <dd>${q.counts.eligible}</dd>
          <dt>Har fått valsedel</dt>
          <dd>${q.counts.issued}</dd>
          <dt>Avgivna valsedlar</dt>
          <dd>${q.counts.cast}</dd>
          <dt>Rösträknare</dt>
          <dd>${q.manifest.committee.map((m) => m.name).join(', ')}</dd>
          <dt>Valets id</dt>
          <dd><code>${q.electionId}</code></dd>
        </dl>
        ${
          q.status === 'closed'
            ? html`<p>
                <a href="${base}/board">Valsedelstavlan (JSON)</a> – räkna om den själv med
                <code>npm run verify-ballot</code>.
              </p>`
            : html`<p>Valsedelstavlan publiceras när omröstningen är avslutad.</p>`
        }
        ${lookup(q.questionId)}`,
    );
  });
  return app;
}
