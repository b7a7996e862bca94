// R24: the minutes of the demo sitting over HTTP as HTML, PDF (read back with pdftotext), DOCX (word/document.xml read
// back with unzip) and the voting list as CSV; R24/R25: the open data — our record against its schema, Popolo's
// required fields and references, confidential items only as closed.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sittingRecordSchema } from '@council/shared';
import { DEMO_SITTING_ID } from '../../apps/plenary/src/app/demo-council.ts';
import type { Popolo } from '../../apps/plenary/src/app/minutes/open-data.ts';
import { findProgram, requireProgram } from '../support/requires.ts';
import { runMinutesScript, startMinutesService, type MinutesService } from '../support/minutes.ts';

const base = `/api/sittings/${DEMO_SITTING_ID}`;
const pub = `/api/public/sittings/${DEMO_SITTING_ID}`;
let m: MinutesService;
let cookie: string;
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'minutes-out-'));
  m = await startMinutesService();
  cookie = await m.login('sekreterare');
}, 60_000);
afterAll(async () => {
  await m.stop();
  rmSync(dir, { recursive: true, force: true });
});

const normalise = (text: string) => text.replace(/\s+/g, ' ');

/** Facts every format must carry (names with å ä ö, ranges, counts, decisions, reservations). */
const facts = [
  'Kommunfullmäktige i Sjöstads kommun',
  'ersättare för Birgitta Bergström (S) §§ 1–5',
  'ersättare för Malin Berg (S) § 2, ersättare för Åsa Johansson (S) §§ 3–5',
  'teknikfelsledamot från kl. 18:13',
  'Detaljplan för kvarteret Spinneriet, antagande',
  'JA 29, NEJ 27, AVSTÅR 4, EJ RÖSTAT 1',
  'Fullmäktige antar detaljplanen för kvarteret Spinneriet.',
  'Peter Andersson (M) reserverar sig mot beslutet',
  'Planen tar för lite hänsyn till grönområdena.',
  'Valsedelstavlans rothash',
];

describe('minutes during the sitting and after', () => {
  it('R24: a preview during the sitting; the public export waits until the sitting is finished', async () => {
    const before = await m.get(`${base}/minutes`, cookie);
    expect(before.status).toBe(200);
    expect(await before.json()).toMatchObject({ status: 'preview', document: { paragraphs: [] } });
    expect((await m.get(`${pub}/record.json`)).status).toBe(409);
    expect((await m.get(`${base}/minutes.html`)).status).toBe(401);
    await runMinutesScript(m);
    const after = await m.get(`${base}/minutes`, cookie);
    expect(await after.json()).toMatchObject({ status: 'draft', lock: null });
  }, 120_000);

  it('R24: the HTML minutes are print-ready, Swedish by default, with every fact and the voting list appendix', async () => {
    const res = await m.get(`${base}/minutes.html`, cookie);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/html/);
    const html = await res.text();
    expect(html).toMatch(/^<!doctype html><html lang="sv">/);
    expect(html).toContain('@page { size: A4');
    const text = normalise(
      html
        .replace(/<[^>]+>/g, ' ')
        .replace(/&quot;/g, '"')
        .replace(/&#39;/g, "'")
        .replace(/&amp;/g, '&'),
    );
    for (const f of facts) expect(text).toContain(f);
    expect(text).toContain('Bilaga 1 — Voteringslista § 2, votering 1');
    expect(text).toContain('UTKAST — ej justerat');
    const en = await (await m.get(`${base}/minutes.html?lang=en`, cookie)).text();
    expect(en).toContain('<html lang="en">');
    expect(en).toContain('Members taking part');
  });

  const pdftotext = findProgram('pdftotext');
  const hasPdf = requireProgram(
    'pdftotext (poppler-utils)',
    pdftotext !== null,
    'apt-get install poppler-utils',
  );
  it.runIf(hasPdf)(
    'R24: the PDF opens and reads back (pdftotext) with every fact, å ä ö intact',
    async () => {
      const res = await m.get(`${base}/minutes.pdf`, cookie);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('application/pdf');
      const file = join(dir, 'minutes.pdf');
      writeFileSync(file, Buffer.from(await res.arrayBuffer()));
      const text = normalise(
        execFileSync(pdftotext ?? 'pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }),
      );
      for (const f of facts) expect(text).toContain(f);
      expect(text).toContain('Voteringslista');
      expect(text).toMatch(/Peter Andersson M NEJ/);
      // Page numbers on every page, and no page left empty but for its footer.
      const info = execFileSync(findProgram('pdfinfo') ?? 'pdfinfo', [file], { encoding: 'utf8' });
      // For archiving and accessibility (issue 14): PDF/A-2b, tagged.
      expect(info).toMatch(/Tagged:\s+yes/);
      // The XMP metadata declares the PDF/A part and conformance (pdfaid:part 2, conformance B).
      const xmp = execFileSync(findProgram('pdfinfo') ?? 'pdfinfo', ['-meta', file], {
        encoding: 'utf8',
      });
      expect(xmp).toMatch(/pdfaid:part(>|=")2/);
      expect(xmp).toMatch(/pdfaid:conformance(>|=")B/);
      const pages = Number(/Pages:\s+(\d+)/.exec(info)?.[1]);
      expect(text).toContain(`sida ${pages} av ${pages}`);
      expect(pages).toBeGreaterThan(3);
      for (let page = 1; page <= pages; page++) {
        const one = execFileSync(
          pdftotext ?? 'pdftotext',
          ['-f', String(page), '-l', String(page), file, '-'],
          { encoding: 'utf8' },
        );
        expect(one.replace(/.*sida \d+ av \d+.*/, '').trim().length).toBeGreaterThan(0);
      }
    },
  );

  const unzip = findProgram('unzip');
  const hasUnzip = requireProgram('unzip', unzip !== null, 'apt-get install unzip');
  it.runIf(hasUnzip)('R24: the DOCX opens and its word/document.xml holds every fact', async () => {
    const res = await m.get(`${base}/minutes.docx`, cookie);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toContain('protokoll-kf-2026-12-14.docx');
    const file = join(dir, 'minutes.docx');
    writeFileSync(file, Buffer.from(await res.arrayBuffer()));
    const xml = execFileSync(unzip ?? 'unzip', ['-p', file, 'word/document.xml'], {
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    });
    const text = normalise(
      xml
        .replace(/<\/w:p>/g, ' ')
        .replace(/<[^>]+>/g, '')
        .replace(/&quot;/g, '"')
        .replace(/&amp;/g, '&'),
    );
    for (const f of facts) expect(text).toContain(f);
  });

  it('R24: the voting list as CSV: one row per member and division, JA / NEJ / AVSTÅR / EJ RÖSTAT', async () => {
    const res = await m.get(`${base}/minutes/voting-list.csv`, cookie);
    expect(res.headers.get('content-type')).toMatch(/text\/csv/);
    const lines = (await res.text())
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toBe('paragraf,ärende,votering,fråga,person_id,namn,parti,röst');
    expect(lines).toHaveLength(62);
    expect(lines.find((l) => l.includes(',ledamot-20,'))).toMatch(/,Peter Andersson,M,NEJ$/);
    expect(lines.find((l) => l.includes(',ledamot-53,'))).toMatch(/,EJ RÖSTAT$/);
    expect(lines.filter((l) => l.endsWith(',JA'))).toHaveLength(29);
  });
});

describe('open data', () => {
  it('R24, R13: our record follows its published schema; the confidential item is only "closed"', async () => {
    const res = await m.get(`${pub}/record.json`);
    expect(res.status).toBe(200);
    const record = sittingRecordSchema.parse(await res.json());
    expect(record.paragraphs.map((p) => [p.paragraph, p.closed])).toEqual([
      [1, false],
      [2, false],
      [3, false],
      [4, false],
      [5, true],
    ]);
    expect(record.paragraphs[4]).toEqual({ paragraph: 5, closed: true });
    expect(JSON.stringify(record)).not.toContain('Kvarnen');
    const p2 = record.paragraphs[1];
    if (!p2 || p2.closed) throw new Error('§ 2 missing');
    expect(p2.divisions[0]?.counts).toEqual({ yes: 29, no: 27, abstain: 4, absent: 1 });
    const schema = (await (await m.get('/api/public/schemas/record.json')).json()) as {
      $schema?: string;
      properties?: object;
    };
    expect(schema.$schema).toMatch(/json-schema\.org/);
    expect(Object.keys(schema.properties ?? {})).toEqual([
      'format',
      'sitting',
      'minutes',
      'attendance',
      'absentMembers',
      'paragraphs',
      'log',
    ]);
    const index = (await (await m.get('/api/public/open-data')).json()) as {
      sittings: { id: string; popolo: string }[];
    };
    expect(index.sittings).toEqual([
      expect.objectContaining({ id: DEMO_SITTING_ID, popolo: `${pub}/popolo.json` }),
    ]);
  });

  it('R24: the Popolo export has the required fields and every reference resolves', async () => {
    const p = (await (await m.get(`${pub}/popolo.json`)).json()) as Popolo;
    const personIds = new Set(p.persons.map((x) => x.id));
    const orgIds = new Set(p.organizations.map((x) => x.id));
    const motionIds = new Set(p.motions.map((x) => x.id));
    for (const o of p.organizations) expect(o.name).toBeTruthy();
    for (const x of p.persons) expect(x.name).toBeTruthy();
    for (const ms of p.memberships) {
      expect(personIds.has(ms.person_id)).toBe(true);
      expect(orgIds.has(ms.organization_id)).toBe(true);
      if (ms.on_behalf_of_id) expect(orgIds.has(ms.on_behalf_of_id)).toBe(true);
    }
    for (const mo of p.motions) {
      expect(orgIds.has(mo.organization_id)).toBe(true);
      expect(mo.text).toBeTruthy();
      if (mo.creator_id) expect(personIds.has(mo.creator_id)).toBe(true);
    }
    expect(p.vote_events).toHaveLength(1);
    const ve = p.vote_events[0];
    if (!ve) throw new Error('no vote event');
    expect(motionIds.has(ve.motion_id)).toBe(true);
    expect(ve).toMatchObject({
      organization_id: 'kf',
      legislative_session_id: DEMO_SITTING_ID,
      identifier: '§ 2 votering 1',
      result: 'pass',
    });
    expect(ve.counts).toEqual([
      { option: 'yes', value: 29 },
      { option: 'no', value: 27 },
      { option: 'abstain', value: 4 },
      { option: 'not voting', value: 1 },
    ]);
    expect(ve.votes).toHaveLength(61);
    for (const v of ve.votes) {
      expect(personIds.has(v.voter_id)).toBe(true);
      expect(['yes', 'no', 'abstain', 'not voting']).toContain(v.option);
      if (v.group_id) expect(orgIds.has(v.group_id)).toBe(true);
    }
    expect(ve.votes.find((v) => v.voter_id === 'ledamot-20')).toEqual({
      voter_id: 'ledamot-20',
      option: 'no',
      group_id: 'kf/party/M',
    });
    expect(p.organizations.find((o) => o.id === 'kf/party/S')?.name).toBe('Socialdemokraterna');
    // § 5 is confidential: one closed motion, no content.
    expect(p.motions.filter((x) => x.identifier.startsWith('§ 5'))).toEqual([
      expect.objectContaining({ identifier: '§ 5', text: 'closed', classification: 'closed' }),
    ]);
    expect(p.motions.find((x) => x.identifier === '§ 2 yrkande 1')).toMatchObject({
      result: 'pass',
      creator_id: 'ledamot-02',
    });
    expect(p.motions.find((x) => x.identifier === '§ 2 yrkande 2')).toMatchObject({
      result: 'fail',
    });
  });
});
