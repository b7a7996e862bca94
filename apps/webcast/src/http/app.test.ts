import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  baseView,
  closedItem,
  remoteMember,
  speaking,
} from '../../../../tests/support/webcast-views.ts';
import { ArchiveStore } from '../archive/archive-store.ts';
import { ProgramDriver } from '../driver.ts';
import type { Rendition } from '../pipeline/types.ts';
import { RenditionIndex } from '../process/hls-index.ts';
import { createWebcastApp } from './app.ts';

// No ffmpeg here: segments are stand-in bytes and ffmpeg's playlist is written by the test.
const renditions: Rendition[] = [
  { name: '720p', width: 1280, height: 720, videoKbps: 2500, audioKbps: 128 },
];
const T0 = Date.parse('2026-11-23T17:00:00.000Z');
const iso = (s: number) => new Date(T0 + s * 1000).toISOString();

describe('webcast HTTP app', () => {
  let dir = '';
  let clock = 0;
  let app: ReturnType<typeof createWebcastApp>;
  let index: RenditionIndex;
  let driver: ProgramDriver;

  const writeFfmpegPlaylist = (from: number, to: number) => {
    const lines = ['#EXTM3U', '#EXT-X-VERSION:6', '#EXT-X-TARGETDURATION:1'];
    for (let i = from; i < to; i++) {
      writeFileSync(
        join(dir, 'webcast', 'media', '720p', `r1-${String(i).padStart(6, '0')}.ts`),
        `segment ${i}`,
      );
      lines.push(
        `#EXT-X-PROGRAM-DATE-TIME:${iso(i).replace('Z', '+0000')}`,
        '#EXTINF:1.000000,',
        `r1-${String(i).padStart(6, '0')}.ts`,
      );
    }
    writeFileSync(join(dir, 'webcast', 'media', '720p', 'ffmpeg.m3u8'), lines.join('\n') + '\n');
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'webcast-app-'));
    const archive = new ArchiveStore(join(dir, 'webcast'), renditions, null);
    mkdirSync(archive.mediaDir('720p'), { recursive: true });
    index = new RenditionIndex(
      '720p',
      join(archive.mediaDir('720p'), 'ffmpeg.m3u8'),
      archive.indexPath('720p'),
    );
    driver = new ProgramDriver({
      archive,
      publishDelayMs: 0,
      now: () => new Date(T0 + clock * 1000),
    });
    app = createWebcastApp({
      renditions,
      segmentSeconds: 1,
      liveWindow: 6,
      live: new Map([['720p', index]]),
      archive,
      driver,
      webDist: null,
      status: () => ({}),
      authorizeCaptions: async (req) => req.headers.get('authorization') === 'Bearer secretary',
    });
    for (let i = 0; i < 64; i += 8) {
      writeFfmpegPlaylist(Math.max(0, i - 2), i + 8);
      await index.poll();
    }
    // A sitting of 60 s: debate, a confidential item from 20 s to 40 s, then closed at 60 s.
    for (const [t, v] of [
      [0, baseView({ seq: 1 })],
      [5, speaking(remoteMember, {}, 2)],
      [20, closedItem(3)],
      [40, baseView({ seq: 4 })],
      [60, baseView({ seq: 5, status: 'closed' })],
    ] as const) {
      clock = t;
      driver.onView(v);
    }
    await new Promise((r) => setTimeout(r, 20)); // the archive is cut after publishDelayMs
  });

  afterAll(() => {
    driver.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('live master and media playlists: HLS content type, short cache, sliding window with program date time', async () => {
    const master = await app.request('/webcast/live/master.m3u8');
    expect(master.headers.get('content-type')).toBe('application/vnd.apple.mpegurl');
    const media = await app.request('/webcast/live/720p/index.m3u8');
    expect(media.headers.get('cache-control')).toBe(
      'public, max-age=1, s-maxage=1, stale-while-revalidate=1',
    );
    // A cache revalidates with the playlist's tag and gets a 304 until the next segment changes it.
    const etag = media.headers.get('etag') ?? '';
    expect(etag).toMatch(/^".+"$/);
    const again = await app.request('/webcast/live/720p/index.m3u8', {
      headers: { 'if-none-match': etag },
    });
    expect(again.status).toBe(304);
    const text = await media.text();
    expect(text).toContain('#EXT-X-MEDIA-SEQUENCE:58');
    expect(text.match(/#EXTINF/g)).toHaveLength(6);
    expect(text).toContain(`#EXT-X-PROGRAM-DATE-TIME:${iso(63)}`);
  });

  it('segments are immutable; misses and bad names are 404 and never cached', async () => {
    const seg = await app.request('/webcast/live/720p/r1-000063.ts');
    expect(seg.status).toBe(200);
    expect(seg.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(seg.headers.get('accept-ranges')).toBe('bytes');
    expect(seg.headers.get('last-modified')).not.toBeNull();
    // Range → 206 with exactly those bytes; past the end → 416; a validator that matches → 304.
    const part = await app.request('/webcast/live/720p/r1-000063.ts', {
      headers: { range: 'bytes=2-6' },
    });
    expect(part.status).toBe(206);
    expect(part.headers.get('content-range')).toBe('bytes 2-6/10');
    expect(await part.text()).toBe('gment');
    const past = await app.request('/webcast/live/720p/r1-000063.ts', {
      headers: { range: 'bytes=10-' },
    });
    expect(past.status).toBe(416);
    expect(past.headers.get('content-range')).toBe('bytes */10');
    const cached = await app.request('/webcast/live/720p/r1-000063.ts', {
      headers: { 'if-none-match': seg.headers.get('etag') ?? '' },
    });
    expect(cached.status).toBe(304);
    // If-Range with another version: the whole file, never a piece of the wrong one.
    const stale = await app.request('/webcast/live/720p/r1-000063.ts', {
      headers: { range: 'bytes=2-6', 'if-range': '"old"' },
    });
    expect(stale.status).toBe(200);
    expect(await stale.text()).toBe('segment 63');
    for (const path of [
      '/webcast/live/720p/r1-999999.ts',
      '/webcast/live/720p/..%2Fffmpeg.m3u8',
      '/webcast/live/1080p/r1-000001.ts',
      '/webcast/nope',
    ]) {
      const res = await app.request(path);
      expect(res.status).toBe(404);
      expect(res.headers.get('cache-control')).toBe('no-store');
      expect(await res.json()).toMatchObject({ code: 'NOT_FOUND' });
    }
  });

  it('R13: the archive leaves out the confidential item, and its segments are not reachable through it', async () => {
    const idx = (await (await app.request('/webcast/archive/s-1/index.json')).json()) as {
      chapters: { kind: string; title: string; offset: number }[];
      duration: number;
    };
    expect(idx.duration).toBe(40);
    expect(idx.chapters.map((c) => [c.kind, c.title, c.offset])).toEqual([
      ['item', '2. Budget 2027', 0],
      ['speech', 'Bo Öberg (M)', 5],
      ['item', '2. Budget 2027', 20],
    ]);
    const vod = await (await app.request('/webcast/archive/s-1/720p/index.m3u8')).text();
    expect(vod).not.toContain('r1-000030.ts');
    expect(vod.match(/#EXT-X-DISCONTINUITY\n/g)).toHaveLength(1);
    expect(vod).toContain('CLASS="se.council.speech"');
    expect((await app.request('/webcast/archive/s-1/720p/r1-000030.ts')).status).toBe(404);
    expect((await app.request('/webcast/archive/s-1/720p/r1-000010.ts')).status).toBe(200);
    expect(await (await app.request('/webcast/archive/s-1/chapters.vtt')).text()).toContain(
      '00:00:05.000 --> 00:00:20.000',
    );
    expect((await (await app.request('/webcast/archive')).json()) as unknown).toMatchObject({
      archives: [{ sittingId: 's-1' }],
    });
  });

  it('an unknown archive is 404; MP4 needs ffmpeg', async () => {
    expect((await app.request('/webcast/archive/s-9/master.m3u8')).status).toBe(404);
    expect((await app.request('/webcast/archive/s-1/download.mp4?item=../x')).status).toBe(404);
    expect((await app.request('/webcast/archive/s-1/download.mp4')).status).toBe(503);
  });

  it('captions: the secretary uploads WebVTT and the master offers a subtitle track', async () => {
    const vtt = 'WEBVTT\n\n00:00:01.000 --> 00:00:03.000\nOrdföranden: Välkomna.\n';
    expect(
      (await app.request('/webcast/archive/s-1/captions.vtt', { method: 'PUT', body: vtt })).status,
    ).toBe(403);
    expect(
      (
        await app.request('/webcast/archive/s-1/captions.vtt', {
          method: 'PUT',
          body: 'SRT',
          headers: { authorization: 'Bearer secretary' },
        })
      ).status,
    ).toBe(400);
    expect(
      (
        await app.request('/webcast/archive/s-1/captions.vtt', {
          method: 'PUT',
          body: vtt,
          headers: { authorization: 'Bearer secretary' },
        })
      ).status,
    ).toBe(200);
    expect(await (await app.request('/webcast/archive/s-1/master.m3u8')).text()).toContain(
      'TYPE=SUBTITLES',
    );
    expect(await (await app.request('/webcast/archive/s-1/captions.m3u8')).text()).toContain(
      '#EXTINF:40.000,\ncaptions.vtt',
    );
  });

  it('the view beside the picture: current view and a server-sent event stream stamped with the webcast clock', async () => {
    const now = (await (await app.request('/webcast/api/view')).json()) as { view: { at: string } };
    expect(now.view.at).toBe(iso(60));
    const res = await app.request('/webcast/api/events');
    expect(res.headers.get('content-type')).toContain('text/event-stream');
    const reader = res.body?.getReader();
    const first = await reader?.read();
    expect(new TextDecoder().decode(first?.value)).toContain('event: view');
    await reader?.cancel();
  });

  it('the player page says how to build it when it is not built', async () => {
    const res = await app.request('/webcast/');
    expect(res.status).toBe(503);
    expect(await res.json()).toMatchObject({ code: 'UNAVAILABLE' });
  });
});
