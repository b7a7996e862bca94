// The webcast behind a real nginx origin shield (issue #16): the shield caches only by the origin's own headers, and
// with them a crowd of viewers costs the origin about one request per object, while no viewer falls behind live.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  nginxPath,
  simulateViewers,
  startOriginShield,
  startWebcastOrigin,
  type OriginShield,
  type WebcastOrigin,
} from '../support/origin-shield.ts';
import { requireProgram } from '../support/requires.ts';
import { findFfmpeg } from '../support/webcast-media.ts';

const ffmpeg = await findFfmpeg();
const nginx = requireProgram(
  'nginx',
  nginxPath() !== null,
  'Install it (apt-get install -y nginx) to test the webcast behind an origin shield.',
);

describe.runIf(ffmpeg !== null && nginx)('the webcast behind an nginx origin shield', () => {
  let origin: WebcastOrigin;
  let shield: OriginShield;

  beforeAll(async () => {
    origin = await startWebcastOrigin(ffmpeg ?? 'ffmpeg');
    shield = await startOriginShield(origin.port);
  }, 60_000);

  afterAll(async () => {
    await shield?.stop();
    await origin?.stop();
  });

  it('serves 200 viewers for 8 s with a hit ratio over 95 %, each segment fetched from the origin once, and live within 3 segments', async () => {
    origin.requests.clear();
    const run = await simulateViewers({
      base: shield.url,
      rendition: '360p',
      viewers: 200,
      durationMs: 8000,
      segmentSeconds: 1,
      originEdge: origin.edge,
    });
    const fromOrigin = [...origin.requests.values()].reduce((a, b) => a + b, 0);
    const segmentFetches = [...origin.requests].filter(([p]) => p.endsWith('.ts'));
    const playlistFetches = origin.requests.get('/webcast/live/360p/index.m3u8') ?? 0;
    const hitRatio = 1 - fromOrigin / run.requests;
    console.log(
      `shield: ${run.requests} viewer requests, ${fromOrigin} at the origin (${playlistFetches} playlists, ` +
        `${segmentFetches.length} segments), hit ratio ${(hitRatio * 100).toFixed(1)} %, ` +
        `lag p50 ${run.lagP50} max ${run.lagMax} segments, cache ${JSON.stringify(shield.cacheStatus())}`,
    );
    expect(run.failed).toBe(0);
    expect(run.segments).toBeGreaterThan(200 * 6);
    expect(hitRatio).toBeGreaterThan(0.95);
    // proxy_cache_lock: however many viewers ask at once, one request per segment reaches the origin.
    for (const [path, n] of segmentFetches) expect(n, path).toBe(1);
    // The playlist's s-maxage of half a segment and one segment of stale-while-revalidate: a couple a second.
    expect(playlistFetches).toBeLessThanOrEqual(8 * 2 + 2);
    // Stale by at most s-maxage (1 s) + stale-while-revalidate (1 s) + the segment being written.
    expect(run.lagMax).toBeLessThanOrEqual(3);
  }, 60_000);

  it('keeps nothing the origin does not allow: an error answer and the starting 503 are not cached', async () => {
    const missing = await fetch(`${shield.url}/webcast/live/360p/seg-99999999.ts`);
    expect(missing.status).toBe(404);
    await missing.arrayBuffer();
    const again = await fetch(`${shield.url}/webcast/live/360p/seg-99999999.ts`);
    expect(again.status).toBe(404);
    await again.arrayBuffer();
    expect(again.headers.get('x-cache-status')).not.toBe('HIT');
  });
});
