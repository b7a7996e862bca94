// The shared free-text, id and address schemas (issue #11 items 2 and 7).
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { freeText, idText, isSafeText, linkUrl } from './text.ts';

describe('freeText', () => {
  const text = freeText(20, { min: 1 });

  it('keeps newline, tab and every well-formed character, trimmed', () => {
    expect(text.parse('  Rad 1\n\tRad 2 ✓ 🗳 ')).toBe('Rad 1\n\tRad 2 ✓ 🗳');
  });

  it.each([
    ['NUL', 'a\u0000b'],
    ['a lone high surrogate', 'a\uD800b'],
    ['a lone low surrogate', 'a\uDC00'],
    ['escape', 'a\u001Bb'],
    ['carriage return', 'a\rb'],
    ['DEL', 'a\u007F'],
    ['a C1 control', 'a\u0085'],
  ])('refuses %s', (_, value) => {
    expect(text.safeParse(value).success).toBe(false);
  });

  it('refuses text longer than the cap and empty text under a minimum', () => {
    expect(text.safeParse('x'.repeat(21)).success).toBe(false);
    expect(text.safeParse('   ').success).toBe(false);
  });

  it('keeps passwords as typed with trim: false', () => {
    expect(freeText(20, { trim: false }).parse(' hemligt ')).toBe(' hemligt ');
  });

  it('accepts exactly the strings whose code points are all allowed (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 30 }), (s) => {
        const allowed = [...s].every((ch) => {
          const cp = ch.codePointAt(0) ?? 0;
          const control = cp < 0x20 ? cp !== 0x09 && cp !== 0x0a : cp >= 0x7f && cp <= 0x9f;
          return !control && !(cp >= 0xd800 && cp <= 0xdfff);
        });
        expect(isSafeText(s)).toBe(allowed);
      }),
    );
  });
});

describe('idText', () => {
  it('takes import ids and UUIDs, refuses NUL, spaces and slashes', () => {
    expect(idText().safeParse('kf-2026-12-18').success).toBe(true);
    expect(idText().safeParse('0b9d7c1e-4a3f-4a8e-9c41-7d2b6f1e0a55').success).toBe(true);
    for (const bad of ['', 'a\u0000', 'a b', '../x', 'x'.repeat(65)])
      expect(idText().safeParse(bad).success).toBe(false);
  });
});

describe('linkUrl', () => {
  it('takes http(s) addresses and paths on this server', () => {
    for (const ok of ['https://kommun.se/a.pdf', 'http://intranet/x', '/documents/budget.pdf'])
      expect(linkUrl().safeParse(ok).success).toBe(true);
  });

  it('refuses javascript:, data:, protocol-relative and other schemes', () => {
    for (const bad of [
      'javascript:alert(1)',
      ' JavaScript:alert(1)',
      'data:text/html,<script>',
      '//evil.example/x',
      '/\\evil.example',
      'file:///etc/passwd',
      'vbscript:x',
      'documents/x.pdf',
    ])
      expect(linkUrl().safeParse(bad).success).toBe(false);
  });
});
