// Speaking-time statistics for a sitting, per member and per party (for the desk, the minutes and the public record).
import type { FloorRequestKind } from '@council/shared';
import type { SittingState } from '../sitting/types.ts';
import { secondsBetween, speakerName } from './speaker-list.ts';
import type { Turn } from './state.ts';

export interface SpeakingTotals {
  turns: number;
  seconds: number;
  overrunSeconds: number;
  byKind: Record<FloorRequestKind, { turns: number; seconds: number }>;
}

export interface MemberSpeakingStats extends SpeakingTotals {
  personId: string;
  name: string;
  partyId: string;
}

export interface PartySpeakingStats extends SpeakingTotals {
  partyId: string;
  speakers: number;
}

export interface SpeakingStats {
  members: MemberSpeakingStats[];
  parties: PartySpeakingStats[];
  total: SpeakingTotals;
}

function emptyTotals(): SpeakingTotals {
  return {
    turns: 0,
    seconds: 0,
    overrunSeconds: 0,
    byKind: {
      speech: { turns: 0, seconds: 0 },
      reply: { turns: 0, seconds: 0 },
      answer: { turns: 0, seconds: 0 },
      point_of_order: { turns: 0, seconds: 0 },
    },
  };
}

function add(totals: SpeakingTotals, turn: Turn, seconds: number, overrun: number): void {
  totals.turns += 1;
  totals.seconds += seconds;
  totals.overrunSeconds += overrun;
  totals.byKind[turn.kind].turns += 1;
  totals.byKind[turn.kind].seconds += seconds;
}

/**
 * Speaking time of the sitting, optionally of one item. With `now`, the turn on the floor counts up to now.
 * Members are ordered by time spoken, most first; parties likewise.
 */
export function speakingStats(
  state: SittingState,
  options: { itemId?: string; now?: string } = {},
): SpeakingStats {
  const { floor, turns } = state.debate;
  const all = [...turns, ...(floor && options.now ? [floor] : [])].filter(
    (t) => !options.itemId || t.itemId === options.itemId,
  );
  const members = new Map<string, MemberSpeakingStats>();
  const parties = new Map<string, PartySpeakingStats & { people: Set<string> }>();
  const total = emptyTotals();
  for (const t of all) {
    const seconds =
      t.durationSeconds ?? (options.now ? secondsBetween(t.startedAt, options.now) : 0);
    const overrun =
      t.overrunSeconds ?? (t.limitSeconds === null ? 0 : Math.max(0, seconds - t.limitSeconds));
    let m = members.get(t.personId);
    if (!m) {
      m = {
        personId: t.personId,
        name: speakerName(state, t.personId),
        partyId: t.partyId,
        ...emptyTotals(),
      };
      members.set(t.personId, m);
    }
    add(m, t, seconds, overrun);
    let p = parties.get(t.partyId);
    if (!p) {
      p = { partyId: t.partyId, speakers: 0, people: new Set(), ...emptyTotals() };
      parties.set(t.partyId, p);
    }
    add(p, t, seconds, overrun);
    p.people.add(t.personId);
    add(total, t, seconds, overrun);
  }
  const bySeconds = (a: { seconds: number }, b: { seconds: number }) => b.seconds - a.seconds;
  return {
    members: [...members.values()].sort(bySeconds),
    parties: [...parties.values()]
      .map(({ people, ...p }) => ({ ...p, speakers: people.size }))
      .sort(bySeconds),
    total,
  };
}
