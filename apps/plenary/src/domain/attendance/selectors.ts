// Read-only questions other modules ask about attendance. Keep these the only way debate/decision read it.
import type { SittingState } from '../sitting/types.ts';

export function servingPersonIds(state: SittingState): string[] {
  return Object.values(state.attendance.serving).filter((p): p is string => p !== null);
}

export function seatServedBy(state: SittingState, personId: string): string | null {
  for (const [seatId, p] of Object.entries(state.attendance.serving)) if (p === personId) return seatId;
  return null;
}

export function isRecused(state: SittingState, personId: string, itemId: string | null = state.sitting.currentItemId): boolean {
  return itemId !== null && (state.attendance.recusals[itemId] ?? []).includes(personId);
}

export function isTechFailureMember(state: SittingState, personId: string): boolean {
  return state.attendance.techFailureMembers.includes(personId);
}

/** Serving now on the current item: holds a seat and is not recused from it. */
export function isServing(state: SittingState, personId: string): boolean {
  return seatServedBy(state, personId) !== null && !isRecused(state, personId);
}

export function isRemote(state: SittingState, personId: string): boolean {
  return state.attendance.remote.includes(personId);
}

/** Quorum (beslutsförhet): more than half of the seats are served. */
export function hasQuorum(state: SittingState): boolean {
  return servingPersonIds(state).length * 2 > state.roster.seats.length;
}

/** R19: the latest function check for the current item passed (or the chair overrode it). */
export function functionCheckPassed(state: SittingState): boolean {
  const check = state.attendance.functionCheck;
  if (!check || check.itemId !== state.sitting.currentItemId) return false;
  return check.status === 'complete' || check.status === 'overridden';
}

export function personName(state: SittingState, personId: string): string {
  return state.roster.people.find((p) => p.id === personId)?.name ?? personId;
}

export function personParty(state: SittingState, personId: string): string {
  return state.roster.people.find((p) => p.id === personId)?.partyId ?? '';
}
