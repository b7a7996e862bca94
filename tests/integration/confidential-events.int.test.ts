// R13 over the realtime channel: events about a confidential item reach only those who may take part in it. A remote
// member the chair has not admitted gets a resync hint instead, and the member view they re-join with withholds the
// item's documents; a member in the room receives the events.
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Ack, StoredEvent } from '@council/shared';
import { DEMO_SITTING_ID } from '../../apps/plenary/src/app/demo-council.ts';
import type { JoinResult } from '../../apps/plenary/src/realtime/io.ts';
import { remoteMemberCheckedIn } from '../support/remote-member.ts';
import { request, startTestPlenary, type TestPlenary } from '../support/plenary.ts';

let plenary: TestPlenary;
let desk: Socket;

const command = async (s: Socket, c: unknown) => {
  const answer = await request<Ack<{ seq: number }>>(s, 'sitting:command', {
    sittingId: DEMO_SITTING_ID,
    command: c,
  });
  if (!answer.ok) throw new Error(`${JSON.stringify(c)} refused: ${answer.error.message}`);
  return answer.data;
};
const join = (s: Socket) =>
  request<Ack<JoinResult>>(s, 'sitting:join', { sittingId: DEMO_SITTING_ID });

beforeAll(async () => {
  // Ten minutes before the sitting starts: remote check-in is open (R04).
  let now = new Date('2026-12-14T16:50:00Z').getTime();
  plenary = await startTestPlenary({ clock: () => new Date((now += 10)) });
  desk = await plenary.socket(await plenary.login('sekreterare'));
  const chair = await plenary.socket(await plenary.login('ordforande'));
  const remote = await plenary.socket(await plenary.login('ledamot05'));
  // R01, R04: ledamot-05 takes part remotely.
  await remoteMemberCheckedIn((as, c) => command(as === 'chair' ? chair : remote, c));
  await command(desk, { type: 'openSitting' });
  await command(desk, { type: 'startRollCall' });
  for (let n = 1; n <= 61; n++) {
    const personId = `ledamot-${String(n).padStart(2, '0')}`;
    await command(desk, { type: 'markAttendance', personId, mode: n === 5 ? 'remote' : 'room' });
  }
  const state = await join(desk);
  if (!state.ok || !state.data.state) throw new Error('desk join failed');
  await command(desk, {
    type: 'confirmRollCall',
    rollCallId: state.data.state.attendance.rollCall?.id,
  });
});
afterAll(async () => {
  await plenary.stop();
});

describe('R13: confidential items over the realtime channel', () => {
  it("a remote member not admitted gets a resync instead of the item's events; a member in the room gets them", async () => {
    const remote = await plenary.socket(await plenary.login('ledamot05'));
    const inRoom = await plenary.socket(await plenary.login('ledamot06'));
    await join(remote);
    await join(inRoom);
    const remoteEvents: StoredEvent[] = [];
    const roomEvents: StoredEvent[] = [];
    let resyncs = 0;
    remote.on('sitting:event', (m: { events: StoredEvent[] }) => remoteEvents.push(...m.events));
    remote.on('sitting:resync', () => resyncs++);
    inRoom.on('sitting:event', (m: { events: StoredEvent[] }) => roomEvents.push(...m.events));

    await command(desk, { type: 'startItem', itemId: 'i07' });
    await command(desk, {
      type: 'handOutDocument',
      itemId: 'i07',
      document: { title: 'Köpekontrakt (sekretess)', url: '/d/kvarnen.pdf' },
    });
    await expect.poll(() => roomEvents.some((e) => e.type === 'DocumentHandedOut')).toBe(true);
    await expect.poll(() => resyncs).toBeGreaterThan(0);
    expect(JSON.stringify(remoteEvents)).not.toContain('Köpekontrakt');

    const rejoined = await join(remote);
    if (!rejoined.ok) throw new Error('rejoin failed');
    const item = rejoined.data.state?.items.find((i) => i.id === 'i07');
    expect(item?.handedOut).toEqual([]);
    expect(item?.documents).toEqual([]);
    expect(JSON.stringify(rejoined.data)).not.toContain('Köpekontrakt');
  });
});
