// R20, R24 (property): whatever the members vote, the minutes' voting list names every entitled member once, in roll
// order, with exactly their vote, and the counts and the result are those of the list.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  chair,
  decisionSitting,
  member,
  memberId,
  Script,
  secretary,
} from '../testing/decision-fixtures.ts';
import { buildMinutes } from './document.ts';
import { minutesSha256 } from './hash.ts';

const choice = fc.constantFrom('yes', 'no', 'abstain', 'none');

describe('rounds taken again', () => {
  it('R19: a division voided because the function check failed is in the minutes with the reason, and the new one beside it', () => {
    const s = new Script(decisionSitting());
    const [a] = s.do(
      { type: 'makeProposal', memberId: memberId(2), kind: 'approve', text: 'Bifall' },
      member(2),
    );
    const [b] = s.do(
      { type: 'makeProposal', memberId: memberId(20), kind: 'reject', text: 'Avslag' },
      member(20),
    );
    if (a?.type !== 'ProposalMade' || b?.type !== 'ProposalMade') throw new Error('no proposals');
    const [yes, no] = [a.payload.proposalId, b.payload.proposalId];
    s.do({ type: 'setPropositionOrder', formal: [], material: [yes, no], additions: [] }, chair);
    s.do({ type: 'approvePropositionOrder' }, secretary);
    s.do({ type: 'putQuestion' }, secretary);
    s.do({ type: 'startDivision', yes, no, mode: 'devices' }, secretary);
    s.wait(30).do(
      {
        type: 'invalidateRound',
        reason: 'Funktionskontrollen kunde inte bekräftas för alla på distans.',
      },
      secretary,
    );

    const [again] = s.do({ type: 'startDivision', yes, no, mode: 'devices' }, secretary);
    if (again?.type !== 'DivisionStarted') throw new Error('no division');
    for (let n = 1; n <= 40; n++)
      s.do(
        {
          type: 'castVote',
          divisionId: again.payload.divisionId,
          memberId: memberId(n),
          choice: 'yes',
        },
        member(n),
      );
    s.do({ type: 'closeDivision', divisionId: again.payload.divisionId }, secretary);
    s.do({ type: 'recordDecision', wording: 'Beslut.' }, secretary);
    const p = buildMinutes(s.state).paragraphs[0];
    expect(p?.roundsTakenAgain).toEqual([
      {
        at: '2026-12-14T17:00:30.000Z',
        time: '18:00',
        reason: 'Funktionskontrollen kunde inte bekräftas för alla på distans.',
        division: 1,
      },
    ]);
    expect(p?.divisions.map((d) => [d.number, d.status])).toEqual([
      [1, 'invalidated'],
      [2, 'closed'],
    ]);
    expect(p?.divisions[0]?.resultText).toMatch(/ogiltig och togs om/);
  });
});

describe('mutes and cut-offs', () => {
  it('R10, R14: a speaker cut off for disclosing protected data, and the mute, are in the paragraph with reason and times', () => {
    const s = new Script(decisionSitting());
    s.do({ type: 'requestFloor', kind: 'speech', personId: memberId(3) }, secretary);
    s.do({ type: 'giveFloor', seenAndHeard: true }, chair);
    s.wait(40).do(
      { type: 'cutOffSpeaker', reason: 'Röjde uppgifter som omfattas av sekretess' },
      chair,
    );
    s.wait(60).do({ type: 'unmuteParticipant', personId: memberId(3) }, secretary);
    s.wait(20).do({ type: 'recordDecision', wording: 'Beslut.' }, secretary);
    const p = buildMinutes(s.state).paragraphs[0];
    expect(p?.speakers.map((x) => [x.personId, x.cutOff, x.cutOffReason])).toEqual([
      [memberId(3), true, 'Röjde uppgifter som omfattas av sekretess'],
    ]);
    expect(p?.mutes).toEqual([
      expect.objectContaining({
        personId: memberId(3),
        time: '18:00',
        until: '18:01',
        by: expect.stringMatching(/\(S\)$/) as unknown,
      }),
    ]);
  });
});

describe('minutes voting list (property)', () => {
  it('R20, R24: the list holds every entitled member with their own vote; counts and result follow from it', () => {
    fc.assert(
      fc.property(fc.array(choice, { minLength: 61, maxLength: 61 }), (votes) => {
        const s = new Script(decisionSitting());
        const [a] = s.do(
          { type: 'makeProposal', memberId: memberId(2), kind: 'approve', text: 'Bifall' },
          member(2),
        );
        const [b] = s.do(
          { type: 'makeProposal', memberId: memberId(20), kind: 'reject', text: 'Avslag' },
          member(20),
        );
        if (a?.type !== 'ProposalMade' || b?.type !== 'ProposalMade')
          throw new Error('no proposals');
        const [yes, no] = [a.payload.proposalId, b.payload.proposalId];
        s.do(
          { type: 'setPropositionOrder', formal: [], material: [yes, no], additions: [] },
          chair,
        );
        s.do({ type: 'approvePropositionOrder' }, secretary);
        s.do({ type: 'putQuestion' }, secretary);
        const [started] = s.do({ type: 'startDivision', yes, no, mode: 'devices' }, secretary);
        if (started?.type !== 'DivisionStarted') throw new Error('no division');
        const divisionId = started.payload.divisionId;
        votes.forEach((v, i) => {
          if (v !== 'none')
            s.do(
              { type: 'castVote', divisionId, memberId: memberId(i + 1), choice: v },
              member(i + 1),
            );
        });
        s.do({ type: 'closeDivision', divisionId }, secretary);
        const tied = s.state.decision.divisions[divisionId]?.status === 'tied';
        if (tied) s.do({ type: 'castCastingVote', divisionId, choice: 'yes' }, chair);
        s.do({ type: 'recordDecision', wording: 'Beslut.' }, secretary);

        const doc = buildMinutes(s.state);
        const d = doc.paragraphs[0]?.divisions[0];
        if (!d) throw new Error('no division in the minutes');
        const mark = { yes: 'JA', no: 'NEJ', abstain: 'AVSTÅR', none: 'EJ RÖSTAT' } as const;
        expect(d.votes.map((v) => [v.personId, v.choice])).toEqual(
          votes.map((v, i) => [memberId(i + 1), mark[v]]),
        );
        const count = (m: string) => d.votes.filter((v) => v.choice === m).length;
        expect(d.counts).toEqual({
          yes: count('JA'),
          no: count('NEJ'),
          abstain: count('AVSTÅR'),
          absent: count('EJ RÖSTAT'),
        });
        const expected =
          count('JA') > count('NEJ') ? 'yes' : count('NEJ') > count('JA') ? 'no' : 'yes';
        expect(d.result).toBe(expected);
        expect(d.castingVote).toBe(tied ? 'yes' : null);
        // The same state always gives the same fingerprint.
        expect(minutesSha256(buildMinutes(s.state))).toBe(minutesSha256(doc));
      }),
      { numRuns: 40 },
    );
  });
});
