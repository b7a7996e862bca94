import { describe, expect, it } from 'vitest';
import { sitePath } from './sign-in-links.ts';

describe('sitePath: where the browser goes after signing in', () => {
  it('keeps a path of this site with its query and hash', () => {
    expect(sitePath('/desk?sitting=sunne-kf-2026-12-25')).toBe('/desk?sitting=sunne-kf-2026-12-25');
    expect(sitePath('/kansli#sammantraden')).toBe('/kansli#sammantraden');
  });
  it('sends anything that is not a path of this site to the fallback', () => {
    for (const next of [
      'https://evil.example',
      '//evil.example/x',
      '/\\evil.example',
      'javascript:alert(1)',
      '',
      null,
      undefined,
    ])
      expect(sitePath(next, '/member')).toBe('/member');
  });
});
