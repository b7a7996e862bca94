import { describe, expect, it } from 'vitest';
import {
  adjourned,
  baseView,
  chamberMember,
  closedItem,
  remoteMember,
  replying,
  speaking,
} from '../../../../tests/support/webcast-views.ts';
import { layoutFor, resolveProgram } from './layout.ts';
import type { FeedId } from './types.ts';

describe('layoutFor', () => {
  it('R25: shows the chamber full frame with the item when nobody has the floor', () => {
    const p = layoutFor(baseView());
    expect(p.layout).toEqual({ kind: 'full', main: 'chamber' });
    expect(p.lowerThird).toEqual({ name: '', item: '2. Budget 2027' });
    expect(p.audio).toEqual(['chamber']);
  });

  it('R25: a chamber speaker gets the chamber full frame and a lower third with name, party and item', () => {
    const p = layoutFor(speaking(chamberMember));
    expect(p.layout).toEqual({ kind: 'full', main: 'chamber' });
    expect(p.lowerThird).toEqual({ name: 'Anna Åkesson (S)', item: '2. Budget 2027' });
  });

  it('R09: a remote speaker fills the frame with the chamber as picture-in-picture, and only their sound', () => {
    const p = layoutFor(speaking(remoteMember));
    expect(p.layout).toEqual({ kind: 'pip', main: 'remote:m-bo', inset: 'chamber' });
    expect(p.audio).toEqual(['remote:m-bo']);
  });

  it('a reply between the chamber and a remote member is side by side, chamber left, both heard', () => {
    for (const v of [
      replying(remoteMember, chamberMember),
      replying(chamberMember, remoteMember),
    ]) {
      const p = layoutFor(v);
      expect(p.layout).toEqual({ kind: 'side-by-side', left: 'chamber', right: 'remote:m-bo' });
      expect(p.audio).toEqual(['chamber', 'remote:m-bo']);
    }
    expect(layoutFor(replying(remoteMember, chamberMember)).lowerThird?.name).toBe(
      'Bo Öberg (M) – replik',
    );
  });

  it('a reply between two chamber members stays on the chamber camera', () => {
    expect(
      layoutFor(replying(chamberMember, { ...chamberMember, memberId: 'm-c' })).layout,
    ).toEqual({ kind: 'full', main: 'chamber' });
  });

  it('R13: a confidential item is a closed-item slate with no sound and no lower third, even with a speaker', () => {
    for (const v of [closedItem(), { ...speaking(remoteMember), currentItemId: 'i-3' }]) {
      const p = layoutFor(v);
      expect(p.layout).toEqual({ kind: 'slate', slate: 'closed-item' });
      expect(p.audio).toEqual([]);
      expect(p.lowerThird).toBeNull();
    }
  });

  it('R15: an adjournment shows "Sammanträdet är ajournerat" with the time it resumes', () => {
    const p = layoutFor(adjourned('2026-11-23T18:30:00.000Z'));
    expect(p.layout).toEqual({ kind: 'slate', slate: 'adjourned' });
    expect(p.slateText).toEqual(['Sammanträdet är ajournerat', 'Återupptas kl. 19:30']);
    expect(layoutFor(adjourned(null)).slateText).toEqual(['Sammanträdet är ajournerat', '']);
    expect(p.audio).toEqual([]);
  });

  it('before the opening: the room without sound and when the sitting starts; after: that it has ended', () => {
    const before = layoutFor(baseView({ status: 'scheduled' }));
    expect(before.slateText[1]).toBe('Sammanträdet börjar kl. 18:00');
    expect(before.layout).toEqual({ kind: 'full', main: 'chamber' });
    expect(before.audio).toEqual([]);
    expect(layoutFor(baseView({ status: 'closed' })).layout).toEqual({
      kind: 'slate',
      slate: 'ended',
    });
  });

  it('uses the § number once an item has one', () => {
    expect(layoutFor(baseView({ currentItemId: 'i-1' })).lowerThird?.item).toBe(
      '§ 101 Val av justerare',
    );
  });
});

describe('resolveProgram', () => {
  const only =
    (...feeds: FeedId[]) =>
    (f: FeedId) =>
      feeds.includes(f);

  it('keeps the programme when every feed is live', () => {
    const p = layoutFor(speaking(remoteMember));
    expect(resolveProgram(p, only('chamber', 'remote:m-bo'))).toEqual(p);
  });

  it('falls back to the chamber when the remote speaker has no picture', () => {
    const p = resolveProgram(layoutFor(speaking(remoteMember)), only('chamber'));
    expect(p.layout).toEqual({ kind: 'full', main: 'chamber' });
    expect(p.audio).toEqual(['chamber']);
    expect(p.lowerThird?.name).toBe('Bo Öberg (M)');
  });

  it('drops the inset when the chamber is stale behind a remote speaker', () => {
    expect(resolveProgram(layoutFor(speaking(remoteMember)), only('remote:m-bo')).layout).toEqual({
      kind: 'full',
      main: 'remote:m-bo',
    });
  });

  it('R15: a stale chamber alone shows the technical slate with no sound', () => {
    const p = resolveProgram(layoutFor(baseView()), only());
    expect(p.layout).toEqual({ kind: 'slate', slate: 'technical' });
    expect(p.audio).toEqual([]);
  });

  it('a side-by-side with one side missing shows the other full frame', () => {
    expect(
      resolveProgram(layoutFor(replying(remoteMember, chamberMember)), only('chamber')).layout,
    ).toEqual({ kind: 'full', main: 'chamber' });
  });
});
