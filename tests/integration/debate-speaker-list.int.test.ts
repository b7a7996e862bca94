// The speaker list over real socket.io clients (R07, R25): members ask for the floor from their own sockets, the desk gives it,
// every signed-in client gets the same events in the same order, and the public sees the floor and the queue.
import { afterEach, expect, it } from 'vitest';
import type { Socket } from 'socket.io-client';
import {
  socketEvents,
  type Ack,
  type Command,
  type PublicSittingView,
  type StoredEvent,
} from '@council/shared';
import { DEMO_SITTING_ID } from '../../apps/plenary/src/app/demo-council.ts';
import { describeEachDriver } from '../support/drivers.ts';
import { request, startTestPlenary, type TestPlenary } from '../support/plenary.ts';

interface Accepted {
  seq: number;
  events: StoredEvent[];
}

const send = (socket: Socket, command: Command) =>
  request<Ack<Accepted>>(socket, 'sitting:command', { sittingId: DEMO_SITTING_ID, command });

async function sendOk(socket: Socket, command: Command): Promise<Accepted> {
  const ack = await send(socket, command);
  if (!ack.ok) throw new Error(`${command.type}: ${ack.error.code} ${ack.error.message}`);
  return ack.data;
}

/** Collects the live event stream of one client, in arrival order. */
function recorder(socket: Socket) {
  const events: StoredEvent[] = [];
  const views: PublicSittingView[] = [];
  socket.on(socketEvents.event, (m: { sittingId: string; events: StoredEvent[] }) =>
    events.push(...m.events),
  );
  socket.on(socketEvents.view, (v: PublicSittingView) => views.push(v));
  return { events, views };
}

async function until(check: () => boolean, what: string, ms = 5000): Promise<void> {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > ms) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

describeEachDriver('debate over sockets', (driver) => {
  let plenary: TestPlenary | null = null;
  afterEach(async () => {
    await plenary?.stop();
    plenary = null;
  });

  async function joined(cookie?: string) {
    if (!plenary) throw new Error('not started');
    const socket = await plenary.socket(cookie);
    const rec = recorder(socket);
    const ack = await request<Ack<{ seq: number }>>(socket, socketEvents.join, {
      sittingId: DEMO_SITTING_ID,
    });
    if (!ack.ok) throw new Error(ack.error.message);
    return { socket, ...rec };
  }

  /** Open the sitting, call the roll with every member in the room, start the budget item. */
  async function sittingUnderDebate(desk: Socket): Promise<void> {
    await sendOk(desk, { type: 'openSitting' });
    const started = await sendOk(desk, { type: 'startRollCall' });
    const rollCallId = String(started.events[0]?.payload.rollCallId);
    for (let n = 1; n <= 61; n++)
      await sendOk(desk, {
        type: 'markAttendance',
        personId: `ledamot-${String(n).padStart(2, '0')}`,
        mode: 'room',
      });
    await sendOk(desk, { type: 'confirmRollCall', rollCallId });
    await sendOk(desk, { type: 'startItem', itemId: 'i03' });
  }

  it('R07: members ask for the floor from their own sockets, the desk gives it in order, everyone sees the same events', async () => {
    plenary = await startTestPlenary({ databaseUrl: await driver.newDatabaseUrl() });
    const desk = await joined(await plenary.login('sekreterare'));
    const chair = await joined(await plenary.login('ordforande'));
    const m5 = await joined(await plenary.login('ledamot05'));
    const m6 = await joined(await plenary.login('ledamot06'));
    const m7 = await joined(await plenary.login('ledamot07'));
    const pub = await joined();
    await sittingUnderDebate(desk.socket);

    // Two members ask for a speech at the same moment; both are acknowledged and queued.
    const [a5, a6] = await Promise.all([
      send(m5.socket, { type: 'requestFloor', kind: 'speech' }),
      send(m6.socket, { type: 'requestFloor', kind: 'speech' }),
    ]);
    expect(a5.ok && a6.ok).toBe(true);
    const first = a5.ok && a6.ok && a5.data.seq < a6.data.seq ? 'ledamot-05' : 'ledamot-06';
    const second = first === 'ledamot-05' ? 'ledamot-06' : 'ledamot-05';

    const given = await sendOk(chair.socket, { type: 'giveFloor', seenAndHeard: true });
    expect(given.events.map((e) => [e.type, e.payload.personId, e.payload.seenAndHeard])).toEqual([
      ['FloorGiven', first, true],
    ]);

    // A reply to the speech goes before the next speech.
    const replied = await sendOk(m7.socket, { type: 'requestFloor', kind: 'reply' });
    await until(() => (pub.views.at(-1)?.seq ?? 0) >= replied.seq, 'the reply in the public queue');
    expect(pub.views.at(-1)?.queue.map((q) => [q.kind, q.speaker.memberId])).toEqual([
      ['reply', 'ledamot-07'],
      ['speech', second],
    ]);

    const next = await sendOk(desk.socket, { type: 'giveFloor', seenAndHeard: true });
    expect(next.events.map((e) => e.type)).toEqual(['FloorEnded', 'FloorGiven']);
    const lastSeq = next.seq;

    // Every signed-in client has the same debate events, in log order, with no gaps after the item started.
    for (const client of [desk, chair, m5, m6, m7])
      await until(() => client.events.at(-1)?.seq === lastSeq, 'all events');
    const debateTypes = (evs: StoredEvent[]) =>
      evs
        .filter((e) => /Floor/.test(e.type))
        .map((e) => `${e.seq}:${e.type}:${String(e.payload.personId ?? '')}`);
    const reference = debateTypes(desk.events);
    expect(reference.map((r) => r.split(':').slice(1).join(':'))).toEqual([
      `FloorRequested:${first}`,
      `FloorRequested:${second}`,
      `FloorGiven:${first}`,
      'FloorRequested:ledamot-07',
      'FloorEnded:',
      'FloorGiven:ledamot-07',
    ]);
    for (const client of [chair, m5, m6, m7]) expect(debateTypes(client.events)).toEqual(reference);
    for (const client of [desk, chair, m5, m6, m7]) {
      const seqs = client.events.map((e) => e.seq);
      expect(seqs).toEqual([...seqs].sort((x, y) => x - y));
    }

    // The public display: the reply on the floor, answering the first speaker, counting down from the server's start.
    await until(() => pub.views.at(-1)?.seq === lastSeq, 'the public view');
    const view = pub.views.at(-1);
    expect(view?.floor).toMatchObject({
      kind: 'reply',
      speaker: { memberId: 'ledamot-07' },
      replyTo: { memberId: first },
      limitSeconds: 60,
    });
    expect(view?.floor?.startedAt).toBe(next.events[1]?.at);
    expect(view?.queue.map((q) => q.speaker.memberId)).toEqual([second]);
    // The public socket is not signed in: it gets views, never the member event stream.
    expect(pub.events).toEqual([]);
  });

  it('bad input over sockets: clear errors and no change to the log', async () => {
    plenary = await startTestPlenary({ databaseUrl: await driver.newDatabaseUrl() });
    const desk = await joined(await plenary.login('sekreterare'));
    const m5 = await joined(await plenary.login('ledamot05'));
    await sittingUnderDebate(desk.socket);
    await sendOk(m5.socket, { type: 'requestFloor', kind: 'speech' });
    const before = (await plenary.service.engine.state(DEMO_SITTING_ID))?.seq;

    expect(await send(m5.socket, { type: 'giveFloor', seenAndHeard: true })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    expect(
      await send(m5.socket, { type: 'requestFloor', kind: 'speech', personId: 'ledamot-06' }),
    ).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    // Giving the floor to a non-member: the secretary is not a member and has no right to speak.
    expect(
      await send(desk.socket, { type: 'requestFloor', kind: 'speech', personId: 'valberedning-1' }),
    ).toMatchObject({
      ok: false,
      error: { code: 'NOT_SERVING' },
    });
    expect(await send(m5.socket, { type: 'requestFloor', kind: 'speech' })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT' },
    });
    expect(
      await request<Ack<unknown>>(m5.socket, 'sitting:command', {
        sittingId: DEMO_SITTING_ID,
        command: { type: 'requestFloor', kind: 'shout' },
      }),
    ).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    });
    const unsigned = await joined();
    expect(await send(unsigned.socket, { type: 'requestFloor', kind: 'speech' })).toMatchObject({
      ok: false,
      error: { code: 'UNAUTHENTICATED' },
    });
    expect((await plenary.service.engine.state(DEMO_SITTING_ID))?.seq).toBe(before);
  });
  it('R10 R14: the secretary mutes, the chair cuts off a speaker disclosing protected data; both recorded with reasons', async () => {
    plenary = await startTestPlenary({ databaseUrl: await driver.newDatabaseUrl() });
    const desk = await joined(await plenary.login('sekreterare'));
    const chair = await joined(await plenary.login('ordforande'));
    const m5 = await joined(await plenary.login('ledamot05'));
    await sittingUnderDebate(desk.socket);
    await sendOk(m5.socket, { type: 'requestFloor', kind: 'speech' });
    await sendOk(chair.socket, { type: 'giveFloor', seenAndHeard: true });

    const muted = await sendOk(desk.socket, {
      type: 'muteParticipant',
      personId: 'ledamot-05',
      reason: 'Rundgång',
    });
    expect(muted.events.map((e) => [e.type, e.payload.reason, e.actorId])).toEqual([
      ['ParticipantMuted', 'Rundgång', 'sekreterare'],
    ]);
    await sendOk(desk.socket, { type: 'unmuteParticipant', personId: 'ledamot-05' });

    // Only the chair may cut off (R14); the secretary is refused.
    expect(await send(desk.socket, { type: 'cutOffSpeaker', reason: 'Sekretess' })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    const cut = await sendOk(chair.socket, {
      type: 'cutOffSpeaker',
      reason: 'Röjer uppgifter som omfattas av sekretess',
    });
    expect(cut.events.map((e) => e.type)).toEqual(['SpeakerCutOff', 'ParticipantMuted']);
    await until(() => m5.events.at(-1)?.seq === cut.seq, 'the member sees the cut-off');
    const state = await plenary.service.engine.state(DEMO_SITTING_ID);
    expect(state?.debate.floor).toBeNull();
    expect(state?.debate.turns.at(-1)?.cutOff).toEqual({
      reason: 'Röjer uppgifter som omfattas av sekretess',
      by: 'ledamot-01',
    });
  });
});
