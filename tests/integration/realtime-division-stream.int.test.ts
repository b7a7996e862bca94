// The members' stream during a division, over real sockets (issue #4 speed, R20 R21 R25): a member's device gets its
// own vote and the live counts but not the other members' votes one by one; with the close it gets every vote and its
// folded state equals the server's. A device that drops mid-division and re-joins by seq converges too. The desk
// still gets every vote as it happens.
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  Ack,
  Command,
  PublicSittingView,
  SittingEventMessage,
  StoredEvent,
} from '@council/shared';
import { DEMO_SITTING_ID } from '../../apps/plenary/src/app/demo-council.ts';
import type { Actor } from '../../apps/plenary/src/domain/sitting/types.ts';
import type { JoinResult } from '../../apps/plenary/src/realtime/io.ts';
import {
  applyMemberMessage,
  rememberOwn,
  resumeFrom,
  type MemberStreamState,
} from '../../apps/plenary/src/realtime/member-stream.ts';
import { exec as run, memberActor, memberId, questionPut } from '../support/division.ts';
import { request, startTestPlenary, type TestPlenary } from '../support/plenary.ts';

const id = memberId;

let plenary: TestPlenary;
let yes = '';
let no = '';

const exec = (command: Command, actor?: Actor): Promise<StoredEvent[]> =>
  run(plenary, command, actor);

/** A member's device as the web client is: it folds every message it gets with the same code. */
class Device {
  stream: MemberStreamState | null = null;
  readonly messages: SittingEventMessage[] = [];
  view: PublicSittingView | null = null;
  gaps = 0;
  constructor(readonly socket: Socket) {
    socket.on('sitting:event', (m: SittingEventMessage) => {
      this.messages.push(m);
      if (!this.stream) return;
      const applied = applyMemberMessage(this.stream, m);
      this.stream = applied.stream;
      if (applied.gap) this.gaps++;
    });
    socket.on('sitting:view', (v: PublicSittingView) => (this.view = v));
  }
  async join(sinceSeq?: number): Promise<void> {
    const from = sinceSeq === undefined || !this.stream ? null : resumeFrom(this.stream);
    const joined = await request<Ack<JoinResult>>(this.socket, 'sitting:join', {
      sittingId: DEMO_SITTING_ID,
      ...(sinceSeq === undefined ? {} : { sinceSeq }),
    });
    if (!joined.ok) throw new Error(joined.error.message);
    if (joined.data.state) this.stream = { state: joined.data.state, base: null, own: new Map() };
    else if (joined.data.events && from && this.stream)
      this.stream = applyMemberMessage(
        { state: from, base: null, own: this.stream.own },
        { sittingId: DEMO_SITTING_ID, events: joined.data.events },
      ).stream;
  }
  async vote(divisionId: string, memberId: string, choice: 'yes' | 'no'): Promise<void> {
    const ack = await request<Ack<{ seq: number; events: StoredEvent[] }>>(
      this.socket,
      'sitting:command',
      { sittingId: DEMO_SITTING_ID, command: { type: 'castVote', divisionId, memberId, choice } },
    );
    if (!ack.ok) throw new Error(ack.error.message);
    if (this.stream) this.stream = rememberOwn(this.stream, ack.data.events);
  }
  eventsOfType(type: string): StoredEvent[] {
    return this.messages.flatMap((m) => m.events.filter((e) => e.type === type));
  }
}

async function device(n: number): Promise<Device> {
  return new Device(
    await plenary.socket(await plenary.login(`ledamot${String(n).padStart(2, '0')}`)),
  );
}

async function startDivision(): Promise<string> {
  const [started] = await exec({ type: 'startDivision', yes, no, mode: 'devices' });
  return String(started?.payload['divisionId'] ?? '');
}

beforeAll(async () => {
  plenary = await startTestPlenary();
  ({ yes, no } = await questionPut(plenary));
}, 120_000);
afterAll(async () => {
  await plenary?.stop();
});

describe('the members’ stream during a division', () => {
  it('R18 R20: a device that drops mid-division and re-joins from its seq converges to every vote, also of a voided division', async () => {
    const divisionId = await startDivision();
    const first = await device(40);
    await first.join();
    for (let n = 2; n <= 20; n++)
      await exec({ type: 'castVote', divisionId, memberId: id(n), choice: 'yes' }, memberActor(n));
    // Something else happens mid-division: the device folds it and skips the votes before it.
    await exec({
      type: 'handOutDocument',
      itemId: 'i05',
      document: { title: 'Bilaga', url: '/d/1.pdf' },
    });
    await expect.poll(() => first.eventsOfType('DocumentHandedOut').length).toBe(1);
    const sure = first.stream ? resumeFrom(first.stream) : null;
    expect(sure?.decision.divisions[divisionId]?.voted).toBe(0);
    first.socket.disconnect();

    for (let n = 21; n <= 45; n++)
      await exec({ type: 'castVote', divisionId, memberId: id(n), choice: 'no' }, memberActor(n));
    // Reconnected: a new socket re-joins from the state it is sure of, exactly as the web client does.
    const again = new Device(await plenary.socket(await plenary.login('ledamot40')));
    again.stream = first.stream;
    await again.join(sure?.seq ?? 0);
    const server = await plenary.service.engine.state(DEMO_SITTING_ID);
    expect(again.stream?.state.seq).toBe(server?.seq);
    expect(again.stream?.state.decision).toEqual(server?.decision);

    await exec({ type: 'castVote', divisionId, memberId: id(50), choice: 'yes' }, memberActor(50));
    // The division is voided (it is held again below): its votes come whole with the voiding.
    await exec({ type: 'invalidateRound', reason: 'Överföringen bröts' });
    await expect.poll(() => again.eventsOfType('RoundInvalidated').length).toBe(1);
    expect(again.messages.find((m) => m.votes)?.votes?.[0]?.divisionId).toBe(divisionId);
    const closed = await plenary.service.engine.state(DEMO_SITTING_ID);
    expect(again.gaps).toBe(0);
    expect(again.stream?.state.decision).toEqual(closed?.decision);
    expect(again.stream?.base).toBeNull();
  });
  it('R20 R21 R25: during a 50-vote division a member’s device gets its own vote and the counts, then every vote with the close', async () => {
    const me = await device(5);
    await me.join();
    // The same member on a second device (a phone beside the tablet).
    const phone = await device(5);
    await phone.join();
    const desk = new Device(await plenary.socket(await plenary.login('sekreterare')));
    await desk.join();
    const divisionId = await startDivision();

    await me.vote(divisionId, id(5), 'yes');
    // Fifty other members vote from their own sessions at once (through the engine, as their sockets would).
    await Promise.all(
      Array.from({ length: 50 }, (_, k) => k + 6).map((n) =>
        exec(
          { type: 'castVote', divisionId, memberId: id(n), choice: n % 3 === 0 ? 'no' : 'yes' },
          memberActor(n),
        ),
      ),
    );
    const noes = Array.from({ length: 50 }, (_, k) => k + 6).filter((n) => n % 3 === 0).length;
    // The live counts reach the device through the public view.
    await expect
      .poll(() => me.view?.votes.find((v) => v.id === divisionId))
      .toMatchObject({ status: 'open', yes: 51 - noes, no: noes, absent: 61 - 51 });
    // The desk saw every vote as an event; the devices none of the others' one by one. The device that voted has
    // its vote from the ack, the member's other device gets it as its own.
    await expect.poll(() => desk.eventsOfType('VoteCast').length).toBe(51);
    expect(me.eventsOfType('VoteCast')).toEqual([]);
    expect(phone.eventsOfType('VoteCast')).toEqual([]);
    await expect
      .poll(() => phone.messages.flatMap((m) => m.own ?? []).map((e) => e.payload['memberId']))
      .toEqual([id(5)]);
    expect(me.messages.flatMap((m) => m.own ?? [])).toEqual([]);

    await exec({ type: 'closeDivision', divisionId });
    await expect.poll(() => me.eventsOfType('DivisionClosed').length).toBe(1);
    const closing = me.messages.find((m) => m.events.some((e) => e.type === 'DivisionClosed'));
    // Every seq it did not get is listed as left out; the votes came whole.
    expect(closing?.votes?.map((v) => v.divisionId)).toEqual([divisionId]);
    const elided = me.messages.flatMap((m) => m.elided ?? []);
    expect(elided.reduce((n, [a, b]) => n + b - a + 1, 0)).toBe(51);

    const server = await plenary.service.engine.state(DEMO_SITTING_ID);
    expect(me.gaps).toBe(0);
    expect(me.stream?.state.seq).toBe(server?.seq);
    expect(me.stream?.state.decision.divisions[divisionId]).toEqual(
      server?.decision.divisions[divisionId],
    );
    expect(me.stream?.state.decision).toEqual(desk.stream?.state.decision);
    expect(phone.stream?.state.decision).toEqual(desk.stream?.state.decision);
    expect(me.stream?.base).toBeNull();
  });
});
