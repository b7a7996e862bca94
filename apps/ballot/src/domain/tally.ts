// The count (R22): majority elections by most votes, yes/no, and proportional lists by d'Hondt (lag 2022:629)
// with exact integer cross-multiplication; every tie goes to the lot.
import type { BallotSpec, Tally } from '@council/shared';
import { canonicalJson } from '@council/shared';
import type { CountedChoice } from './ballot-rules.ts';
import type { DrawLot } from './lottning.ts';

/** Pick `seats` winners from (key, votes) by most votes; a tie across the last place is drawn by lot. */
export function electByVotes(
  entries: readonly { key: string; votes: number }[],
  seats: number,
  lot: DrawLot,
): string[] {
  const byVotes = new Map<number, string[]>();
  for (const e of entries)
    if (e.votes > 0) byVotes.set(e.votes, [...(byVotes.get(e.votes) ?? []), e.key]);
  const levels = [...byVotes.keys()].sort((a, b) => b - a);
  const elected: string[] = [];
  for (const v of levels) {
    const group = byVotes.get(v) ?? [];
    const free = seats - elected.length;
    if (free <= 0) break;
    if (group.length <= free) elected.push(...group);
    else {
      const order = lot(`place ${elected.length + 1}`, group);
      elected.push(...order.slice(0, free));
    }
  }
  return elected;
}

/** a/b > c/d for non-negative integers, exactly (b, d > 0). */
export function greaterQuotient(a: bigint, b: bigint, c: bigint, d: bigint): number {
  const l = a * d;
  const r = c * b;
  return l > r ? 1 : l < r ? -1 : 0;
}

export interface ListGroup {
  key: string;
  label: string;
  names: readonly string[];
  votes: number;
}

/**
 * d'Hondt: each seat to the group with the largest comparison number votes/(seats won + 1), compared by
 * cross-multiplication; a group whose names are exhausted takes no more seats; equal numbers go to the lot.
 */
export function dHondt(
  groups: readonly ListGroup[],
  seats: number,
  lot: DrawLot,
): Map<string, number> {
  const won = new Map<string, number>(groups.map((g) => [g.key, 0]));
  for (let seat = 1; seat <= seats; seat++) {
    let best: ListGroup[] = [];
    for (const g of groups) {
      const w = won.get(g.key) ?? 0;
      if (g.votes === 0 || w >= g.names.length) continue;
      const first = best[0];
      if (!first) {
        best = [g];
        continue;
      }
      const cmp = greaterQuotient(
        BigInt(g.votes),
        BigInt(w + 1),
        BigInt(first.votes),
        BigInt((won.get(first.key) ?? 0) + 1),
      );
      if (cmp > 0) best = [g];
      else if (cmp === 0) best.push(g);
    }
    if (best.length === 0) break;
    const winnerKey =
      best.length === 1
        ? best[0]?.key
        : lot(
            `seat ${seat}`,
            best.map((g) => g.key),
          )[0];
    if (winnerKey === undefined) break;
    won.set(winnerKey, (won.get(winnerKey) ?? 0) + 1);
  }
  return won;
}

/** Group key for a list ballot: same label and same name list form one group. */
export function listKey(label: string, names: readonly string[]): string {
  return canonicalJson({ label, names: [...names] });
}

/** Count valid choices. Order of `choices` does not matter. */
export function tally(spec: BallotSpec, choices: readonly CountedChoice[], lot: DrawLot): Tally {
  switch (spec.type) {
    case 'single':
    case 'multi': {
      const counts = new Map<string, number>(spec.candidates.map((c) => [c, 0]));
      for (const ch of choices) {
        const picked =
          ch.kind === 'single' ? [ch.candidate] : ch.kind === 'multi' ? ch.candidates : [];
        for (const c of picked) counts.set(c, (counts.get(c) ?? 0) + 1);
      }
      const votes = spec.candidates.map((key) => ({ key, votes: counts.get(key) ?? 0 }));
      return { votes, elected: electByVotes(votes, spec.seats, lot), seats: [] };
    }
    case 'yesno': {
      let ja = 0;
      let nej = 0;
      for (const ch of choices) {
        if (ch.kind !== 'yesno') continue;
        if (ch.answer === 'ja') ja++;
        else nej++;
      }
      const votes = [
        { key: 'ja', votes: ja },
        { key: 'nej', votes: nej },
      ];
      return { votes, elected: electByVotes(votes, 1, lot), seats: [] };
    }
    case 'list': {
      const groups = new Map<string, ListGroup>();
      for (const ch of choices) {
        if (ch.kind !== 'list') continue;
        const key = listKey(ch.label, ch.names);
        const g = groups.get(key);
        groups.set(
          key,
          g ? { ...g, votes: g.votes + 1 } : { key, label: ch.label, names: ch.names, votes: 1 },
        );
      }
      const ordered = [...groups.values()].sort((a, b) =>
        a.key < b.key ? -1 : a.key > b.key ? 1 : 0,
      );
      const won = dHondt(ordered, spec.seats, lot);
      const elected = ordered.flatMap((g) =>
        g.names.slice(0, won.get(g.key) ?? 0).map((n) => `${g.label}: ${n}`),
      );
      return {
        votes: ordered.map((g) => ({ key: g.key, votes: g.votes })),
        elected,
        seats: ordered.map((g) => ({ key: g.key, seats: won.get(g.key) ?? 0 })),
      };
    }
  }
}
