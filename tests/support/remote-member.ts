// ledamot-05 takes part remotely (R01, R04): applies (late, so the chair records why), is approved, checks in with a
// passed self-test and confirms seeing and hearing the room. `send` runs a command as the member or as the chair, over
// whichever channel the test is about (HTTP or socket).
import type { Command } from '@council/shared';

export const REMOTE_MEMBER = 'ledamot-05';

export async function remoteMemberCheckedIn(
  send: (as: 'member' | 'chair', command: Command) => Promise<unknown>,
): Promise<void> {
  await send('member', { type: 'applyForRemote', reason: 'Sjukdom' });
  await send('chair', {
    type: 'decideRemoteApplication',
    personId: REMOTE_MEMBER,
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
