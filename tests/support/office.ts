// A plenary service for the office's tests: app.request() with JSON and session cookies, the demo council seeded;
// and what the office's e2e tests share: Sunne KF's files, the SMTP server and plenary, the import and agenda forms.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createPlenaryService, type PlenaryService } from '../../apps/plenary/src/service.ts';
import { DEMO_PASSWORD } from '../../apps/plenary/src/app/demo-council.ts';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { startE2E, type E2E } from './e2e.ts';
import { startSmtpCatcher, type SmtpCatcher } from './smtp-catcher.ts';

export interface OfficeService {
  service: PlenaryService;
  dir: string;
  login(
    username: string,
    password?: string,
  ): Promise<{ status: number; cookie: string; body: unknown }>;
  /** A JSON request; `body` undefined sends none. */
  call(method: string, path: string, cookie: string, body?: unknown): Promise<Response>;
  stop(): Promise<void>;
}

export async function startOfficeService(
  options: { seedDemo?: boolean; dir?: string; clock?: () => Date } = {},
): Promise<OfficeService> {
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), 'office-test-'));
  const service = await createPlenaryService({
    dataDir: join(dir, 'db'),
    seedDemo: options.seedDemo ?? true,
    log: () => undefined,
    ...(options.clock ? { clock: options.clock } : {}),
  });
  const app = service.app;
  return {
    service,
    dir,
    async login(username, password = DEMO_PASSWORD) {
      const res = await app.request('/api/auth/login', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username, password }),
      });
      const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
      return { status: res.status, cookie, body: await res.json() };
    },
    call: (method, path, cookie, body) =>
      Promise.resolve(
        app.request(path, {
          method,
          headers: {
            ...(body === undefined ? {} : { 'content-type': 'application/json' }),
            ...(cookie ? { cookie } : {}),
          },
          ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        }),
      ),
    async stop() {
      await service.close();
      if (!options.dir) rmSync(dir, { recursive: true, force: true });
    },
  };
}

// ——— The office in Chromium: what office.e2e and office-council.e2e share ———

/** Sunne KF's body and parties as the import's JSON file holds them (`{ body, parties }`). */
export function sunneCouncil(parties: readonly ('S' | 'M' | 'C')[]) {
  const all = {
    S: { id: 'S', abbreviation: 'S', name: 'Socialdemokraterna', color: '#e8112d' },
    M: { id: 'M', abbreviation: 'M', name: 'Moderaterna', color: '#52bdec' },
    C: { id: 'C', abbreviation: 'C', name: 'Centerpartiet', color: '#009933' },
  };
  return {
    body: { id: 'sunne-kf', name: 'Kommunfullmäktige i Sunne kommun', kind: 'council' },
    parties: parties.map((p) => all[p]),
  };
}

/**
 * The members CSV: members sn-1… (sn-1 the chair) and substitutes se-1…, each with an e-mail address; `bad` writes a
 * word for one member's seat (member n is the file's row n + 1, after the header).
 */
export function sunneMembersCsv(o: {
  seats: number;
  substitutes: number;
  partyOf: (n: number) => string;
  /** A substitute's call-in order within the party. */
  orderOf: (n: number) => number;
  bad?: { member: number; seat: string };
}): string {
  const rows = ['id;name;party;username;roles;seat;substitute_order;email'];
  for (let n = 1; n <= o.seats; n++)
    rows.push(
      `sn-${n};Ledamot ${n} Sunne;${o.partyOf(n)};sn${n};member${n === 1 ? '|chair' : ''};${o.bad?.member === n ? o.bad.seat : n};;sn${n}@sunne.example.se`,
    );
  for (let n = 1; n <= o.substitutes; n++)
    rows.push(
      `se-${n};Ersättare ${n} Sunne;${o.partyOf(n)};se${n};substitute;;${o.orderOf(n)};se${n}@sunne.example.se`,
    );
  return rows.join('\n');
}

/** Every address the notice goes to, sorted: one per member and substitute of the CSV. */
export function sunneRecipients(seats: number, substitutes: number): string[] {
  return [
    ...Array.from({ length: seats }, (_, i) => `sn${i + 1}@sunne.example.se`),
    ...Array.from({ length: substitutes }, (_, i) => `se${i + 1}@sunne.example.se`),
  ].sort();
}

export function stockholmDay(at: Date): string {
  return at.toLocaleDateString('sv-SE', { timeZone: 'Europe/Stockholm' });
}

/**
 * A real SMTP server and the e2e plenary (web shell, Chromium) sending the notice through it, started before the
 * file's tests and stopped after them.
 */
export function useOfficeE2E(options: { clock?: () => Date } = {}): {
  readonly e2e: E2E;
  readonly smtp: SmtpCatcher;
} {
  const started: { e2e?: E2E; smtp?: SmtpCatcher } = {};
  beforeAll(async () => {
    started.smtp = await startSmtpCatcher();
    started.e2e = await startE2E({
      ...(options.clock ? { clock: options.clock } : {}),
      plenary: { mail: { url: started.smtp.url, from: 'Kansliet <kansliet@sunne.example.se>' } },
    });
  }, 300_000);
  afterAll(async () => {
    await started.e2e?.stop();
    await started.smtp?.close();
  });
  const need = <T>(x: T | undefined): T => {
    if (!x) throw new Error('the office e2e has not started');
    return x;
  };
  return {
    get e2e() {
      return need(started.e2e);
    },
    get smtp() {
      return need(started.smtp);
    },
  };
}

/** What the office's API says is stored, read as the signed-in page. */
export function officeStore(page: Page) {
  return {
    bodies: async () =>
      ((await (await page.request.get('/api/office/bodies')).json()) as { bodies: string[] })
        .bodies,
    usernames: async () =>
      (
        (await (await page.request.get('/api/office/accounts')).json()) as {
          accounts: { username: string }[];
        }
      ).accounts.map((a) => a.username),
  };
}

/**
 * The administrator's import in the page (Fullmäktige): members as CSV with the body's JSON file; returns the form and
 * `importCsv`, which chooses a members file and presses Importera.
 */
export async function openCouncilImport(
  page: Page,
  council: unknown,
): Promise<{ form: Locator; importCsv(csv: string): Promise<void> }> {
  await page.getByRole('button', { name: 'Fullmäktige' }).click();
  const form = page.getByTestId('council-import');
  await form.getByLabel('Ledamöter som CSV').check();
  await form.getByLabel('Organ och partier (JSON)').setInputFiles({
    name: 'sunne.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify(council)),
  });
  return {
    form,
    async importCsv(csv) {
      await form.getByLabel('Ledamöter och ersättare (CSV)').setInputFiles({
        name: 'ledamoter.csv',
        mimeType: 'text/csv',
        buffer: Buffer.from(csv),
      });
      await form.getByRole('button', { name: 'Importera' }).click();
    },
  };
}

export interface AgendaFill {
  kind: string;
  title: string;
  /** The kind's own fields of item n (case number, election mode, asker …). */
  fill?: (n: number) => Promise<unknown>;
}

/** Agenda items as the scheduling form's rows, one of each kind the tests use. */
export function agendaItems(form: Locator) {
  const field = (label: string, n: number) => form.getByLabel(`${label} ${n}`, { exact: true });
  return {
    election: (title: string): AgendaFill => ({
      kind: 'Val',
      title,
      fill: (n) => field('Valet hålls', n).selectOption('open'),
    }),
    /** Ärende, Motion or Medborgarförslag with its case number. */
    withCase: (kind: string, title: string, caseNumber: string): AgendaFill => ({
      kind,
      title,
      fill: (n) => field('Diarienummer', n).fill(caseNumber),
    }),
    closed: (title: string): AgendaFill => ({
      kind: 'Ärende',
      title,
      fill: (n) => field('Stängda dörrar (sekretess)', n).check(),
    }),
    interpellation: (title: string, askedBy: string): AgendaFill => ({
      kind: 'Interpellation',
      title,
      fill: async (n) => {
        await field('Ställd av', n).selectOption({ label: askedBy });
        await field('Besvaras av', n).fill('Kommunstyrelsens ordförande');
      },
    }),
    report: (title: string): AgendaFill => ({ kind: 'Anmälan', title }),
  };
}

/** Fills the scheduling form's agenda: a row per item, added as needed. */
export async function fillAgenda(form: Locator, items: readonly AgendaFill[]): Promise<void> {
  for (const [i, item] of items.entries()) {
    const n = i + 1;
    if (i > 0) await form.getByRole('button', { name: 'Lägg till punkt' }).click();
    await form.getByLabel(`Slag ${n}`, { exact: true }).selectOption({ label: item.kind });
    await form.getByLabel(`Rubrik ${n}`, { exact: true }).fill(item.title);
    await item.fill?.(n);
  }
}
