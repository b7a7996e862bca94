// socket.io on a real server with real clients: join → snapshot with seq → every new event in order; reconnect with
// the last seq → exactly what was missed; the public gets only the public view; commands are answered by ack.
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Ack, PublicSittingView, StoredEvent } from '@council/shared';
import { DEMO_SITTING_ID } from '../../apps/plenary/src/app/demo-council.ts';
import type { JoinResult } from '../../apps/plenary/src/realtime/io.ts';
import { request, startTestPlenary, type TestPlenary } from '../support/plenary.ts';

let plenary: TestPlenary;
let desk: Socket;
let deskCookie: string;

const join = (s: Socket, sinceSeq?: number) =>
  request<Ack<JoinResult>>(s, 'sitting:join', {
    sittingId: DEMO_SITTING_ID,
    ...(sinceSeq === undefined ? {} : { sinceSeq }),
  });
const command = (s: Socket, c: unknown) =>
  request<Ack<{ seq: number }>>(s, 'sitting:command', { sittingId: DEMO_SITTING_ID, command: c });
const doc = (n: number) => ({
  type: 'handOutDocument',
  itemId: 'i02',
  document: { title: `Bilaga ${n}`, url: `/d/${n}.pdf` },
});

function collect(s: Socket): StoredEvent[] {
  const seen: StoredEvent[] = [];
  s.on('sitting:event', (m: { events: StoredEvent[] }) => seen.push(...m.events));
  return seen;
}

beforeAll(async () => {
  plenary = await startTestPlenary();
  deskCookie = await plenary.login('sekreterare');
  desk = await plenary.socket(deskCookie);
});
afterAll(async () => {
  await plenary.stop();
});

describe('realtime', () => {
  it('a member joins, gets a snapshot with its seq, then every new event in order', async () => {
    const member = await plenary.socket(await plenary.login('ledamot09'));
    const joined = await join(member);
    expect(joined.ok).toBe(true);
    if (!joined.ok) return;
    expect(joined.data.state?.seq).toBe(joined.data.seq);
    expect(joined.data.state?.roster.seats.length).toBe(61);
    const seen = collect(member);
    const opened = await command(desk, { type: 'openSitting' });
    expect(opened).toMatchObject({ ok: true, data: { seq: joined.data.seq + 1 } });
    for (let i = 0; i < 20; i++) await command(desk, doc(i));
    await expect.poll(() => seen.length).toBe(21);
    expect(seen.map((e) => e.seq)).toEqual(
      Array.from({ length: 21 }, (_, i) => joined.data.seq + 1 + i),
    );
  });

  it('a client that reconnects with its last seq receives exactly what it missed', async () => {
    const cookie = await plenary.login('ledamot10');
    const first = await plenary.socket(cookie);
    const joined = await join(first);
    if (!joined.ok) throw new Error('join failed');
    const lastSeq = joined.data.seq;
    first.disconnect();
    for (let i = 0; i < 5; i++) await command(desk, doc(100 + i));
    const again = await plenary.socket(cookie);
    const resumed = await join(again, lastSeq);
    if (!resumed.ok) throw new Error('rejoin failed');
    expect(resumed.data.state).toBeUndefined();
    expect(resumed.data.events?.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5].map((n) => lastSeq + n));
    expect(
      resumed.data.events?.map(
        (e) => (e.payload as { document: { title: string } }).document.title,
      ),
    ).toEqual([100, 101, 102, 103, 104].map((n) => `Bilaga ${n}`));
  });

  it('the public gets the public view only, and it updates live', async () => {
    const viewer = await plenary.socket();
    const joined = await join(viewer);
    if (!joined.ok) throw new Error('join failed');
    expect(joined.data.state).toBeUndefined();
    expect(joined.data.view.seats).toBe(61);
    const views: PublicSittingView[] = [];
    const events = collect(viewer);
    viewer.on('sitting:view', (v: PublicSittingView) => views.push(v));
    await command(desk, { type: 'startItem', itemId: 'i01' });
    await expect.poll(() => views.at(-1)?.currentItemId).toBe('i01');
    expect(events).toEqual([]);
  });

  it('a live view leaves the seat list out until it changes; the joining view always has it', async () => {
    const viewer = await plenary.socket();
    const joined = await join(viewer);
    if (!joined.ok) throw new Error('join failed');
    expect(joined.data.view.seatMap?.length).toBe(61);
    const views: PublicSittingView[] = [];
    viewer.on('sitting:view', (v: PublicSittingView) => views.push(v));
    // Seats unchanged: the broadcast leaves them out (35 kB per viewer at 349 seats).
    await command(desk, doc(200));
    await expect.poll(() => views.length).toBeGreaterThan(0);
    expect(views.every((v) => v.seatMap === undefined)).toBe(true);
    // A seat taken: the next view carries the whole list again, with the change.
    views.length = 0;
    expect(joined.data.view.seatMap?.[2]?.state).toBe('absent');
    const started = await request<Ack<{ events: StoredEvent[] }>>(desk, 'sitting:command', {
      sittingId: DEMO_SITTING_ID,
      command: { type: 'startRollCall' },
    });
    if (!started.ok) throw new Error('no roll call');
    const { rollCallId } = started.data.events[0]?.payload as { rollCallId: string };
    expect(
      await command(desk, { type: 'markAttendance', personId: 'ledamot-03', mode: 'room' }),
    ).toMatchObject({ ok: true });
    expect(await command(desk, { type: 'confirmRollCall', rollCallId })).toMatchObject({
      ok: true,
    });
    // Mid-item the roll call takes effect at the next item.
    expect(await command(desk, { type: 'startItem', itemId: 'i02' })).toMatchObject({ ok: true });
    await expect
      .poll(() => views.findLast((v) => v.seatMap !== undefined)?.seatMap?.[2]?.state)
      .toBe('room');
    // …and a viewer joining now gets it in its join, without waiting for a change.
    const late = await plenary.socket();
    const lateJoin = await join(late);
    expect(lateJoin.ok && lateJoin.data.view.seatMap?.[2]?.state).toBe('room');
    views.length = 0;
    await command(desk, doc(201));
    await expect.poll(() => views.length).toBeGreaterThan(0);
    expect(views.at(-1)?.seatMap).toBeUndefined();
  });

  it('refuses commands from the public and from the wrong role, and bad payloads, through the ack', async () => {
    const viewer = await plenary.socket();
    expect(await command(viewer, { type: 'resume' })).toMatchObject({
      ok: false,
      error: { code: 'UNAUTHENTICATED' },
    });
    const member = await plenary.socket(await plenary.login('ledamot11'));
    expect(
      await command(member, { type: 'adjourn', reason: 'Paus', resumesAt: null }),
    ).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await request<Ack<unknown>>(member, 'sitting:command', { nope: 1 })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    });
    expect(
      await request<Ack<unknown>>(member, 'sitting:join', { sittingId: 'x'.repeat(500) }),
    ).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });
});
