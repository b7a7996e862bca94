// Secret-ballot contracts: bearer token encoding, strict signed objects.
import { describe, expect, it } from 'vitest';
import {
  decodeVoterAssertion,
  eligibleRollSchema,
  encodeVoterAssertion,
  fromBase64Url,
  rollSigningBytes,
  toBase64Url,
  voterAssertionSigningBytes,
} from './ballot.ts';

describe('ballot contracts', () => {
  it('base64url round-trips (RFC 4648 §10 vectors, unpadded)', () => {
    const enc = new TextEncoder();
    expect(
      ['', 'f', 'fo', 'foo', 'foob', 'fooba', 'foobar'].map((s) => toBase64Url(enc.encode(s))),
    ).toEqual(['', 'Zg', 'Zm8', 'Zm9v', 'Zm9vYg', 'Zm9vYmE', 'Zm9vYmFy']);
    expect(toBase64Url(new Uint8Array([0xfb, 0xff]))).toBe('-_8');
    expect(fromBase64Url('-_8')).toEqual(new Uint8Array([0xfb, 0xff]));
    expect(fromBase64Url('Zh')).toBeNull(); // non-zero leftover bits: not canonical
    expect(fromBase64Url('a+b')).toBeNull();
  });

  it('voter assertion token: Bearer base64url(canonical JSON).base64url(signature)', () => {
    const a = { memberId: 'm1', questionId: 'q1', expiresAt: '2026-11-23T16:00:00.000Z' };
    const token = encodeVoterAssertion(a, new Uint8Array(64).fill(9));
    expect(token.split('.')).toHaveLength(2);
    expect(decodeVoterAssertion(token)).toEqual({
      assertion: a,
      signature: new Uint8Array(64).fill(9),
    });
    expect(decodeVoterAssertion(token + 'x')).toBeNull();
    expect(decodeVoterAssertion('abc')).toBeNull();
  });

  it('signing bytes are domain-separated: a roll signature can never pass as an assertion', () => {
    const roll = {
      questionId: 'q',
      sittingId: 's',
      itemId: 'i',
      frozenAt: '2026-11-23T15:00:00.000Z',
      members: [{ memberId: 'm', name: 'N', party: 'S' }],
    };
    const dec = new TextDecoder();
    expect(dec.decode(rollSigningBytes(roll))).toMatch(
      /^council-ballot\/v1\/eligible-roll\n\{"frozenAt"/,
    );
    expect(
      dec.decode(
        voterAssertionSigningBytes({
          memberId: 'm',
          questionId: 'q',
          expiresAt: '2026-11-23T15:00:00.000Z',
        }),
      ),
    ).toMatch(/^council-ballot\/v1\/voter-assertion\n/);
  });

  it('signed structures reject unknown keys', () => {
    const roll = {
      questionId: 'q',
      sittingId: 's',
      itemId: 'i',
      frozenAt: '2026-11-23T15:00:00.000Z',
      members: [{ memberId: 'm', name: 'N', party: 'S' }],
    };
    expect(eligibleRollSchema.safeParse(roll).success).toBe(true);
    expect(eligibleRollSchema.safeParse({ ...roll, extra: 1 }).success).toBe(false);
  });
});
