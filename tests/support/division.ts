// A demo sitting brought up to a division through the engine (the screens and sockets for these steps have their own
// tests): all 61 in the room, item i05 taken up, the function check passed, an approve and a reject proposal in an
// approved order, and the question put.
import type { Command, StoredEvent } from '@council/shared';
import { DEMO_SITTING_ID } from '../../apps/plenary/src/app/demo-council.ts';
import type { Actor } from '../../apps/plenary/src/domain/sitting/types.ts';
import type { TestPlenary } from './plenary.ts';

export const memberId = (n: number) => `ledamot-${String(n).padStart(2, '0')}`;
export const secretary: Actor = { personId: 'sekreterare', roles: ['secretary'] };
export const chair: Actor = { personId: 'ledamot-01', roles: ['member', 'chair'] };
export const memberActor = (n: number): Actor => ({ personId: memberId(n), roles: ['member'] });

/** Run a command on the demo sitting as `actor`; throws with the refusal. */
export async function exec(
  plenary: TestPlenary,
  command: Command,
  actor: Actor = secretary,
): Promise<StoredEvent[]> {
  const r = await plenary.service.engine.execute(DEMO_SITTING_ID, command, actor);
  if (!r.ok) throw new Error(`${command.type}: ${r.error.message}`);
  return r.data.events;
}

/** Returns the two proposals: JA stands for `yes` (bifall, by member 30), NEJ for `no` (avslag, by member 2). */
export async function questionPut(plenary: TestPlenary): Promise<{ yes: string; no: string }> {
  await exec(plenary, { type: 'openSitting' });
  const [started] = await exec(plenary, { type: 'startRollCall' });
  for (let n = 1; n <= 61; n++)
    await exec(plenary, { type: 'markAttendance', personId: memberId(n), mode: 'room' });
  await exec(plenary, {
    type: 'confirmRollCall',
    rollCallId: String(started?.payload['rollCallId']),
  });
  await exec(plenary, { type: 'startItem', itemId: 'i05' });
  await exec(plenary, { type: 'startFunctionCheck', seconds: 60 });
  const [a] = await exec(
    plenary,
    { type: 'makeProposal', memberId: memberId(30), kind: 'approve', text: 'Bifall till motionen' },
    memberActor(30),
  );
  const [b] = await exec(
    plenary,
    { type: 'makeProposal', memberId: memberId(2), kind: 'reject', text: 'Avslag på motionen' },
    memberActor(2),
  );
  const yes = String(a?.payload['proposalId']);
  const no = String(b?.payload['proposalId']);
  await exec(
    plenary,
    { type: 'setPropositionOrder', formal: [], material: [yes, no], additions: [] },
    chair,
  );
  await exec(plenary, { type: 'approvePropositionOrder' });
  await exec(plenary, { type: 'putQuestion' });
  return { yes, no };
}
