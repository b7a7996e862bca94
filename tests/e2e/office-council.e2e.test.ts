// Issue 14's whole story in Chromium, at the size of a real council (Sunne KF, 41 seats and 10 substitutes): the
// administrator imports the council from CSV in the page (one bad row first: named, nothing stored), sets a member's
// temporary password in the page and the member signs in with it and must choose their own; the secretary schedules
// a sitting with six items of six kinds, uploads two PDFs and sends the notice through a real SMTP server (one mail per
// member and substitute, each with the notice and both PDFs); the public notice board lists the notice with its dates.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { e2eAvailable, startE2E, type E2E } from '../support/e2e.ts';
import { startSmtpCatcher, type SmtpCatcher } from '../support/smtp-catcher.ts';

const SEATS = 41;
const SUBSTITUTES = 10;
const council = {
  body: { id: 'sunne-kf', name: 'Kommunfullmäktige i Sunne kommun', kind: 'council' },
  parties: [
    { id: 'S', abbreviation: 'S', name: 'Socialdemokraterna', color: '#e8112d' },
    { id: 'M', abbreviation: 'M', name: 'Moderaterna', color: '#52bdec' },
    { id: 'C', abbreviation: 'C', name: 'Centerpartiet', color: '#009933' },
  ],
};
const partyOf = (n: number) => (['S', 'M', 'C'] as const)[n % 3] ?? 'S';

/** The members CSV; with `bad`, member 17's seat is a word (the file's row 18, after the header). */
function membersCsv(bad: boolean): string {
  const rows = ['id;name;party;username;roles;seat;substitute_order;email'];
  for (let n = 1; n <= SEATS; n++)
    rows.push(
      `sn-${n};Ledamot ${n} Sunne;${partyOf(n)};sn${n};member${n === 1 ? '|chair' : ''};${bad && n === 17 ? 'sjutton' : n};;sn${n}@sunne.example.se`,
    );
  for (let n = 1; n <= SUBSTITUTES; n++)
    rows.push(
      `se-${n};Ersättare ${n} Sunne;${partyOf(n)};se${n};substitute;;${Math.ceil(n / 3)};se${n}@sunne.example.se`,
    );
  return rows.join('\n');
}

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

function stockholmDay(at: Date): string {
  return at.toLocaleDateString('sv-SE', { timeZone: 'Europe/Stockholm' });
}

describe.runIf(e2eAvailable())('the council office, the whole story at 41 seats (Chromium)', () => {
  let e2e: E2E;
  let smtp: SmtpCatcher;

  beforeAll(async () => {
    smtp = await startSmtpCatcher();
    e2e = await startE2E({
      plenary: { mail: { url: smtp.url, from: 'Kansliet <kansliet@sunne.example.se>' } },
    });
  }, 300_000);
  afterAll(async () => {
    await e2e?.stop();
    await smtp?.close();
  });

  it('the administrator imports 41 seats from CSV in the page: the bad row is named and nothing stored, then the fixed file', async () => {
    const { page } = await e2e.user('admin', '/kansli');
    await page.getByRole('button', { name: 'Fullmäktige' }).click();
    const form = page.getByTestId('council-import');
    await form.getByLabel('Ledamöter som CSV').check();
    await form.getByLabel('Organ och partier (JSON)').setInputFiles({
      name: 'sunne.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify(council)),
    });
    const members = (bad: boolean) =>
      form.getByLabel('Ledamöter och ersättare (CSV)').setInputFiles({
        name: 'ledamoter.csv',
        mimeType: 'text/csv',
        buffer: Buffer.from(membersCsv(bad)),
      });
    await members(true);
    await form.getByRole('button', { name: 'Importera' }).click();
    const errors = page.getByTestId('import-errors');
    await expect.poll(() => errors.textContent()).toContain('row 18, column seat');
    expect(await errors.locator('li').count()).toBe(1);
    const bodies = async () =>
      ((await (await page.request.get('/api/office/bodies')).json()) as { bodies: string[] })
        .bodies;
    expect(await bodies()).not.toContain('sunne-kf');
    const accounts = async () =>
      (
        (await (await page.request.get('/api/office/accounts')).json()) as {
          accounts: { username: string }[];
        }
      ).accounts.map((a) => a.username);
    expect(await accounts()).not.toContain('sn1');

    await members(false);
    await form.getByRole('button', { name: 'Importera' }).click();
    await expect
      .poll(() => page.getByText(`Importerat: ${SEATS} platser, ${SUBSTITUTES} ersättare`).count())
      .toBe(1);
    expect(await bodies()).toContain('sunne-kf');
    expect(await page.getByTestId('council-seats').locator('tbody tr').count()).toBe(SEATS);
    await e2e.shot(page, 'office-41-imported');
  }, 300_000);

  it("the administrator sets a member's temporary password in the page; the member signs in with it and must choose their own", async () => {
    const { page } = await e2e.user('admin', '/kansli');
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

    const member = await e2e.user(undefined, '/member');
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
    await e2e.shot(m, 'office-41-member-signed-in');
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
    const { page } = await e2e.user('sekreterare', '/kansli');
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
    const items: { kind: string; title: string; fill?: (n: number) => Promise<void> }[] = [
      {
        kind: 'Val',
        title: 'Val av justerare',
        fill: async (n) => {
          await form.getByLabel(`Valet hålls ${n}`, { exact: true }).selectOption('open');
        },
      },
      {
        kind: 'Ärende',
        title: 'Årsredovisning 2026',
        fill: (n) => form.getByLabel(`Diarienummer ${n}`, { exact: true }).fill('KS 2026/311'),
      },
      {
        kind: 'Motion',
        title: 'Motion om cykelbanor',
        fill: (n) => form.getByLabel(`Diarienummer ${n}`, { exact: true }).fill('KS 2026/402'),
      },
      {
        kind: 'Medborgarförslag',
        title: 'Medborgarförslag om en badplats vid Fryken',
        fill: (n) => form.getByLabel(`Diarienummer ${n}`, { exact: true }).fill('KS 2026/415'),
      },
      {
        kind: 'Interpellation',
        title: 'Interpellation om äldreomsorgen',
        fill: async (n) => {
          await form
            .getByLabel(`Ställd av ${n}`, { exact: true })
            .selectOption({ label: 'Ledamot 4 Sunne' });
          await form
            .getByLabel(`Besvaras av ${n}`, { exact: true })
            .fill('Kommunstyrelsens ordförande');
        },
      },
      { kind: 'Anmälan', title: 'Anmälan av inkomna motioner' },
    ];
    for (const [i, item] of items.entries()) {
      const n = i + 1;
      if (i > 0) await form.getByRole('button', { name: 'Lägg till punkt' }).click();
      await form.getByLabel(`Slag ${n}`, { exact: true }).selectOption({ label: item.kind });
      await form.getByLabel(`Rubrik ${n}`, { exact: true }).fill(item.title);
      await item.fill?.(n);
    }
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
    await e2e.shot(page, 'office-41-sitting');

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
    const to = smtp.mails.flatMap((m) => m.to).sort();
    expect(to).toEqual(
      [
        ...Array.from({ length: SEATS }, (_, i) => `sn${i + 1}@sunne.example.se`),
        ...Array.from({ length: SUBSTITUTES }, (_, i) => `se${i + 1}@sunne.example.se`),
      ].sort(),
    );
    for (const mail of smtp.mails) {
      expect(mail.raw).toMatch(/filename="?kallelse\.pdf/);
      expect(mail.raw).toMatch(/rsredovisning(%20| )2026\.pdf/);
      expect(mail.raw).toMatch(/motion-cykelbanor\.pdf/);
    }
    await e2e.shot(page, 'office-41-notice');
  }, 300_000);

  it('the public notice board lists the notice with the day posted and the day taken down', async () => {
    const { page } = await e2e.user(undefined, '/anslagstavla');
    const notice = page
      .getByTestId('board-postings')
      .locator('li[data-kind="notice"]', { hasText: title });
    await expect.poll(() => notice.count()).toBe(1);
    const text = ((await notice.textContent()) ?? '').replace(/\s+/g, ' ');
    expect(text).toContain(`Anslagen ${stockholmDay(new Date())}`);
    expect(text).toContain(`Tas ned ${sittingDay}`);
  }, 120_000);
});
