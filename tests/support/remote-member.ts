// ledamot-05 (or any member) takes part remotely (R01, R04): applies (late, so the chair records why), is approved,
// checks in with a passed self-test and confirms seeing and hearing the room. `send` runs a command as the member or
// as the chair, over whichever channel the test is about (HTTP or socket). `openedWithRemote`: the sitting opens with
// a roll call where those members take part remotely and every other one is in the chamber, then an item starts.
import type { Command } from '@council/shared';

export const REMOTE_MEMBER = 'ledamot-05';

export async function remoteMemberCheckedIn(
  send: (as: 'member' | 'chair', command: Command) => Promise<unknown>,
  personId: string = REMOTE_MEMBER,
): Promise<void> {
  await send('member', { type: 'applyForRemote', reason: 'Sjukdom' });
  await send('chair', {
    type: 'decideRemoteApplication',
    personId,
    approve: true,
    lateReason: 'Akut sjukdom',
  });
  await send('member', {
    type: 'checkIn',
    selfTest: {
      camera: true,
      microphone: true,
      audioLevel: 0.3,
      roundTripMs: 25,
      privatePlace: true,
    },
  });
  await send('member', { type: 'confirmSeeHear' });
}

/** Opens the sitting, calls the roll (`remote` remotely, every other member in `memberIds` in the chamber), starts `itemId`. */
export async function openedWithRemote(
  exec: (command: Command) => Promise<readonly { payload: Record<string, unknown> }[]>,
  memberIds: readonly string[],
  remote: readonly string[],
  itemId: string,
): Promise<void> {
  await exec({ type: 'openSitting' });
  const [started] = await exec({ type: 'startRollCall' });
  for (const personId of memberIds)
    await exec({
      type: 'markAttendance',
      personId,
      mode: remote.includes(personId) ? 'remote' : 'room',
    });
  await exec({ type: 'confirmRollCall', rollCallId: String(started?.payload['rollCallId']) });
  await exec({ type: 'startItem', itemId });
}
