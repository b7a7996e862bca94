// Issue 14's whole story in Chromium, at the size of a real council (Sunne KF, 41 seats and 10 substitutes): the
// administrator imports the council from CSV in the page (one bad row first: named, nothing stored), sets a member's
// temporary password in the page and the member signs in with it and must choose their own; the secretary schedules
// a sitting with six items of six kinds, uploads two PDFs and sends the notice through a real SMTP server (one mail per
// member and substitute, each with the notice and both PDFs); the public notice board lists the notice with its dates.
// Then the clock moves to the sitting day: an earlier sitting of the body that year gave §§ 1–2, the sitting is held
// (the desk's commands over HTTP, as its screens send them; those screens have their own e2e), the chair and the two
// adjusters approve, and the minutes lock with §§ 3–8; the desk shows the lock, the minutes read §§ 3–8, and the public
// board and its Atom feed list the notice and the adjusted minutes with their days posted and taken down.
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { e2eAvailable, screenshotDir } from '../support/e2e.ts';
import {
  agendaItems,
  fillAgenda,
  officeStore,
  openCouncilImport,
  stockholmDay,
  sunneCouncil,
  sunneMembersCsv,
  sunneRecipients,
  useOfficeE2E,
} from '../support/office.ts';

const SEATS = 41;
const SUBSTITUTES = 10;
const council = sunneCouncil(['S', 'M', 'C']);

/** The members CSV; with `bad`, member 17's seat is a word (the file's row 18, after the header). */
const membersCsv = (bad: boolean) =>
  sunneMembersCsv({
    seats: SEATS,
    substitutes: SUBSTITUTES,
    partyOf: (n) => (['S', 'M', 'C'] as const)[n % 3] ?? 'S',
    orderOf: (n) => Math.ceil(n / 3),
    ...(bad ? { bad: { member: 17, seat: 'sjutton' } } : {}),
  });

const pdfs = [
  {
    item: 'p2',
    title: 'Årsredovisning 2026',
    file: 'Årsredovisning 2026.pdf',
    body: Buffer.from('%PDF-1.4\n% Årsredovisning 2026 för Sunne kommun\n%%EOF\n', 'utf8'),
  },
  {
    item: 'p3',
    title: 'Motion om cykelbanor',
    file: 'motion-cykelbanor.pdf',
    body: Buffer.from('%PDF-1.4\n% Motion om cykelbanor längs Fryken\n%%EOF\n', 'utf8'),
  },
];

const slow = { timeout: 30_000 };

/** The day `days` after a Swedish day (YYYY-MM-DD). */
function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T12:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** A Swedish wall-clock day and time as an instant (winter or summer time). */
function stockholmIso(day: string, time: string): string {
  for (const offset of ['+01:00', '+02:00']) {
    const iso = `${day}T${time}:00${offset}`;
    const wall = new Date(iso).toLocaleString('sv-SE', { timeZone: 'Europe/Stockholm' });
    if (wall.startsWith(`${day} ${time}`)) return iso;
  }
  throw new Error(`${day} ${time} is not a time in Stockholm`);
}

/** The server's clock: the real time until the test moves it to the sitting day. */
let offsetMs = 0;
function moveClockTo(iso: string): void {
  offsetMs = Date.parse(iso) - Date.now();
}

describe.runIf(e2eAvailable())('the council office, the whole story at 41 seats (Chromium)', () => {
  const office = useOfficeE2E({ clock: () => new Date(Date.now() + offsetMs) });

  it('the administrator imports 41 seats from CSV in the page: the bad row is named and nothing stored, then the fixed file', async () => {
    const { page } = await office.e2e.user('admin', '/kansli');
    const { importCsv } = await openCouncilImport(page, council);
    await importCsv(membersCsv(true));
    const errors = page.getByTestId('import-errors');
    await expect.poll(() => errors.textContent()).toContain('row 18, column seat');
    expect(await errors.locator('li').count()).toBe(1);
    const { bodies, usernames } = officeStore(page);
    expect(await bodies()).not.toContain('sunne-kf');
    expect(await usernames()).not.toContain('sn1');

    await importCsv(membersCsv(false));
    await expect
      .poll(() => page.getByText(`Importerat: ${SEATS} platser, ${SUBSTITUTES} ersättare`).count())
      .toBe(1);
    expect(await bodies()).toContain('sunne-kf');
    expect(await page.getByTestId('council-seats').locator('tbody tr').count()).toBe(SEATS);
    await office.e2e.shot(page, 'office-41-imported');
  }, 300_000);

  it("the administrator sets a member's temporary password in the page; the member signs in with it and must choose their own", async () => {
    const { page } = await office.e2e.user('admin', '/kansli');
    await page.getByRole('button', { name: 'Konton' }).click();
    const row = page.locator('tr[data-account="sn7"]');
    await expect.poll(() => row.count()).toBe(1);
    const status = row.locator('td').nth(3);
    expect(await status.textContent()).toContain('inget lösenord');
    const temporary = 'Tillfalligt-Sunne-7';
    await row.getByLabel('Tillfälligt lösenord Ledamot 7 Sunne', { exact: true }).fill(temporary);
    await row.getByRole('button', { name: 'Sätt tillfälligt lösenord' }).click();
    await expect
      // scrypt on a loaded machine: seconds, not the poll's default second.
      .poll(() => page.getByText('Tillfälligt lösenord satt för Ledamot 7 Sunne').count(), slow)
      .toBe(1);
    await expect.poll(() => status.textContent(), slow).toContain('tillfälligt lösenord');

    const member = await office.e2e.user(undefined, '/member');
    const m = member.page;
    await m.getByLabel(/Användarnamn/).fill('sn7');
    await m.getByLabel(/Lösenord/).fill(temporary);
    await m.getByRole('button', { name: /Logga in/ }).click();
    await expect
      .poll(() => m.getByRole('heading', { name: 'Välj ditt lösenord' }).count(), slow)
      .toBe(1);
    const own = 'Fryken-i-solnedgang-2026';
    await m.getByLabel('Nuvarande (tillfälligt) lösenord').fill(temporary);
    await m.getByLabel('Nytt lösenord (minst 10 tecken)').fill(own);
    await m.getByLabel('Upprepa det nya lösenordet').fill(own);
    await m.getByRole('button', { name: 'Spara lösenordet' }).click();
    // The member app, signed in as themself, with nothing more to change.
    await m.waitForURL('**/member', slow);
    await expect
      .poll(() => m.getByRole('heading', { name: 'Välj ditt lösenord' }).count(), slow)
      .toBe(0);
    const me = (await (await m.request.get('/api/auth/me')).json()) as Record<string, unknown>;
    expect(me).toMatchObject({ personId: 'sn-7', name: 'Ledamot 7 Sunne' });
    expect(me).not.toHaveProperty('mustChangePassword');
    await office.e2e.shot(m, 'office-41-member-signed-in');
    // Their own password signs them in from now on; the temporary one no longer does.
    const login = (password: string) =>
      m.request.post('/api/auth/login', { data: { username: 'sn7', password } });
    expect((await login(own)).status()).toBe(200);
    expect((await login(temporary)).status()).toBe(401);
    const account = (
      (await (await page.request.get('/api/office/accounts')).json()) as {
        accounts: { username: string; mustChangePassword: boolean; lastLoginAt: string | null }[];
      }
    ).accounts.find((a) => a.username === 'sn7');
    expect(account).toMatchObject({ mustChangePassword: false });
    expect(account?.lastLoginAt).toBeTruthy();
  }, 300_000);

  const title = 'Kommunfullmäktiges sammanträde i december';
  let sittingDay = '';

  it('the secretary schedules a sitting with six items of six kinds, uploads two PDFs and sends the notice: one mail per member and substitute, each with the notice and both PDFs', async () => {
    const { page } = await office.e2e.user('sekreterare', '/kansli');
    await page.getByRole('button', { name: 'Sammanträden' }).click();
    const form = page.getByTestId('sitting-form');
    await form.locator('select[name="bodyId"]').selectOption('sunne-kf');
    await form.locator('input[name="title"]').fill(title);
    sittingDay = stockholmDay(new Date(Date.now() + 21 * 86_400_000));
    await form.locator('input[name="date"]').fill(sittingDay);
    await form.locator('input[name="time"]').fill('18:00');
    await form.locator('input[name="room"]').fill('Fullmäktigesalen, Kommunhuset');
    await form
      .locator('textarea[name="remoteReason"]')
      .fill('Ledamot som är sjuk eller på resa får delta på distans.');
    const item = agendaItems(form);
    await fillAgenda(form, [
      item.election('Val av justerare'),
      item.withCase('Ärende', 'Årsredovisning 2026', 'KS 2026/311'),
      item.withCase('Motion', 'Motion om cykelbanor', 'KS 2026/402'),
      item.withCase(
        'Medborgarförslag',
        'Medborgarförslag om en badplats vid Fryken',
        'KS 2026/415',
      ),
      item.interpellation('Interpellation om äldreomsorgen', 'Ledamot 4 Sunne'),
      item.report('Anmälan av inkomna motioner'),
    ]);
    await form.getByRole('button', { name: 'Lägg upp sammanträdet' }).click();
    await expect.poll(() => page.getByText(`Sammanträdet "${title}" är upplagt.`).count()).toBe(1);
    const detail = page.getByTestId('sitting-detail');
    const agenda = detail.getByTestId('sitting-items').locator(':scope > li');
    await expect.poll(() => agenda.count()).toBe(6);
    const kinds = (await agenda.allTextContents()).map((x) => x.trim().split(/\s+/)[0]);
    expect(kinds).toEqual([
      'Val',
      'Ärende',
      'Motion',
      'Medborgarförslag',
      'Interpellation',
      'Anmälan',
    ]);
    expect(await detail.textContent()).toContain(`${sittingDay} 18:00`);

    for (const p of pdfs) {
      await detail.getByLabel(`Handling: ${p.title}`, { exact: true }).setInputFiles({
        name: p.file,
        mimeType: 'application/pdf',
        buffer: p.body,
      });
      await detail.getByRole('button', { name: `Ladda upp: ${p.title}`, exact: true }).click();
      await expect
        .poll(() => detail.locator(`[data-item="${p.item}"]`).getByTestId('item-files').count())
        .toBe(1);
    }
    await office.e2e.shot(page, 'office-41-sitting');

    await page.getByTestId('send-notice').click();
    const deliveries = page.getByTestId('notice-deliveries');
    await expect
      .poll(() => deliveries.locator('tbody tr').count(), { timeout: 120_000 })
      .toBe(SEATS + SUBSTITUTES);
    expect(await deliveries.getByText('misslyckades').count()).toBe(0);
    const today = stockholmDay(new Date());
    expect(await page.getByTestId('notice-posting').textContent()).toContain(
      `Anslagen ${today}, tas ned ${sittingDay}.`,
    );
    expect(office.smtp.mails.flatMap((m) => m.to).sort()).toEqual(
      sunneRecipients(SEATS, SUBSTITUTES),
    );
    for (const mail of office.smtp.mails) {
      expect(mail.raw).toMatch(/filename="?kallelse\.pdf/);
      expect(mail.raw).toMatch(/rsredovisning(%20| )2026\.pdf/);
      expect(mail.raw).toMatch(/motion-cykelbanor\.pdf/);
    }
    await office.e2e.shot(page, 'office-41-notice');
  }, 300_000);

  it('the public notice board lists the notice with the day posted and the day taken down', async () => {
    const { page } = await office.e2e.user(undefined, '/anslagstavla');
    const notice = page
      .getByTestId('board-postings')
      .locator('li[data-kind="notice"]', { hasText: title });
    await expect.poll(() => notice.count()).toBe(1);
    const text = ((await notice.textContent()) ?? '').replace(/\s+/g, ' ');
    expect(text).toContain(`Anslagen ${stockholmDay(new Date())}`);
    expect(text).toContain(`Tas ned ${sittingDay}`);
  }, 120_000);

  /** A JSON request to the plenary service as a signed-in person. */
  const api = async (method: string, path: string, cookie: string, body?: unknown) => {
    const res = await fetch(`${office.e2e.plenary.url}${path}`, {
      method,
      headers: { cookie, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text}`);
    return JSON.parse(text) as Record<string, unknown>;
  };
  const sittingIdOf = async (cookie: string, name: string) => {
    const { sittings } = (await api('GET', '/api/office/sittings', cookie)) as {
      sittings: { id: string; title: string }[];
    };
    const id = sittings.find((x) => x.title === name)?.id;
    if (!id) throw new Error(`no sitting "${name}"`);
    return id;
  };
  /**
   * The desk holds a sitting: opens it, calls the roll with every seat in the room, confirms it, takes up each item and
   * records its decision (`before` runs on an item first, e.g. choosing the adjusters), and closes it.
   */
  const hold = async (
    desk: string,
    sittingId: string,
    decisions: { itemId: string; wording: string; before?: () => Promise<unknown> }[],
  ) => {
    await office.e2e.command(desk, { type: 'openSitting' }, sittingId);
    const started = await office.e2e.command(desk, { type: 'startRollCall' }, sittingId);
    for (let n = 1; n <= SEATS; n++)
      await office.e2e.command(
        desk,
        { type: 'markAttendance', personId: `sn-${n}`, mode: 'room' },
        sittingId,
      );
    await office.e2e.command(
      desk,
      { type: 'confirmRollCall', rollCallId: String(started.events?.[0]?.payload['rollCallId']) },
      sittingId,
    );
    for (const d of decisions) {
      await office.e2e.command(desk, { type: 'startItem', itemId: d.itemId }, sittingId);
      await d.before?.();
      await office.e2e.command(desk, { type: 'recordDecision', wording: d.wording }, sittingId);
    }
    await office.e2e.command(desk, { type: 'closeSitting' }, sittingId);
  };
  const paragraphsOf = async (sittingId: string) =>
    ((await office.e2e.plenary.service.engine.state(sittingId))?.items ?? []).map(
      (i) => i.paragraph,
    );

  it("an earlier sitting of the body that year is held: its two decisions are §§ 1–2 of the year's series", async () => {
    // Between the notice and the sitting day, in the sitting's own year, earlier that day at the latest.
    const earlierDay = [addDays(stockholmDay(new Date()), 14), `${sittingDay.slice(0, 4)}-01-01`]
      .filter((d) => d <= sittingDay)
      .sort()
      .at(-1);
    if (!earlierDay) throw new Error('no day for the earlier sitting');
    const desk = await office.e2e.plenary.login('sekreterare');
    const earlier = 'Extra sammanträde om delårsrapporten';
    const startsAt = stockholmIso(earlierDay, '13:00');
    await api('POST', '/api/office/sittings', desk, {
      bodyId: 'sunne-kf',
      title: earlier,
      startsAt,
      room: 'Fullmäktigesalen, Kommunhuset',
      items: [
        {
          id: 'e1',
          title: 'Delårsrapport augusti 2026',
          kind: 'matter',
          caseNumber: 'KS 2026/250',
        },
        { id: 'e2', title: 'Anmälan av delegationsbeslut', kind: 'report' },
      ],
    });
    const id = await sittingIdOf(desk, earlier);
    moveClockTo(startsAt);
    await hold(await office.e2e.plenary.login('sekreterare'), id, [
      { itemId: 'e1', wording: 'Kommunfullmäktige godkänner delårsrapporten.' },
      { itemId: 'e2', wording: 'Anmälningarna läggs till handlingarna.' },
    ]);
    expect(await paragraphsOf(id)).toEqual([1, 2]);
  }, 300_000);

  it('the sitting is held on its day; the chair and the two adjusters approve; the minutes lock with §§ 3–8, and the desk shows the lock and the minutes read §§ 3–8', async () => {
    moveClockTo(stockholmIso(sittingDay, '18:00'));
    const desk = await office.e2e.plenary.login('sekreterare');
    const id = await sittingIdOf(desk, title);
    await hold(desk, id, [
      {
        itemId: 'p1',
        wording:
          'Kommunfullmäktige utser Ledamot 2 Sunne och Ledamot 3 Sunne att justera protokollet.',
        before: () =>
          office.e2e.command(
            desk,
            {
              type: 'chooseAdjusters',
              personIds: ['sn-2', 'sn-3'],
              itemId: 'p1',
              place: 'Kommunkansliet, Kommunhuset',
              date: sittingDay,
            },
            id,
          ),
      },
      { itemId: 'p2', wording: 'Kommunfullmäktige godkänner årsredovisningen för 2026.' },
      { itemId: 'p3', wording: 'Kommunfullmäktige bifaller motionen om cykelbanor.' },
      { itemId: 'p4', wording: 'Kommunfullmäktige avslår medborgarförslaget.' },
      { itemId: 'p5', wording: 'Interpellationen är besvarad.' },
      { itemId: 'p6', wording: 'Anmälningarna läggs till handlingarna.' },
    ]);
    // The year's series runs on from the earlier sitting's § 2.
    expect(await paragraphsOf(id)).toEqual([3, 4, 5, 6, 7, 8]);

    // The chair and the adjusters, imported without passwords, get temporary ones, choose their own and approve.
    moveClockTo(stockholmIso(sittingDay, '21:00'));
    const admin = await office.e2e.plenary.login('admin');
    for (const n of [1, 2, 3]) {
      const temporary = `Tillfalligt-Sunne-${n}`;
      await api('POST', `/api/office/accounts/sn-${n}/password`, admin, {
        mode: 'temporary',
        password: temporary,
      });
      const cookie = await office.e2e.plenary.login(`sn${n}`, temporary);
      await api('POST', '/api/auth/password', cookie, {
        current: temporary,
        next: `Justerare-Sunne-${n}-2026`,
      });
      await office.e2e.command(cookie, { type: 'approveMinutes' }, id);
    }

    const { page } = await office.e2e.user(
      'sekreterare',
      `/desk?sitting=${encodeURIComponent(id)}`,
    );
    await page.getByTestId('minutes-toggle').click();
    await expect
      .poll(() => page.getByTestId('minutes-status').textContent(), slow)
      .toContain('Justerat och låst');
    const minutes = page.getByTestId('desk-minutes');
    await expect.poll(() => minutes.textContent()).toMatch(/[0-9a-f]{64}/);
    // Posted the day adjusted, three weeks up.
    expect(await minutes.textContent()).toContain(
      `Anslag ${sittingDay} – ${addDays(sittingDay, 21)}`,
    );
    // The desk's agenda numbers the items on in the year's series.
    const deskText = ((await page.textContent('body')) ?? '').replace(/\s+/g, ' ');
    expect(deskText).toMatch(/§ 3 ?Val av justerare/);
    expect(deskText).toMatch(/§ 8 ?Anmälan av inkomna motioner/);
    await office.e2e.shot(page, 'office-41-minutes-locked');
    const res = await page.goto(`/api/sittings/${encodeURIComponent(id)}/minutes.html`);
    expect(res?.status()).toBe(200);
    const text = ((await page.textContent('body')) ?? '').replace(/\s+/g, ' ');
    expect(text).toContain('Justerat protokoll');
    // Held on the day it was called for: no note that it was held on another day.
    expect(text).not.toContain('hölls en annan dag');
    const sections = [...text.matchAll(/§ (\d+)/g)].map((m) => Number(m[1]));
    expect(new Set(sections)).toEqual(new Set([3, 4, 5, 6, 7, 8]));
    await office.e2e.shot(page, 'office-41-minutes');
  }, 300_000);

  it('the public notice board shows the notice and the adjusted minutes with their days posted and taken down (three weeks for the minutes), and so does the Atom feed', async () => {
    const { page } = await office.e2e.user(undefined, '/anslagstavla');
    const postings = page.getByTestId('board-postings');
    const notice = postings.locator('li[data-kind="notice"]', { hasText: title });
    const minutes = postings.locator('li[data-kind="minutes"]', { hasText: title });
    await expect.poll(() => minutes.count()).toBe(1);
    expect(await notice.count()).toBe(1);
    const textOf = async (l: typeof notice) => ((await l.textContent()) ?? '').replace(/\s+/g, ' ');
    const posted = stockholmDay(new Date());
    expect(await textOf(notice)).toContain(`Anslagen ${posted}`);
    expect(await textOf(notice)).toContain(`Tas ned ${sittingDay}`);
    expect(await textOf(minutes)).toContain(`Justerat protokoll: ${council.body.name}, ${title}`);
    expect(await textOf(minutes)).toContain(`Anslagen ${sittingDay}`);
    expect(await textOf(minutes)).toContain(`Tas ned ${addDays(sittingDay, 21)}`);
    const served = await page.request.get(
      (await minutes.getByRole('link').getAttribute('href')) ?? '',
    );
    expect(served.status()).toBe(200);
    expect(await served.text()).toContain('§ 3');
    await office.e2e.shot(page, 'office-41-board');
    copyFileSync(
      join(screenshotDir, 'office-41-board.png'),
      join(process.cwd(), 'docs', 'office-board-minutes.png'),
    );

    const atom = await (await page.request.get('/api/public/anslagstavla.atom')).text();
    const entries = atom.split('<entry>').slice(1);
    const entry = (kind: string) => entries.find((e) => e.includes(kind) && e.includes(title));
    expect(entry('Kallelse')).toContain(`Anslaget ${posted}, tas ned ${sittingDay}.`);
    expect(entry('Justerat protokoll')).toContain(
      `Anslaget ${sittingDay}, tas ned ${addDays(sittingDay, 21)}.`,
    );
  }, 120_000);
});
