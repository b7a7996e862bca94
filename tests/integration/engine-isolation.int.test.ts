// One member's text never fails everyone's votes (issue #11 item 2): a command the database refuses to store is
// isolated from the others in its batch, which all commit. The edge refuses such text first (text.ts); this is the
// engine's own guarantee, so the commands here go to the engine directly, past the edge.
import { afterEach, expect, it } from 'vitest';
import { DEMO_SITTING_ID } from '../../apps/plenary/src/app/demo-council.ts';
import type { CommandResult } from '../../apps/plenary/src/app/sitting-engine.ts';
import { exec, memberActor, memberId, questionPut, secretary } from '../support/division.ts';
import { describeEachDriver } from '../support/drivers.ts';
import { startTestPlenary, type TestPlenary } from '../support/plenary.ts';

describeEachDriver('the engine isolates a command that fails to store', (driver) => {
  let plenary: TestPlenary | null = null;
  afterEach(async () => {
    await plenary?.stop();
    plenary = null;
  });

  it('R20: commands holding U+0000 and a lone surrogate among 50 honest votes in the same batch: all 50 commit', async () => {
    const p = await startTestPlenary({ databaseUrl: await driver.newDatabaseUrl() });
    plenary = p;
    const { yes, no } = await questionPut(p);
    const [started] = await exec(p, { type: 'startDivision', yes, no, mode: 'devices' });
    const divisionId = String(started?.payload['divisionId']);
    const engine = p.service.engine;
    const votes: Promise<CommandResult>[] = [];
    const voters = Array.from({ length: 50 }, (_, i) => i + 3);
    for (const n of voters) {
      votes.push(
        engine.execute(
          DEMO_SITTING_ID,
          { type: 'castVote', divisionId, memberId: memberId(n), choice: n % 2 ? 'yes' : 'no' },
          memberActor(n),
        ),
      );
      // The bad command lands in the middle of the same batch, and again near its end.
      if (n === 27 || n === 50)
        votes.push(
          engine.execute(
            DEMO_SITTING_ID,
            {
              type: 'muteParticipant',
              personId: memberId(60),
              reason: n === 27 ? 'Stör\u0000ning' : 'Stör\uD800ning',
            },
            secretary,
          ),
        );
    }
    const results = await Promise.all(votes);
    const honest = results.filter((_, i) => i !== 25 && i !== 49);
    expect(honest.filter((r) => r.ok)).toHaveLength(50);
    expect(results[25]?.ok).toBe(false);
    expect(results[49]?.ok).toBe(false);
    // Stored, not only acknowledged: the log read back holds every vote.
    const events = await engine.eventsSince(DEMO_SITTING_ID, 0);
    const stored = events.filter(
      (e) => e.type === 'VoteCast' && e.payload['divisionId'] === divisionId,
    );
    expect(new Set(stored.map((e) => e.payload['memberId']))).toEqual(
      new Set(voters.map(memberId)),
    );
    // And the sitting goes on: the next command commits.
    const after = await engine.execute(
      DEMO_SITTING_ID,
      { type: 'castVote', divisionId, memberId: memberId(53), choice: 'yes' },
      memberActor(53),
    );
    expect(after.ok).toBe(true);
  });
});
