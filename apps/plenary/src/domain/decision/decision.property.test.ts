// Property tests over random command sequences (R20, R24): the tally is the sum of recorded votes; a closed vote never changes.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Command } from '@council/shared';
import {
  chair,
  decisionSitting,
  member,
  memberId,
  Script,
  secretary,
} from '../testing/decision-fixtures.ts';
import type { Actor } from '../sitting/types.ts';
import { votesOf, type Division } from './state.ts';
import { publicView } from '../sitting/public-view.ts';

const choice = fc.constantFrom('yes' as const, 'no' as const, 'abstain' as const);
const seat = fc.integer({ min: 1, max: 61 });

type Step =
  | { op: 'vote'; voter: number; actor: number; choice: 'yes' | 'no' | 'abstain' }
  | { op: 'close' }
  | { op: 'casting'; choice: 'yes' | 'no' }
  | { op: 'invalidate' }
  | { op: 'start' };

const stepArb: fc.Arbitrary<Step> = fc.oneof(
  {
    weight: 20,
    arbitrary: fc.record({ op: fc.constant('vote' as const), voter: seat, actor: seat, choice }),
  },
  {
    weight: 20,
    arbitrary: fc
      .record({ op: fc.constant('vote' as const), voter: seat, actor: seat, choice })
      .map((s) => ({ ...s, actor: s.voter })),
  },
  { weight: 2, arbitrary: fc.constant({ op: 'close' as const }) },
  {
    weight: 1,
    arbitrary: fc.record({
      op: fc.constant('casting' as const),
      choice: fc.constantFrom('yes' as const, 'no' as const),
    }),
  },
  { weight: 1, arbitrary: fc.constant({ op: 'invalidate' as const }) },
  { weight: 2, arbitrary: fc.constant({ op: 'start' as const }) },
);

function setup(): { s: Script; a: string; b: string } {
  const s = new Script(
    decisionSitting({ recused: [memberId(8)], techFailure: [memberId(9)], absent: [memberId(10)] }),
  );
  const ids = (['approve', 'reject'] as const).map((kind, i) => {
    const n = 2 + i * 20;
    const [e] = s.do({ type: 'makeProposal', memberId: memberId(n), kind, text: kind }, member(n));
    return e?.type === 'ProposalMade' ? e.payload.proposalId : '';
  });
  const [a = '', b = ''] = ids;
  s.do({ type: 'setPropositionOrder', formal: [], material: [a, b], additions: [] }, chair);
  s.do({ type: 'approvePropositionOrder' }, secretary);
  s.do({ type: 'putQuestion' }, secretary);
  return { s, a, b };
}

function latest(s: Script): Division | undefined {
  const id = s.state.decision.divisionIds.at(-1);
  return id ? s.state.decision.divisions[id] : undefined;
}

function commandOf(step: Step, s: Script, a: string, b: string): [Command, Actor] | null {
  const x = latest(s);
  switch (step.op) {
    case 'vote':
      return x
        ? [
            {
              type: 'castVote',
              divisionId: x.id,
              memberId: memberId(step.voter),
              choice: step.choice,
            },
            member(step.actor),
          ]
        : null;
    case 'close':
      return x ? [{ type: 'closeDivision', divisionId: x.id }, secretary] : null;
    case 'casting':
      return x ? [{ type: 'castCastingVote', divisionId: x.id, choice: step.choice }, chair] : null;
    case 'invalidate':
      return [{ type: 'invalidateRound', reason: 'Överföringen bröts' }, secretary];
    case 'start':
      return [{ type: 'startDivision', yes: a, no: b, mode: 'devices' }, secretary];
  }
}

function recount(x: Division) {
  const t = { yes: 0, no: 0, abstain: 0 };
  for (const v of votesOf(x)) t[v.choice]++;
  return t;
}

describe('division invariants over random command sequences', () => {
  it('R24: the tally always equals the sum of recorded votes, per division and per party, and never exceeds the roll', () => {
    fc.assert(
      fc.property(fc.array(stepArb, { minLength: 1, maxLength: 150 }), (steps) => {
        const { s, a, b } = setup();
        s.do({ type: 'startDivision', yes: a, no: b, mode: 'devices' }, secretary);
        for (const step of steps) {
          const c = commandOf(step, s, a, b);
          if (c) s.try(c[0], c[1]);
          for (const id of s.state.decision.divisionIds) {
            const x = s.state.decision.divisions[id];
            if (!x) throw new Error('missing division');
            expect(x.counts).toEqual(recount(x));
            expect(x.voted).toBe(votesOf(x).length);
            expect(x.voted).toBeLessThanOrEqual(x.eligibleOrder.length);
            const parties = Object.values(x.byParty).reduce(
              (n, t) => n + t.yes + t.no + t.abstain,
              0,
            );
            expect(parties).toBe(x.voted);
            for (const v of votesOf(x)) expect(x.eligible[v.memberId]).toBeDefined();
          }
          const pub = publicView(s.state).votes;
          for (const v of pub)
            expect(v.yes + v.no + v.abstain + v.absent).toBe(
              s.state.decision.divisions[v.id]?.eligibleOrder.length,
            );
        }
      }),
      { numRuns: 150 },
    );
  });

  it('R20: a closed (or voided) division never changes, whatever comes after', () => {
    fc.assert(
      fc.property(fc.array(stepArb, { minLength: 1, maxLength: 150 }), (steps) => {
        const { s, a, b } = setup();
        s.do({ type: 'startDivision', yes: a, no: b, mode: 'devices' }, secretary);
        const frozen = new Map<string, string>();
        for (const step of steps) {
          const c = commandOf(step, s, a, b);
          if (c) s.try(c[0], c[1]);
          for (const id of s.state.decision.divisionIds) {
            const x = s.state.decision.divisions[id];
            if (!x) continue;
            const snapshot = JSON.stringify(x);
            const before = frozen.get(id);
            if (before !== undefined) expect(snapshot).toBe(before);
            else if (x.status === 'closed' || x.status === 'invalidated') frozen.set(id, snapshot);
          }
        }
      }),
      { numRuns: 150 },
    );
  });
});
