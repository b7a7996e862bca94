// One language per person (issue 15): every bilingual message the servers can send is split into its Swedish and its
// English half. The messages are read from the source itself, so a new one that cannot be told apart fails here.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bilingualHalves, oneLanguage } from './one-language.ts';

const root = join(import.meta.dirname, '..', '..', '..');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((f) => f.isFile() && f.name.endsWith('.ts') && !f.name.endsWith('.test.ts'))
    .map((f) => join(f.parentPath, f.name));
}

/** Every string or template literal of the servers' code written as "x / y" with a capital after the slash. */
function bilingualLiterals(): { file: string; text: string }[] {
  const out: { file: string; text: string }[] = [];
  const files = ['apps/plenary/src', 'apps/ballot/src', 'apps/webcast/src'].flatMap((d) =>
    sources(join(root, d)),
  );
  for (const file of files) {
    const code = readFileSync(file, 'utf8');
    for (const m of code.matchAll(/'((?:[^'\\\n]|\\.)*)'|`((?:[^`\\]|\\.)*)`/g)) {
      const text = m[1] ?? m[2] ?? '';
      if (/\S \/ \p{Lu}/u.test(text) && text.split(' / ').length === 2)
        out.push({ file: file.slice(root.length + 1), text });
    }
  }
  return out;
}

describe('one language per person', () => {
  it('shows the reader’s half, whichever comes first', () => {
    expect(oneLanguage('Voteringen är redan stängd. / The division is already closed.', 'sv')).toBe(
      'Voteringen är redan stängd.',
    );
    expect(
      oneLanguage('The sitting has begun: it cannot change. / Sammanträdet har börjat.', 'sv'),
    ).toBe('Sammanträdet har börjat.');
    expect(oneLanguage('Voteringen är redan stängd. / The division is already closed.', 'en')).toBe(
      'The division is already closed.',
    );
    // Not two halves: left as it is (a title with a slash, a plain message).
    expect(oneLanguage('JA / NEJ / AVSTÅR', 'sv')).toBe('JA / NEJ / AVSTÅR');
    expect(oneLanguage('Ogiltigt mandat.', 'sv')).toBe('Ogiltigt mandat.');
  });

  it('every bilingual message in the servers’ code is told apart', () => {
    const literals = bilingualLiterals();
    expect(literals.length).toBeGreaterThan(100);
    const undecided = literals.filter((l) => bilingualHalves(l.text) === null);
    expect(undecided.map((l) => `${l.file}: ${l.text}`)).toEqual([]);
  });
});
