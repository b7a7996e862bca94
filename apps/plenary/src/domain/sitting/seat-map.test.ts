// The seat map's data: every seat once by number, how it is held, and an open division's vote per seat (issue 15).
import { describe, expect, it } from 'vitest';
import {
  chair,
  decisionSitting,
  member,
  memberId,
  Script,
  secretary,
} from '../testing/decision-fixtures.ts';
import { publicView } from './public-view.ts';
import { seatMapOf } from './seat-map.ts';
import type { SittingState } from './types.ts';

function divisionOpen(state: SittingState): { s: Script; divisionId: string } {
  const s = new Script(state);
  const a = s.do(
    { type: 'makeProposal', memberId: memberId(2), kind: 'approve', text: 'Bifall' },
    member(2),
  );
  const b = s.do(
    { type: 'makeProposal', memberId: memberId(20), kind: 'reject', text: 'Avslag' },
    member(20),
  );
  const ids = [a, b].map((e) => (e[0]?.type === 'ProposalMade' ? e[0].payload.proposalId : ''));
  s.do({ type: 'setPropositionOrder', formal: [], material: ids, additions: [] }, chair);
  s.do({ type: 'approvePropositionOrder' }, secretary);
  s.do({ type: 'putQuestion' }, secretary);
  const [e] = s.do(
    { type: 'startDivision', yes: ids[0] ?? '', no: ids[1] ?? '', mode: 'devices' },
    secretary,
  );
  if (e?.type !== 'DivisionStarted') throw new Error('no division');
  return { s, divisionId: e.payload.divisionId };
}

describe('seat map', () => {
  it('lists every seat once by number, with who holds it and how', () => {
    const base = decisionSitting({ absent: [memberId(5)], recused: [memberId(7)] });
    const sub = base.roster.substitutes[0]?.personId ?? '';
    const seat9 = base.roster.seats.find((s) => s.memberId === memberId(9));
    const state: SittingState = {
      ...base,
      attendance: {
        ...base.attendance,
        remote: [memberId(3)],
        serving: { ...base.attendance.serving, [seat9?.id ?? '']: sub },
      },
    };
    const map = seatMapOf(state);
    expect(map).toHaveLength(state.roster.seats.length);
    expect(map.map((s) => s.number)).toEqual(
      state.roster.seats.map((s) => s.number).sort((a, b) => a - b),
    );
    const byMember = (n: number) => {
      const seat = state.roster.seats.find((s) => s.memberId === memberId(n));
      return map.find((s) => s.number === seat?.number);
    };
    const name = (id: string) => state.roster.people.find((p) => p.id === id)?.name;
    expect(byMember(1)).toMatchObject({
      state: 'room',
      substitute: false,
      name: name(memberId(1)),
    });
    expect(byMember(3)).toMatchObject({ state: 'remote', substitute: false });
    // An empty seat shows its elected member as absent.
    expect(byMember(5)).toMatchObject({
      state: 'absent',
      substitute: false,
      name: name(memberId(5)),
    });
    expect(byMember(7)).toMatchObject({ state: 'recused' });
    expect(byMember(9)).toMatchObject({ state: 'room', substitute: true, name: name(sub) });
    const party = state.roster.parties.find((p) => p.id === seat9?.partyId);
    expect(byMember(9)).toMatchObject({ party: party?.abbreviation, color: party?.color });
  });

  it("gives an open division's vote per seat, matching its counts, during the vote and after", () => {
    const { s, divisionId } = divisionOpen(decisionSitting({ recused: [memberId(7)] }));
    const votes: [number, 'yes' | 'no' | 'abstain'][] = [
      [2, 'yes'],
      [3, 'yes'],
      [4, 'no'],
      [5, 'abstain'],
    ];
    for (const [n, choice] of votes)
      s.do({ type: 'castVote', divisionId, memberId: memberId(n), choice }, member(n));
    const seatIndex = (n: number) =>
      [...s.state.roster.seats]
        .sort((a, b) => a.number - b.number)
        .findIndex((x) => x.memberId === memberId(n));
    const check = () => {
      const view = publicView(s.state);
      const vote = view.votes.at(-1);
      const letters = vote?.bySeat ?? '';
      expect(letters).toHaveLength(view.seatMap?.length ?? -1);
      const count = (c: string) => [...letters].filter((l) => l === c).length;
      expect([count('J'), count('N'), count('A')]).toEqual([vote?.yes, vote?.no, vote?.abstain]);
      expect(count('.')).toBe(vote?.absent);
      expect(letters[seatIndex(2)]).toBe('J');
      expect(letters[seatIndex(4)]).toBe('N');
      expect(letters[seatIndex(5)]).toBe('A');
      // Recused: not entitled, not "did not vote".
      expect(letters[seatIndex(7)]).toBe('-');
      return vote;
    };
    expect(check()?.status).toBe('open');
    s.do({ type: 'closeDivision', divisionId }, secretary);
    expect(check()?.status).toBe('closed');
  });

  it('shows no seat in a closed item (R13)', () => {
    const state = decisionSitting();
    const closed: SittingState = {
      ...state,
      items: state.items.map((i) =>
        i.id === state.sitting.currentItemId ? { ...i, confidential: true } : i,
      ),
    };
    expect(publicView(state).seatMap?.length).toBe(state.roster.seats.length);
    const view = publicView(closed);
    expect(view.closedSession).toBe(true);
    expect(view.seatMap).toEqual([]);
    expect(view.votes).toEqual([]);
  });
});

describe('a voided round in the public view', () => {
  it('says the round was voided and why, until a new round opens; its votes are not shown', () => {
    const { s, divisionId } = divisionOpen(decisionSitting());
    s.do({ type: 'castVote', divisionId, memberId: memberId(2), choice: 'yes' }, member(2));
    s.do({ type: 'invalidateRound', reason: 'Ljudet bröts för en ledamot på distans.' }, secretary);
    const view = publicView(s.state);
    expect(view.voidedRound).toEqual({
      itemId: s.state.sitting.currentItemId,
      reason: 'Ljudet bröts för en ledamot på distans.',
    });
    expect(view.votes.filter((v) => v.id === divisionId)).toEqual([]);
    const x = s.state.decision.divisions[divisionId];
    s.do({ type: 'startDivision', yes: x?.yes ?? '', no: x?.no ?? '', mode: 'devices' }, secretary);
    expect(publicView(s.state).voidedRound).toBeNull();
  });
});
