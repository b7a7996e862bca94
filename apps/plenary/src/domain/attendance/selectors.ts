// Read-only questions other modules ask about attendance. Keep these the only way debate/decision read it.
import type { SittingState } from '../sitting/types.ts';
import type { FunctionCheck, TechFailure } from './state.ts';

// person → seat, built once per `serving` record: states are immutable, so the record changes identity whenever a
// seat changes hands. This runs for every vote; scanning 2,000 seats per vote cost ~230 ms in a 2,000-voter division.
const seatIndex = new WeakMap<Readonly<Record<string, string | null>>, Map<string, string>>();

export function seatServedBy(state: SittingState, personId: string): string | null {
  const serving = state.attendance.serving;
  let index = seatIndex.get(serving);
  if (!index) {
    index = new Map();
    for (const seatId in serving) {
      const person = serving[seatId];
      if (person && !index.has(person)) index.set(person, seatId);
    }
    seatIndex.set(serving, index);
  }
  return index.get(personId) ?? null;
}

export function isRecused(
  state: SittingState,
  personId: string,
  itemId: string | null = state.sitting.currentItemId,
): boolean {
  return itemId !== null && (state.attendance.recusals[itemId] ?? []).includes(personId);
}

export function isTechFailureMember(state: SittingState, personId: string): boolean {
  return state.attendance.techFailureMembers.includes(personId);
}

export function isRemote(state: SittingState, personId: string): boolean {
  return state.attendance.remote.includes(personId);
}

/** R13: a remote member takes part in a confidential item only if the chair allowed it (recorded). */
export function mayTakePartRemotely(
  state: SittingState,
  itemId: string | null = state.sitting.currentItemId,
): boolean {
  if (itemId === null) return true;
  const item = state.items.find((i) => i.id === itemId);
  return !item?.confidential || state.attendance.remoteConfidential[itemId] !== undefined;
}

/** Serving now on the current item: holds a seat, is not recused from it, and (remote) may take part in it (R12, R13). */
export function isServing(state: SittingState, personId: string): boolean {
  if (seatServedBy(state, personId) === null || isRecused(state, personId)) return false;
  return !isRemote(state, personId) || mayTakePartRemotely(state);
}

/** Everyone serving on the current item (see isServing). */
export function servingPersonIds(state: SittingState): string[] {
  // Same test as isServing without looking each seat up again: linear, it runs on every public view.
  const remoteAllowed = mayTakePartRemotely(state);
  return Object.values(state.attendance.serving).filter(
    (p): p is string =>
      p !== null && !isRecused(state, p) && (remoteAllowed || !isRemote(state, p)),
  );
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

/** R19: the latest function check, whatever its state (for the desk). */
export function latestFunctionCheck(state: SittingState): FunctionCheck | null {
  return state.attendance.functionCheck;
}

/** Present now (in the room or remote). */
export function isPresent(state: SittingState, personId: string): boolean {
  return state.attendance.presence[personId] !== undefined;
}

/** R15: losses of sound or connection of serving members still open: the desk is alerted and adjournment proposed. */
export function techFailureAlerts(state: SittingState): TechFailure[] {
  return state.attendance.failures.filter(
    (f) =>
      f.outcome === 'open' &&
      f.serving &&
      f.kind !== 'video' &&
      seatServedBy(state, f.personId) !== null,
  );
}

/**
 * R18: losses of serving remote members (video included) since an instant — a decision round started at `since`
 * with any such loss must be taken again. The decision module asks this when it closes a round.
 */
export function transmissionLostSince(state: SittingState, since: string): TechFailure[] {
  return state.attendance.failures.filter(
    (f) => f.serving && (f.lostAt >= since || f.outcome === 'open'),
  );
}

export function personName(state: SittingState, personId: string): string {
  return state.roster.people.find((p) => p.id === personId)?.name ?? personId;
}

export function personParty(state: SittingState, personId: string): string {
  return state.roster.people.find((p) => p.id === personId)?.partyId ?? '';
}
