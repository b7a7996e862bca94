// The record of an open vote for the minutes and the desk (R24): every entitled member by name and party with their
// vote, counts per party, who did not vote, and the result including a casting vote.
import type { VoteChoice } from '@council/shared';
import { personName } from '../attendance/selectors.ts';
import type { SittingState } from '../sitting/types.ts';
import { voteOf, type Division, type Tally } from './state.ts';

export interface DivisionRow {
  memberId: string;
  name: string;
  party: string;
  choice: VoteChoice | null;
}

export interface DivisionRecord {
  id: string;
  question: string;
  status: Division['status'];
  rows: DivisionRow[];
  counts: Tally & { absent: number };
  byParty: (Tally & { party: string; absent: number })[];
  notVoted: DivisionRow[];
  castingVote: 'yes' | 'no' | null;
  result: 'yes' | 'no' | null;
}

export function divisionRecord(state: SittingState, division: Division): DivisionRecord {
  const rows = division.eligibleOrder.map((memberId) => ({
    memberId,
    name: personName(state, memberId),
    party: division.eligible[memberId] ?? '',
    choice: voteOf(division, memberId),
  }));
  const byParty = new Map<string, Tally & { party: string; absent: number }>();
  const counts = { yes: 0, no: 0, abstain: 0, absent: 0 };
  for (const r of rows) {
    const t = byParty.get(r.party) ?? { party: r.party, yes: 0, no: 0, abstain: 0, absent: 0 };
    if (r.choice) {
      t[r.choice]++;
      counts[r.choice]++;
    } else {
      t.absent++;
      counts.absent++;
    }
    byParty.set(r.party, t);
  }
  return {
    id: division.id,
    question: division.question,
    status: division.status,
    rows,
    counts,
    byParty: [...byParty.values()],
    notVoted: rows.filter((r) => r.choice === null),
    castingVote: division.castingVote,
    result: division.result,
  };
}
