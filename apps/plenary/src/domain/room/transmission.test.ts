import { describe, expect, it } from 'vitest';
import type { IncomingStats } from '@council/shared';
import { decodesAll, emptyEvidence, recordStats, transmissionOf } from './transmission.ts';

const live = { audioTrack: true, videoTrack: true, framesSent: 0, audioPacketsSent: 0 };

/** `seconds` of reports every 500 ms: `reporter` receives `sources` at `fps` frames and 50 audio packets a second. */
function feed(
  e: ReturnType<typeof emptyEvidence>,
  reporter: string,
  sources: string[],
  from: number,
  seconds: number,
  fps = 25,
  sending = live,
): number {
  let t = from;
  for (let i = 0; i <= seconds * 2; i++, t += 500) {
    const s = (t - from) / 1000;
    const incoming: IncomingStats[] = sources.flatMap((source) => [
      {
        source,
        kind: 'video',
        packetsReceived: Math.round(s * 60),
        packetsLost: 0,
        framesDecoded: Math.round(s * fps),
      },
      { source, kind: 'audio', packetsReceived: Math.round(s * 50), packetsLost: 0 },
    ]);
    recordStats(e, reporter, { sending, incoming }, t);
  }
  return t - 500;
}

describe('acceptable transmission from the media (R15–R19)', () => {
  it('nothing is judged before picture and sound were seen arriving once', () => {
    const e = emptyEvidence();
    feed(e, 'a', [], 0, 2);
    expect(transmissionOf(e, 'a', 1000, false)).toBeNull();
  });

  it('picture and sound arrive when another client decodes them above the thresholds', () => {
    const e = emptyEvidence();
    feed(e, 'a', ['b'], 0, 3);
    const t = feed(e, 'b', ['a'], 0, 3);
    expect(transmissionOf(e, 'a', t, false)).toEqual({ audio: true, video: true, cause: null });
  });

  it('a stopped camera track is a lost picture at once, with its cause', () => {
    const e = emptyEvidence();
    feed(e, 'b', ['a'], 0, 3);
    const t = feed(e, 'a', ['b'], 0, 3);
    expect(transmissionOf(e, 'a', t, false)?.video).toBe(true);
    recordStats(e, 'a', { sending: { ...live, videoTrack: false }, incoming: [] }, t + 500);
    expect(transmissionOf(e, 'a', t + 500, false)).toMatchObject({
      video: false,
      audio: true,
      cause: expect.stringMatching(/kamerans spår/),
    });
  });

  it('a picture decoded below the frame-rate threshold by every receiver is lost', () => {
    const e = emptyEvidence();
    feed(e, 'a', ['b'], 0, 3);
    let t = feed(e, 'b', ['a'], 0, 3);
    expect(transmissionOf(e, 'a', t, false)?.video).toBe(true);
    t = feed(e, 'b', ['a'], t + 500, 3, 2);
    feed(e, 'a', ['b'], t - 3000, 3);
    expect(transmissionOf(e, 'a', t, false)).toMatchObject({ video: false });
  });

  it('sound stopped in Janus by the chair (R10) is no loss; stopped otherwise it is', () => {
    const e = emptyEvidence();
    feed(e, 'a', ['b'], 0, 3);
    let t = feed(e, 'b', ['a'], 0, 3);
    // b's counters for a's audio stop growing
    for (let i = 1; i <= 4; i++)
      recordStats(
        e,
        'b',
        {
          sending: live,
          incoming: [
            {
              source: 'a',
              kind: 'video',
              packetsReceived: 180 + i * 30,
              packetsLost: 0,
              framesDecoded: 75 + i * 12,
            },
            { source: 'a', kind: 'audio', packetsReceived: 150, packetsLost: 0 },
          ],
        },
        t + i * 500,
      );
    t += 2000;
    recordStats(e, 'a', { sending: live, incoming: [] }, t);
    expect(transmissionOf(e, 'a', t, true)).toMatchObject({ audio: true, video: true });
    expect(transmissionOf(e, 'a', t, false)).toMatchObject({ audio: false, video: true });
  });

  it('R19: a client passes only when it decodes every required source, and names the ones it misses', () => {
    const e = emptyEvidence();
    const t = feed(e, 'a', ['chamber:salen', 'b'], 0, 3);
    const required = [
      { source: 'chamber:salen', kind: 'video' as const, name: 'Salen' },
      { source: 'chamber:presidiet', kind: 'video' as const, name: 'Presidiet' },
      { source: 'b', kind: 'video' as const, name: 'B' },
      { source: 'a', kind: 'video' as const, name: 'A (own)' },
    ];
    expect(decodesAll(e, 'a', required, t)).toEqual({
      ok: false,
      missing: ['Presidiet (tas inte emot)'],
    });
    expect(decodesAll(e, 'a', required.slice(0, 1), t).ok).toBe(true);
    // A report older than 3 s counts for nothing.
    expect(decodesAll(e, 'a', required.slice(0, 1), t + 3500).ok).toBe(false);
  });
});
