// One chamber feed through the real compositor into HLS, the first rendition indexed: the set-up the webcast's ffmpeg
// integration tests share (each test then waits for segments and decodes them).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseSource, type SourceSpec } from '../../apps/webcast/src/pipeline/ffmpeg-args.ts';
import type {
  Dimensions,
  FeedId,
  Program,
  Rendition,
} from '../../apps/webcast/src/pipeline/types.ts';
import { Compositor } from '../../apps/webcast/src/process/compositor.ts';
import { Feed } from '../../apps/webcast/src/process/feed.ts';
import { RenditionIndex } from '../../apps/webcast/src/process/hls-index.ts';
import { fontFile } from '../../apps/webcast/src/service.ts';

export interface TestPipeline {
  /** The temporary folder: media/<rendition>/ holds the HLS output, text/ the drawn text files. */
  dir: string;
  feed: Feed;
  compositor: Compositor;
  /** The index of the first rendition, polled every 100 ms. */
  index: RenditionIndex;
  /** Stops ffmpeg and removes the folder. */
  stop(): Promise<void>;
}

export function startPipeline(o: {
  ffmpeg: string;
  dimensions: Dimensions;
  /** A feed source as the service takes it, e.g. `lavfi:color=c=red:size=128x72:rate=25`, or a parsed one. */
  source: string | SourceSpec;
  /** The feed's id (default `chamber`). */
  feedId?: FeedId;
  program: Program;
  renditions: readonly [Rendition, ...Rendition[]];
  /** The temporary folder's name starts with this. */
  prefix: string;
}): TestPipeline {
  const dir = mkdtempSync(join(tmpdir(), o.prefix));
  const feed = new Feed({
    id: o.feedId ?? 'chamber',
    ffmpeg: o.ffmpeg,
    source: typeof o.source === 'string' ? parseSource(o.source) : o.source,
    dimensions: o.dimensions,
  });
  const compositor = new Compositor({
    ffmpeg: o.ffmpeg,
    dimensions: o.dimensions,
    renditions: o.renditions,
    outDir: join(dir, 'media'),
    textDir: join(dir, 'text'),
    fontFile: fontFile(),
    segmentSeconds: 1,
    preset: 'ultrafast',
    program: () => o.program,
    feeds: () => [feed],
    log: () => undefined,
  });
  const first = o.renditions[0].name;
  const index = new RenditionIndex(
    first,
    join(dir, 'media', first, 'ffmpeg.m3u8'),
    join(dir, `${first}.jsonl`),
    (run, offset) => compositor.timeAt(run, offset),
  );
  const poll = setInterval(() => void index.poll(), 100);
  feed.start();
  compositor.start();
  return {
    dir,
    feed,
    compositor,
    index,
    async stop() {
      clearInterval(poll);
      await Promise.all([compositor.stop(), feed.stop()]);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
