// The attendance record for the minutes (R16, R24): who served which seat, when and for which items
// ("närvarande §§ 1–7, ersättare för X §§ 8–12"), remote or in the room, teknikfelsledamöter, jäv, substitutes present
// but not serving. A pure function of the sitting state, reused by the minutes.
import type { SittingState } from '../sitting/types.ts';

export interface RecordLine {
  seatId: string;
  /** The elected member of the seat when this person served it as a substitute; null for the member's own seat. */
  forMemberId: string | null;
  forName: string | null;
  /** Items served, in agenda order. */
  items: string[];
  /** "§§ 1–7", "§ 3", "§§ 1–3, 5". Decided items by their § number, others by agenda position. */
  range: string;
  from: string;
  to: string | null;
  remote: boolean;
}

export interface RecordEntry {
  personId: string;
  name: string;
  partyId: string | null;
  role: 'member' | 'substitute';
  lines: RecordLine[];
  /** Was present at some point but never served. */
  presentNotServing: boolean;
  /** Took part remotely (checked in and confirmed) at some point. */
  remote: boolean;
  techFailure: { at: string; cause: 'timeout' | 'recurring' } | null;
  recusedItems: string[];
  /** The line for the minutes, in Swedish. */
  text: string;
}

export interface AttendanceRecord {
  entries: RecordEntry[];
  /** People of the roster neither present nor serving at any point. */
  absent: string[];
}

/** The number an item is referred to by: its § once decided, else its agenda position. */
export function itemNumber(state: SittingState, itemId: string): number {
  const item = state.items.find((i) => i.id === itemId);
  return item ? (item.paragraph ?? item.position) : 0;
}

/** "§ 3", "§§ 1–7", "§§ 1–3, 5, 8–9". */
export function formatRange(numbers: readonly number[]): string {
  const sorted = [...new Set(numbers)].sort((x, y) => x - y);
  if (sorted.length === 0) return '';
  const parts: string[] = [];
  let start = sorted[0] ?? 0;
  let prev = start;
  for (const n of sorted.slice(1)) {
    if (n === prev + 1) {
      prev = n;
      continue;
    }
    parts.push(start === prev ? `${start}` : `${start}–${prev}`);
    start = n;
    prev = n;
  }
  parts.push(start === prev ? `${start}` : `${start}–${prev}`);
  return sorted.length === 1 ? `§ ${parts[0] ?? ''}` : `§§ ${parts.join(', ')}`;
}

export function attendanceRecord(state: SittingState): AttendanceRecord {
  const a = state.attendance;
  const nameOf = (id: string) => state.roster.people.find((p) => p.id === id)?.name ?? id;
  const memberIds = new Set(state.roster.seats.map((s) => s.memberId));
  const ids: string[] = [];
  const add = (id: string) => {
    if (!ids.includes(id)) ids.push(id);
  };
  for (const s of [...state.roster.seats].sort((x, y) => x.number - y.number)) add(s.memberId);
  for (const s of state.roster.substitutes) add(s.personId);
  const entries: RecordEntry[] = [];
  const absent: string[] = [];
  for (const personId of ids) {
    const periods = a.periods.filter((p) => p.personId === personId);
    const everPresent = a.presenceLog.some((l) => l.personId === personId && l.mode !== 'absent');
    if (periods.length === 0 && !everPresent) {
      absent.push(personId);
      continue;
    }
    const bySeat = new Map<string, typeof periods>();
    for (const p of periods) bySeat.set(p.seatId, [...(bySeat.get(p.seatId) ?? []), p]);
    const lines: RecordLine[] = [];
    for (const [seatId, ps] of bySeat) {
      const seat = state.roster.seats.find((s) => s.id === seatId);
      const own = seat?.memberId === personId;
      const items = [...new Set(ps.flatMap((p) => p.items))].sort(
        (x, y) => itemNumber(state, x) - itemNumber(state, y),
      );
      const last = ps.at(-1);
      lines.push({
        seatId,
        forMemberId: own || !seat ? null : seat.memberId,
        forName: own || !seat ? null : nameOf(seat.memberId),
        items,
        range: formatRange(items.map((i) => itemNumber(state, i))),
        from: ps[0]?.from ?? '',
        to: last?.to ?? null,
        remote: ps.some((p) => p.remote),
      });
    }
    const tf = a.techFailureDetails[personId];
    const declared = tf !== undefined;
    const recusedItems = a.recusalLog.filter((r) => r.personId === personId).map((r) => r.itemId);
    const remote = a.presenceLog.some((l) => l.personId === personId && l.mode === 'remote');
    const parts: string[] = [];
    for (const l of lines) {
      if (l.items.length === 0) continue;
      parts.push(
        l.forName === null ? `närvarande ${l.range}` : `ersättare för ${l.forName} ${l.range}`,
      );
    }
    if (parts.length === 0)
      parts.push(periods.length > 0 ? 'närvarande' : 'närvarande, ej tjänstgörande');
    if (remote) parts.push('deltog på distans');
    if (recusedItems.length > 0)
      parts.push(`jäv ${formatRange(recusedItems.map((i) => itemNumber(state, i)))}`);
    if (declared) parts.push('teknikfelsledamot');
    entries.push({
      personId,
      name: nameOf(personId),
      partyId: state.roster.people.find((p) => p.id === personId)?.partyId ?? null,
      role: memberIds.has(personId) ? 'member' : 'substitute',
      lines,
      presentNotServing: periods.length === 0,
      remote,
      techFailure: tf ? { at: tf.at, cause: tf.cause } : null,
      recusedItems,
      text: parts.join(', '),
    });
  }
  return { entries, absent };
}
