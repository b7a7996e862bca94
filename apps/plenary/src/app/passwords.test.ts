import { describe, expect, it } from 'vitest';
import { dummyHash, hashPassword, needsRehash, verifyPassword } from './passwords.ts';

// scrypt at N = 2^17 costs ~0.1–0.3 s per hash idle and many times that while the other tiers load the machine.
describe('passwords', { timeout: 30_000 }, () => {
  it('stores a salted scrypt hash at N = 2^17, never the password', async () => {
    const a = await hashPassword('hemligt-lösen');
    const b = await hashPassword('hemligt-lösen');
    expect(a).toMatch(/^scrypt\$131072\$8\$1\$/);
    expect(a).not.toContain('hemligt');
    expect(a).not.toBe(b);
  });
  it('accepts the right password and refuses a wrong or malformed one', async () => {
    const stored = await hashPassword('rätt');
    expect(await verifyPassword('rätt', stored)).toBe(true);
    expect(await verifyPassword('fel', stored)).toBe(false);
    expect(await verifyPassword('rätt', 'plain-text')).toBe(false);
  });
  it('a hash from before N = 2^17 needs a rehash; a current one does not', async () => {
    const old =
      'scrypt$16384$8$1$c2FsdHNhbHRzYWx0c2FsdA==$' + Buffer.alloc(32, 1).toString('base64');
    expect(needsRehash(old)).toBe(true);
    expect(needsRehash('plain-text')).toBe(true);
    expect(needsRehash(await hashPassword('x'))).toBe(false);
  });
  it('the dummy hash is made once and at the same cost as a real one', async () => {
    const dummy = dummyHash();
    const first = await dummy();
    expect(await dummy()).toBe(first);
    expect(first.split('$').slice(0, 4)).toEqual(['scrypt', '131072', '8', '1']);
  });
});
