// What the decision screens derive from the folded sitting state: the item's deliberation, its proposals, the
// current question and division, labels for alternatives, the default proposition order, and the desk's member picker
// for recording proposals on a member's behalf (R21).
import { NO_ALTERNATIVE, type ProposalKind, type RejectionCode } from '@council/shared';
import {
  isServing,
  isTechFailureMember,
  personName,
  personParty,
} from '$domain/attendance/selectors.ts';
import type { SittingState } from '$domain/sitting/types.ts';
import type { Division, ItemDeliberation, Proposal, Step } from '$domain/decision/state.ts';
import { t } from '../../i18n/i18n.svelte.ts';

export const proposalKindsInOrder: readonly ProposalKind[] = [
  'approve',
  'reject',
  'amend',
  'addition',
  'referBack',
  'table',
];

export function deliberation(state: SittingState | null): ItemDeliberation | null {
  const itemId = state?.sitting.currentItemId;
  if (!state || !itemId) return null;
  return (
    state.decision.items[itemId] ?? {
      itemId,
      proposalIds: [],
      order: null,
      steps: [],
      current: -1,
      decision: null,
      reservations: [],
    }
  );
}

export function proposalsOf(state: SittingState, d: ItemDeliberation): Proposal[] {
  return d.proposalIds
    .map((id) => state.decision.proposals[id])
    .filter((p): p is Proposal => p !== undefined);
}

export function currentStep(d: ItemDeliberation | null): Step | null {
  return d ? (d.steps[d.current] ?? null) : null;
}

export function latestDivision(state: SittingState, step: Step | null): Division | null {
  const id = step?.divisionIds.at(-1);
  return id ? (state.decision.divisions[id] ?? null) : null;
}

export function who(state: SittingState, personId: string): string {
  return `${personName(state, personId)} (${personParty(state, personId)})`;
}

/** A proposal or the "no" side of a yes/no question, in words. */
export function altLabel(state: SittingState, step: Step | null, key: string): string {
  if (key === NO_ALTERNATIVE) return t(`decision.no.${step?.kind ?? 'material'}`);
  const p = state.decision.proposals[key];
  if (!p) return key;
  return `${p.number}. ${t(`decision.kind.${p.kind}`)} – ${personName(state, p.by)} (${personParty(state, p.by)})`;
}

/** Formal first (each alone), then material, additions last: the order the chair usually proposes. */
export function defaultOrder(proposals: Proposal[]): {
  formal: string[];
  material: string[];
  additions: string[];
} {
  const active = proposals.filter((p) => p.status === 'active');
  return {
    formal: active.filter((p) => p.kind === 'referBack' || p.kind === 'table').map((p) => p.id),
    material: active
      .filter((p) => p.kind === 'approve' || p.kind === 'reject' || p.kind === 'amend')
      .map((p) => p.id),
    additions: active.filter((p) => p.kind === 'addition').map((p) => p.id),
  };
}

export function chairId(state: SittingState): string | null {
  return state.roster.people.find((p) => p.roles.includes('chair'))?.id ?? null;
}

/** A member the desk may act for on the current item: serving, not recused, not a teknikfelsledamot (R12, R16, R21). */
export interface MemberOption {
  personId: string;
  seat: number;
  name: string;
  party: string;
  label: string;
}

/** Everyone serving on the current item, in seat order, with the seat they serve. */
export function servingMembers(state: SittingState): MemberOption[] {
  const out: MemberOption[] = [];
  for (const seat of state.roster.seats) {
    const personId = state.attendance.serving[seat.id];
    if (!personId || !isServing(state, personId) || isTechFailureMember(state, personId)) continue;
    const name = personName(state, personId);
    const party = personParty(state, personId);
    out.push({
      personId,
      seat: seat.number,
      name,
      party,
      label: `${seat.number} · ${name} (${party})`,
    });
  }
  return out.sort((a, b) => a.seat - b.seat);
}

function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

/**
 * Typeahead for the desk: digits match the seat number (the exact seat first), words match name or party.
 * @example matchMembers(servingMembers(state), '12') // seat 12 first, then 120…
 */
export function matchMembers(options: MemberOption[], query: string, limit = 8): MemberOption[] {
  const q = query.trim();
  if (q === '') return options.slice(0, limit);
  if (/^\d+$/.test(q)) {
    const exact = options.filter((o) => String(o.seat) === q);
    const prefix = options.filter((o) => String(o.seat) !== q && String(o.seat).startsWith(q));
    return [...exact, ...prefix].slice(0, limit);
  }
  const words = fold(q).split(/\s+/);
  return options
    .filter((o) => {
      const hay = fold(`${o.name} ${o.party}`);
      return words.every((w) => hay.includes(w));
    })
    .slice(0, limit);
}

/** Kinds whose wording must be typed: the amendment or addition itself, the reason for a referral. */
export function needsWording(kind: ProposalKind): boolean {
  return kind === 'amend' || kind === 'referBack' || kind === 'addition';
}

/** The wording recorded when the desk leaves it empty: Swedish, as it goes into the minutes. */
export const defaultWording: Partial<Record<ProposalKind, string>> = {
  approve: 'Bifall till förslaget.',
  reject: 'Avslag på förslaget.',
  table: 'Ärendet bordläggs.',
};

/** The server's refusal, said about the member the desk acted for (the server speaks to the member: "Du …"). */
export function behalfRejection(code: RejectionCode, message: string, name: string): string {
  if (code === 'RECUSED') return t('decision.behalf.recused', { name });
  if (code === 'NOT_SERVING') return t('decision.behalf.notServing', { name });
  if (code === 'CONFLICT') return t('decision.behalf.conflict', { name });
  return t('decision.behalf.rejected', { name, message });
}

/** Why the chair's finding does not stand (a voided acclamation), in one sentence whatever the desk typed. */
export function acclamationVoidedText(step: Step): string | null {
  if (step.stage !== 'put' || !step.voidedAcclamation) return null;
  const reason = step.voidedAcclamation.reason.trim().replace(/[.!?]+$/, '');
  return t('decision.acclamationVoided', { reason });
}
