import { describe, expect, it } from 'vitest';
import { ed25519 } from '@noble/curves/ed25519.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import { checkAnchors, headMessage, keyIdOf, type AnchorHead } from './signed-head.ts';
import { GENESIS_HASH } from './hash-chain.ts';

const h = (n: number, tag = 'a') => bytesToHex(sha256(utf8ToBytes(`${tag}${n}`)));
const log = (n: number, tag = 'a') =>
  Array.from({ length: n }, (_, i) => ({ seq: i + 1, hash: h(i + 1, tag) }));
const head = (seq: number, hash: string, signatureValid: boolean | null = true): AnchorHead => ({
  seq,
  hash,
  source: 'test',
  signatureValid,
});

describe('signed log heads', () => {
  it('signs the canonical JSON of the head without its signature, verifiable by any Ed25519 implementation', () => {
    const secret = ed25519.utils.randomSecretKey();
    const publicKey = ed25519.getPublicKey(secret);
    const body = {
      format: 'council-log-head/v1' as const,
      sittingId: 'kf',
      seq: 7,
      hash: h(7),
      signedAt: '2026-12-14T18:00:00.000Z',
      keyId: keyIdOf(publicKey),
    };
    const message = headMessage(body);
    expect(new TextDecoder().decode(message)).toBe(
      `{"format":"council-log-head/v1","hash":"${h(7)}","keyId":"${body.keyId}","seq":7,"signedAt":"2026-12-14T18:00:00.000Z","sittingId":"kf"}`,
    );
    const signature = ed25519.sign(message, secret);
    expect(
      ed25519.verify(
        signature,
        headMessage({ ...body, signature: bytesToHex(signature) }),
        publicKey,
      ),
    ).toBe(true);
    expect(ed25519.verify(signature, headMessage({ ...body, seq: 8 }), publicKey)).toBe(false);
    expect(() => keyIdOf(new Uint8Array(31))).toThrow(TypeError);
  });

  it('passes a log that every head still matches, with the tip covered', () => {
    const events = log(5);
    const r = checkAnchors(events, [head(2, h(2)), head(5, h(5))], { requireSignedTip: true });
    expect(r).toMatchObject({
      ok: true,
      checked: 2,
      lastMatching: { seq: 5 },
      firstDifference: null,
    });
  });

  it('names the single seq when the heads are signed event by event', () => {
    const events = [...log(3), ...log(6, 'forged').slice(3)];
    const heads = log(6).map((e) => head(e.seq, e.hash));
    const r = checkAnchors(events, heads);
    expect(r.firstDifference).toMatchObject({ seq: 4, changedFrom: 4, changedTo: 4 });
    expect(r.problems[0]).toMatch(/^seq 4 differs from the signed head \(test\)/);
  });

  it('names the range between the newest matching head and the first that differs', () => {
    const events = [...log(3), ...log(9, 'forged').slice(3)];
    const r = checkAnchors(events, [head(2, h(2)), head(7, h(7)), head(9, h(9))]);
    expect(r.firstDifference).toMatchObject({ seq: 7, changedFrom: 3, changedTo: 7 });
    expect(r.lastMatching).toMatchObject({ seq: 2 });
    expect(r.problems[0]).toMatch(/an event in seq 3–7 was changed, removed or inserted/);
  });

  it('says events were removed when a head lies beyond the end of the log', () => {
    const r = checkAnchors(log(4), [head(6, h(6))]);
    expect(r.firstDifference?.reason).toMatch(
      /the log ends at seq 4, but a head at seq 6 was published/,
    );
  });

  it('does not trust a head whose signature no trusted key made, and wants the tip signed', () => {
    const events = log(3);
    const r = checkAnchors(events, [head(3, h(3), false)], { requireSignedTip: true });
    expect(r.ok).toBe(false);
    expect(r.checked).toBe(0);
    expect(r.problems).toEqual([
      expect.stringMatching(/seq 3 \(test\) is not signed by a trusted key/),
      'no event of the log is covered by a signed head (seq 1–3)',
    ]);
    // An unsigned seq:hash the verifier noted down counts as a head, not as a signature over the tip.
    const noted = checkAnchors(events, [head(2, h(2)), head(3, h(3), null)], {
      requireSignedTip: true,
    });
    expect(noted.problems).toEqual([
      'seq 3–3 are not covered by a signed head (appended outside the service?)',
    ]);
    expect(checkAnchors([], [head(0, GENESIS_HASH)]).ok).toBe(true);
  });
});
