// The independent verifier is independent: its code imports @noble/* and node:* and its own files, nothing else.
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';

it('imports nothing from the ballot service or the shared package', () => {
  const dir = fileURLToPath(new URL('./', import.meta.url));
  const files = readdirSync(dir).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'));
  expect(files.length).toBeGreaterThanOrEqual(4);
  for (const f of files) {
    const source = readFileSync(dir + f, 'utf8');
    const specifiers = [...source.matchAll(/\bfrom\s+'([^']+)'|import\(\s*'([^']+)'\s*\)/g)].map(
      (m) => m[1] ?? m[2],
    );
    for (const s of specifiers)
      expect({
        f,
        s,
        ok: /^(@noble\/(curves|hashes|ciphers)\/|node:|\.\/[a-z-]+\.ts$)/.test(s ?? ''),
      }).toEqual({ f, s, ok: true });
  }
});
