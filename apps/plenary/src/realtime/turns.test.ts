// Broadcast slicing (issue #4 speed): big broadcasts go one slice per event-loop turn, in order, so other work runs
// between slices; a newer public view drops the slices of an older one; the coalescer sends a division's result at once.
import { describe, expect, it } from 'vitest';
import { createCoalescer } from './coalesce.ts';
import { createTurns, slices } from './turns.ts';

const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('slices of a broadcast, one per turn', () => {
  it('runs the first slice at once and each next one in a turn of its own, in order; other work runs between', async () => {
    const turns = createTurns();
    const log: string[] = [];
    turns.push(slices([1, 2, 3, 4, 5], 2).map((s) => () => log.push(`a${s.join('')}`)));
    turns.push([() => log.push('b')]);
    expect(log).toEqual(['a12']);
    setImmediate(() => log.push('other'));
    await turn();
    await turn();
    await turn();
    await turn();
    expect(log.filter((x) => x !== 'other')).toEqual(['a12', 'a34', 'a5', 'b']);
    expect(log.indexOf('other')).toBeLessThan(log.indexOf('b'));
  });

  it('a newer view drops the slices of an older one not sent yet; close sends what is left', async () => {
    const turns = createTurns();
    const log: string[] = [];
    turns.push([() => log.push('old-1'), () => log.push('old-2')]);
    turns.clear();
    turns.push([() => log.push('new-1'), () => log.push('new-2'), () => log.push('new-3')]);
    turns.close();
    await turn();
    expect(log).toEqual(['old-1', 'new-1', 'new-2', 'new-3']);
  });
});

describe('coalescing', () => {
  it('merges changes within the window, and sends an urgent one (a division’s result) at once', async () => {
    const sent: number[][] = [];
    const c = createCoalescer<number[]>({
      merge: (a, b) => a.concat(b),
      flush: (_, v) => sent.push(v),
      windowMs: () => 60_000,
    });
    c.push('s', [1]);
    await turn();
    expect(sent).toEqual([[1]]);
    c.push('s', [2]);
    c.push('s', [3]);
    await turn();
    expect(sent).toEqual([[1]]); // waits for the window
    c.push('s', [4], true);
    await turn();
    expect(sent).toEqual([[1], [2, 3, 4]]);
    c.close();
  });
});
