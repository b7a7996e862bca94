// When the member's sealed ballot is cast (R22): the random 2–8 s delay that keeps issuance and cast times from pairing
// up, the backoff between retries, and an abortable wait.

/** The random wait (ms) between sealing a ballot and casting it: uniform in [min, max]. */
export const CAST_DELAY_MS = { min: 2_000, max: 8_000 } as const;

/**
 * Page-address override of the delay, for tests only: `/member?sbCastDelay=50-150` (ms). It can only come from the
 * address the member's browser opened, never from an answer of the server; and whoever could rewrite that address (the
 * web server itself) could serve a client without any delay anyway. A delay of 0 removes the timing protection, nothing
 * else: the ballot is still blind-signed, encrypted and cast without a cookie.
 */
export const CAST_DELAY_PARAM = 'sbCastDelay';

export interface DelayRange {
  min: number;
  max: number;
}

/** The delay range in force: CAST_DELAY_MS unless the page address carries a valid `sbCastDelay=MIN-MAX`. */
export function castDelayRange(search: string): DelayRange {
  const raw = new URLSearchParams(search).get(CAST_DELAY_PARAM);
  const m = raw ? /^(\d{1,6})-(\d{1,6})$/.exec(raw) : null;
  if (!m) return { ...CAST_DELAY_MS };
  const min = Number(m[1]);
  const max = Number(m[2]);
  return min <= max ? { min, max } : { ...CAST_DELAY_MS };
}

/** A uniform integer in [min, max] from the browser's CSPRNG (rejection sampling: no modulo bias). */
export function randomDelay(range: DelayRange): number {
  const span = range.max - range.min + 1;
  const limit = Math.floor(0x1_0000_0000 / span) * span;
  const word = new Uint32Array(1);
  for (;;) {
    crypto.getRandomValues(word);
    const x = word[0] ?? 0;
    if (x < limit) return range.min + (x % span);
  }
}

/** Resolves after `ms`, or at once when `signal` aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done);
  });
}

/** Backoff before the n-th retry (n ≥ 1): 1, 2, 4, 8, 15, 15 … s, plus up to 1 s at random. */
export function retryDelay(n: number): number {
  return Math.min(15_000, 1_000 * 2 ** Math.min(n - 1, 4)) + randomDelay({ min: 0, max: 1_000 });
}
