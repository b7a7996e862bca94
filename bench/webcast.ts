// Webcast figures: compositor throughput with two renditions, glass-to-glass latency, floor change to on air, start-up.
// `npm run bench -- webcast`; prints a table and returns the figures (bench/run.ts prints the JSON line).
import { serve } from '@hono/node-server';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { atlasFilter, demoChamberSource } from '../apps/webcast/src/pipeline/ffmpeg-args.ts';
import { atlasDimensions, frameBytes, meanYuv } from '../apps/webcast/src/pipeline/frame.ts';
import { parseMediaPlaylist } from '../apps/webcast/src/pipeline/hls.ts';
import {
  AUDIO_BYTES_PER_FRAME,
  defaultRenditions,
  FPS,
  type Dimensions,
} from '../apps/webcast/src/pipeline/types.ts';
import { Compositor, type FeedSource } from '../apps/webcast/src/process/compositor.ts';
import { Feed } from '../apps/webcast/src/process/feed.ts';
import { RenditionIndex } from '../apps/webcast/src/process/hls-index.ts';
import { pruneRendition } from '../apps/webcast/src/archive/retention.ts';
import { parseSource } from '../apps/webcast/src/pipeline/ffmpeg-args.ts';
import { avOffsets, syncSource } from '../tests/support/webcast-media.ts';
import { resolveFfmpeg } from '../apps/webcast/src/process/ffmpeg-path.ts';
import { createWebcastService, fontFile } from '../apps/webcast/src/service.ts';
import { chromiumArgs, chromiumPath } from '../tests/support/requires.ts';
import { buildWebcastPlayer } from '../tests/support/webcast-build.ts';
import { adjourned, baseView, chamberMember, speaking } from '../tests/support/webcast-views.ts';

const d: Dimensions = { width: 1280, height: 720 };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function collect(bin: string, args: string[]): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const child = spawn(bin, args, { stdio: ['ignore', 'pipe', 'ignore'] });
    const out: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.on('error', reject);
    child.on('close', () => resolve(Buffer.concat(out)));
  });
}

/** CPU seconds (user + system) a process has used, from /proc. */
function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/** Throughput: the compositor fed as fast as it takes frames (moving test pattern, two renditions). */
async function throughput(
  ffmpeg: string,
  dir: string,
): Promise<{ realtime: number; cores: number }> {
  const a = atlasDimensions(d);
  const raw = await collect(ffmpeg, [
    '-v',
    'error',
    '-f',
    'lavfi',
    '-i',
    `testsrc2=size=${d.width}x${d.height}:rate=${FPS}`,
    '-frames:v',
    '50',
    '-filter_complex',
    atlasFilter(d, '0:v'),
    '-map',
    '[atlas]',
    '-f',
    'rawvideo',
    'pipe:1',
  ]);
  const size = frameBytes(a.width, a.height);
  const frames: Buffer[] = [];
  for (let o = 0; o + size <= raw.length; o += size) frames.push(raw.subarray(o, o + size));
  const tone = Buffer.alloc(AUDIO_BYTES_PER_FRAME);
  for (let i = 0; i < tone.length / 4; i++) {
    const s = Math.round(8000 * Math.sin((2 * Math.PI * 440 * i) / 48000));
    tone.writeInt16LE(s, i * 4);
    tone.writeInt16LE(s, i * 4 + 2);
  }
  let n = 0;
  const feed: FeedSource = {
    id: 'chamber',
    live: () => true,
    tick: () => ({ frame: frames[n++ % frames.length] ?? null, pcm: tone }),
  };
  const c = new Compositor({
    ffmpeg,
    dimensions: d,
    renditions: defaultRenditions,
    outDir: join(dir, 'tp', 'media'),
    textDir: join(dir, 'tp', 'text'),
    fontFile: fontFile(),
    segmentSeconds: 1,
    program: () => ({
      layout: { kind: 'full', main: 'chamber' },
      lowerThird: { name: 'Anna Åkesson (S)', item: '§ 7 Budget 2027' },
      slateText: [],
      audio: ['chamber'],
    }),
    feeds: () => [feed],
    pace: 'max',
  });
  c.start();
  await sleep(3000); // warm up
  const pid = c.pid;
  const f0 = c.framesOut;
  const cpu0 = pid === undefined ? 0 : cpuSeconds(pid);
  const t0 = performance.now();
  await sleep(10_000);
  const wall = (performance.now() - t0) / 1000;
  const frames1 = c.framesOut - f0;
  const cpu1 = pid === undefined ? 0 : cpuSeconds(pid);
  await c.stop();
  return { realtime: frames1 / FPS / wall, cores: (cpu1 - cpu0) / wall };
}

/** Lip-sync through normaliser, Node and encoder: a white frame and a beep every second, 720p + 360p. */
async function avSync(ffmpeg: string, dir: string): Promise<number[]> {
  const out = join(dir, 'sync');
  const feed = new Feed({
    id: 'chamber',
    ffmpeg,
    source: parseSource(syncSource(d)),
    dimensions: d,
  });
  const c = new Compositor({
    ffmpeg,
    dimensions: d,
    renditions: defaultRenditions,
    outDir: join(out, 'media'),
    textDir: join(out, 'text'),
    fontFile: fontFile(),
    segmentSeconds: 1,
    program: () => ({
      layout: { kind: 'full', main: 'chamber' },
      lowerThird: null,
      slateText: [],
      audio: ['chamber'],
    }),
    feeds: () => [feed],
  });
  const r = defaultRenditions[1]?.name ?? '360p';
  const index = new RenditionIndex(
    r,
    join(out, 'media', r, 'ffmpeg.m3u8'),
    join(out, 'index.jsonl'),
    (run, offset) => c.timeAt(run, offset),
  );
  feed.start();
  c.start();
  try {
    for (let i = 0; i < 200 && index.segments.length < 12; i++) {
      await sleep(100);
      await index.poll();
    }
    const file = join(out, 'joined.ts');
    writeFileSync(
      file,
      Buffer.concat(
        index.segments.slice(2, 12).map((s) => readFileSync(join(out, 'media', r, s.uri))),
      ),
    );
    return await avOffsets(ffmpeg, file);
  } finally {
    await Promise.all([c.stop(), feed.stop()]);
  }
}

function rssMb(pid: number | undefined): number {
  if (pid === undefined) return NaN;
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m === null ? NaN : Number(m[1]) / 1024;
}

/**
 * An optional soak (WEBCAST_SOAK_MINUTES, e.g. 480 for a whole sitting): the real-time pipeline with
 * a flash + beep source; lip-sync at the start and the end, and memory growth of Node and ffmpeg.
 */
async function soak(ffmpeg: string, dir: string, minutes: number): Promise<Record<string, number>> {
  const out = join(dir, 'soak');
  const feed = new Feed({
    id: 'chamber',
    ffmpeg,
    source: parseSource(syncSource(d)),
    dimensions: d,
  });
  const c = new Compositor({
    ffmpeg,
    dimensions: d,
    renditions: defaultRenditions,
    outDir: join(out, 'media'),
    textDir: join(out, 'text'),
    fontFile: fontFile(),
    segmentSeconds: 1,
    program: () => ({
      layout: { kind: 'full', main: 'chamber' },
      lowerThird: { name: 'Anna Åkesson (S)', item: '§ 7 Budget 2027' },
      slateText: [],
      audio: ['chamber'],
    }),
    feeds: () => [feed],
  });
  const r = defaultRenditions[1]?.name ?? '360p';
  const index = new RenditionIndex(
    r,
    join(out, 'media', r, 'ffmpeg.m3u8'),
    join(out, 'index.jsonl'),
    (run, offset) => c.timeAt(run, offset),
  );
  const offsetsNow = async (): Promise<number> => {
    const file = join(out, 'joined.ts');
    writeFileSync(
      file,
      Buffer.concat(
        index.segments.slice(-11, -1).map((x) => readFileSync(join(out, 'media', r, x.uri))),
      ),
    );
    const o = await avOffsets(ffmpeg, file);
    return [...o].sort((x, y) => x - y)[Math.floor(o.length / 2)] ?? NaN;
  };
  feed.start();
  c.start();
  const poll = setInterval(() => void index.poll(), 250);
  try {
    await sleep(30_000);
    const start = {
      av: await offsetsNow(),
      heap: process.memoryUsage().heapUsed / 2 ** 20,
      rss: rssMb(c.pid),
    };
    const until = Date.now() + minutes * 60_000;
    while (Date.now() < until) {
      await sleep(Math.min(60_000, until - Date.now()));
      for (const rn of defaultRenditions)
        pruneRendition(join(out, 'media', rn.name), join(out, 'none.jsonl'), {
          keep: new Set(index.segments.map((x) => x.uri)),
          keepSince: null,
          now: Date.now(),
          retainMs: 120_000,
        });
      console.log(
        `soak ${Math.round((minutes * 60_000 - (until - Date.now())) / 60_000)} min: heap ${(process.memoryUsage().heapUsed / 2 ** 20).toFixed(1)} MB, compositor rss ${rssMb(c.pid).toFixed(1)} MB, dropped ${c.framesDropped}`,
      );
    }
    global.gc?.();
    return {
      soak_minutes: minutes,
      soak_av_offset_start_ms: start.av,
      soak_av_offset_end_ms: await offsetsNow(),
      soak_node_heap_growth_mb: round(process.memoryUsage().heapUsed / 2 ** 20 - start.heap, 1),
      soak_compositor_rss_growth_mb: round(rssMb(c.pid) - start.rss, 1),
      soak_frames_dropped: c.framesDropped,
    };
  } finally {
    clearInterval(poll);
    await Promise.all([c.stop(), feed.stop()]);
  }
}

export async function run(): Promise<Record<string, number>> {
  const ffmpeg = await resolveFfmpeg(process.env['FFMPEG_PATH']);
  if (ffmpeg === null)
    throw new Error('webcast bench needs ffmpeg (FFMPEG_PATH, @ffmpeg-installer/ffmpeg or PATH)');
  const dir = mkdtempSync(join(tmpdir(), 'webcast-bench-'));
  const figures: Record<string, number> = {};
  try {
    const tp = await throughput(ffmpeg, dir);
    figures['realtime_factor'] = round(tp.realtime, 2);
    figures['compositor_cores'] = round(tp.cores, 2);
    const offsets = await avSync(ffmpeg, dir);
    if (offsets.length > 0) {
      figures['av_offset_ms'] =
        [...offsets].sort((x, y) => x - y)[Math.floor(offsets.length / 2)] ?? 0;
      figures['av_offset_spread_ms'] = Math.max(...offsets) - Math.min(...offsets);
    }

    // The live service at 720p + 360p with the demo chamber source, as `npm start` runs it.
    await buildWebcastPlayer();
    const service = createWebcastService({
      dataDir: dir,
      plenaryUrl: 'http://127.0.0.1:9',
      follow: false,
      ffmpegPath: ffmpeg,
      chamberSource: demoChamberSource,
      log: () => undefined,
    });
    await service.start();
    service.onView(speaking(chamberMember, {}, 2));
    const server = serve({ fetch: service.app.fetch, port: 0, hostname: '127.0.0.1' });
    await new Promise((r) => server.once('listening', r));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      for (
        let i = 0;
        i < 100 && (await service.app.request('/webcast/live/720p/index.m3u8')).status !== 200;
        i++
      )
        await sleep(100);
      await sleep(3000);
      const exe = chromiumPath();
      if (exe !== null) {
        const browser = await chromium.launch({
          executablePath: exe,
          args: chromiumArgs,
          headless: true,
        });
        try {
          const page = await browser.newPage();
          const t0 = performance.now();
          await page.goto(`${url}/webcast/`);
          await page.waitForFunction(
            () => (document.querySelector('video')?.currentTime ?? 0) > 0,
            undefined,
            { timeout: 20_000, polling: 10 },
          );
          figures['startup_ms'] = Math.round(performance.now() - t0);
          const samples: number[] = [];
          for (let i = 0; i < 20; i++) {
            await sleep(500);
            const pd = Number(await page.locator('video').getAttribute('data-playing-date'));
            if (pd > 0) samples.push((Date.now() - pd) / 1000);
          }
          samples.sort((x, y) => x - y);
          figures['latency_s'] = round(samples[Math.floor(samples.length / 2)] ?? -1, 2);
        } finally {
          await browser.close();
        }
      } else console.warn('!!! Chromium missing: startup_ms and latency_s not measured');

      // Floor change → new layout in the stream: find the first slate frame and its program date time.
      service.onView(baseView({ seq: 3 }));
      await sleep(2000);
      const switchedAt = Date.now();
      service.onView({ ...adjourned(null), seq: 4 });
      // Wait until segments well past the switch are out (longer when the machine is busy).
      let list = parseMediaPlaylist('');
      for (let i = 0; i < 100; i++) {
        await sleep(200);
        list = parseMediaPlaylist(
          await (await service.app.request('/webcast/live/360p/index.m3u8')).text(),
        );
        if (list.some((x) => Date.parse(x.pdt ?? '') > switchedAt + 2000)) break;
      }
      const small: Dimensions = { width: 64, height: 40 };
      let onAir: number | null = null;
      for (const s of list) {
        const start = Date.parse(s.pdt ?? '');
        if (onAir !== null || start + s.duration * 1000 < switchedAt - 1000) continue;
        const bytes = Buffer.from(
          await (await service.app.request(`/webcast/live/360p/${s.uri}`)).arrayBuffer(),
        );
        const file = join(dir, 'switch.ts');
        writeFileSync(file, bytes);
        const raw = await collect(ffmpeg, [
          '-v',
          'error',
          '-i',
          file,
          '-an',
          '-vf',
          `scale=${small.width}:${small.height}`,
          '-pix_fmt',
          'yuv420p',
          '-f',
          'rawvideo',
          'pipe:1',
        ]);
        const fs = (small.width * small.height * 3) / 2;
        for (let i = 0; i * fs + fs <= raw.length; i++) {
          const c = meanYuv(raw.subarray(i * fs, i * fs + fs), small, {
            x: 0,
            y: 8,
            width: 64,
            height: 24,
          });
          if (Math.abs(c.u - 150) < 12 && Math.abs(c.v - 112) < 12) {
            onAir = start + (i * 1000) / FPS;
            break;
          }
        }
      }
      if (onAir !== null) figures['switch_ms'] = Math.max(0, Math.round(onAir - switchedAt));
      const comp = service.compositor();
      if (comp !== null) figures['frames_dropped'] = comp.framesDropped;
    } finally {
      await service.close();
      await new Promise((r) => server.close(r));
    }
    const minutes = minutesOf();
    if (minutes > 0) Object.assign(figures, await soak(ffmpeg, dir, minutes));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const rows: [string, string, string][] = [
    ['realtime_factor', 'compositor, 720p+360p, fed as fast as it takes frames', '≥ 1.5'],
    ['compositor_cores', 'CPU cores the compositor ffmpeg used meanwhile', '≤ 1'],
    ['av_offset_ms', 'sound minus picture, median over ~10 s (flash + beep source)', '-90..185'],
    ['av_offset_spread_ms', 'max − min of those offsets (drift)', 'small'],
    ['latency_s', 'EXT-X-PROGRAM-DATE-TIME vs the player wall clock (hls.js)', '≤ 5'],
    ['switch_ms', 'view received → first frame of the new layout (stream clock)', '≤ 1000'],
    ['startup_ms', 'page load → first frame playing in Chromium', '≤ 2000'],
    ['frames_dropped', 'programme frames dropped by back-pressure', '0'],
  ];
  console.log('\nwebcast bench (ffmpeg: ' + ffmpeg + ')');
  console.log('figure            value     target   what');
  for (const [k, what, target] of rows)
    console.log(
      `${k.padEnd(17)} ${String(figures[k] ?? 'n/a').padEnd(9)} ${target.padEnd(8)} ${what}`,
    );
  for (const [k, v] of Object.entries(figures))
    if (k.startsWith('soak_')) console.log(`${k.padEnd(30)} ${v}`);
  if (minutesOf() === 0)
    console.log('(set WEBCAST_SOAK_MINUTES=480 for the 8-hour lip-sync and memory soak)');
  return figures;
}

function minutesOf(): number {
  return Number(process.env['WEBCAST_SOAK_MINUTES'] ?? 0);
}

function round(x: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}
