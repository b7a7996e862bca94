// Origin-shield benchmark (issue #16): a thousand simulated HLS viewers on the live webcast, straight at the origin
// (the baseline) and then through an nginx origin shield that caches by the origin's own headers, in the same run.
// `npm run bench -- shield [viewers] [seconds]`
import { loadavg } from 'node:os';
import {
  nginxPath,
  simulateViewers,
  startOriginShield,
  startWebcastOrigin,
  type ViewerRun,
} from '../tests/support/origin-shield.ts';
import { findFfmpeg } from '../tests/support/webcast-media.ts';

export async function run(args: string[]): Promise<Record<string, number | string>> {
  const viewers = Number(args[0] ?? 1000);
  const seconds = Number(args[1] ?? 20);
  const ffmpeg = await findFfmpeg();
  if (ffmpeg === null || nginxPath() === null) throw new Error('needs ffmpeg and nginx');
  const origin = await startWebcastOrigin(ffmpeg);
  const originCount = () => [...origin.requests.values()].reduce((a, b) => a + b, 0);
  const phase = async (base: string): Promise<ViewerRun & { originRequests: number }> => {
    origin.requests.clear();
    const r = await simulateViewers({
      base,
      rendition: '360p',
      viewers,
      durationMs: seconds * 1000,
      segmentSeconds: 1,
      originEdge: origin.edge,
    });
    return { ...r, originRequests: originCount() };
  };
  try {
    const direct = await phase(`http://127.0.0.1:${origin.port}`);
    const shield = await startOriginShield(origin.port);
    let shielded: Awaited<ReturnType<typeof phase>>;
    let cache: Record<string, number>;
    try {
      shielded = await phase(shield.url);
      cache = shield.cacheStatus();
    } finally {
      await shield.stop();
    }
    const row = (name: string, r: typeof direct) =>
      `${name.padEnd(14)} ${String(r.requests).padStart(8)} ${(r.originRequests / seconds).toFixed(1).padStart(10)} ` +
      `${((1 - r.originRequests / r.requests) * 100).toFixed(2).padStart(8)} % ${String(r.failed).padStart(6)} ` +
      `${r.msP50.toFixed(1).padStart(7)} ${r.msP95.toFixed(1).padStart(7)} ${String(r.lagP50).padStart(5)} ${String(r.lagMax).padStart(5)}`;
    console.log(
      `${viewers} viewers, ${seconds} s each, 1 s segments, load ${loadavg()[0]?.toFixed(1)} on 2 cores`,
    );
    console.log(
      'path           requests  origin/s  hit ratio  failed  ms p50  ms p95  lag50 lagmx',
    );
    console.log(row('direct', direct));
    console.log(row('nginx shield', shielded));
    console.log(`nginx cache status: ${JSON.stringify(cache)}`);
    return {
      viewers,
      seconds,
      directRequests: direct.requests,
      directOriginPerSecond: Number((direct.originRequests / seconds).toFixed(1)),
      directMsP95: Number(direct.msP95.toFixed(1)),
      directFailed: direct.failed,
      shieldRequests: shielded.requests,
      shieldOriginPerSecond: Number((shielded.originRequests / seconds).toFixed(1)),
      shieldHitRatio: Number((1 - shielded.originRequests / shielded.requests).toFixed(4)),
      shieldMsP95: Number(shielded.msP95.toFixed(1)),
      shieldFailed: shielded.failed,
      shieldLagMaxSegments: shielded.lagMax,
      load: Number(loadavg()[0]?.toFixed(1)),
    };
  } finally {
    await origin.stop();
  }
}
