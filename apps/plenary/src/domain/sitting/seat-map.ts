// The seat map's data (issue 15): every seat by number with who holds it and how, and an open division's vote per
// seat. Only open divisions are ever given per seat; a secret ballot has nothing per person to give (R22).
import type { PublicSeat } from '@council/shared';
import type { SittingState } from './types.ts';
import type { Division } from '../decision/state.ts';
import type { ServicePeriod } from '../attendance/state.ts';
import { voteOf } from '../decision/state.ts';
import { isRecused, isRemote } from '../attendance/selectors.ts';

/**
 * Bodies larger than this get no seat map: a hemicycle of more seats cannot be read, and the per-seat data would go
 * out with every view to every viewer (the 2,000-member benchmark).
 */
export const MAX_SEAT_MAP = 400;

/** The roster's seats in number order: the order of `seatMap` and of every division's `bySeat`. */
function seatsInOrder(state: SittingState) {
  return [...state.roster.seats].sort((a, b) => a.number - b.number);
}

export function seatMapOf(state: SittingState): PublicSeat[] {
  if (state.roster.seats.length > MAX_SEAT_MAP) return [];
  const people = new Map(state.roster.people.map((p) => [p.id, p]));
  const parties = new Map(state.roster.parties.map((p) => [p.id, p]));
  return seatsInOrder(state).map((seat) => {
    const holder = state.attendance.serving[seat.id] ?? null;
    const party = parties.get(seat.partyId);
    const state_: PublicSeat['state'] =
      holder === null
        ? 'absent'
        : isRecused(state, holder)
          ? 'recused'
          : isRemote(state, holder)
            ? 'remote'
            : 'room';
    return {
      number: seat.number,
      name: people.get(holder ?? seat.memberId)?.name ?? '',
      party: party?.abbreviation ?? '',
      color: party?.color ?? '#888888',
      state: state_,
      substitute: holder !== null && holder !== seat.memberId,
    };
  });
}

/**
 * Who held which seat when each division opened: from the service periods (a seat changes hands between items), and
 * the seats as served now for anyone the periods do not place (a state built without a roll call).
 */
export function seatVoteIndex(state: SittingState): (x: Division) => string | undefined {
  if (state.roster.seats.length > MAX_SEAT_MAP) return () => undefined;
  const order = seatsInOrder(state);
  const position = new Map(order.map((s, i) => [s.id, i]));
  const periods = new Map<string, ServicePeriod[]>();
  for (const p of state.attendance.periods) {
    const list = periods.get(p.personId);
    if (list) list.push(p);
    else periods.set(p.personId, [p]);
  }
  const servingNow = new Map<string, string>();
  for (const [seatId, person] of Object.entries(state.attendance.serving))
    if (person) servingNow.set(person, seatId);
  const seatAt = (personId: string, at: string): string | undefined =>
    periods.get(personId)?.findLast((p) => p.from <= at && (p.to === null || p.to > at))?.seatId ??
    servingNow.get(personId);
  return (x) => {
    const letters = new Array<string>(order.length).fill('-');
    for (const personId of x.eligibleOrder) {
      const i = position.get(seatAt(personId, x.openedAt) ?? '');
      if (i === undefined) continue;
      const choice = voteOf(x, personId);
      letters[i] =
        choice === 'yes' ? 'J' : choice === 'no' ? 'N' : choice === 'abstain' ? 'A' : '.';
    }
    return letters.join('');
  };
}
