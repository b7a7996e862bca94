import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RenditionIndex, readIndex } from './hls-index.ts';

describe('RenditionIndex', () => {
  let dir = '';
  const playlist = (uris: string[], pdt = '2026-11-23T17:00:00.000+0000') =>
    writeFileSync(
      join(dir, 'm', 'ffmpeg.m3u8'),
      [
        '#EXTM3U',
        ...uris.flatMap((u) => [`#EXT-X-PROGRAM-DATE-TIME:${pdt}`, '#EXTINF:1.000000,', u]),
      ].join('\n') + '\n',
    );

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'webcast-index-'));
    mkdirSync(join(dir, 'm'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('numbers new segments once, appends them to the index file, and dates them from the run clock', async () => {
    const start = Date.parse('2026-11-23T17:00:00.250Z');
    const idx = new RenditionIndex(
      '720p',
      join(dir, 'm', 'ffmpeg.m3u8'),
      join(dir, 'i.jsonl'),
      (run, offset) => (run === 'ra' ? start + offset * 1000 : undefined),
    );
    playlist(['ra-000000.ts', 'ra-000001.ts']);
    expect(await idx.poll()).toBe(2);
    playlist(['ra-000001.ts', 'ra-000002.ts']);
    expect(await idx.poll()).toBe(1);
    expect(idx.segments.map((s) => [s.seq, s.pdt])).toEqual([
      [0, '2026-11-23T17:00:00.250Z'],
      [1, '2026-11-23T17:00:01.250Z'],
      [2, '2026-11-23T17:00:02.250Z'],
    ]);
    expect(readIndex(join(dir, 'i.jsonl')).map((s) => s.uri)).toEqual([
      'ra-000000.ts',
      'ra-000001.ts',
      'ra-000002.ts',
    ]);
  });

  it("falls back to ffmpeg's date for an unknown run, marks the run change, and continues numbering after a restart", async () => {
    const idx = new RenditionIndex('720p', join(dir, 'm', 'ffmpeg.m3u8'), join(dir, 'i.jsonl'));
    playlist(['ra-000000.ts']);
    await idx.poll();
    playlist(['rb-000000.ts'], '2026-11-23T18:00:00.000+0100');
    await idx.poll();
    expect(idx.segments[1]?.pdt).toBe('2026-11-23T17:00:00.000Z');
    expect(idx.livePlaylist(6, 1)).toContain('#EXT-X-DISCONTINUITY\n');
    const again = new RenditionIndex('720p', join(dir, 'm', 'ffmpeg.m3u8'), join(dir, 'i.jsonl'));
    playlist(['rc-000000.ts']);
    await again.poll();
    expect(again.segments[0]?.seq).toBe(2);
  });

  it('a missing playlist is not an error', async () => {
    expect(await new RenditionIndex('x', join(dir, 'nope.m3u8'), join(dir, 'x.jsonl')).poll()).toBe(
      0,
    );
  });
});
