// The sitting's state as one viewer may see it (R13): a closed item they may not read keeps its place, status and §
// number, and loses everything else — title, documents, speakers, proposals, votes, ballots, minutes prose, reasons.
import type { AgendaItemInput } from '@council/shared';
import type { AgendaItemState, SittingState } from '../sitting/types.ts';
import { minutesOf } from '../minutes/state.ts';
import { secretBallotOf } from '../secret-ballot/state.ts';
import {
  CLOSED_ADJOURNMENT_REASON,
  CLOSED_ITEM_TITLE,
  hiddenItems,
  type Viewer,
} from './viewer.ts';

const REDACTED = 'Sekretess';

/** A closed item's agenda entry as the public has it: that it exists and is confidential. */
export function redactItem(item: AgendaItemInput): AgendaItemInput {
  const { details: _details, ...rest } = item;
  return { ...rest, title: CLOSED_ITEM_TITLE, caseNumber: '', description: '', documents: [] };
}

function redactItemState(item: AgendaItemState): AgendaItemState {
  const { details: _details, ...rest } = item;
  return {
    ...rest,
    title: CLOSED_ITEM_TITLE,
    caseNumber: '',
    description: '',
    documents: [],
    handedOut: [],
  };
}

function withoutKeys<V>(record: Record<string, V>, hidden: ReadonlySet<string>): Record<string, V> {
  return Object.fromEntries(Object.entries(record).filter(([k]) => !hidden.has(k)));
}

/** Everything of a sitting's state this viewer may see. The chair and the secretary get the state unchanged. */
export function projectState(state: SittingState, viewer: Viewer): SittingState {
  const hidden = hiddenItems(state, viewer);
  if (hidden.size === 0) return state;
  const closed = (itemId: string | null | undefined) => itemId != null && hidden.has(itemId);
  const { debate, decision, attendance } = state;
  const divisionIds = decision.divisionIds.filter((id) => !closed(decision.divisions[id]?.itemId));
  const m = minutesOf(state);
  const sb = secretBallotOf(state);
  const floorHidden = closed(debate.floor?.itemId);
  return {
    ...state,
    sitting: {
      ...state.sitting,
      adjournments: state.sitting.adjournments.map((a) =>
        closed(a.itemId) ? { ...a, reason: CLOSED_ADJOURNMENT_REASON } : a,
      ),
    },
    items: state.items.map((i): AgendaItemState => (hidden.has(i.id) ? redactItemState(i) : i)),
    attendance: {
      ...attendance,
      // The permission stays (who may take part depends on it); the chair's reason does not.
      remoteConfidential: Object.fromEntries(
        Object.entries(attendance.remoteConfidential).map(([id, p]) => [
          id,
          hidden.has(id) ? { ...p, reason: REDACTED } : p,
        ]),
      ),
      exceptions: attendance.exceptions.map((x) =>
        closed(x.itemId) ? { ...x, reason: REDACTED } : x,
      ),
      functionChecks: attendance.functionChecks.map((c) =>
        closed(c.itemId) && c.overrideReason ? { ...c, overrideReason: REDACTED } : c,
      ),
    },
    debate: {
      ...debate,
      queue: debate.queue.filter((e) => !closed(e.itemId)),
      floor: floorHidden ? null : debate.floor,
      currentSpeechId: floorHidden ? null : debate.currentSpeechId,
      turns: debate.turns.filter((t) => !closed(t.itemId)),
      listClosed: closed(debate.listClosed?.itemId) ? null : debate.listClosed,
      partyPots: closed(debate.partyPots?.itemId) ? null : debate.partyPots,
    },
    decision: {
      ...decision,
      proposals: Object.fromEntries(
        Object.entries(decision.proposals).filter(([, p]) => !closed(p.itemId)),
      ),
      items: withoutKeys(decision.items, hidden),
      divisions: Object.fromEntries(
        divisionIds.flatMap((id) => {
          const x = decision.divisions[id];
          return x ? [[id, x]] : [];
        }),
      ),
      divisionIds,
    },
    ...(state.minutes
      ? {
          minutes: {
            ...m,
            prose: withoutKeys(m.prose, hidden),
            ballots: m.ballots.filter((b) => !closed(b.itemId)),
          },
        }
      : {}),
    ...(state.secretBallot
      ? { secretBallot: { ...sb, ballots: sb.ballots.filter((b) => !closed(b.itemId)) } }
      : {}),
  };
}
