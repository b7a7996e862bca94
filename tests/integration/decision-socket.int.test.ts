// Divisions over real sockets (R20, R21, R25): members vote from their own sessions with an ack, the desk sees each
// vote, the public sees live counts only; voting for someone else or after close is refused and the log is unchanged.
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Ack, PublicSittingView, StoredEvent } from '@council/shared';
import { DEMO_SITTING_ID } from '../../apps/plenary/src/app/demo-council.ts';
import { describeEachDriver } from '../support/drivers.ts';
import { memberId, questionPut } from '../support/division.ts';
import { request, startTestPlenary, type TestPlenary } from '../support/plenary.ts';

const id = memberId;

describeEachDriver('decision over sockets', (driver) => {
  let plenary: TestPlenary;
  let yes = '';
  let no = '';

  beforeAll(async () => {
    const databaseUrl = await driver.newDatabaseUrl();
    plenary = await startTestPlenary(databaseUrl ? { databaseUrl } : {});
    ({ yes, no } = await questionPut(plenary));
  }, 120_000);
  afterAll(async () => {
    await plenary?.stop();
  });

  const command = (s: Socket, c: unknown) =>
    request<Ack<{ seq: number; events: StoredEvent[] }>>(s, 'sitting:command', {
      sittingId: DEMO_SITTING_ID,
      command: c,
    });
  const join = (s: Socket) =>
    request<Ack<{ seq: number }>>(s, 'sitting:join', { sittingId: DEMO_SITTING_ID });

  it('R20 R21 R25: votes are acknowledged, reach the desk, count once, and show as live counts to the public', async () => {
    const desk = await plenary.socket(await plenary.login('sekreterare'));
    await join(desk);
    const deskSeen: StoredEvent[] = [];
    desk.on('sitting:event', (m: { events: StoredEvent[] }) => deskSeen.push(...m.events));
    const viewer = await plenary.socket();
    await join(viewer);
    let lastView: PublicSittingView | null = null;
    viewer.on('sitting:view', (v: PublicSittingView) => (lastView = v));
    viewer.on('sitting:event', () => {
      throw new Error('the public must not receive events');
    });

    const started = await command(desk, { type: 'startDivision', yes, no, mode: 'devices' });
    if (!started.ok) throw new Error(started.error.message);
    const divisionId = String(
      (started.data.events[0]?.payload as { divisionId?: string } | undefined)?.divisionId,
    );

    const members = await Promise.all(
      [5, 6, 7].map(async (n) => ({
        n,
        s: await plenary.socket(await plenary.login(`ledamot0${n}`)),
      })),
    );
    const acks = await Promise.all(
      members.map(({ n, s }) =>
        command(s, {
          type: 'castVote',
          divisionId,
          memberId: id(n),
          choice: n === 7 ? 'no' : 'yes',
        }),
      ),
    );
    expect(acks.every((a) => a.ok)).toBe(true);
    // Member 7 changes their mind: replaced, never counted twice.
    const m7 = members[2]?.s;
    if (!m7) throw new Error('no member 7');
    expect(
      (await command(m7, { type: 'castVote', divisionId, memberId: id(7), choice: 'yes' })).ok,
    ).toBe(true);

    await expect.poll(() => deskSeen.filter((e) => e.type === 'VoteCast').length).toBe(4);
    await expect
      .poll(() => lastView?.votes[0])
      .toMatchObject({ id: divisionId, status: 'open', yes: 3, no: 0, abstain: 0, absent: 58 });

    // Bad input over the socket: a clear error, nothing written.
    const before = (await plenary.service.engine.state(DEMO_SITTING_ID))?.seq;
    const forOther = await command(m7, {
      type: 'castVote',
      divisionId,
      memberId: id(8),
      choice: 'no',
    });
    expect(forOther.ok ? 'accepted' : forOther.error.code).toBe('FORBIDDEN');
    const byViewer = await command(viewer, {
      type: 'castVote',
      divisionId,
      memberId: id(8),
      choice: 'no',
    });
    expect(byViewer.ok ? 'accepted' : byViewer.error.code).toBe('UNAUTHENTICATED');
    const garbage = await command(m7, {
      type: 'castVote',
      divisionId,
      memberId: id(7),
      choice: 'maybe',
    });
    expect(garbage.ok ? 'accepted' : garbage.error.code).toBe('INVALID_INPUT');
    expect((await plenary.service.engine.state(DEMO_SITTING_ID))?.seq).toBe(before);

    const closed = await command(desk, { type: 'closeDivision', divisionId });
    expect(closed.ok).toBe(true);
    const late = await command(m7, { type: 'castVote', divisionId, memberId: id(7), choice: 'no' });
    expect(late.ok ? 'accepted' : late.error.code).toBe('INVALID_STATE');
    await expect
      .poll(() => lastView?.votes[0])
      .toMatchObject({
        status: 'closed',
        yes: 3,
        result: 'Bifall till motionen (yrkande 1) vann, 3–0',
      });
  });
});
