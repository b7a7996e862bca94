import { describe, expect, it } from 'vitest';
import { RunClock } from './run-clock.ts';

describe('RunClock', () => {
  it('frames are 40 ms apart from the run start', () => {
    const c = new RunClock(1000);
    expect(c.timeOf(0)).toBe(1000);
    expect(c.timeOf(25)).toBe(2000);
  });
  it('skipped ticks push later frames later, earlier frames stay', () => {
    const c = new RunClock(0);
    for (let i = 0; i < 10; i++) c.wrote();
    c.skipped(1);
    c.skipped(2);
    for (let i = 0; i < 10; i++) c.wrote();
    c.skipped(25);
    expect(c.timeOf(9)).toBe(360);
    expect(c.timeOf(10)).toBe(520);
    expect(c.timeOf(19)).toBe(880);
    expect(c.timeOf(20)).toBe(1920);
  });
});
