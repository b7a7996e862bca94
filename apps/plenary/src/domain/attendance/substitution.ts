// R06: who should serve each seat. Council: same-party substitutes in the county board's order, else empty.
// Board: the council's decided cross-party order; a same-party substitute displaces a cross-party one, but a serving
// substitute is never displaced by a same-party one higher in order. Members who left or lost their connection for good
// never serve again; a late member takes the seat back.
import type { Seat, Substitute } from '@council/shared';
import type { SittingState } from '../sitting/types.ts';
import { isRemote, mayTakePartRemotely } from './selectors.ts';

export type SeatPlan = Record<string, string | null>;

/** Present now, has not left, is not a teknikfelsledamot, and has no open loss of sound or connection (R15). */
export function mayServe(state: SittingState, personId: string): boolean {
  const a = state.attendance;
  const presence = a.presence[personId];
  if (!presence || a.left.includes(personId) || a.techFailureMembers.includes(personId))
    return false;
  if (
    a.failures.some(
      (f) => f.personId === personId && f.outcome === 'open' && f.serving && f.kind !== 'video',
    )
  )
    return false;
  return true;
}

/** The party order a seat's substitutes are taken from: its own party, or the board's cross-party order. */
export function partyOrderFor(state: SittingState, seat: Seat): string[] {
  if (state.roster.body.kind !== 'board') return [seat.partyId];
  const order = state.roster.body.crossPartyOrder[seat.partyId];
  if (!order || order.length === 0) return [seat.partyId];
  return order.includes(seat.partyId) ? order : [seat.partyId, ...order];
}

/** Where the council has valkretsar, a seat's substitutes are those elected in its district (vallagen 14 kap.). */
export function sameDistrict(seat: Seat, s: Substitute): boolean {
  return (seat.districtId ?? null) === (s.districtId ?? null);
}

/** Every substitute who could ever serve the seat, in call-in order. */
export function substituteOrder(state: SittingState, seat: Seat): Substitute[] {
  const parties = partyOrderFor(state, seat);
  return state.roster.substitutes
    .filter((s) => parties.includes(s.partyId) && sameDistrict(seat, s))
    .sort((x, y) => parties.indexOf(x.partyId) - parties.indexOf(y.partyId) || x.order - y.order);
}

export function isSubstituteFor(state: SittingState, seat: Seat, personId: string): boolean {
  return substituteOrder(state, seat).some((s) => s.personId === personId);
}

/** Jäv on the current item (R12), or remote on a confidential item the chair has not opened to remote members (R13). */
export function standsAside(state: SittingState, personId: string): boolean {
  const itemId = state.sitting.currentItemId;
  if (itemId !== null && (state.attendance.recusals[itemId] ?? []).includes(personId)) return true;
  return isRemote(state, personId) && !mayTakePartRemotely(state, itemId);
}

/** The next present substitute for a seat who serves nowhere (given the seats already taken). */
export function nextSubstitute(
  state: SittingState,
  seat: Seat,
  taken: ReadonlySet<string>,
  samePartyOnly = false,
): string | null {
  for (const s of substituteOrder(state, seat)) {
    if (samePartyOnly && s.partyId !== seat.partyId) continue;
    if (taken.has(s.personId) || !mayServe(state, s.personId) || standsAside(state, s.personId))
      continue;
    return s.personId;
  }
  return null;
}

export type PlanMode = 'full' | 'returns';

/**
 * The seat plan for the next item (or the roll call). 'returns' only brings back members and jäv stand-asides and applies
 * the desk's pending choices; 'full' also fills empty seats and lets a same-party substitute displace a cross-party one.
 */
export function planSeats(state: SittingState, mode: PlanMode): SeatPlan {
  const a = state.attendance;
  const seats = [...state.roster.seats].sort((x, y) => x.number - y.number);
  const plan: SeatPlan = {};
  for (const seat of seats) {
    const current = a.serving[seat.id] ?? null;
    plan[seat.id] = current !== null && mayServe(state, current) ? current : null;
  }
  const taken = (): Set<string> =>
    new Set(Object.values(plan).filter((p): p is string => p !== null));

  // A member who is here takes their own seat (late arrival, back after jäv).
  for (const seat of seats)
    if (mayServe(state, seat.memberId) && !standsAside(state, seat.memberId))
      plan[seat.id] = seat.memberId;
  // A substitute who stood aside for jäv on the previous item takes the seat back.
  for (const seat of seats) {
    const back = a.recusalReturns[seat.id];
    if (back === undefined || plan[seat.id] === seat.memberId) continue;
    if (mayServe(state, back) && !standsAside(state, back) && !taken().has(back))
      plan[seat.id] = back;
  }
  // The desk's choices.
  for (const seat of seats) {
    const chosen = a.pendingSeats[seat.id];
    if (chosen === undefined || plan[seat.id] !== null) continue;
    if (mayServe(state, chosen) && !taken().has(chosen) && isSubstituteFor(state, seat, chosen))
      plan[seat.id] = chosen;
  }
  if (mode === 'full') {
    // Board: a same-party substitute displaces a cross-party one (never a same-party one: no reshuffling by order).
    for (const seat of seats) {
      const current = plan[seat.id] ?? null;
      if (current === null || current === seat.memberId) continue;
      if (personPartyOf(state, current) === seat.partyId) continue;
      const sameParty = state.roster.substitutes
        .filter((s) => s.partyId === seat.partyId && sameDistrict(seat, s))
        .sort((x, y) => x.order - y.order)
        .find(
          (s) =>
            !taken().has(s.personId) &&
            mayServe(state, s.personId) &&
            !standsAside(state, s.personId),
        );
      if (sameParty) plan[seat.id] = sameParty.personId;
    }
    // Empty seats: first each party's own substitutes, then (boards) the cross-party order.
    for (const seat of seats)
      if (plan[seat.id] === null) plan[seat.id] = nextSubstitute(state, seat, taken(), true);
    for (const seat of seats)
      if (plan[seat.id] === null) plan[seat.id] = nextSubstitute(state, seat, taken());
  }
  // Whoever stands aside for this item (jäv, or remote on a closed confidential item) gives way to a substitute here (R12, R13).
  for (const seat of seats) {
    const current = plan[seat.id] ?? null;
    if (current === null || !standsAside(state, current)) continue;
    if (mode !== 'full' && !a.autoFill) continue;
    const standIn = nextSubstitute(state, seat, taken());
    if (standIn) plan[seat.id] = standIn;
  }
  return plan;
}

function personPartyOf(state: SittingState, personId: string): string | null {
  return (
    state.roster.substitutes.find((s) => s.personId === personId)?.partyId ??
    state.roster.people.find((p) => p.id === personId)?.partyId ??
    null
  );
}

/** For the desk: each seat its member will not serve, with the substitute the rules propose (or null: it stays empty). */
export function proposals(
  state: SittingState,
): { seatId: string; memberId: string; proposed: string | null }[] {
  const plan = planSeats(state, 'full');
  return [...state.roster.seats]
    .sort((x, y) => x.number - y.number)
    .filter((seat) => plan[seat.id] !== seat.memberId)
    .map((seat) => ({ seatId: seat.id, memberId: seat.memberId, proposed: plan[seat.id] ?? null }));
}
