// Wrong passwords are counted per account and per address in plenary's own database (rate-limiter-flexible's Drizzle
// store, table login_throttle), so the limit holds across every process on one PostgreSQL (issue 11 item 6).
import { RateLimiterDrizzle, type RateLimiterRes } from 'rate-limiter-flexible';
import type { PlenaryDb } from '../db/client.ts';
import { loginThrottle } from '../db/schema.ts';

export interface ThrottleLimits {
  /** Wrong passwords for one user name in `windowSeconds` before it is locked. */
  perAccount: number;
  /** Wrong passwords from one address in `windowSeconds` before it is refused. */
  perAddress: number;
  windowSeconds: number;
}

/** 10 wrong passwords per account and 100 per address in 15 minutes. */
export const DEFAULT_THROTTLE: ThrottleLimits = {
  perAccount: 10,
  perAddress: 100,
  windowSeconds: 15 * 60,
};

export interface LoginThrottle {
  /** Seconds until this account or address may try again, or null when it may now. */
  blocked(username: string, address: string | null): Promise<number | null>;
  failed(username: string, address: string | null): Promise<void>;
  succeeded(username: string): Promise<void>;
  /** The office lifts an account's lock (an administrator, POST /api/office/accounts/:id/unlock). */
  unlock(username: string): Promise<void>;
  readonly limits: ThrottleLimits;
}

export function createLoginThrottle(
  db: PlenaryDb,
  limits: ThrottleLimits = DEFAULT_THROTTLE,
): LoginThrottle {
  const store = (keyPrefix: string, points: number) =>
    new RateLimiterDrizzle({
      storeClient: db,
      schema: loginThrottle,
      keyPrefix,
      points,
      duration: limits.windowSeconds,
      // Expired rows are few (one per name or address tried) and overwritten on the next try; no timer per limiter.
      clearExpiredByTimeout: false,
    });
  const account = store('account', limits.perAccount);
  const address = store('address', limits.perAddress);
  const waitOf = (res: RateLimiterRes | null, points: number): number | null =>
    res && res.consumedPoints >= points ? Math.max(1, Math.ceil(res.msBeforeNext / 1000)) : null;
  // consume() rejects with the RateLimiterRes once the points are spent: that is a count, not an error.
  const count = async (limiter: RateLimiterDrizzle, key: string): Promise<void> => {
    try {
      await limiter.consume(key);
    } catch (error) {
      if (error instanceof Error) throw error;
    }
  };
  return {
    limits,
    async blocked(username, from) {
      const [a, b] = await Promise.all([
        account.get(username),
        from ? address.get(from) : Promise.resolve(null),
      ]);
      const waits = [waitOf(a, limits.perAccount), waitOf(b, limits.perAddress)].filter(
        (w): w is number => w !== null,
      );
      return waits.length > 0 ? Math.max(...waits) : null;
    },
    async failed(username, from) {
      await Promise.all([count(account, username), from ? count(address, from) : undefined]);
    },
    async succeeded(username) {
      await account.delete(username);
    },
    async unlock(username) {
      await account.delete(username);
    },
  };
}
