// The sitting's events as one viewer may see them (R13): an event about a closed item they may not read is withheld
// (its seq listed, so a client sees no gap and takes a fresh projected state instead); the few events that only move the
// sitting along (an item starts, an adjournment, the resumption) pass with any closed content redacted.
import type { StoredEvent } from '@council/shared';
import type { SittingState } from '../sitting/types.ts';
import { findBallot } from '../secret-ballot/state.ts';
import { CLOSED_ADJOURNMENT_REASON, hiddenItems, type Viewer } from './viewer.ts';
import { redactItem } from './state.ts';

/** Events that say only where the sitting is: the public view shows as much, so they pass (redacted). */
const STRUCTURAL = new Set([
  'ItemStarted',
  'SittingOpened',
  'SittingAdjourned',
  'SittingResumed',
  'SittingClosed',
]);

/** Events that carry the whole agenda (the roster snapshot, an amendment): every viewer gets them, closed items redacted. */
const AGENDA = new Set(['SittingScheduled', 'AgendaAmended']);

const text = (payload: Record<string, unknown>, key: string): string | null => {
  const v = payload[key];
  return typeof v === 'string' ? v : null;
};

/** The item an event is about: named in it, through what it names (a division, proposal, ballot), or current then. */
function itemOf(state: SittingState, e: StoredEvent, current: string | null): string | null {
  const p = e.payload;
  const named = text(p, 'itemId');
  if (named && e.type !== 'ItemStarted') return named;
  const division = text(p, 'divisionId');
  const viaDivision = division ? state.decision.divisions[division]?.itemId : undefined;
  if (viaDivision) return viaDivision;
  const proposal = text(p, 'proposalId');
  const viaProposal = proposal ? state.decision.proposals[proposal]?.itemId : undefined;
  if (viaProposal) return viaProposal;
  const question = text(p, 'questionId');
  const viaBallot = question ? findBallot(state, question)?.itemId : undefined;
  if (viaBallot) return viaBallot;
  return e.type === 'ItemStarted' ? named : current;
}

/**
 * Walk events in seq order with the item current at each. `state` is the state after the last of them: the item current
 * before the first is the previous item of the first ItemStarted among them, or else the item current now.
 */
function walk(
  state: SittingState,
  events: readonly StoredEvent[],
  visit: (e: StoredEvent, itemId: string | null) => void,
): void {
  const firstStart = events.find((e) => e.type === 'ItemStarted');
  let current = firstStart
    ? text(firstStart.payload, 'previousItemId')
    : state.sitting.currentItemId;
  for (const e of events) {
    if (e.type === 'ItemStarted') current = text(e.payload, 'itemId');
    visit(e, itemOf(state, e, current));
  }
}

/** The confidential items a batch of events concerns (the roster snapshot concerns them all). */
export function closedItemsOf(state: SittingState, events: readonly StoredEvent[]): string[] {
  const confidential = new Set(state.items.filter((i) => i.confidential).map((i) => i.id));
  const out = new Set<string>();
  walk(state, events, (e, itemId) => {
    if (AGENDA.has(e.type)) for (const id of confidential) out.add(id);
    else if (itemId && confidential.has(itemId)) out.add(itemId);
  });
  return [...out];
}

export interface ProjectedEvents {
  /** What this viewer may see, in seq order (some redacted). */
  events: StoredEvent[];
  /** Seqs withheld, as inclusive ranges [from, to] in order. */
  withheld: [number, number][];
}

function redact(e: StoredEvent, hidden: ReadonlySet<string>): StoredEvent {
  if (e.type === 'SittingAdjourned')
    return { ...e, payload: { ...e.payload, reason: CLOSED_ADJOURNMENT_REASON } };
  if (AGENDA.has(e.type)) {
    const items = e.payload['items'];
    if (!Array.isArray(items)) return e;
    return {
      ...e,
      payload: {
        ...e.payload,
        items: items.map((i: unknown) => (isItem(i) && hidden.has(i.id) ? redactItem(i) : i)),
      },
    };
  }
  return e;
}

function isItem(i: unknown): i is Parameters<typeof redactItem>[0] {
  return typeof i === 'object' && i !== null && 'id' in i && typeof i.id === 'string';
}

/** The events this viewer may see. The chair and the secretary get them unchanged. */
export function projectEvents(
  state: SittingState,
  viewer: Viewer,
  events: readonly StoredEvent[],
): ProjectedEvents {
  const hidden = hiddenItems(state, viewer);
  if (hidden.size === 0) return { events: [...events], withheld: [] };
  const kept: StoredEvent[] = [];
  const withheld: [number, number][] = [];
  walk(state, events, (e, itemId) => {
    if (AGENDA.has(e.type)) kept.push(redact(e, hidden));
    else if (!itemId || !hidden.has(itemId)) kept.push(e);
    else if (STRUCTURAL.has(e.type)) kept.push(redact(e, hidden));
    else {
      const last = withheld.at(-1);
      if (last && last[1] === e.seq - 1) last[1] = e.seq;
      else withheld.push([e.seq, e.seq]);
    }
  });
  return { events: kept, withheld };
}
