import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { turnCredentials } from './turn-credentials.ts';

const secret = 'a-long-shared-turn-secret';

describe('turnCredentials', () => {
  it('gives a username with the expiry and the TURN REST password (checked against node:crypto)', () => {
    const now = new Date('2026-12-01T10:00:00Z');
    const c = turnCredentials({
      secret,
      personId: 'p-7',
      now,
      ttlSeconds: 600,
      urls: ['turn:h:1'],
    });
    const expiry = now.getTime() / 1000 + 600;
    expect(c.username).toBe(`${expiry}:p-7`);
    expect(c.credential).toBe(createHmac('sha1', secret).update(c.username).digest('base64'));
    expect(c.expiresAt).toBe('2026-12-01T10:10:00.000Z');
  });

  it('keeps the expiry field unambiguous when a person id holds a colon', () => {
    const c = turnCredentials({
      secret,
      personId: 'a:b',
      now: new Date(0),
      ttlSeconds: 5,
      urls: [],
    });
    expect(c.username).toBe('5:a_b');
  });

  it('refuses a short secret and a non-positive lifetime', () => {
    const now = new Date();
    expect(() =>
      turnCredentials({ secret: 'short', personId: 'p', now, ttlSeconds: 5, urls: [] }),
    ).toThrow(RangeError);
    expect(() => turnCredentials({ secret, personId: 'p', now, ttlSeconds: 0, urls: [] })).toThrow(
      RangeError,
    );
  });
});
