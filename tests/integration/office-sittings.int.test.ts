// The council office end to end over HTTP: a 41-seat council imported from CSV (one bad row first: named, nothing
// stored), a sitting scheduled with six items of different kinds, two PDFs uploaded, the notice posted and e-mailed
// through a real SMTP server (one mail per member and substitute, with the PDFs), the § series running on from the
// previous sitting of the year, and the notice board listing the notice and the adjusted minutes with their dates.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_SITTING_ID } from '../../apps/plenary/src/app/demo-council.ts';
import { runMinutesScript, startMinutesService, type MinutesService } from '../support/minutes.ts';
import { startSmtpCatcher, type SmtpCatcher } from '../support/smtp-catcher.ts';

let smtp: SmtpCatcher;
let m: MinutesService;
let desk: string;

beforeAll(async () => {
  smtp = await startSmtpCatcher();
  m = await startMinutesService({
    mail: { url: smtp.url, from: 'Kansliet <kansliet@sjostad.example.se>' },
  });
  desk = await m.login('sekreterare');
}, 120_000);
afterAll(async () => {
  await m.stop();
  await smtp.close();
});

const json = (method: string, path: string, cookie: string, body?: unknown) =>
  m.service.app.request(path, {
    method,
    headers: { 'content-type': 'application/json', cookie },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });

function pdf(text: string): Uint8Array {
  return new TextEncoder().encode(`%PDF-1.4\n% ${text}\n%%EOF\n`);
}

function members41(bad: boolean): string {
  const rows = ['id;name;party;username;roles;seat;substitute_order;email'];
  for (let n = 1; n <= 41; n++) {
    const party = n % 2 ? 'S' : 'M';
    const seat = bad && n === 17 ? 'sjutton' : String(n);
    rows.push(
      `sn-${n};Ledamot ${n};${party};sn${n};member${n === 1 ? '|chair' : ''};${seat};;sn${n}@sunne.example.se`,
    );
  }
  for (let n = 1; n <= 10; n++)
    rows.push(
      `se-${n};Ersättare ${n};${n % 2 ? 'S' : 'M'};se${n};substitute;;${Math.ceil(n / 2)};se${n}@sunne.example.se`,
    );
  return rows.join('\n');
}
const sunne = {
  body: { id: 'sunne-kf', name: 'Kommunfullmäktige i Sunne kommun', kind: 'council' },
  parties: [
    { id: 'S', abbreviation: 'S', name: 'Socialdemokraterna', color: '#e8112d' },
    { id: 'M', abbreviation: 'M', name: 'Moderaterna', color: '#52bdec' },
  ],
};

describe('the council office', () => {
  it('imports a 41-seat council from CSV: a bad row is named and nothing is stored; the fixed file imports', async () => {
    const bad = await json('POST', '/api/office/council/import', desk, {
      format: 'csv',
      body: sunne,
      members: members41(true),
    });
    expect(bad.status).toBe(400);
    const errors = (await bad.json()) as { ok: false; errors: { path: string; message: string }[] };
    expect(errors.errors).toEqual([
      { path: 'row 18, column seat', message: "'sjutton' is not a seat number" },
    ]);
    const bodies = async () =>
      ((await (await json('GET', '/api/office/bodies', desk)).json()) as { bodies: string[] })
        .bodies;
    expect(await bodies()).not.toContain('sunne-kf');
    const member = await m.login('ledamot05');
    expect(
      (await json('POST', '/api/office/council/import', member, { format: 'json', council: {} }))
        .status,
    ).toBe(403);
    const ok = await json('POST', '/api/office/council/import', desk, {
      format: 'csv',
      body: sunne,
      members: members41(false),
    });
    expect(await ok.json()).toMatchObject({ ok: true, seats: 41, substitutes: 10 });
    expect(await bodies()).toContain('sunne-kf');
  });

  let sittingId = '';
  const items = [
    { id: 'a1', title: 'Val av justerare', kind: 'election', details: { electionMode: 'open' } },
    { id: 'a2', title: 'Årsredovisning 2026', kind: 'matter', caseNumber: 'KS 2026/311' },
    { id: 'a3', title: 'Motion om cykelbanor', kind: 'motion', caseNumber: 'KS 2026/90' },
    { id: 'a4', title: 'Medborgarförslag om badplats', kind: 'citizenProposal' },
    {
      id: 'a5',
      title: 'Interpellation om äldreomsorgen',
      kind: 'interpellation',
      details: { answeredBy: 'Kommunstyrelsens ordförande' },
    },
    { id: 'a6', title: 'Förvärv av fastigheten Kvarnen 3', kind: 'matter', confidential: true },
  ];

  it('schedules a sitting with six items of different kinds and uploads two PDFs stored with their SHA-256', async () => {
    await runMinutesScript(m);
    const refused = await json('POST', '/api/office/sittings', desk, {
      bodyId: 'kf',
      title: 'x',
      startsAt: '2026-12-28T17:00:00+01:00',
      room: 'Salen',
      items: [{ id: 'x', title: 'x', kind: 'party' }],
    });
    expect(refused.status).toBe(400);
    const res = await json('POST', '/api/office/sittings', desk, {
      bodyId: 'kf',
      title: 'Kommunfullmäktiges sammanträde 28 december 2026',
      startsAt: '2026-12-28T17:00:00+01:00',
      room: 'Fullmäktigesalen, Stadshuset',
      remoteReason: 'Ledamot som är sjuk eller på resa får delta på distans.',
      items,
    });
    expect(res.status).toBe(201);
    sittingId = ((await res.json()) as { id: string }).id;
    const upload = async (itemId: string, name: string, bytes: Uint8Array) => {
      const form = new FormData();
      form.set('title', name.replace(/\.pdf$/, ''));
      form.set('file', new File([Buffer.from(bytes)], name, { type: 'application/pdf' }));
      return m.service.app.request(`/api/office/sittings/${sittingId}/items/${itemId}/files`, {
        method: 'POST',
        headers: { cookie: desk },
        body: form,
      });
    };
    const html = new TextEncoder().encode('<script>alert(1)</script>');
    expect((await upload('a2', 'Falsk.pdf', html)).status).toBe(400);
    const first = await upload('a2', 'Årsredovisning 2026.pdf', pdf('årsredovisning'));
    expect(first.status).toBe(201);
    const stored = (await first.json()) as { id: string; sha256: string; size: number };
    expect(stored.sha256).toMatch(/^[0-9a-f]{64}$/);
    const secret = await upload('a6', 'Köpekontrakt.pdf', pdf('sekretess'));
    const secretId = ((await secret.json()) as { id: string }).id;
    // A closed item's file only for those allowed (R13): not the public; a member of the body before the sitting.
    expect((await m.service.app.request(`/api/files/${secretId}`)).status).toBe(401);
    const member = await m.login('ledamot05');
    const got = await m.service.app.request(`/api/files/${secretId}`, {
      headers: { cookie: member },
    });
    expect(got.status).toBe(200);
    expect(got.headers.get('content-type')).toBe('application/pdf');
    const open = await m.service.app.request(`/api/files/${stored.id}`);
    expect(open.status).toBe(200);
    expect(new Uint8Array(await open.arrayBuffer())).toEqual(pdf('årsredovisning'));
    const state = await m.service.engine.state(sittingId);
    expect(state?.items.find((i) => i.id === 'a2')?.documents).toEqual([
      { title: 'Årsredovisning 2026', url: `/api/files/${stored.id}` },
    ]);
    expect(state?.items.map((i) => i.kind)).toEqual(items.map((i) => i.kind));
  });

  it('R02: sends the notice: posted on the board, one mail per member and substitute with the notice and the open PDF', async () => {
    const res = await json('POST', `/api/office/sittings/${sittingId}/notice`, desk);
    expect(res.status).toBe(200);
    const out = (await res.json()) as {
      sent: string[];
      missing: string[];
      failed: unknown[];
      posting: { postedOn: string; removedOn: string };
    };
    const state = await m.service.engine.state(sittingId);
    const recipients = (state?.roster.seats.length ?? 0) + (state?.roster.substitutes.length ?? 0);
    expect(recipients).toBeGreaterThan(61);
    expect(out.sent).toHaveLength(recipients);
    expect(out.missing).toEqual([]);
    const mails = smtp.mails;
    expect(mails).toHaveLength(recipients);
    const to = mails.flatMap((x) => x.to);
    expect(new Set(to).size).toBe(recipients);
    expect(to).toContain('ledamot05@sjostad.example.se');
    for (const mail of mails) {
      expect(mail.raw).toMatch(/filename="?kallelse\.pdf/);
      expect(mail.raw).toMatch(/rsredovisning(%20| )2026\.pdf/);
      // The closed item's document stays out of e-mail (R13).
      expect(mail.raw).not.toMatch(/pekontrakt/);
    }
    expect(out.posting).toEqual({ postedOn: '2026-12-14', removedOn: '2026-12-28' });
  });

  it('R24: the minutes locked, the board lists them beside the notice with the dates posted and taken down', async () => {
    for (const u of ['ordforande', 'ledamot20', 'ledamot44'])
      expect((await m.command({ type: 'approveMinutes' }, await m.login(u))).status).toBe(200);
    const board = (await (await m.service.app.request('/api/public/anslagstavla')).json()) as {
      postings: {
        kind: string;
        sittingId: string;
        postedOn: string;
        removedOn: string;
        url: string;
      }[];
    };
    expect(board.postings.map((p) => [p.kind, p.sittingId, p.postedOn, p.removedOn])).toEqual(
      expect.arrayContaining([
        ['notice', sittingId, '2026-12-14', '2026-12-28'],
        ['minutes', DEMO_SITTING_ID, '2026-12-14', '2027-01-04'],
      ]),
    );
    const atom = await m.service.app.request('/api/public/anslagstavla.atom');
    expect(atom.headers.get('content-type')).toMatch(/application\/atom\+xml/);
    const xml = await atom.text();
    expect(xml).toContain('<feed xmlns="http://www.w3.org/2005/Atom"');
    expect(xml.match(/<entry>/g)).toHaveLength(board.postings.length);
  });

  it('R24: the next sitting of the year opens with the § after the last one of the previous sitting', async () => {
    const demo = await m.service.engine.state(DEMO_SITTING_ID);
    const last = Math.max(...(demo?.items ?? []).map((i) => i.paragraph ?? 0));
    expect(last).toBeGreaterThan(1);
    m.clock.advance(14 * 86_400);
    const open = await m.service.app.request(`/api/sittings/${sittingId}/commands`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: await m.login('sekreterare') },
      body: JSON.stringify({ type: 'openSitting', firstParagraph: 1 }),
    });
    expect(open.status).toBe(200);
    expect((await m.service.engine.state(sittingId))?.sitting.nextParagraph).toBe(last + 1);
  });
});
