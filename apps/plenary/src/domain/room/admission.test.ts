import { describe, expect, it } from 'vitest';
import {
  allMembers,
  chair,
  desk,
  Driver,
  memberActor,
  mid,
  scheduled,
} from '../testing/attendance-fixtures.ts';
import { roomAccess, roomChanges, webcastForward } from './admission.ts';

const outsider = { personId: 'allmanhet', roles: ['member' as const] };

function remoteSitting(): Driver {
  return new Driver(scheduled()).makeRemote(mid(5)).openWithRollCall(
    allMembers().filter((m) => m !== mid(5)),
    [mid(5)],
  );
}

describe('R09: who is let into the video room', () => {
  it('R09: the presidium and the secretary join; a remote member publishes; a member in the chamber only watches', () => {
    const d = remoteSitting();
    expect(roomAccess(d.state, desk)).toEqual({ admitted: true, publish: false, kind: 'desk' });
    expect(roomAccess(d.state, chair)).toMatchObject({ admitted: true, kind: 'desk' });
    expect(roomAccess(d.state, memberActor(mid(5)))).toEqual({
      admitted: true,
      publish: true,
      kind: 'remote',
    });
    expect(roomAccess(d.state, memberActor(mid(6)))).toEqual({
      admitted: true,
      publish: false,
      kind: 'chamber',
    });
  });

  it('R09: a member approved to take part remotely may join before the roll call (the R04 technical check)', () => {
    const d = new Driver(scheduled());
    d.do({ type: 'applyForRemote', personId: mid(7), reason: 'Sjukdom' }, memberActor(mid(7)));
    expect(roomAccess(d.state, memberActor(mid(7)))).toMatchObject({
      admitted: false,
      held: false,
    });
    d.do(
      { type: 'decideRemoteApplication', personId: mid(7), approve: true, lateReason: 'x' },
      chair,
    );
    expect(roomAccess(d.state, memberActor(mid(7)))).toMatchObject({
      admitted: true,
      publish: true,
    });
  });

  it('R09: someone outside the body is refused, and nobody joins a closed sitting', () => {
    const d = remoteSitting();
    expect(roomAccess(d.state, outsider)).toMatchObject({ admitted: false, held: false });
    d.do({ type: 'closeSitting' });
    expect(roomAccess(d.state, memberActor(mid(5)))).toMatchObject({
      admitted: false,
      held: false,
    });
    expect(roomAccess(d.state, desk)).toMatchObject({ admitted: false });
  });

  it('R13: during a closed item a remote member is held waiting unless the chair allowed remote participation', () => {
    const d = remoteSitting();
    d.startItem('i07');
    const held = roomAccess(d.state, memberActor(mid(5)));
    expect(held).toMatchObject({ admitted: false, held: true });
    expect(roomAccess(d.state, desk)).toMatchObject({ admitted: true });
    d.do(
      { type: 'allowRemoteConfidential', itemId: 'i07', reason: 'Triviala personuppgifter' },
      chair,
    );
    expect(roomAccess(d.state, memberActor(mid(5)))).toMatchObject({
      admitted: true,
      publish: true,
    });
  });

  it('R12: a remote member recused from the item is held waiting and let back after it', () => {
    const d = remoteSitting();
    d.startItem('i04');
    d.do({ type: 'declareRecusal', itemId: 'i04', personId: mid(5) }, memberActor(mid(5)));
    expect(roomAccess(d.state, memberActor(mid(5)))).toMatchObject({ admitted: false, held: true });
    d.startItem('i05');
    expect(roomAccess(d.state, memberActor(mid(5)))).toMatchObject({ admitted: true });
  });
});

describe('R13, R12: the people already in the room are judged again when the sitting changes', () => {
  const inRoom = [
    { key: 'a', actor: memberActor(mid(5)) },
    { key: 'b', actor: memberActor(mid(6)) },
    { key: 'c', actor: desk },
  ];

  it('R13: a closed item takes the remote member out (held, with the reason) and keeps the chamber and the desk in', () => {
    const d = remoteSitting();
    d.startItem('i06');
    expect(roomChanges(d.state, inRoom, [])).toEqual({ out: [], back: [], refused: [] });
    d.startItem('i07');
    const changes = roomChanges(d.state, inRoom, []);
    expect(changes.out).toEqual([
      { key: 'a', held: true, reason: expect.stringContaining('Ett slutet ärende behandlas') },
    ]);
    expect(changes.back).toEqual([]);
  });

  it('R13: when the closed item ends, or the chair allows remote participation in it, the waiting member comes back', () => {
    const d = remoteSitting();
    d.startItem('i07');
    const waiting = [{ key: 'a', actor: memberActor(mid(5)) }];
    expect(roomChanges(d.state, [], waiting)).toEqual({ out: [], back: [], refused: [] });
    d.do(
      { type: 'allowRemoteConfidential', itemId: 'i07', reason: 'Triviala personuppgifter' },
      chair,
    );
    expect(roomChanges(d.state, [], waiting).back).toEqual(['a']);
    const e = remoteSitting();
    e.startItem('i07');
    e.startItem('i08');
    expect(roomChanges(e.state, [], waiting).back).toEqual(['a']);
  });

  it('R12: a member who declares jäv in the room is taken out until the next item', () => {
    const d = remoteSitting();
    d.startItem('i04');
    d.do({ type: 'declareRecusal', itemId: 'i04', personId: mid(5) }, memberActor(mid(5)));
    expect(roomChanges(d.state, inRoom, []).out).toEqual([
      { key: 'a', held: true, reason: expect.stringContaining('jäv') },
    ]);
  });

  it('R09: when the sitting closes everyone is out and nobody waits any longer', () => {
    const d = remoteSitting();
    d.startItem('i07');
    d.do({ type: 'closeSitting' });
    const changes = roomChanges(d.state, inRoom, [{ key: 'w', actor: memberActor(mid(5)) }]);
    expect(changes.out.map((o) => [o.key, o.held])).toEqual([
      ['a', false],
      ['b', false],
      ['c', false],
    ]);
    expect(changes.refused).toEqual([{ key: 'w', reason: expect.stringContaining('avslutat') }]);
  });
});

describe('the webcast takes the remote speaker from the room (rtp_forward)', () => {
  const floorTo = (d: Driver, personId: string) => {
    d.do({ type: 'requestFloor', kind: 'speech' }, memberActor(personId));
    d.do({ type: 'giveFloor', seenAndHeard: true }, chair);
  };
  it('the remote member with the floor is forwarded; a member in the chamber, no floor or the floor ended is not', () => {
    const d = remoteSitting();
    d.startItem('i04');
    expect(webcastForward(d.state)).toBeNull();
    floorTo(d, mid(5));
    expect(d.state.debate.floor?.personId).toBe(mid(5));
    expect(webcastForward(d.state)).toBe(mid(5));
    d.startItem('i05');
    expect(webcastForward(d.state)).toBeNull();
    floorTo(d, mid(6));
    expect(d.state.debate.floor?.personId).toBe(mid(6));
    expect(webcastForward(d.state)).toBeNull();
  });
  it('R13: nothing is forwarded during a closed item, even from a remote member allowed in it', () => {
    const d = remoteSitting();
    d.do(
      { type: 'allowRemoteConfidential', itemId: 'i07', reason: 'Triviala personuppgifter' },
      chair,
    );
    d.startItem('i07');
    expect(roomAccess(d.state, memberActor(mid(5)))).toMatchObject({ admitted: true });
    floorTo(d, mid(5));
    expect(d.state.debate.floor?.personId).toBe(mid(5));
    expect(webcastForward(d.state)).toBeNull();
  });
});
