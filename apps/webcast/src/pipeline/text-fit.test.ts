import { describe, expect, it } from 'vitest';
import { fitText, type Measure } from './text-fit.ts';

// Every character 10 px wide at size 10: widths are easy to reason about.
const mono: Measure = (s, size) => [...s].length * size;
const box = (lines: number, chars: number) => ({ fontSize: 10, maxWidth: chars * 10, lines });

describe('fitText', () => {
  it('leaves a text that fits alone', () => {
    expect(fitText('§ 3 Val', box(1, 20), mono)).toBe('§ 3 Val');
  });

  it('wraps words onto the box lines', () => {
    expect(fitText('Val av ledamöter till nämnden', box(2, 16), mono)).toBe(
      'Val av ledamöter\ntill nämnden',
    );
  });

  it('ends the last line in an ellipsis when the lines run out, never wider than the box', () => {
    const out = fitText(
      'Val av ledamöter och ersättare till kommunstyrelsen 2027–2030',
      box(2, 16),
      mono,
    );
    const lines = out.split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[1]?.endsWith('…')).toBe(true);
    for (const l of lines) expect(mono(l, 10)).toBeLessThanOrEqual(160);
  });

  it('breaks a single word wider than the box', () => {
    const out = fitText('Kommunfullmäktigesammanträdesprotokoll', box(1, 10), mono);
    expect(out).toBe('Kommunful…');
    expect(mono(out, 10)).toBeLessThanOrEqual(100);
  });

  it('gives nothing for nothing', () => {
    expect(fitText('   ', box(2, 10), mono)).toBe('');
  });
});
