// An nginx origin shield in front of the webcast, and simulated HLS viewers behind it (issue #16). The shield has no
// caching rules of its own beyond "cache what the origin allows": what it keeps, and for how long, comes from the
// webcast's Cache-Control (s-maxage, stale-while-revalidate, immutable segments), as a CDN would read them.
import { serve } from '@hono/node-server';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { parseMediaPlaylist } from '../../apps/webcast/src/pipeline/hls.ts';
import { createWebcastService } from '../../apps/webcast/src/service.ts';
import { freePort } from './postgres-cluster.ts';
import { findProgram } from './requires.ts';
import { baseView } from './webcast-views.ts';

export const nginxPath = (): string | null => findProgram('nginx', ['/usr/sbin/nginx']);

export interface OriginShield {
  url: string;
  /** Requests by nginx's $upstream_cache_status (HIT, MISS, EXPIRED, UPDATING, STALE, REVALIDATED, BYPASS). */
  cacheStatus(): Record<string, number>;
  stop(): Promise<void>;
}

/** nginx on a free port caching `originPort` by the origin's own headers, one worker (the shield of one site). */
export async function startOriginShield(originPort: number): Promise<OriginShield> {
  const bin = nginxPath();
  if (!bin) throw new Error('nginx not found');
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'shield-'));
  for (const d of ['cache', 'temp']) mkdirSync(join(dir, d));
  const log = join(dir, 'access.log');
  // The workers run as this user (nginx ignores `user` when not started as root), so they may use the temp folder.
  const config = `
user ${userInfo().username};
worker_processes 1;
daemon off;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 8192; }
http {
  log_format shield '$upstream_cache_status $uri';
  access_log ${log} shield buffer=64k flush=200ms;
  client_body_temp_path ${dir}/temp/body;
  proxy_temp_path ${dir}/temp/proxy;
  fastcgi_temp_path ${dir}/temp/fastcgi;
  uwsgi_temp_path ${dir}/temp/uwsgi;
  scgi_temp_path ${dir}/temp/scgi;
  proxy_cache_path ${dir}/cache levels=1:2 keys_zone=webcast:10m max_size=1g inactive=10m use_temp_path=off;
  upstream origin { server 127.0.0.1:${originPort}; keepalive 16; }
  server {
    listen 127.0.0.1:${port} backlog=4096;
    location /webcast/ {
      proxy_pass http://origin;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_cache webcast;
      # One request to the origin per object however many viewers ask at once; stale while it is fetched.
      proxy_cache_lock on;
      proxy_cache_lock_timeout 5s;
      proxy_cache_use_stale updating error timeout;
      proxy_cache_background_update on;
      proxy_cache_revalidate on;
      add_header X-Cache-Status $upstream_cache_status;
    }
  }
}
`;
  const file = join(dir, 'nginx.conf');
  writeFileSync(file, config);
  const child: ChildProcess = spawn(bin, ['-c', file, '-p', dir], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 15_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`nginx exited:\n${out}`);
    const up = await fetch(`${url}/webcast/live/master.m3u8`)
      .then((r) => r.status < 500)
      .catch(() => false);
    if (up) break;
    if (Date.now() > deadline) throw new Error(`nginx did not come up:\n${out}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    cacheStatus() {
      const counts: Record<string, number> = {};
      let text = '';
      try {
        text = readFileSync(log, 'utf8');
      } catch {
        return counts;
      }
      for (const line of text.split('\n')) {
        if (line === '') continue;
        const status = line.slice(0, line.indexOf(' '));
        const key = status === '-' ? 'NONE' : status;
        counts[key] = (counts[key] ?? 0) + 1;
      }
      return counts;
    },
    async stop() {
      if (child.exitCode === null) {
        const gone = new Promise((r) => child.once('exit', r));
        child.kill('SIGQUIT');
        await Promise.race([gone, new Promise((r) => setTimeout(r, 3000))]);
        if (child.exitCode === null) child.kill('SIGKILL');
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface ViewerRun {
  viewers: number;
  /** Requests the viewers made, and of those the ones that did not answer 200. */
  requests: number;
  failed: number;
  playlists: number;
  segments: number;
  bytes: number;
  /** How far behind the origin's live edge a viewer's playlist was when it arrived, in segments (p50, max). */
  lagP50: number;
  lagMax: number;
  /** Time to the whole answer of a request, in ms (p50, p95). */
  msP50: number;
  msP95: number;
}

/**
 * `viewers` HLS players polling `base`'s live media playlist about twice a segment and fetching each new segment
 * once, as hls.js does at the live edge, for `durationMs`. `originEdge()` tells the origin's newest segment number
 * at the moment a playlist arrives, to measure staleness.
 */
export async function simulateViewers(opts: {
  base: string;
  rendition: string;
  viewers: number;
  durationMs: number;
  segmentSeconds: number;
  originEdge: () => number;
}): Promise<ViewerRun> {
  const run: ViewerRun = {
    viewers: opts.viewers,
    requests: 0,
    failed: 0,
    playlists: 0,
    segments: 0,
    bytes: 0,
    lagP50: 0,
    lagMax: 0,
    msP50: 0,
    msP95: 0,
  };
  const lags: number[] = [];
  const times: number[] = [];
  const deadline = Date.now() + opts.durationMs;
  const pollMs = (opts.segmentSeconds * 1000) / 2;
  const get = async (path: string): Promise<ArrayBuffer | null> => {
    run.requests++;
    const t0 = performance.now();
    try {
      const res = await fetch(`${opts.base}/webcast/live/${opts.rendition}/${path}`);
      const body = await res.arrayBuffer();
      times.push(performance.now() - t0);
      if (res.status !== 200) {
        run.failed++;
        return null;
      }
      return body;
    } catch {
      run.failed++;
      return null;
    }
  };
  const viewer = async (startDelay: number): Promise<void> => {
    await new Promise((r) => setTimeout(r, startDelay));
    let next = -1;
    while (Date.now() < deadline) {
      const res = await get('index.m3u8');
      if (res !== null) {
        const text = new TextDecoder().decode(res);
        run.playlists++;
        const first = Number(/#EXT-X-MEDIA-SEQUENCE:(\d+)/.exec(text)?.[1] ?? 0);
        const segments = parseMediaPlaylist(text);
        const last = first + segments.length - 1;
        lags.push(Math.max(0, opts.originEdge() - last));
        // A player joins three segments from the edge, then takes each new one once.
        if (next < 0) next = Math.max(first, last - 2);
        for (; next <= last; next++) {
          const seg = segments[next - first];
          if (seg === undefined) continue;
          const body = await get(seg.uri);
          if (body === null) continue;
          run.bytes += body.byteLength;
          run.segments++;
        }
      }
      await new Promise((r) => setTimeout(r, pollMs * (0.75 + Math.random() * 0.5)));
    }
  };
  // Viewers arrive over the first segment, not all in the same millisecond.
  await Promise.all(
    Array.from({ length: opts.viewers }, () => viewer(Math.random() * opts.segmentSeconds * 1000)),
  );
  lags.sort((a, b) => a - b);
  run.lagP50 = lags[Math.floor(lags.length / 2)] ?? 0;
  run.lagMax = lags.at(-1) ?? 0;
  times.sort((a, b) => a - b);
  run.msP50 = times[Math.floor(times.length / 2)] ?? 0;
  run.msP95 = times[Math.floor(times.length * 0.95)] ?? 0;
  return run;
}

export interface WebcastOrigin {
  port: number;
  /** Requests the origin answered, by path. */
  requests: Map<string, number>;
  /** The origin's newest live segment number (-1 before the first). */
  edge(): number;
  stop(): Promise<void>;
}

/** The real webcast service on a free port, composing a small synthetic chamber into one rendition. */
export async function startWebcastOrigin(
  ffmpeg: string,
  segmentSeconds = 1,
): Promise<WebcastOrigin> {
  const dir = mkdtempSync(join(tmpdir(), 'webcast-origin-'));
  const d = { width: 256, height: 144 };
  const service = createWebcastService({
    dataDir: dir,
    plenaryUrl: 'http://127.0.0.1:9',
    follow: false,
    ffmpegPath: ffmpeg,
    chamberSource: `lavfi:testsrc2=size=${d.width}x${d.height}:rate=25|sine=frequency=440:sample_rate=48000`,
    dimensions: d,
    renditions: [{ name: '360p', width: d.width, height: d.height, videoKbps: 250, audioKbps: 48 }],
    segmentSeconds,
    preset: 'ultrafast',
    publishDelayMs: 1000,
    log: () => undefined,
  });
  await service.start();
  service.onView(baseView({ seq: 1 }));
  const requests = new Map<string, number>();
  const server = serve({
    fetch: (req: Request) => {
      const path = new URL(req.url).pathname;
      requests.set(path, (requests.get(path) ?? 0) + 1);
      return service.app.fetch(req);
    },
    port: 0,
    hostname: '127.0.0.1',
  });
  await new Promise((r) => server.once('listening', r));
  const port = (server.address() as AddressInfo).port;
  let edge = -1;
  const readEdge = async (): Promise<void> => {
    const res = await service.app.request('/webcast/live/360p/index.m3u8');
    if (res.status !== 200) return;
    const text = await res.text();
    const first = Number(/#EXT-X-MEDIA-SEQUENCE:(\d+)/.exec(text)?.[1] ?? 0);
    edge = first + parseMediaPlaylist(text).length - 1;
  };
  const poll = setInterval(() => void readEdge(), 100);
  const deadline = Date.now() + 30_000;
  while (edge < 3) {
    if (Date.now() > deadline) throw new Error('the webcast origin made no live segments');
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    port,
    requests,
    edge: () => edge,
    async stop() {
      clearInterval(poll);
      await service.close();
      await new Promise((r) => server.close(r));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
