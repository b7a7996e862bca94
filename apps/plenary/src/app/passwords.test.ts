import { describe, expect, it } from 'vitest';
import { hashPassword, verifyPassword } from './passwords.ts';

describe('passwords', () => {
  it('stores a salted scrypt hash, never the password', async () => {
    const a = await hashPassword('hemligt-lösen');
    const b = await hashPassword('hemligt-lösen');
    expect(a).toMatch(/^scrypt\$16384\$8\$1\$/);
    expect(a).not.toContain('hemligt');
    expect(a).not.toBe(b);
  });
  it('accepts the right password and refuses a wrong or malformed one', async () => {
    const stored = await hashPassword('rätt');
    expect(await verifyPassword('rätt', stored)).toBe(true);
    expect(await verifyPassword('fel', stored)).toBe(false);
    expect(await verifyPassword('rätt', 'plain-text')).toBe(false);
  });
});
