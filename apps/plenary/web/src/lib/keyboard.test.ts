import { describe, expect, it } from 'vitest';
import { DESK_KEYS, deskKeyLabel, isDeskKey, type DeskAction } from './keyboard.ts';

describe('desk keys', () => {
  it('give every action its own key: no key means two things by focus', () => {
    const byKey = new Map<string, DeskAction[]>();
    for (const [action, key] of Object.entries(DESK_KEYS) as [DeskAction, string][])
      byKey.set(key, [...(byKey.get(key) ?? []), action]);
    const twice = [...byKey].filter(([, actions]) => actions.length > 1);
    expect(twice).toEqual([]);
  });

  it('match a letter in either case and print it upper-case', () => {
    expect(isDeskKey({ key: 'K' }, 'strikeGavel')).toBe(true);
    expect(isDeskKey({ key: 'k' }, 'strikeGavel')).toBe(true);
    expect(isDeskKey({ key: 'g' }, 'strikeGavel')).toBe(false);
    expect(deskKeyLabel('closeDivision')).toBe('X');
    expect(deskKeyLabel('calledYes')).toBe('1');
  });
});
