// ffmpeg 4.1 (@ffmpeg-installer) and a current one (Debian 5.1 on PATH) both run the same pipeline; a crashed
// compositor is restarted and only that is a discontinuity.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Dimensions, Program } from '../../apps/webcast/src/pipeline/types.ts';
import {
  ffmpegVersion,
  onPath,
  resolveFfmpeg,
} from '../../apps/webcast/src/process/ffmpeg-path.ts';
import {
  avOffsets,
  colourOf,
  decodeFrames,
  findFfmpeg,
  region,
  syncSource,
  waitFor,
} from '../support/webcast-media.ts';
import { startPipeline } from '../support/webcast-pipeline.ts';

const d: Dimensions = { width: 128, height: 72 };
const resolved = await findFfmpeg();
const installer =
  (await import('@ffmpeg-installer/ffmpeg').catch(() => null))?.default?.path ?? null;
// Every ffmpeg the resolver may pick: the resolved one, the one on PATH and @ffmpeg-installer's build.
const candidates = [
  ...new Set([resolved, onPath('ffmpeg'), installer].filter((p): p is string => p !== null)),
];
const program: Program = {
  layout: { kind: 'full', main: 'chamber' },
  lowerThird: { name: 'Åsa Öst (V)', item: '§ 3 Ärende' },
  slateText: [],
  audio: ['chamber'],
};
const pipeline = (ffmpeg: string, source = 'lavfi:color=c=red:size=128x72:rate=25') =>
  startPipeline({
    ffmpeg,
    dimensions: d,
    source,
    program,
    renditions: [
      { name: 'a', width: 128, height: 72, videoKbps: 100, audioKbps: 48 },
      { name: 'b', width: 64, height: 40, videoKbps: 60, audioKbps: 32 },
    ],
    prefix: 'webcast-ff-',
  });

describe.runIf(candidates.length > 0)('webcast on every ffmpeg we ship with', () => {
  it('resolves ffmpeg: FFMPEG_PATH first, then the installed packages, then PATH', async () => {
    const explicit = onPath('ffmpeg');
    if (explicit !== null) expect(await resolveFfmpeg(explicit)).toBe(explicit);
    expect(await resolveFfmpeg('/nonexistent/ffmpeg')).toBeNull();
    expect(await resolveFfmpeg()).toMatch(/ffmpeg$/);
  });

  for (const ffmpeg of candidates) {
    it(`composes, draws text and segments with ${ffmpeg}`, async () => {
      const version = await ffmpegVersion(ffmpeg);
      expect(version).not.toBeNull();
      const p = pipeline(ffmpeg);
      try {
        await waitFor('three segments', () => p.index.segments.length >= 3, 15_000);
        const seg = p.index.segments[1];
        expect(seg?.duration).toBeCloseTo(1, 1);
        const frames = await decodeFrames(ffmpeg, join(p.dir, 'media', 'a', seg?.uri ?? ''), d);
        expect(frames.length).toBeGreaterThanOrEqual(24);
        const f = frames.at(-1);
        if (f === undefined) throw new Error('no frame');
        expect(colourOf(region(f, d, { x: 0, y: 16, width: 128, height: 32 }))).toBe('red');
        // Program date time comes from Node's frame clock: consecutive segments are exactly one duration apart.
        const [a, b] = p.index.segments;
        expect(Date.parse(b?.pdt ?? '') - Date.parse(a?.pdt ?? '')).toBeCloseTo(
          (a?.duration ?? 0) * 1000,
          -1,
        );
        expect(Math.abs(Date.parse(a?.pdt ?? '') - Date.now())).toBeLessThan(10_000);
      } finally {
        await p.stop();
      }
    });
  }

  it('ITU-R BT.1359: sound stays within +90/−185 ms of the picture through normaliser, Node and encoder', async () => {
    const ffmpeg = candidates[0] ?? 'ffmpeg';
    const p = pipeline(ffmpeg, syncSource(d));
    try {
      await waitFor('six segments', () => p.index.segments.length >= 6, 20_000);
      const joined = join(p.dir, 'sync.ts');
      writeFileSync(
        joined,
        Buffer.concat(
          p.index.segments.slice(1, 6).map((s) => readFileSync(join(p.dir, 'media', 'a', s.uri))),
        ),
      );
      const offsets = await avOffsets(ffmpeg, joined);
      console.log('a/v offsets (ms, sound minus picture):', offsets.join(' '));
      expect(offsets.length).toBeGreaterThanOrEqual(3);
      for (const o of offsets) {
        expect(o).toBeGreaterThanOrEqual(-90);
        expect(o).toBeLessThanOrEqual(185);
      }
      // And it does not drift: the picture and sound queues are kept level every frame.
      expect(Math.max(...offsets) - Math.min(...offsets)).toBeLessThanOrEqual(100);
    } finally {
      await p.stop();
    }
  });

  it('a crashed compositor is restarted with back-off; the live playlist marks only that as a discontinuity', async () => {
    const ffmpeg = candidates[0] ?? 'ffmpeg';
    const p = pipeline(ffmpeg);
    try {
      await waitFor('segments', () => p.index.segments.length >= 2, 15_000);
      const before = p.compositor.runId;
      p.compositor.kill();
      await waitFor(
        'a new run',
        () =>
          p.compositor.runId !== before &&
          p.index.segments.some((s) => s.run === p.compositor.runId),
        15_000,
      );
      expect(p.compositor.restarts).toBe(1);
      const playlist = p.index.livePlaylist(20, 1);
      expect(playlist.match(/#EXT-X-DISCONTINUITY\n/g)).toHaveLength(1);
    } finally {
      await p.stop();
    }
  });
});
