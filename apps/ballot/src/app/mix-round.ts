// Mix rounds for the ballot box (R22 secrecy; issue 13, item 5): casts are held and stored together, in random order, so
// neither the box database's row order (ctid, xmin) nor the moment a receipt is answered tells one ballot from another
// in the same round. A cast is answered only once its round is stored: an acknowledged ballot is a stored ballot.

export interface MixRoundOptions<T, R> {
  /** Store one round in one transaction, in the given (already shuffled) order; one result per item. */
  store(round: T[]): Promise<R[]>;
  /** The longest a cast waits for its round to fill. */
  roundMs: number;
  /** A round is stored as soon as this many casts wait. */
  roundSize: number;
  /** Uniform integer in [0, n): crypto-random by default (tests may pass their own). */
  randomBelow?: (n: number) => number;
}

interface Waiting<T, R> {
  item: T;
  resolve: (r: R) => void;
  reject: (e: unknown) => void;
}

/** Uniform in [0, n) from the CSPRNG, by rejection (no modulo bias). */
export function cryptoRandomBelow(n: number): number {
  if (!Number.isInteger(n) || n < 1 || n > 2 ** 32) throw new RangeError('n must be in 1..2^32');
  const limit = 2 ** 32 - (2 ** 32 % n);
  const buf = new Uint32Array(1);
  for (;;) {
    crypto.getRandomValues(buf);
    const v = buf[0] ?? 0;
    if (v < limit) return v % n;
  }
}

/** Fisher–Yates with the given source of randomness. */
export function shuffle<T>(items: readonly T[], randomBelow: (n: number) => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = randomBelow(i + 1);
    const a = out[i];
    const b = out[j];
    if (a === undefined || b === undefined) continue;
    out[i] = b;
    out[j] = a;
  }
  return out;
}

export function createMixRound<T, R>(options: MixRoundOptions<T, R>) {
  const randomBelow = options.randomBelow ?? cryptoRandomBelow;
  let waiting: Waiting<T, R>[] = [];
  let timer: ReturnType<typeof setTimeout> | null = null;
  let storing: Promise<void> = Promise.resolve();

  function flush(): Promise<void> {
    if (timer) clearTimeout(timer);
    timer = null;
    const round = shuffle(waiting, randomBelow);
    waiting = [];
    // Rounds are stored one after another, so a close that flushes waits for the round before it too.
    storing = storing.then(async () => {
      if (round.length === 0) return;
      try {
        const results = await options.store(round.map((w) => w.item));
        round.forEach((w, i) => {
          const r = results[i];
          if (r === undefined) w.reject(new Error('the store answered fewer results than items'));
          else w.resolve(r);
        });
      } catch (error) {
        for (const w of round) w.reject(error);
      }
    });
    return storing;
  }

  return {
    /** Hold an item for the current round; resolves with its stored result when the round is stored. */
    submit(item: T): Promise<R> {
      return new Promise<R>((resolve, reject) => {
        waiting.push({ item, resolve, reject });
        if (waiting.length >= options.roundSize) void flush();
        else if (!timer) timer = setTimeout(() => void flush(), options.roundMs);
      });
    },
    /** Store what waits now (the close calls this before it closes the box) and every round before it. */
    flush,
    /** How many casts wait for their round (never which). */
    get waiting(): number {
      return waiting.length;
    },
  };
}

export type MixRound<T, R> = ReturnType<typeof createMixRound<T, R>>;
