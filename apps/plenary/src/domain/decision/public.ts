// What the public sees of decisions (R24, R25): each division's question, live counts and per-party result, and the
// decisions with their § numbers. Nothing of a confidential item, and nothing at all while one is being handled (R13).
import type { PublicSittingView, PublicVote } from '@council/shared';
import type { SittingState } from '../sitting/types.ts';
import type { Division } from './state.ts';

function resultText(x: Division): string | null {
  if (x.status === 'tied')
    return 'Lika röstetal: ordförandens utslagsröst / Tie: the chair’s casting vote';
  if (x.result === null) return null;
  const side = x.result === 'yes' ? 'JA' : 'NEJ';
  return x.castingVote ? `${side} (utslagsröst / casting vote)` : side;
}

export function publicVoteOf(x: Division): PublicVote {
  const parties = Object.keys(x.eligibleByParty);
  return {
    id: x.id,
    itemId: x.itemId,
    question: x.question,
    status: x.status === 'closed' ? 'closed' : 'open',
    yes: x.counts.yes,
    no: x.counts.no,
    abstain: x.counts.abstain,
    absent: x.eligibleOrder.length - x.voted,
    byParty: parties.map((party) => {
      const t = x.byParty[party] ?? { yes: 0, no: 0, abstain: 0 };
      return {
        party,
        yes: t.yes,
        no: t.no,
        abstain: t.abstain,
        absent: (x.eligibleByParty[party] ?? 0) - t.yes - t.no - t.abstain,
      };
    }),
    result: resultText(x),
  };
}

export function decisionPublic(
  state: SittingState,
  closedSession: boolean,
): Partial<Pick<PublicSittingView, 'votes' | 'decisions' | 'ballots'>> {
  if (closedSession) return { votes: [], decisions: [] };
  const confidential = new Set(state.items.filter((i) => i.confidential).map((i) => i.id));
  const votes: PublicVote[] = [];
  for (const id of state.decision.divisionIds) {
    const x = state.decision.divisions[id];
    if (x && x.status !== 'invalidated' && !confidential.has(x.itemId)) votes.push(publicVoteOf(x));
  }
  const decisions: PublicSittingView['decisions'] = [];
  for (const item of state.items) {
    const d = state.decision.items[item.id]?.decision;
    if (d && !item.confidential)
      decisions.push({ itemId: item.id, paragraph: d.paragraph, text: d.wording });
  }
  decisions.sort((a, b) => a.paragraph - b.paragraph);
  return { votes, decisions };
}
