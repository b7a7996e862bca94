// What the decision screens derive from the folded sitting state: the item's deliberation, its proposals, the
// current question and division, labels for alternatives, and the default proposition order.
import { NO_ALTERNATIVE, type ProposalKind } from '@council/shared';
import { personName, personParty } from '$domain/attendance/selectors.ts';
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
