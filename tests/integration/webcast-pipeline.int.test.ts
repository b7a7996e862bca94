// The real webcast pipeline with synthetic sources: red chamber, blue remote member over the WebSocket ingest.
// Layouts are checked on frames decoded from the HLS output, continuity with ffprobe (R09, R13, R15, R25).
import { serve } from '@hono/node-server';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { lowerThirdRect, pipRect } from '../../apps/webcast/src/pipeline/frame.ts';
import { parseMediaPlaylist } from '../../apps/webcast/src/pipeline/hls.ts';
import type { Dimensions } from '../../apps/webcast/src/pipeline/types.ts';
import { createWebcastService, type WebcastService } from '../../apps/webcast/src/service.ts';
import {
  audioPeak,
  colourOf,
  decodeFrames,
  findFfmpeg,
  findFfprobe,
  probe,
  region,
  waitFor,
  webmSource,
} from '../support/webcast-media.ts';
import {
  adjourned,
  baseView,
  chamberMember,
  closedItem,
  remoteMember,
  replying,
  speaking,
} from '../support/webcast-views.ts';

const d: Dimensions = { width: 256, height: 144 };
const ffmpeg = await findFfmpeg();
const ffprobe = findFfprobe();
const ready = ffmpeg !== null && ffprobe !== null;

describe.runIf(ready)('webcast pipeline (real ffmpeg)', () => {
  let dir = '';
  let service: WebcastService;
  let server: ReturnType<typeof serve>;
  let remote: ChildProcess | null = null;
  let ws: WebSocket | null = null;
  let seq = 10;
  const bin = ffmpeg ?? 'ffmpeg';
  const probeBin = ffprobe ?? 'ffprobe';

  const playlist = async (r = '720p') => {
    const res = await service.app.request(`/webcast/live/${r}/index.m3u8`);
    return res.status === 200 ? res.text() : '';
  };
  const lastSeq = async (): Promise<number> => {
    const text = await playlist();
    const m = /#EXT-X-MEDIA-SEQUENCE:(\d+)/.exec(text);
    return m === null ? -1 : Number(m[1]) + parseMediaPlaylist(text).length - 1;
  };
  /** Downloads segment `n` of the live playlist to a file. */
  const segmentFile = async (n: number, r = '720p'): Promise<string> => {
    const text = await playlist(r);
    const first = Number(/#EXT-X-MEDIA-SEQUENCE:(\d+)/.exec(text)?.[1] ?? -1);
    const seg = parseMediaPlaylist(text)[n - first];
    if (seg === undefined) throw new Error(`segment ${n} not in the window`);
    const res = await service.app.request(`/webcast/live/${r}/${seg.uri}`);
    expect(res.status).toBe(200);
    const path = join(dir, `seg-${r}-${n}.ts`);
    writeFileSync(path, Buffer.from(await res.arrayBuffer()));
    return path;
  };
  /** Puts a view on air and returns a segment that starts after the switch. */
  const switchTo = async (view: Parameters<WebcastService['onView']>[0]): Promise<string> => {
    service.onView({ ...view, seq: ++seq });
    const at = await lastSeq();
    const n = await waitFor(
      'a segment after the switch',
      async () => ((await lastSeq()) >= at + 2 ? at + 2 : null),
      8000,
    );
    return segmentFile(n);
  };
  const lastFrame = async (file: string) => {
    const frames = await decodeFrames(bin, file, d);
    const f = frames.at(-1);
    if (f === undefined) throw new Error('no frames');
    return f;
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'webcast-int-'));
    service = createWebcastService({
      dataDir: dir,
      plenaryUrl: 'http://127.0.0.1:9',
      follow: false,
      ffmpegPath: bin,
      chamberSource: `lavfi:color=c=red:size=${d.width}x${d.height}:rate=25|sine=frequency=440:sample_rate=48000`,
      dimensions: d,
      renditions: [
        { name: '720p', width: 256, height: 144, videoKbps: 300, audioKbps: 64 },
        { name: '360p', width: 128, height: 72, videoKbps: 120, audioKbps: 48 },
      ],
      segmentSeconds: 1,
      preset: 'ultrafast',
      publishDelayMs: 2500,
      authorizeIngest: async (token, sittingId) =>
        token === 'tok-bo' && sittingId === 's-1' ? { memberId: 'm-bo' } : null,
      authorizeCaptions: async (req) => req.headers.get('authorization') === 'Bearer secretary',
      log: () => undefined,
    });
    await service.start();
    service.onView(baseView({ seq: 1 }));
    server = serve({ fetch: service.app.fetch, port: 0, hostname: '127.0.0.1' });
    if (server instanceof Server) service.attachUpgrade(server);
    await new Promise((r) => server.once('listening', r));
    const port = (server.address() as AddressInfo).port;
    // The remote member publishes WebM like MediaRecorder does.
    remote = webmSource(bin, 'blue', d);
    const socket = new WebSocket(`ws://127.0.0.1:${port}/webcast/ingest/s-1?token=tok-bo`);
    ws = socket;
    await new Promise((resolve, reject) => {
      socket.once('open', resolve);
      socket.once('error', reject);
    });
    remote.stdout?.on(
      'data',
      (chunk: Buffer) => socket.readyState === WebSocket.OPEN && socket.send(chunk),
    );
    await waitFor('the remote feed', () => service.feed('remote:m-bo')?.live(), 15_000);
    await waitFor('live segments', async () => (await lastSeq()) >= 1, 15_000);
  }, 60_000);

  afterAll(async () => {
    ws?.close();
    remote?.kill('SIGKILL');
    await service?.close();
    await new Promise((r) => server?.close(r));
    rmSync(dir, { recursive: true, force: true });
  });

  it('R25: chamber full frame with the lower third, with sound', async () => {
    const file = await switchTo(speaking(chamberMember));
    const f = await lastFrame(file);
    expect(colourOf(region(f, d, { x: 0, y: 16, width: 256, height: 80 }))).toBe('red');
    const bar = lowerThirdRect(d);
    expect(region(f, d, { ...bar, width: 16, x: 0 }).y).toBeLessThan(60); // dark bar behind the name
    expect(await audioPeak(bin, file)).toBeGreaterThan(1000);
  });

  it('R09: a remote speaker fills the frame, the chamber is picture-in-picture', async () => {
    const f = await lastFrame(await switchTo(speaking(remoteMember)));
    expect(colourOf(region(f, d, { x: 16, y: 40, width: 96, height: 40 }))).toBe('blue');
    const p = pipRect(d);
    expect(
      colourOf(
        region(f, d, { x: p.x + 8, y: p.y + 8, width: p.width - 16, height: p.height - 16 }),
      ),
    ).toBe('red');
  });

  it('a reply between the chamber and a remote member is side by side', async () => {
    const f = await lastFrame(await switchTo(replying(remoteMember, chamberMember)));
    expect(colourOf(region(f, d, { x: 16, y: 48, width: 96, height: 40 }))).toBe('red');
    expect(colourOf(region(f, d, { x: 144, y: 48, width: 96, height: 40 }))).toBe('blue');
    expect(colourOf(region(f, d, { x: 0, y: 0, width: 256, height: 24 }))).not.toBe('red');
  });

  it('R13: a confidential item shows only the slate, with silence, in both renditions', async () => {
    const first = await lastSeq();
    service.onView({ ...closedItem(), seq: ++seq });
    await waitFor('four segments while closed', async () => (await lastSeq()) >= first + 5, 10_000);
    for (let n = first + 2; n <= first + 5; n++) {
      for (const r of ['720p', '360p']) {
        const file = await segmentFile(n, r);
        for (const f of await decodeFrames(bin, file, d)) {
          expect(colourOf(region(f, d, { x: 0, y: 0, width: 256, height: 144 }))).toBe('slate');
          expect(colourOf(region(f, d, pipRect(d)))).toBe('slate');
        }
        expect(await audioPeak(bin, file)).toBeLessThan(64);
      }
    }
  });

  it('R15: an adjournment shows the slate', async () => {
    const f = await lastFrame(await switchTo(adjourned('2026-11-23T19:30:00.000Z')));
    expect(colourOf(region(f, d, { x: 0, y: 0, width: 32, height: 144 }))).toBe('slate');
  });

  it('layout switches never restart the encoder: continuous timestamps, no discontinuity tag', async () => {
    await switchTo(speaking(chamberMember));
    const text = await playlist();
    expect(text).not.toContain('#EXT-X-DISCONTINUITY\n');
    expect(service.compositor()?.restarts).toBe(0);
    const first = Number(/#EXT-X-MEDIA-SEQUENCE:(\d+)/.exec(text)?.[1]);
    const n = parseMediaPlaylist(text).length;
    let prev: { startTime: number; duration: number } | null = null;
    for (let i = first; i < first + n; i++) {
      const info = await probe(probeBin, await segmentFile(i));
      if (prev !== null)
        expect(Math.abs(info.startTime - (prev.startTime + prev.duration))).toBeLessThan(0.1);
      prev = info;
    }
  });

  it('a killed input shows the slate within 1 s and comes back by itself', async () => {
    service.onView({ ...baseView(), seq: ++seq });
    await waitFor('chamber on air', () => service.compositor()?.onAir?.layout.kind === 'full');
    const chamber = service.feed('chamber');
    expect(chamber).toBeDefined();
    const at = await lastSeq();
    const killedAt = Date.now();
    chamber?.kill();
    await waitFor(
      'the technical slate',
      () => service.compositor()?.onAir?.layout.kind === 'slate',
      2000,
      20,
    );
    expect(Date.now() - killedAt).toBeLessThan(1000);
    await waitFor('recovery', () => service.compositor()?.onAir?.layout.kind === 'full', 10_000);
    const back = await lastSeq();
    const n = await waitFor(
      'a segment after recovery',
      async () => ((await lastSeq()) >= back + 2 ? back + 2 : null),
      8000,
    );
    // Somewhere between the kill and the recovery the output showed the slate, and never stopped.
    const seen = new Set<string>();
    for (let i = at + 1; i <= back + 1; i++)
      for (const f of await decodeFrames(bin, await segmentFile(i), d))
        seen.add(colourOf(region(f, d, { x: 0, y: 16, width: 256, height: 80 })));
    expect(seen).toContain('slate');
    expect(
      colourOf(
        region(await lastFrame(await segmentFile(n)), d, { x: 0, y: 16, width: 256, height: 80 }),
      ),
    ).toBe('red');
    expect(service.compositor()?.restarts).toBe(0);
  });

  it('R13, R25: the archive is published at close, with chapters, without the confidential item', async () => {
    service.onView({ ...speaking(remoteMember), seq: ++seq });
    await new Promise((r) => setTimeout(r, 1500));
    service.onView({ ...baseView({ status: 'closed' }), seq: ++seq });
    const index = await waitFor(
      'the archive',
      async () => {
        const res = await service.app.request('/webcast/archive/s-1/index.json');
        return res.status === 200
          ? (res.json() as Promise<{
              chapters: { kind: string; title: string; offset: number }[];
              duration: number;
            }>)
          : null;
      },
      10_000,
      250,
    );
    expect(index.chapters.some((c) => c.kind === 'item' && c.title === '2. Budget 2027')).toBe(
      true,
    );
    expect(index.chapters.some((c) => c.kind === 'speech' && c.title === 'Bo Öberg (M)')).toBe(
      true,
    );
    expect(index.chapters.some((c) => c.title.includes('Förvärv'))).toBe(false);
    const vod = await (await service.app.request('/webcast/archive/s-1/720p/index.m3u8')).text();
    expect(vod).toContain('#EXT-X-DATERANGE:ID="item-i-2"');
    expect(vod).toContain('#EXT-X-ENDLIST');
    expect(vod).toContain('#EXT-X-DISCONTINUITY'); // where the confidential item was cut out
    // No segment of the archive shows the closed-item slate's time: every kept frame is the sitting.
    const archived = parseMediaPlaylist(vod);
    expect(archived.length).toBeGreaterThan(5);
    // In step: 0.6 s into each speech chapter the archived picture shows that speaker's layout.
    const frameAt = async (offset: number) => {
      let t = 0;
      for (const seg of archived) {
        if (offset < t + seg.duration) {
          const res = await service.app.request(`/webcast/archive/s-1/720p/${seg.uri}`);
          const path = join(dir, `vod-${seg.uri}`);
          writeFileSync(path, Buffer.from(await res.arrayBuffer()));
          const frames = await decodeFrames(bin, path, d);
          return frames[Math.min(frames.length - 1, Math.floor((offset - t) * 25))];
        }
        t += seg.duration;
      }
      return undefined;
    };
    const speeches = index.chapters.filter((c) => c.kind === 'speech');
    const expected: Record<string, string> = { 'Anna Åkesson (S)': 'red', 'Bo Öberg (M)': 'blue' };
    let checked = 0;
    for (const c of speeches) {
      const want = expected[c.title];
      const f = want === undefined ? undefined : await frameAt(c.offset + 0.6);
      if (f === undefined) continue;
      expect(
        colourOf(region(f, d, { x: 16, y: 40, width: 96, height: 40 })),
        `${c.title} at ${c.offset}s`,
      ).toBe(want);
      checked += 1;
    }
    expect(checked).toBeGreaterThanOrEqual(2);
    const vtt = await (await service.app.request('/webcast/archive/s-1/chapters.vtt')).text();
    expect(vtt).toMatch(/^WEBVTT\n/);
    const mp4 = await service.app.request('/webcast/archive/s-1/download.mp4?item=i-2');
    expect(mp4.status).toBe(200);
    expect(mp4.headers.get('content-type')).toBe('video/mp4');
    const mp4Path = join(dir, 'item.mp4');
    writeFileSync(mp4Path, Buffer.from(await mp4.arrayBuffer()));
    expect((await probe(probeBin, mp4Path)).duration).toBeGreaterThan(3);
  });

  it('captions: only the secretary uploads WebVTT; the master playlist then offers subtitles', async () => {
    const vtt = 'WEBVTT\n\n00:00:00.000 --> 00:00:02.000\nOrdföranden öppnar sammanträdet.\n';
    expect(
      (await service.app.request('/webcast/archive/s-1/captions.vtt', { method: 'PUT', body: vtt }))
        .status,
    ).toBe(403);
    const bad = await service.app.request('/webcast/archive/s-1/captions.vtt', {
      method: 'PUT',
      body: 'hello',
      headers: { authorization: 'Bearer secretary' },
    });
    expect(bad.status).toBe(400);
    const ok = await service.app.request('/webcast/archive/s-1/captions.vtt', {
      method: 'PUT',
      body: vtt,
      headers: { authorization: 'Bearer secretary' },
    });
    expect(ok.status).toBe(200);
    expect(await (await service.app.request('/webcast/archive/s-1/master.m3u8')).text()).toContain(
      'TYPE=SUBTITLES',
    );
    expect(await (await service.app.request('/webcast/archive/s-1/captions.vtt')).text()).toBe(vtt);
  });

  it('remote ingest refuses a wrong token or another sitting', async () => {
    const port = (server.address() as AddressInfo).port;
    for (const path of [
      '/webcast/ingest/s-1?token=wrong',
      '/webcast/ingest/s-2?token=tok-bo',
      '/webcast/ingest/s-1',
    ]) {
      const status = await new Promise<number>((resolve) => {
        const s = new WebSocket(`ws://127.0.0.1:${port}${path}`);
        s.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
        s.once('open', () => {
          s.close();
          resolve(101);
        });
        s.once('error', () => resolve(-1));
      });
      expect([400, 403]).toContain(status);
    }
  });

  it('serves HLS with the right content types and cache headers for a CDN', async () => {
    const master = await service.app.request('/webcast/live/master.m3u8');
    expect(master.headers.get('content-type')).toBe('application/vnd.apple.mpegurl');
    expect(await master.text()).toContain('360p/index.m3u8');
    const media = await service.app.request('/webcast/live/720p/index.m3u8');
    expect(media.headers.get('content-type')).toBe('application/vnd.apple.mpegurl');
    // Shared caches keep a live playlist about half a segment (1 s segments here) and may serve it stale one more.
    expect(media.headers.get('cache-control')).toBe(
      'public, max-age=1, s-maxage=1, stale-while-revalidate=1',
    );
    expect(media.headers.get('etag')).toBeTruthy();
    const text = await media.text();
    expect(text).toContain('#EXT-X-PROGRAM-DATE-TIME:');
    expect(text).toContain('#EXT-X-INDEPENDENT-SEGMENTS');
    const uri = parseMediaPlaylist(text).at(-1)?.uri ?? '';
    const seg = await service.app.request(`/webcast/live/720p/${uri}`);
    expect(seg.headers.get('content-type')).toBe('video/mp2t');
    expect(seg.headers.get('cache-control')).toContain('immutable');
    const missing = await service.app.request('/webcast/live/720p/nope-000001.ts');
    expect(missing.status).toBe(404);
    expect(missing.headers.get('cache-control')).toBe('no-store');
    expect((await service.app.request('/webcast/live/720p/..%2F..%2Fetc.ts')).status).toBe(404);
  });
});
