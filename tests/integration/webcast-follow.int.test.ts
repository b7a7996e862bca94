// The webcast follows a real plenary server: it finds the sitting, joins as the public, and the desk's floor changes
// reach the layout within 1 s (R07, R09, R25).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Ack, Command, PublicSittingView } from '@council/shared';
import { DEMO_SITTING_ID } from '../../apps/plenary/src/app/demo-council.ts';
import { ArchiveStore } from '../../apps/webcast/src/archive/archive-store.ts';
import { ProgramDriver } from '../../apps/webcast/src/driver.ts';
import { followPlenary, pickSitting } from '../../apps/webcast/src/follow/plenary-follower.ts';
import { defaultRenditions } from '../../apps/webcast/src/pipeline/types.ts';
import { request, startTestPlenary, type TestPlenary } from '../support/plenary.ts';
import { waitFor } from '../support/webcast-media.ts';

describe('webcast follows plenary', () => {
  let plenary: TestPlenary;
  let desk: Socket;
  let chair: Socket;
  let dir = '';
  let driver: ProgramDriver;
  let follower: { close(): void };
  const views: PublicSittingView[] = [];

  const sendOk = async (socket: Socket, command: Command) => {
    const ack = await request<Ack<{ seq: number }>>(socket, 'sitting:command', {
      sittingId: DEMO_SITTING_ID,
      command,
    });
    if (!ack.ok) throw new Error(`${command.type}: ${ack.error.code} ${ack.error.message}`);
    return ack.data;
  };

  beforeAll(async () => {
    plenary = await startTestPlenary();
    desk = await plenary.socket(await plenary.login('sekreterare'));
    chair = await plenary.socket(await plenary.login('ordforande'));
    dir = mkdtempSync(join(tmpdir(), 'webcast-follow-'));
    driver = new ProgramDriver({
      archive: new ArchiveStore(join(dir, 'webcast'), defaultRenditions, null),
      publishDelayMs: 10,
    });
    follower = followPlenary({
      plenaryUrl: plenary.url,
      pollMs: 500,
      onView: (v) => {
        views.push(v);
        driver.onView(v);
      },
    });
  }, 60_000);

  afterAll(async () => {
    follower?.close();
    driver?.close();
    await plenary?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('finds the demo sitting and shows the silent room with its start time before it opens', async () => {
    await waitFor('the first view', () => views.length > 0, 10_000);
    expect(views[0]?.sittingId).toBe(DEMO_SITTING_ID);
    expect(driver.program.layout).toEqual({ kind: 'full', main: 'chamber' });
    expect(driver.program.audio).toEqual([]);
    expect(driver.program.slateText[1]).toMatch(/^Sammanträdet börjar kl\. \d\d:\d\d$/);
  });

  it('R07, R25: the floor given by the chair is on the layout within 1 s, with the speaker in the lower third', async () => {
    await sendOk(desk, { type: 'openSitting' });
    const roll = await request<Ack<{ events: { payload: Record<string, unknown> }[] }>>(
      desk,
      'sitting:command',
      { sittingId: DEMO_SITTING_ID, command: { type: 'startRollCall' } },
    );
    if (!roll.ok) throw new Error(roll.error.message);
    const rollCallId = String(roll.data.events[0]?.payload['rollCallId']);
    for (let n = 1; n <= 61; n++)
      await sendOk(desk, {
        type: 'markAttendance',
        personId: `ledamot-${String(n).padStart(2, '0')}`,
        mode: 'room',
      });
    await sendOk(desk, { type: 'confirmRollCall', rollCallId });
    await sendOk(desk, { type: 'startItem', itemId: 'i03' });
    const member = await plenary.socket(await plenary.login('ledamot05'));
    await sendOk(member, { type: 'requestFloor', kind: 'speech' });
    await waitFor(
      'the item on air',
      () => driver.program.lowerThird?.item.includes('3.'),
      5000,
      10,
    );
    const given = Date.now();
    await sendOk(chair, { type: 'giveFloor', seenAndHeard: true });
    await waitFor(
      'the speaker on air',
      () => (driver.program.lowerThird?.name ?? '') !== '',
      1000,
      5,
    );
    expect(Date.now() - given).toBeLessThan(1000);
    expect(driver.program.layout).toEqual({ kind: 'full', main: 'chamber' });
    const floor = views.at(-1)?.floor;
    expect(driver.program.lowerThird?.name).toBe(
      `${floor?.speaker.name} (${floor?.speaker.party})`,
    );
    member.close();
  });

  it('picks a running sitting first, else the next one', () => {
    const s = (id: string, status: string, startsAt: string) => ({
      id,
      title: id,
      status,
      startsAt,
    });
    const now = Date.parse('2026-12-14T12:00:00Z');
    expect(
      pickSitting(
        [s('a', 'scheduled', '2026-12-15T17:00:00Z'), s('b', 'open', '2026-12-14T10:00:00Z')],
        now,
      ),
    ).toBe('b');
    expect(
      pickSitting(
        [
          s('a', 'scheduled', '2026-12-16T17:00:00Z'),
          s('c', 'scheduled', '2026-12-15T17:00:00Z'),
          s('d', 'closed', '2026-12-13T17:00:00Z'),
        ],
        now,
      ),
    ).toBe('c');
    expect(pickSitting([s('d', 'closed', '2026-12-13T17:00:00Z')], now)).toBeNull();
  });
});
