// Timing linkage of secret ballots (issue 13, item 5): the method — issuance times against the box's storage
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
    // Best rank strategy: voters in issuance order fill the rounds in storage order, size by size.
    let v = 0;
    for (const [r, round] of rounds.entries()) {
      for (let k = 0; k < round.members.length; k++, v++)
        if (roundOf[v] === r) linked += 1 / round.members.length;
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
