// Password hashing with scrypt (memory-hard); the parameters travel in the stored string so they can be raised later:
// a hash with weaker ones is replaced at the next successful sign-in (needsRehash).
import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

/** N = 2^17, r = 8: 128 MiB and some 0.3 s per hash on one core (issue 11 item 6; OWASP's scrypt minimum). */
export const SCRYPT = { N: 1 << 17, r: 8, p: 1, keyLength: 32 } as const;
const defaults = SCRYPT;

function derive(
  password: string,
  salt: Buffer,
  N: number,
  r: number,
  p: number,
  keyLength: number,
): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(
      password.normalize('NFC'),
      salt,
      keyLength,
      { N, r, p, maxmem: 256 * N * r },
      (error, key) => (error ? reject(error) : resolve(key)),
    );
  });
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const { N, r, p, keyLength } = defaults;
  const key = await derive(password, salt, N, r, p, keyLength);
  return ['scrypt', N, r, p, salt.toString('base64'), key.toString('base64')].join('$');
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, key] = stored.split('$');
  if (scheme !== 'scrypt' || !n || !r || !p || !salt || !key) return false;
  const expected = Buffer.from(key, 'base64');
  const actual = await derive(
    password,
    Buffer.from(salt, 'base64'),
    Number(n),
    Number(r),
    Number(p),
    expected.length,
  );
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/** Whether a stored hash was made with weaker parameters than today's (or is not ours): hash it anew. */
export function needsRehash(stored: string): boolean {
  const [scheme, n, r, p, , key] = stored.split('$');
  if (scheme !== 'scrypt' || !key) return true;
  return (
    Number(n) < SCRYPT.N ||
    Number(r) < SCRYPT.r ||
    Number(p) < SCRYPT.p ||
    Buffer.from(key, 'base64').length < SCRYPT.keyLength
  );
}

/**
 * A hash of a random password, made once: a sign-in for a name that has no account (or no password) is checked
 * against it, so it costs the same time as a wrong password for a real one and the answer time names no one.
 */
export function dummyHash(): () => Promise<string> {
  let made: Promise<string> | null = null;
  return () => (made ??= hashPassword(randomBytes(16).toString('base64')));
}
