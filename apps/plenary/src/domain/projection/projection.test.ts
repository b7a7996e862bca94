// R13: one projection per person — the state, the events, the public view and the minutes of a closed item reach only
// those who may read it; a person's roles add up and the administrator's and the committee's add nothing.
import { describe, expect, it } from 'vitest';
import type { StoredEvent } from '@council/shared';
import {
  allMembers,
  chair,
  desk,
  Driver,
  memberActor,
  mid,
  scheduled,
  sid,
} from '../testing/attendance-fixtures.ts';
import { buildMinutes } from '../minutes/document.ts';
import { publicView } from '../sitting/public-view.ts';
import type { Actor } from '../sitting/types.ts';
import { closedItemsOf, projectEvents } from './events.ts';
import { projectMinutes } from './minutes.ts';
import { projectState } from './state.ts';
import { mayReadItem, PUBLIC, type Viewer } from './viewer.ts';

const admin: Actor = { personId: 'admin', roles: ['admin'] };
const committee: Actor = { personId: 'valberedning-1', roles: ['committee'] };
const SECRET_REASON = 'Hemlig förhandling om Kvarnen';

const stored = (d: Driver): StoredEvent[] =>
  d.log.map((r) => ({
    ...r,
    payload: r.payload,
    sittingId: d.state.sitting.id,
    prevHash: '',
    hash: '',
  }));

/** ledamot-05 remote (not admitted to i07), ledamot-06 absent, the rest in the room; i07 handled with a document. */
function closedItemHandled(): Driver {
  const d = new Driver(scheduled())
    .makeRemote(mid(5))
    .openWithRollCall(
      allMembers().filter((m) => m !== mid(5) && m !== mid(6)),
      [mid(5)],
    )
    .startItem('i07');
  d.do({
    type: 'handOutDocument',
    itemId: 'i07',
    document: { title: 'Köpekontrakt (sekretess)', url: '/d/kvarnen.pdf' },
  });
  d.do({ type: 'adjourn', reason: SECRET_REASON, resumesAt: null });
  d.do({ type: 'resume' });
  return d;
}

const notAllowed: [string, Viewer][] = [
  ['the public', PUBLIC],
  ['a remote member the chair has not admitted', memberActor(mid(5))],
  ['a member not present', memberActor(mid(6))],
  ['an uncalled substitute', { personId: sid(1), roles: ['substitute'] }],
  ['the administrator', admin],
  ['an election committee member not on the roster', committee],
];

describe('R13: who may read a closed item', () => {
  it('R13: before the sitting the body reads it (the notice), the committee and the administrator do not', () => {
    const s = scheduled();
    expect(mayReadItem(s, memberActor(mid(5)), 'i07')).toBe(true);
    expect(mayReadItem(s, committee, 'i07')).toBe(false);
    expect(mayReadItem(s, admin, 'i07')).toBe(false);
    expect(mayReadItem(s, PUBLIC, 'i07')).toBe(false);
    expect(mayReadItem(s, PUBLIC, 'i08')).toBe(true);
  });

  it('R13: during the sitting, those in the room and the desk; remote members only where the chair allowed it', () => {
    const d = closedItemHandled();
    expect(mayReadItem(d.state, memberActor(mid(4)), 'i07')).toBe(true);
    expect(mayReadItem(d.state, desk, 'i07')).toBe(true);
    expect(mayReadItem(d.state, memberActor(mid(5)), 'i07')).toBe(false);
    d.do({ type: 'allowRemoteConfidential', itemId: 'i07', reason: 'Trivial uppgift' }, chair);
    expect(mayReadItem(d.state, memberActor(mid(5)), 'i07')).toBe(true);
  });

  it('rights add up and never leak: a committee member who is also in the room reads it as a member', () => {
    const d = closedItemHandled();
    expect(mayReadItem(d.state, { personId: mid(4), roles: ['member', 'committee'] }, 'i07')).toBe(
      true,
    );
    expect(mayReadItem(d.state, { personId: mid(6), roles: ['member', 'admin'] }, 'i07')).toBe(
      false,
    );
  });
});

describe('R13: the projected state', () => {
  it.each(notAllowed)('%s sees nothing of the closed item in the state', (_, viewer) => {
    const d = closedItemHandled();
    const text = JSON.stringify(projectState(d.state, viewer));
    for (const secret of ['Kvarnen', 'Köpekontrakt', 'vardering', 'KS 2026/377', SECRET_REASON])
      expect(text).not.toContain(secret);
    const item = projectState(d.state, viewer).items.find((i) => i.id === 'i07');
    expect(item).toMatchObject({ confidential: true, status: 'current', documents: [] });
  });

  it('the desk and a member in the room get the state whole', () => {
    const d = closedItemHandled();
    expect(projectState(d.state, desk)).toBe(d.state);
    expect(JSON.stringify(projectState(d.state, memberActor(mid(4))))).toContain(SECRET_REASON);
  });

  it("R13: the public view shows the closed item as closed, and not the adjournment's reason", () => {
    const d = new Driver(scheduled()).openWithRollCall(allMembers()).startItem('i07');
    d.do({ type: 'adjourn', reason: SECRET_REASON, resumesAt: null });
    const view = publicView(d.state);
    expect(view.closedSession).toBe(true);
    expect(view.adjournment?.reason).not.toContain('Kvarnen');
    expect(JSON.stringify(view)).not.toContain('Kvarnen');
    expect(JSON.stringify(view)).not.toContain('vardering');
  });

  it('an adjournment outside a closed item keeps its reason for everyone', () => {
    const d = new Driver(scheduled()).openWithRollCall(allMembers()).startItem('i08');
    d.do({ type: 'adjourn', reason: 'Kaffepaus', resumesAt: null });
    expect(publicView(d.state).adjournment?.reason).toBe('Kaffepaus');
  });
});

describe('R13: the projected events', () => {
  it.each(notAllowed)(
    "%s gets none of the closed item's events, with their seqs withheld",
    (_, viewer) => {
      const d = closedItemHandled();
      const events = stored(d);
      const projected = projectEvents(d.state, viewer, events);
      const text = JSON.stringify(projected.events);
      for (const secret of ['Kvarnen', 'Köpekontrakt', 'vardering', SECRET_REASON])
        expect(text).not.toContain(secret);
      const handedOut = events.find((e) => e.type === 'DocumentHandedOut');
      expect(
        projected.withheld.some(
          ([a, b]) => a <= (handedOut?.seq ?? 0) && (handedOut?.seq ?? 0) <= b,
        ),
      ).toBe(true);
      // The sitting still moves along for them: the item starts, the adjournment and the resumption arrive.
      expect(projected.events.map((e) => e.type)).toEqual(
        expect.arrayContaining(['ItemStarted', 'SittingAdjourned', 'SittingResumed']),
      );
      const seen =
        projected.events.length + projected.withheld.reduce((n, [a, b]) => n + b - a + 1, 0);
      expect(seen).toBe(events.length);
    },
  );

  it('the desk and a member in the room get every event unchanged', () => {
    const d = closedItemHandled();
    const events = stored(d);
    expect(projectEvents(d.state, desk, events)).toEqual({ events, withheld: [] });
    expect(projectEvents(d.state, memberActor(mid(4)), events).withheld).toEqual([]);
  });

  it('the events after a closed item ended are not withheld: the item current at each event counts', () => {
    const d = closedItemHandled();
    const before = d.log.length;
    d.startItem('i08');
    d.do({ type: 'adjourn', reason: 'Kaffepaus', resumesAt: null });
    const later = stored(d).slice(before);
    expect(closedItemsOf(d.state, later)).toEqual([]);
    expect(projectEvents(d.state, memberActor(mid(5)), later).withheld).toEqual([]);
  });
});

describe('R13, R24: the projected minutes', () => {
  it.each(notAllowed)('%s reads the closed paragraph as closed only', (_, viewer) => {
    const d = closedItemHandled();
    d.do({ type: 'closeSitting' });
    const doc = projectMinutes(buildMinutes(d.state), d.state, viewer);
    const text = JSON.stringify(doc);
    for (const secret of ['Kvarnen', 'Köpekontrakt', 'vardering', SECRET_REASON])
      expect(text).not.toContain(secret);
  });

  it('the desk reads them whole', () => {
    const d = closedItemHandled();
    d.do({ type: 'closeSitting' });
    const whole = buildMinutes(d.state);
    expect(projectMinutes(whole, d.state, desk)).toBe(whole);
    expect(JSON.stringify(whole)).toContain(SECRET_REASON);
  });
});
