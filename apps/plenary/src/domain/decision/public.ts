// What the public sees of decisions (R24, R25): each division's question, live counts and per-party result, and the
// decisions with their § numbers. Nothing of a confidential item, and nothing at all while one is being handled (R13).
import { NO_ALTERNATIVE, type PublicSittingView, type PublicVote } from '@council/shared';
import type { SittingState } from '../sitting/types.ts';
import type { Division } from './state.ts';
import { kindLabel } from './decision.ts';
import { seatVoteIndex } from '../sitting/seat-map.ts';

/** A proposal's own words when they are short enough to read on a screen ("Bifall till motionen"), else its kind. */
const SHORT_TEXT = 60;

/** An alternative of a division in plain Swedish, for the result on the display and the member's device. */
export function alternativeName(state: SittingState, x: Division, id: string): string {
  if (id === NO_ALTERNATIVE) {
    const kind = state.decision.items[x.itemId]?.steps[x.step]?.kind ?? 'material';
    return kind === 'formal'
      ? 'Att ärendet avgörs i dag'
      : kind === 'addition'
        ? 'Avslag på tillägget'
        : 'Avslag';
  }
  const p = state.decision.proposals[id];
  if (!p) return id;
  const text = p.text.trim().replace(/\.$/, '');
  const words =
    text.length > 0 && text.length <= SHORT_TEXT && !text.includes('\n') ? text : kindLabel[p.kind];
  return `${words.charAt(0).toUpperCase()}${words.slice(1)} (yrkande ${p.number})`;
}

/**
 * The outcome in one Swedish sentence naming the winning proposal, winner's count first:
 * "Bifall till motionen (yrkande 1) vann, 41–20". A tie waits for the chair's casting vote (R20).
 */
export function resultText(state: SittingState, x: Division): string | null {
  const { yes, no } = x.counts;
  if (x.status === 'tied')
    return `Lika röstetal, ${yes}–${no}: ordföranden avgör med sin utslagsröst`;
  if (x.status !== 'closed' || x.result === null) return null;
  const [winner, won, lost] = x.result === 'yes' ? [x.yes, yes, no] : [x.no, no, yes];
  const casting = x.castingVote ? ' genom ordförandens utslagsröst' : '';
  return `${alternativeName(state, x, winner)} vann${casting}, ${won}–${lost}`;
}

export function publicVoteOf(state: SittingState, x: Division): PublicVote {
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
    result: resultText(state, x),
  };
}

export function decisionPublic(
  state: SittingState,
  closedSession: boolean,
): Partial<Pick<PublicSittingView, 'votes' | 'decisions' | 'ballots' | 'voidedRound'>> {
  if (closedSession) return { votes: [], decisions: [], voidedRound: null };
  const confidential = new Set(state.items.filter((i) => i.confidential).map((i) => i.id));
  const votes: PublicVote[] = [];
  const bySeatOf = seatVoteIndex(state);
  for (const id of state.decision.divisionIds) {
    const x = state.decision.divisions[id];
    if (x && x.status !== 'invalidated' && !confidential.has(x.itemId)) {
      const bySeat = bySeatOf(x);
      votes.push({ ...publicVoteOf(state, x), ...(bySeat === undefined ? {} : { bySeat }) });
    }
  }
  const decisions: PublicSittingView['decisions'] = [];
  for (const item of state.items) {
    const d = state.decision.items[item.id]?.decision;
    if (d && !item.confidential)
      decisions.push({ itemId: item.id, paragraph: d.paragraph, text: d.wording });
  }
  decisions.sort((a, b) => a.paragraph - b.paragraph);
  // A voided round is left out of `votes`; the display says that it was voided and why instead of an older result.
  const itemId = state.sitting.currentItemId;
  const lastId = state.decision.divisionIds.findLast(
    (id) => state.decision.divisions[id]?.itemId === itemId,
  );
  const last = lastId ? state.decision.divisions[lastId] : undefined;
  const voidedRound =
    last?.status === 'invalidated' && itemId !== null && !confidential.has(last.itemId)
      ? { itemId: last.itemId, reason: last.voidReason }
      : null;
  return { votes, decisions, voidedRound };
}
