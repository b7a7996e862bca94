// Properties of the speaker list over random command sequences: one speaker at a time, queue order, who gets the floor.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { floorRequestKinds, isRejection, type Command } from '@council/shared';
import {
  at,
  chair,
  debateSitting,
  member,
  memberId,
  run,
  secretary,
} from '../testing/debate-fixtures.ts';
import type { Actor, SittingState } from '../sitting/types.ts';
import { groupOf, mayHaveFloor } from './speaker-list.ts';

type Step = {
  command: (s: SittingState) => Command;
  actor: (s: SittingState) => Actor;
  advance: number;
};

const people = fc.integer({ min: 1, max: 12 });
const kinds = fc.constantFrom(...floorRequestKinds);
const pick = (s: SittingState, i: number) =>
  s.debate.queue[i % Math.max(1, s.debate.queue.length)]?.id ?? 'none';

const mk = (
  command: (s: SittingState) => Command,
  actor: (s: SittingState) => Actor,
  advance: number,
): Step => ({ command, actor, advance });

const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ n: people, kind: kinds, advance: fc.nat(90) }).map(({ n, kind, advance }) =>
    mk(
      () => ({ type: 'requestFloor', kind }),
      () => member(n),
      advance,
    ),
  ),
  fc.record({ n: people, kind: kinds, advance: fc.nat(90) }).map(({ n, kind, advance }) =>
    mk(
      () => ({ type: 'requestFloor', kind, personId: memberId(n) }),
      () => secretary,
      advance,
    ),
  ),
  fc
    .record({
      i: fc.option(fc.nat(10), { nil: undefined }),
      seen: fc.boolean(),
      advance: fc.nat(400),
    })
    .map(({ i, seen, advance }) =>
      mk(
        (s) => ({
          type: 'giveFloor',
          seenAndHeard: seen,
          ...(i === undefined ? {} : { entryId: pick(s, i) }),
        }),
        () => chair,
        advance,
      ),
    ),
  fc.nat(400).map((advance) =>
    mk(
      () => ({ type: 'endFloor' }),
      () => secretary,
      advance,
    ),
  ),
  fc.record({ i: fc.nat(10), self: fc.boolean() }).map(({ i, self }) =>
    mk(
      (s) => ({ type: 'removeFloorRequest', entryId: pick(s, i) }),
      (s) => {
        const personId = s.debate.queue[i % Math.max(1, s.debate.queue.length)]?.personId;
        return self && personId ? { personId, roles: ['member'] } : secretary;
      },
      1,
    ),
  ),
  fc.record({ i: fc.nat(10), to: fc.nat(10) }).map(({ i, to }) =>
    mk(
      (s) => ({ type: 'moveFloorRequest', entryId: pick(s, i), toIndex: to }),
      () => secretary,
      1,
    ),
  ),
  fc.constant(
    mk(
      () => ({ type: 'closeSpeakerList' }),
      () => secretary,
      1,
    ),
  ),
  fc.constant(
    mk(
      () => ({ type: 'reopenSpeakerList' }),
      () => secretary,
      1,
    ),
  ),
  fc.constant(
    mk(
      () => ({ type: 'cutOffSpeaker', reason: 'Sekretess' }),
      () => chair,
      5,
    ),
  ),
);

function checkInvariants(s: SittingState): void {
  const { floor, turns, queue, config } = s.debate;
  // One speaker at a time: finished turns are closed and follow each other; the floor starts after the last one ended.
  for (const t of turns) expect(t.endedAt).not.toBeNull();
  for (let i = 1; i < turns.length; i++)
    expect(Date.parse(turns[i - 1]?.endedAt ?? '') <= Date.parse(turns[i]?.startedAt ?? '')).toBe(
      true,
    );
  if (floor) {
    expect(floor.endedAt).toBeNull();
    const last = turns.at(-1);
    if (last) expect(Date.parse(last.endedAt ?? '') <= Date.parse(floor.startedAt)).toBe(true);
  }
  // Queue order: points of order, then replies and answers, then speeches.
  for (let i = 1; i < queue.length; i++)
    expect(groupOf(queue[i - 1]?.kind ?? 'speech') <= groupOf(queue[i]?.kind ?? 'speech')).toBe(
      true,
    );
  // Nobody waits twice for the same kind of turn; every request belongs to the current item; replies to the current speech.
  expect(new Set(queue.map((e) => `${e.kind}:${e.personId}`)).size).toBe(queue.length);
  for (const e of queue) {
    expect(e.itemId).toBe(s.sitting.currentItemId);
    if (e.kind === 'reply') expect(e.replyTo).toBe(s.debate.currentSpeechId);
  }
  // Replies per member per speech stay within the limit.
  const replies = new Map<string, number>();
  for (const t of [...turns, ...(floor ? [floor] : [])].filter((t) => t.kind === 'reply')) {
    const key = `${t.replyTo}:${t.personId}`;
    replies.set(key, (replies.get(key) ?? 0) + 1);
  }
  for (const n of replies.values()) expect(n).toBeLessThanOrEqual(config.repliesPerMemberPerSpeech);
  // Remote speakers had the floor only with the chair's confirmation (R07); every turn went to someone entitled.
  for (const t of [...turns, ...(floor ? [floor] : [])]) {
    if (t.remote) expect(t.seenAndHeard).toBe(true);
    expect(mayHaveFloor(s, t.personId)).toBeNull();
  }
}

describe('speaker list properties', () => {
  it('one speaker at a time, queue order, limits and eligibility hold over random command sequences', () => {
    fc.assert(
      fc.property(fc.array(step, { minLength: 1, maxLength: 60 }), (steps) => {
        // Members 11 and 12 are remote, 10 recused, 9 absent: they exercise R07, R12 and serving.
        let s = debateSitting({
          remote: [memberId(11), memberId(12)],
          recused: [memberId(10)],
          absent: [memberId(9)],
        });
        let clock = 0;
        for (const st of steps) {
          clock += st.advance;
          const before = JSON.stringify(s);
          const result = run(s, st.command(s), st.actor(s), at(clock));
          if (isRejection(result)) {
            expect(JSON.stringify(s)).toBe(before);
            continue;
          }
          s = result.state;
          checkInvariants(s);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('the floor never goes to a recused, absent or unknown person whatever the desk does', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(memberId(10), memberId(9), 'sekreterare', 'nobody'),
        kinds,
        (personId, kind) => {
          const s = debateSitting({ recused: [memberId(10)], absent: [memberId(9)] });
          const r = run(s, { type: 'requestFloor', kind, personId }, secretary, at(0));
          expect(isRejection(r)).toBe(true);
        },
      ),
    );
  });
});
