import { describe, expect, it } from 'vitest';
import { atLeast } from './ffmpeg-path.ts';

describe('atLeast', () => {
  it('compares release versions by major and minor', () => {
    expect(atLeast('5.1.9-0+deb12u1', 5, 1)).toBe(true);
    expect(atLeast('6.0', 5, 1)).toBe(true);
    expect(atLeast('n7.1', 5, 1)).toBe(true);
    expect(atLeast('5.0.3', 5, 1)).toBe(false);
    expect(atLeast('4.4.2', 5, 1)).toBe(false);
  });

  it('does not trust a git snapshot or an unknown version', () => {
    expect(atLeast('N-47683-g0e8eb07980-static', 5, 1)).toBe(false);
    expect(atLeast(null, 5, 1)).toBe(false);
    expect(atLeast('', 5, 1)).toBe(false);
  });
});
