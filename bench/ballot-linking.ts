// Timing linkage of secret ballots (issue 13, item 5): the issue's method — issuance times against the box's storage
// order — on a simulated council, before and after mix rounds. Pure simulation with a seeded PRNG, no servers.
//
// Model: `voters` members are issued a signature at uniform times over `spanS` seconds; each browser casts after a
// delay uniform in 2–8 s (CAST_DELAY_MS). Unmixed, the box stores ballots in arrival order and the attacker pairs the
// k-th issuance with the k-th stored ballot. Mixed, the box stores a round (flushed after `roundMs` or at `roundSize`
// casts) in random order; the attacker knows every issuance time, every round's ballots and flush time, assigns voters
// to rounds in issuance order (the best rank strategy) and guesses within the round.

export interface LinkingOptions {
  voters: number;
  spanS: number;
  delayS?: readonly [number, number];
  round?: { ms: number; size: number } | null;
  /**
   * The attacker knows issuance only by the registrar's stored rounds (its database, not its process): members of one
   * issuance round are in an unknown order among themselves. Null: every issuance time is known exactly.
   */
  issueRound?: { ms: number; size: number } | null;
  runs?: number;
  seed?: number;
}

export interface LinkingResult {
  /** Share of voters whose ballot the attacker names correctly (expected value for the mixed guess). */
  linkedPct: number;
  /** Ballots per stored round (the anonymity set against storage order), mean and smallest seen. */
  anonymityMean: number;
  anonymityMin: number;
  /** Voters whose cast window overlaps their ballot's round (the set a timing attacker cannot narrow), mean and min. */
  overlapMean: number;
  overlapMin: number;
}

/** mulberry32: a small seeded PRNG, enough for a simulation. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** For voters sorted by issuance time: the range of ranks [from, to) of the issuance round each was stored in. */
function batchPositions(
  issued: readonly number[],
  round: { ms: number; size: number },
): (readonly [number, number])[] {
  const out: (readonly [number, number])[] = [];
  let start = 0;
  while (start < issued.length) {
    const t0 = issued[start] ?? 0;
    let end = start + 1;
    while (
      end < issued.length &&
      end - start < round.size &&
      (issued[end] ?? 0) <= t0 + round.ms / 1000
    )
      end++;
    for (let k = start; k < end; k++) out.push([start, end]);
    start = end;
  }
  return out;
}

export function simulateLinking(o: LinkingOptions): LinkingResult {
  const [dMin, dMax] = o.delayS ?? [2, 8];
  const runs = o.runs ?? 200;
  const rand = prng(o.seed ?? 13);
  let linked = 0;
  const sizes: number[] = [];
  const overlaps: number[] = [];
  for (let run = 0; run < runs; run++) {
    const issued = Array.from({ length: o.voters }, () => rand() * o.spanS).sort((a, b) => a - b);
    const arrival = issued.map((t) => t + dMin + rand() * (dMax - dMin));
    const byArrival = arrival.map((a, v) => ({ a, v })).sort((x, y) => x.a - y.a);
    if (!o.round) {
      // Storage order = arrival order; the k-th issued is named as the k-th stored.
      byArrival.forEach((x, k) => {
        if (x.v === k) linked++;
      });
      sizes.push(1);
      continue;
    }
    // Rounds: the first cast of a round starts its timer; it is stored at roundSize casts or after roundMs.
    const roundOf = new Array<number>(o.voters).fill(-1);
    const rounds: { members: number[]; from: number; to: number }[] = [];
    let current: number[] = [];
    let started = 0;
    let lastFlush = 0;
    const close = (at: number) => {
      rounds.push({ members: current, from: lastFlush, to: at });
      for (const v of current) roundOf[v] = rounds.length - 1;
      current = [];
      lastFlush = at;
    };
    for (const x of byArrival) {
      if (current.length > 0 && x.a > started + o.round.ms / 1000)
        close(started + o.round.ms / 1000);
      if (current.length === 0) started = x.a;
      current.push(x.v);
      if (current.length >= o.round.size) close(x.a);
    }
    if (current.length > 0) close(started + o.round.ms / 1000);
    // Best rank strategy: voters in issuance order fill the rounds in storage order, size by size. With issuance
    // known only by round, a voter takes any position of their issuance round with equal chance.
    const roundAtPosition: number[] = [];
    for (const [r, round] of rounds.entries())
      for (let k = 0; k < round.members.length; k++) roundAtPosition.push(r);
    const positions = o.issueRound
      ? batchPositions(issued, o.issueRound)
      : issued.map((_, k) => [k, k + 1] as const);
    for (let v = 0; v < o.voters; v++) {
      const [from, to] = positions[v] ?? [v, v + 1];
      let hits = 0;
      for (let k = from; k < to; k++) if (roundAtPosition[k] === roundOf[v]) hits++;
      linked += hits / (to - from) / (rounds[roundOf[v] ?? 0]?.members.length ?? 1);
    }
    for (const round of rounds) {
      sizes.push(round.members.length);
      // Who could have been in this round, judging by time alone.
      const could = issued.filter((t) => t + dMin <= round.to && t + dMax >= round.from).length;
      for (let k = 0; k < round.members.length; k++) overlaps.push(could);
    }
  }
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
  return {
    linkedPct: (100 * linked) / (runs * o.voters),
    anonymityMean: mean(sizes),
    anonymityMin: Math.min(...sizes),
    overlapMean: overlaps.length ? mean(overlaps) : 1,
    overlapMin: overlaps.length ? Math.min(...overlaps) : 1,
  };
}
