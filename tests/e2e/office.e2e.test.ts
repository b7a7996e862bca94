// The council office in Chromium (issue 14): the administrator imports a small council from CSV in the page — one bad
// row first: the page names the row and nothing is stored — then the fixed file; the secretary schedules a sitting
// with items of different kinds (one moved up, one behind closed doors), uploads a PDF (size and SHA-256 shown) and
// sends the notice through a real SMTP server (one mail per member and substitute, with the PDF); the public notice
// board, without sign-in, lists the notice with the days posted and taken down and links the Atom feed. The pages
// have no sideways scroll at 820 px (a tablet held upright).
import { createHash } from 'node:crypto';
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
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

const council = sunneCouncil(['S', 'M']);
const SEATS = 7;
const SUBSTITUTES = 3;

/** The members CSV; with `bad`, member 4's seat is a word (the file's row 5, after the header). */
const membersCsv = (bad: boolean) =>
  sunneMembersCsv({
    seats: SEATS,
    substitutes: SUBSTITUTES,
    partyOf: (n) => (n % 2 ? 'S' : 'M'),
    orderOf: (n) => n,
    ...(bad ? { bad: { member: 4, seat: 'fyra' } } : {}),
  });

const pdf = Buffer.from('%PDF-1.4\n% Årsredovisning 2026 för Sunne kommun\n%%EOF\n', 'utf8');
const PDF_TITLE = 'Årsredovisning 2026';

/** What sticks out past the window's right edge (sideways scroll): none on a page that fits. */
const overflowing = (page: Page) =>
  page.evaluate(() =>
    document.documentElement.scrollWidth <= window.innerWidth
      ? []
      : [...document.querySelectorAll('body *')]
          .filter((e) => e.getBoundingClientRect().right > window.innerWidth + 1)
          .slice(0, 5)
          .map(
            (e) =>
              `${e.tagName.toLowerCase()}.${e.className} ${Math.round(e.getBoundingClientRect().right)}`,
          ),
  );

/** A browser that is not Swedish: its own formats would say "12/25/2026" and "06:00 PM" in another zone. */
const american = { locale: 'en-US', timezoneId: 'America/New_York' };

describe.runIf(e2eAvailable())('the council office (Chromium)', () => {
  const office = useOfficeE2E();

  it('the administrator imports the council from CSV: a bad row is named and nothing stored, then the fixed file', async () => {
    const { page } = await office.e2e.user('admin', '/kansli');
    const { importCsv } = await openCouncilImport(page, council);
    await importCsv(membersCsv(true));
    const errors = page.getByTestId('import-errors');
    await expect.poll(() => errors.textContent()).toContain('row 5, column seat');
    expect(await errors.textContent()).toContain('fyra');
    expect(await page.getByText('Importen stoppades: 1 fel. Inget har sparats.').count()).toBe(1);
    const { bodies, usernames } = officeStore(page);
    expect(await bodies()).not.toContain('sunne-kf');
    // Nothing half-imported: not one of the file's good rows became a person.
    expect(await usernames()).not.toContain('sn1');
    await office.e2e.shot(page, 'office-council-import-error');

    await importCsv(membersCsv(false));
    await expect
      .poll(() => page.getByText(`Importerat: ${SEATS} platser, ${SUBSTITUTES} ersättare`).count())
      .toBe(1);
    expect(await page.getByTestId('import-errors').count()).toBe(0);
    expect(await bodies()).toContain('sunne-kf');
    expect(await usernames()).toEqual(expect.arrayContaining(['sn1', 'sn7', 'se3']));
    await expect
      .poll(async () =>
        ((await page.getByTestId('council-summary').textContent()) ?? '').replace(/\s+/g, ' '),
      )
      .toContain(`Kommunfullmäktige i Sunne kommun · ${SEATS} platser, ${SUBSTITUTES} ersättare`);
    const seats = page.getByTestId('council-seats');
    expect(await seats.locator('tbody tr').count()).toBe(SEATS);
    expect(await seats.textContent()).toContain('Ledamot 4 Sunne');
    // Substitutes per party in their call-in order: S has 1 and 3, M has 2.
    const lists = await Promise.all(
      (await page.getByTestId('council-substitutes').all()).map(async (l) =>
        (await l.locator('li').allTextContents()).map((x) => x.trim()).join(' | '),
      ),
    );
    expect(lists.sort()).toEqual(['Ersättare 1 Sunne | Ersättare 3 Sunne', 'Ersättare 2 Sunne']);
    await page.setViewportSize({ width: 820, height: 1180 });
    expect(await overflowing(page)).toEqual([]);
    await office.e2e.shot(page, 'office-council');
    copyFileSync(
      join(screenshotDir, 'office-council.png'),
      join(process.cwd(), 'docs', 'office-council.png'),
    );
  }, 300_000);

  const title = 'Kommunfullmäktiges sammanträde i december';
  let sittingDay = '';

  it('the secretary schedules a sitting with items of different kinds, uploads a PDF and sends the notice; in a browser set to en-US in New York the days and times are still Swedish (2026-12-04, 18:00)', async () => {
    const { page } = await office.e2e.user('sekreterare', '/kansli', american);
    await page.setViewportSize({ width: 820, height: 1180 });
    await page.getByRole('button', { name: 'Sammanträden' }).click();
    const form = page.getByTestId('sitting-form');
    await form.locator('select[name="bodyId"]').selectOption('sunne-kf');
    await form.locator('input[name="title"]').fill(title);
    sittingDay = stockholmDay(new Date(Date.now() + 21 * 86_400_000));
    // The form offers the day three weeks ahead the Swedish way, and the time on the 24-hour clock.
    expect(await form.locator('input[name="date"]').inputValue()).toBe(sittingDay);
    expect(await form.locator('input[name="time"]').inputValue()).toBe('18:00');
    // An American day and a 12-hour time are refused under their fields, in Swedish, before anything is sent.
    const [yy, mm, dd] = sittingDay.split('-');
    await form.locator('input[name="date"]').fill(`${mm}/${dd}/${yy}`);
    await form.locator('input[name="time"]').fill('06:00 PM');
    await form.getByRole('button', { name: 'Lägg upp sammanträdet' }).click();
    const under = (name: string) =>
      form
        .locator('.form-field', { has: page.locator(`input[name="${name}"]`) })
        .locator('.form-error');
    await expect
      .poll(() => under('date').textContent())
      .toBe('Skriv dagen som ÅÅÅÅ-MM-DD, t.ex. 2026-12-04.');
    expect(await under('time').textContent()).toBe(
      'Skriv tiden som TT:MM på 24-timmarsklockan, t.ex. 18:00.',
    );
    expect(await under('room').textContent()).toBe('Skriv var sammanträdet hålls.');
    expect(await under('title').count()).toBe(0);
    await office.e2e.shot(page, 'office-sitting-form-errors');
    await form.locator('input[name="date"]').fill(sittingDay);
    await form.locator('input[name="time"]').fill('18.00');
    await form.locator('input[name="room"]').fill('Fullmäktigesalen, Kommunhuset');
    await form
      .locator('textarea[name="remoteReason"]')
      .fill('Ledamot som är sjuk eller på resa får delta på distans.');

    const item = agendaItems(form);
    await fillAgenda(form, [
      item.election('Val av justerare'),
      item.withCase('Ärende', PDF_TITLE, 'KS 2026/311'),
      item.interpellation('Interpellation om äldreomsorgen', 'Ledamot 4 Sunne'),
      item.closed('Förvärv av fastigheten Kvarnen 3'),
      item.report('Anmälan av inkomna motioner'),
    ]);
    // The announcements go before the closed item: item 5 moved up one place.
    await form.getByRole('button', { name: 'Flytta upp punkt 5', exact: true }).click();
    expect(await form.getByLabel('Rubrik 4', { exact: true }).inputValue()).toBe(
      'Anmälan av inkomna motioner',
    );
    expect(await overflowing(page)).toEqual([]);
    await office.e2e.shot(page, 'office-sitting-form');
    await form.getByRole('button', { name: 'Lägg upp sammanträdet' }).click();
    await expect.poll(() => page.getByText(`Sammanträdet "${title}" är upplagt.`).count()).toBe(1);

    const detail = page.getByTestId('sitting-detail');
    await expect.poll(() => detail.locator('h3').textContent()).toBe(title);
    // Swedish time of the sitting, whatever the browser's locale and zone.
    expect(await detail.textContent()).toContain(`${sittingDay} 18:00`);
    expect(
      await page.getByTestId('sitting-pick').locator('option:checked').textContent(),
    ).toContain(`${sittingDay} 18:00 — ${title}`);
    expect(await detail.textContent()).not.toMatch(/\b(AM|PM)\b/);
    const agenda = detail.getByTestId('sitting-items').locator(':scope > li');
    await expect.poll(() => agenda.count()).toBe(5);
    const texts = await agenda.allTextContents();
    expect(texts.map((x) => x.replace(/\s+/g, ' ').trim().split(' Handling')[0])).toEqual([
      'Val Val av justerare öppet',
      `Ärende ${PDF_TITLE} Dnr KS 2026/311`,
      'Interpellation Interpellation om äldreomsorgen Ställd av: Ledamot 4 Sunne Besvaras av: Kommunstyrelsens ordförande',
      'Anmälan Anmälan av inkomna motioner',
      'Ärende Förvärv av fastigheten Kvarnen 3 stängda dörrar',
    ]);
    expect(await detail.textContent()).toContain(
      'Ledamot som är sjuk eller på resa får delta på distans.',
    );

    await detail.getByLabel(`Handling: ${PDF_TITLE}`, { exact: true }).setInputFiles({
      name: 'Årsredovisning 2026.pdf',
      mimeType: 'application/pdf',
      buffer: pdf,
    });
    await detail.getByRole('button', { name: `Ladda upp: ${PDF_TITLE}`, exact: true }).click();
    const files = detail.locator(`[data-item="p2"]`).getByTestId('item-files');
    await expect.poll(() => files.count()).toBe(1);
    const sha = createHash('sha256').update(pdf).digest('hex');
    expect(await files.textContent()).toContain(`SHA-256 ${sha}`);
    expect(await files.textContent()).toContain(
      `Årsredovisning 2026.pdf · ${pdf.length} byte · application/pdf`,
    );
    const href = await files.getByRole('link', { name: PDF_TITLE }).getAttribute('href');
    const served = await page.request.get(href ?? '');
    expect(Buffer.from(await served.body())).toEqual(pdf);
    expect(await overflowing(page)).toEqual([]);
    await office.e2e.shot(page, 'office-sitting-documents');
    copyFileSync(
      join(screenshotDir, 'office-sitting-documents.png'),
      join(process.cwd(), 'docs', 'office-sitting.png'),
    );

    // The agenda amended after scheduling: a motion added and moved up, the first item's title edited, then the
    // motion removed again; each save is one change in the sitting's log.
    const amend = page.getByTestId('agenda-amend');
    await detail.getByTestId('amend-agenda').click();
    await amend.getByRole('button', { name: 'Lägg till punkt' }).click();
    await amend.getByLabel('Slag 6', { exact: true }).selectOption({ label: 'Motion' });
    await amend.getByLabel('Rubrik 6', { exact: true }).fill('Motion om cykelbanor');
    await amend.getByLabel('Diarienummer 6', { exact: true }).fill('KS 2026/402');
    await amend.getByRole('button', { name: 'Flytta upp punkt 6', exact: true }).click();
    await amend.getByLabel('Rubrik 1', { exact: true }).fill('Val av två justerare');
    await office.e2e.shot(page, 'office-agenda-amend');
    copyFileSync(
      join(screenshotDir, 'office-agenda-amend.png'),
      join(process.cwd(), 'docs', 'office-agenda-amend.png'),
    );
    await amend.getByRole('button', { name: 'Spara föredragningslistan' }).click();
    await expect.poll(() => page.getByText('Föredragningslistan är ändrad.').count()).toBe(1);
    await expect.poll(() => agenda.count()).toBe(6);
    const amended = (await agenda.allTextContents()).map(
      (x) => x.replace(/\s+/g, ' ').trim().split(' Handling')[0],
    );
    expect(amended[0]).toBe('Val Val av två justerare öppet');
    expect(amended[4]).toBe('Motion Motion om cykelbanor Dnr KS 2026/402');
    expect(amended[5]).toBe('Ärende Förvärv av fastigheten Kvarnen 3 stängda dörrar');
    // The uploaded PDF stayed with its item.
    expect(await files.count()).toBe(1);
    await detail.getByTestId('amend-agenda').click();
    await amend.getByRole('button', { name: 'Ta bort punkten' }).nth(4).click();
    await amend.getByRole('button', { name: 'Spara föredragningslistan' }).click();
    await expect.poll(() => agenda.count()).toBe(5);
    expect(await detail.getByTestId('sitting-items').textContent()).not.toContain('cykelbanor');

    await page.getByTestId('send-notice').click();
    const deliveries = page.getByTestId('notice-deliveries');
    await expect
      .poll(() => deliveries.locator('tbody tr').count(), { timeout: 60_000 })
      .toBe(SEATS + SUBSTITUTES);
    const today = stockholmDay(new Date());
    expect(await page.getByTestId('notice-posting').textContent()).toContain(
      `Anslagen ${today}, tas ned ${sittingDay}.`,
    );
    expect(await deliveries.textContent()).toContain('Ledamot 4 Sunne');
    expect(await deliveries.textContent()).toContain('se3@sunne.example.se');
    expect(await deliveries.getByText('misslyckades').count()).toBe(0);
    // The SMTP server got one mail per member and substitute, each with the notice and the open item's PDF.
    expect(office.smtp.mails.flatMap((m) => m.to).sort()).toEqual(
      sunneRecipients(SEATS, SUBSTITUTES),
    );
    for (const mail of office.smtp.mails) {
      expect(mail.raw).toMatch(/filename="?kallelse\.pdf/);
      expect(mail.raw).toMatch(/rsredovisning(%20| )2026\.pdf/);
    }
    await office.e2e.shot(page, 'office-notice-sent');
  }, 180_000);

  it('the public notice board lists the notice with the days posted and taken down, and links the Atom feed', async () => {
    const { page } = await office.e2e.user(undefined, '/anslagstavla', american);
    await page.setViewportSize({ width: 820, height: 1180 });
    const postings = page.getByTestId('board-postings');
    const notice = postings.locator('li[data-kind="notice"]', { hasText: title });
    await expect.poll(() => notice.count()).toBe(1);
    const text = ((await notice.textContent()) ?? '').replace(/\s+/g, ' ');
    expect(text).toContain(`Kallelse: Kommunfullmäktige i Sunne kommun, ${title}`);
    expect(text).toContain(`Anslagen ${stockholmDay(new Date())}`);
    expect(text).toContain(`Tas ned ${sittingDay}`);
    const pdfHref = await notice.getByRole('link').getAttribute('href');
    const served = await page.request.get(pdfHref ?? '');
    expect(served.headers()['content-type']).toBe('application/pdf');
    const atomHref = await page.getByTestId('atom-link').getAttribute('href');
    expect(atomHref).toBe('/api/public/anslagstavla.atom');
    const atom = await page.request.get(atomHref ?? '');
    expect(await atom.text()).toContain(title);
    expect(await overflowing(page)).toEqual([]);
    await office.e2e.shot(page, 'office-board');
    copyFileSync(
      join(screenshotDir, 'office-board.png'),
      join(process.cwd(), 'docs', 'office-board.png'),
    );
  }, 300_000);

  it('the secretary edits the council by hand: a new member succeeds seat 5 from a day, the call-in order changes; the errors of the person form in Swedish under each field (name, id, roles, a user name taken, a chair without a seat, user name, e-mail) with nothing stored; the record lists each change; the scheduled sitting keeps its roster; opened today, three weeks early, the desk warns before and after and the minutes note the other day (R02)', async () => {
    const { page } = await office.e2e.user('sekreterare', '/kansli');
    await page.setViewportSize({ width: 820, height: 1180 });
    await page.getByRole('button', { name: 'Fullmäktige' }).click();
    await page.getByTestId('council-body').selectOption('sunne-kf');
    await expect
      .poll(() => page.getByTestId('council-summary').textContent())
      .toContain('Kommunfullmäktige i Sunne kommun');
    const person = page.getByTestId('council-person');
    const fieldError = (form: typeof person, label: string) =>
      form
        .locator('.form-field', { has: page.getByLabel(label, { exact: true }) })
        .locator('.form-error');
    const rolesError = person.locator('fieldset.form-set .form-error');
    const stored = async () => {
      const res = await page.request.get('/api/office/council/sunne-kf');
      const view = (await res.json()) as { people: { id: string; username: string }[] };
      return view.people.map((p) => `${p.id}/${p.username}`);
    };
    const storedBefore = await stored();
    const changes = page.getByTestId('council-changes').locator('li');
    await expect.poll(() => changes.count()).toBe(1);

    // The page's own checks (the shared schema): no name, an id with a space and a "!", no role ticked. Each
    // objection in Swedish under its field, the field marked invalid; nothing sent, nothing stored.
    await person.getByLabel('Användarnamn', { exact: true }).fill('sn8');
    await person.getByLabel('Id', { exact: true }).fill('ny ledamot!');
    await person.getByLabel('ledamot', { exact: true }).uncheck();
    await person.getByRole('button', { name: 'Spara personen' }).click();
    await expect
      .poll(() => fieldError(person, 'Namn').textContent())
      .toContain('Skriv ett namn (högst 120 tecken, inga styrtecken).');
    expect(await fieldError(person, 'Id').textContent()).toContain(
      'Id: bokstäver, siffror och _ . : - (högst 64 tecken).',
    );
    expect(await rolesError.textContent()).toContain('Välj minst en roll.');
    expect(await fieldError(person, 'Användarnamn').count()).toBe(0);
    expect(await person.getByLabel('Namn', { exact: true }).getAttribute('aria-invalid')).toBe(
      'true',
    );
    expect(await person.getByLabel('Id', { exact: true }).getAttribute('aria-invalid')).toBe(
      'true',
    );

    // The council's checks on the server: a user name another person has, then the chair's role for someone
    // without a seat. Each refusal in Swedish under its field; nothing stored.
    await person.getByLabel('Namn', { exact: true }).fill('Nya Ledamoten Sunne');
    await person.getByLabel('Id', { exact: true }).fill('');
    await person.getByLabel('ledamot', { exact: true }).check();
    await person.getByLabel('Användarnamn', { exact: true }).fill('sn2');
    await person.getByRole('button', { name: 'Spara personen' }).click();
    await expect
      .poll(() => fieldError(person, 'Användarnamn').textContent())
      .toContain('Användarnamnet sn2 är upptaget.');
    expect(await fieldError(person, 'Namn').count()).toBe(0);
    expect(await rolesError.count()).toBe(0);
    await person.getByLabel('Användarnamn', { exact: true }).fill('sn8');
    await person.getByLabel('ordförande', { exact: true }).check();
    await person.getByRole('button', { name: 'Spara personen' }).click();
    await expect
      .poll(() => rolesError.textContent())
      .toContain('Ordföranden måste vara en av ledamöterna och ha en plats.');
    expect(await fieldError(person, 'Användarnamn').count()).toBe(0);
    await person.getByLabel('ordförande', { exact: true }).uncheck();
    expect(await stored()).toEqual(storedBefore);
    expect(await changes.count()).toBe(1);

    await person.getByLabel('Namn', { exact: true }).fill('Nya Ledamoten Sunne');
    await person.getByLabel('Parti', { exact: true }).selectOption({ label: 'Socialdemokraterna' });
    await person.getByLabel('Användarnamn', { exact: true }).fill('Sn 8');
    await person.getByLabel('E-post (kallelsen skickas hit)', { exact: true }).fill('sn8-at-sunne');
    await person.getByRole('button', { name: 'Spara personen' }).click();
    // Each objection under its own field, in Swedish; nothing stored.
    await expect
      .poll(() => fieldError(person, 'Användarnamn').textContent())
      .toContain('små bokstäver a–z');
    expect(await fieldError(person, 'E-post (kallelsen skickas hit)').textContent()).toContain(
      'Skriv en giltig e-postadress',
    );
    expect(
      await person.getByLabel('Användarnamn', { exact: true }).getAttribute('aria-invalid'),
    ).toBe('true');
    await office.e2e.shot(page, 'office-council-edit-errors');
    await person.getByLabel('Användarnamn', { exact: true }).fill('sn8');
    await person
      .getByLabel('E-post (kallelsen skickas hit)', { exact: true })
      .fill('sn8@sunne.example.se');
    await person.getByRole('button', { name: 'Spara personen' }).click();
    await expect.poll(() => person.getByText('Ändringen är sparad.').count()).toBe(1);
    expect(await person.locator('.form-error').count()).toBe(0);

    // Seat 5's member leaves; the new member holds the seat from today. A day written the American way is refused.
    const succession = page.getByTestId('council-succession');
    await succession
      .getByLabel('Plats', { exact: true })
      .selectOption({ label: '5 · S · Ledamot 5 Sunne' });
    await succession
      .getByLabel('Efterträdare', { exact: true })
      .selectOption({ label: 'Nya Ledamoten Sunne' });
    const today = stockholmDay(new Date());
    const [y, mo, d] = today.split('-');
    await succession.getByLabel('Från och med', { exact: true }).fill(`${mo}/${d}/${y}`);
    await succession.getByRole('button', { name: 'Spara efterträdaren' }).click();
    await expect
      .poll(() => fieldError(succession, 'Från och med').textContent())
      .toContain('Skriv dagen som ÅÅÅÅ-MM-DD');
    await succession.getByLabel('Från och med', { exact: true }).fill(today);
    await succession
      .getByLabel('Skäl (t.ex. avsägelse, ny sammanräkning)', { exact: true })
      .fill('Ledamot 5 har avsagt sig uppdraget.');
    await succession.getByRole('button', { name: 'Spara efterträdaren' }).click();
    await expect.poll(() => succession.getByText('Ändringen är sparad.').count()).toBe(1);
    const seats = page.getByTestId('council-seats');
    await expect
      .poll(async () =>
        ((await seats.locator('tbody tr').nth(4).textContent()) ?? '').replace(/\s+/g, ' '),
      )
      .toContain('Nya Ledamoten Sunne (efterträder Ledamot 5 Sunne)');

    // S's substitutes: Ersättare 3 called before Ersättare 1.
    const order = page.getByTestId('council-order');
    await order.getByLabel('Parti', { exact: true }).selectOption({ label: 'Socialdemokraterna' });
    const listed = () =>
      order.getByTestId('council-order-list').locator('li .who').allTextContents();
    expect(await listed()).toEqual(['Ersättare 1 Sunne', 'Ersättare 3 Sunne']);
    await order.getByRole('button', { name: 'Flytta ned Ersättare 1 Sunne', exact: true }).click();
    expect(await listed()).toEqual(['Ersättare 3 Sunne', 'Ersättare 1 Sunne']);
    await order.getByRole('button', { name: 'Spara inkallelseordningen' }).click();
    await expect.poll(() => order.getByText('Ändringen är sparad.').count()).toBe(1);
    const lists = async () =>
      Promise.all(
        (await page.getByTestId('council-substitutes').all()).map(async (l) =>
          (await l.locator('li').allTextContents()).map((x) => x.trim()).join(' | '),
        ),
      );
    await expect
      .poll(async () => (await lists()).sort())
      .toEqual(['Ersättare 2 Sunne', 'Ersättare 3 Sunne | Ersättare 1 Sunne']);

    // The record: newest first, each with when, who and what.
    await expect.poll(() => changes.count()).toBe(4);
    const lines = (await changes.allTextContents()).map((x) => x.replace(/\s+/g, ' ').trim());
    expect(lines[0]).toContain(
      'Ersättare för S i inkallelseordning: 1. Ersättare 3 Sunne, 2. Ersättare 1 Sunne',
    );
    expect(lines[1]).toContain(
      `Plats 5: Nya Ledamoten Sunne efterträder från och med ${today} (Ledamot 5 har avsagt sig uppdraget.)`,
    );
    expect(lines[2]).toContain('Person Nya Ledamoten Sunne (S) sparad, roller: ledamot');
    expect(lines[3]).toContain('Fullmäktige importerat: 7 platser');
    // Who: the demo's secretary made the three edits, the administrator the import.
    for (const line of lines.slice(0, 3)) expect(line).toContain(' · Charlotte Widén · ');
    expect(await overflowing(page)).toEqual([]);
    await office.e2e.shot(page, 'office-council-edit');
    copyFileSync(
      join(screenshotDir, 'office-council-edit.png'),
      join(process.cwd(), 'docs', 'office-council-edit.png'),
    );

    // The sitting scheduled before the change keeps the roster it froze: Ledamot 5 holds seat 5 there.
    const sittings = (
      (await (await page.request.get('/api/office/sittings')).json()) as {
        sittings: { id: string; title: string }[];
      }
    ).sittings;
    const scheduled = sittings.find((s) => s.title === title);
    const state = await office.e2e.plenary.service.engine.state(scheduled?.id ?? '');
    expect(state?.roster.seats.find((s) => s.number === 5)?.memberId).toBe('sn-5');
    expect(
      state?.roster.substitutes.filter((s) => s.partyId === 'S').map((s) => s.personId),
    ).toEqual(['se-1', 'se-3']);

    // R02: the sitting is called for three weeks ahead. The desk warns before it is opened today, and after; the
    // draft minutes note the other day.
    const today2 = stockholmDay(new Date());
    await page.goto(`/desk?sitting=${encodeURIComponent(scheduled?.id ?? '')}`);
    await expect
      .poll(() => page.locator('.notice.warning').textContent(), { timeout: 30_000 })
      .toContain(`Sammanträdet är kallat till ${sittingDay}, inte i dag (${today2}).`);
    await page.getByRole('button', { name: /Öppna sammanträdet/ }).click();
    await expect
      .poll(() => page.locator('.notice.warning').textContent(), { timeout: 30_000 })
      .toContain(
        `Obs: sammanträdet öppnades ${today2}, en annan dag än det var kallat till (${sittingDay}).`,
      );
    const html = await (
      await page.request.get(
        `/api/sittings/${encodeURIComponent(scheduled?.id ?? '')}/minutes.html`,
      )
    ).text();
    expect(html).toContain('Obs: sammanträdet hölls en annan dag än den det var kallat till');
  }, 300_000);
});
