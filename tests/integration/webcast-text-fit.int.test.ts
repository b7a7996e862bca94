// The text in the picture fits the frame (issue 15): a long title on the centred slate was cut at both edges and a long
// item ran off the right of the lower third. Real ffmpeg draws the fitted text files; the decoded frame is checked.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { textPath } from '../../apps/webcast/src/pipeline/ffmpeg-args.ts';
import { lowerThirdRect } from '../../apps/webcast/src/pipeline/frame.ts';
import type { Dimensions, Program } from '../../apps/webcast/src/pipeline/types.ts';
import { requireProgram } from '../support/requires.ts';
import { decodeFrames, findFfmpeg, waitFor } from '../support/webcast-media.ts';
import { startPipeline } from '../support/webcast-pipeline.ts';

const d: Dimensions = { width: 320, height: 184 };
const ffmpeg = await findFfmpeg();

/** The brightest luma in a rectangle of a yuv420p frame (text is drawn white; the picture is red, the bar dark). */
function maxLuma(
  frame: Buffer,
  r: { x: number; y: number; width: number; height: number },
): number {
  let max = 0;
  for (let y = r.y; y < r.y + r.height; y++)
    for (let x = r.x; x < r.x + r.width; x++) max = Math.max(max, frame[y * d.width + x] ?? 0);
  return max;
}

const title =
  'Kommunfullmäktiges sammanträde om val av ledamöter och ersättare till kommunstyrelsen och dess utskott 2027–2030';

describe.runIf(
  requireProgram('ffmpeg', ffmpeg !== null, 'Install ffmpeg (apt-get install -y ffmpeg).'),
)('webcast text in the picture', () => {
  it('wraps and shortens long titles so no text reaches the edges of the frame or leaves the lower third', async () => {
    const bin = ffmpeg ?? 'ffmpeg';
    // The room before the sitting: the title on the slate lines over the picture, and a lower third too.
    const program: Program = {
      layout: { kind: 'full', main: 'chamber' },
      lowerThird: {
        name: 'Anna-Karin Wallström Hedenström (KD) – svar på replik',
        item: `§ 12 ${title}`,
      },
      slateText: [
        title,
        'Sammanträdet börjar kl. 18:00 i Stora salen, Stadshuset, Drottninggatan 1',
      ],
      audio: ['chamber'],
    };
    const { dir, index, stop } = startPipeline({
      ffmpeg: bin,
      dimensions: d,
      source: `lavfi:color=c=red:size=${d.width}x${d.height}:rate=25`,
      program,
      renditions: [{ name: 'a', width: d.width, height: d.height, videoKbps: 600, audioKbps: 48 }],
      prefix: 'webcast-fit-',
    });
    try {
      await waitFor('two segments', () => index.segments.length >= 2, 30_000);
      const slate1 = readFileSync(textPath(join(dir, 'text'), 'slate1'), 'utf8');
      expect(slate1).toContain('\n');
      expect(slate1.endsWith('…')).toBe(true);
      const seg = index.segments[1];
      const frames = await decodeFrames(bin, join(dir, 'media', 'a', seg?.uri ?? ''), d);
      const f = frames.at(-1);
      if (f === undefined) throw new Error('no frame');
      // The text is there (white on the slate lines) …
      expect(
        maxLuma(f, {
          x: 0,
          y: Math.round(d.height * 0.25),
          width: d.width,
          height: Math.round(d.height * 0.25),
        }),
      ).toBeGreaterThan(200);
      // … but not in the outer columns of the frame, left or right …
      const edge = 4;
      const left = maxLuma(f, { x: 0, y: 0, width: edge, height: d.height });
      const right = maxLuma(f, { x: d.width - edge, y: 0, width: edge, height: d.height });
      // … nor to the right of the lower third's bar.
      const bar = lowerThirdRect(d);
      const beside = maxLuma(f, {
        x: bar.x + bar.width + 2,
        y: bar.y,
        width: d.width - bar.width - 2 - edge,
        height: bar.height,
      });
      console.log(
        `max luma: left edge ${left}, right edge ${right}, beside the bar ${beside} (red ≈ 81, white ≈ 235)`,
      );
      expect(left).toBeLessThan(150);
      expect(right).toBeLessThan(150);
      expect(beside).toBeLessThan(150);
    } finally {
      await stop();
    }
  });
});
