// One language per person (issue 15): no text a person sees is written "Svenska / English". A refusal carries its
// code, Swedish text, and the English beside it (`reject(code, sv, en)`); the client shows the reader's one. The
// test reads the source itself, so a new bilingual string, or a refusal whose Swedish is English, fails here.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { reject, rejectionText } from './errors.ts';
import { bilingualHalves, leansEnglish, leansSwedish } from './one-language.ts';

const root = join(import.meta.dirname, '..', '..', '..');

// apps/ballot is not read yet: its refusals are English and its tie message bilingual (app/close.ts).
const KNOWN: string[] = [];
const DIRS = ['apps/plenary/src', 'apps/plenary/web/src', 'apps/webcast/src', 'packages'];

function sources(): string[] {
  return DIRS.flatMap((d) =>
    readdirSync(join(root, d), { withFileTypes: true, recursive: true })
      .filter(
        (f) =>
          f.isFile() &&
          /\.(ts|svelte)$/.test(f.name) &&
          !f.name.endsWith('.test.ts') &&
          !f.parentPath.includes('node_modules'),
      )
      .map((f) => join(f.parentPath, f.name)),
  );
}

const LITERAL = `'(?:[^'\\\\\\n]|\\\\.)*'|\`(?:[^\`\\\\]|\\\\.)*\`|"(?:[^"\\\\\\n]|\\\\.)*"`;
const unquote = (lit: string) => lit.slice(1, -1);

/** Every string or template literal of the code, with its file. */
function literals(): { file: string; text: string }[] {
  const out: { file: string; text: string }[] = [];
  for (const file of sources()) {
    const code = readFileSync(file, 'utf8');
    for (const m of code.matchAll(new RegExp(LITERAL, 'g')))
      out.push({ file: file.slice(root.length + 1), text: unquote(m[0]) });
  }
  return out;
}

/** Every refusal built in the code as reject('CODE', 'sv'[, 'en']) (or the helpers forbidden/unavailable/refuse). */
function refusals(): { file: string; sv: string; en: string | null }[] {
  const call = new RegExp(
    `(?:reject\\(\\s*'[A-Z_]+',|forbidden\\(|unavailable\\()\\s*(${LITERAL})(?:,\\s*(${LITERAL}))?`,
    'g',
  );
  const out: { file: string; sv: string; en: string | null }[] = [];
  for (const file of sources()) {
    const code = readFileSync(file, 'utf8');
    for (const m of code.matchAll(call))
      out.push({
        file: file.slice(root.length + 1),
        sv: unquote(m[1] ?? "''"),
        en: m[2] ? unquote(m[2]) : null,
      });
  }
  return out;
}

describe('one language per person', () => {
  it('tells a bilingual "x / y" pair from a title with slashes', () => {
    expect(
      bilingualHalves('Voteringen är redan stängd. / The division is already closed.'),
    ).toEqual({
      sv: 'Voteringen är redan stängd.',
      en: 'The division is already closed.',
    });
    expect(bilingualHalves('Log in first. / Logga in först.')).toEqual({
      sv: 'Logga in först.',
      en: 'Log in first.',
    });
    expect(bilingualHalves('JA / NEJ / AVSTÅR')).toBeNull();
    expect(bilingualHalves('Ogiltigt mandat.')).toBeNull();
  });

  it('no string in the code is a "Svenska / English" pair', () => {
    const all = literals();
    expect(all.length).toBeGreaterThan(5000);
    const bilingual = all.filter((l) => {
      if (KNOWN.some((k) => l.file.endsWith(k))) return false;
      // A slash inside ${…} is arithmetic, not a pair.
      const halves = bilingualHalves(l.text.replace(/\$\{[^}]*\}/g, 'x'));
      return halves !== null && leansSwedish(halves.sv) && leansEnglish(halves.en);
    });
    expect(bilingual.map((l) => `${l.file}: ${l.text}`)).toEqual([]);
  });

  it('every refusal in the code is Swedish, with any English beside it', () => {
    const all = refusals();
    expect(all.length).toBeGreaterThan(300);
    const english = all.filter((r) => leansEnglish(r.sv));
    expect(english.map((r) => `${r.file}: ${r.sv}`)).toEqual([]);
    const swappedEn = all.filter((r) => r.en !== null && leansSwedish(r.en));
    expect(swappedEn.map((r) => `${r.file}: ${r.en}`)).toEqual([]);
  });

  it('the reader sees the refusal in their language, Swedish when there is no English', () => {
    const r = reject('CONFLICT', 'Redan bekräftat.', 'Already confirmed.');
    expect(rejectionText(r, 'sv')).toBe('Redan bekräftat.');
    expect(rejectionText(r, 'en')).toBe('Already confirmed.');
    expect(rejectionText(reject('CONFLICT', 'Redan bekräftat.'), 'en')).toBe('Redan bekräftat.');
    expect(reject('CONFLICT', 'Redan bekräftat.')).toEqual({
      code: 'CONFLICT',
      message: 'Redan bekräftat.',
    });
  });
});
