// The compositor: one long-running ffmpeg fed by Node on a fixed clock (25 frames/s plus PCM), so no input can stall it.
// Layout switches are just different frames and text files: the encoder is never restarted (no discontinuity).
import { spawnBound } from '@council/node-server/bound-child';
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { mixPcm } from '../pipeline/audio.ts';
import {
  compositorArgs,
  textBoxes,
  textFiles,
  textPath,
  type TextFile,
} from '../pipeline/ffmpeg-args.ts';
import { fitText, type Measure } from '../pipeline/text-fit.ts';
import { fontMeasure } from './font-measure.ts';
import { compose, frameBytes } from '../pipeline/frame.ts';
import { resolveProgram } from '../pipeline/layout.ts';
import {
  AUDIO_BYTES_PER_FRAME,
  FPS,
  type Dimensions,
  type FeedId,
  type Program,
  type Rendition,
} from '../pipeline/types.ts';
import { isWritable } from './feed.ts';
import { Supervisor } from '@council/node-server/supervisor';

export interface CompositorOptions {
  ffmpeg: string;
  dimensions: Dimensions;
  renditions: readonly Rendition[];
  /** HLS output directory (one sub-directory per rendition). */
  outDir: string;
  textDir: string;
  fontFile: string;
  segmentSeconds: number;
  preset?: string;
  threads?: number;
  program: () => Program;
  feeds: () => Iterable<FeedSource>;
  log?: (msg: string) => void;
  /** 'realtime': 25 frames/s on the wall clock; 'max': as fast as the encoder takes them (bench only). */
  pace?: 'realtime' | 'max';
  /** Stamp the media with the wall clock (needs ffmpeg 5.1 or later: the service checks; realtime pace only). */
  wallClock?: boolean;
  /** Seconds from the end of the newest live segment to now (null before the first). */
  liveEdgeLag?: () => number | null;
}

/** What the compositor needs of a feed (a Feed, or pre-rendered frames in the bench). */
export interface FeedSource {
  readonly id: FeedId;
  live(): boolean;
  /** Called exactly once per programme frame: the feed's picture (null if stale) and sound for it. */
  tick(): { frame: Buffer | null; pcm: Buffer };
}

const FRAME_MS = 1000 / FPS;
/**
 * Frames (1 s) queued towards ffmpeg beyond which a tick is dropped (video and sound together, so sync holds). The
 * media is on the wall clock, so a dropped tick costs a repeated picture, never time.
 */
const MAX_QUEUED_FRAMES = 25;
const HARD_QUEUE_LIMIT = 60;
/**
 * When the newest live segment is this far behind real time the encoder cannot keep up: queue at most one frame, so
 * what reaches the viewers is recent (every queued frame is latency the live edge cannot win back).
 */
const LAGGING_SECONDS = 3;

export class Compositor {
  private readonly supervisor: Supervisor;
  private timer: NodeJS.Timeout | null = null;
  private t0 = 0;
  private ticks = 0;
  private texts = new Map<TextFile, string>();
  private readonly measure: Measure;
  private onAirProgram: Program | null = null;
  private running = false;
  runId = '';
  framesOut = 0;
  /** Ticks without a frame: the encoder was behind, or the event loop blocked (media time goes on regardless). */
  framesDropped = 0;
  /** performance.now() of the first frame written with each new layout key, for switch measurements. */
  lastSwitchAt = 0;
  private lastKey = '';
  /** Wall-clock ms of each run's first frame (the last ten runs): with media time on the wall clock, the source of
   * program date time. */
  private readonly runStarts = new Map<string, number>();

  constructor(private readonly o: CompositorOptions) {
    this.measure = fontMeasure(o.fontFile);
    this.supervisor = new Supervisor({
      name: 'compositor',
      log: o.log,
      spawn: () => {
        this.runId = Date.now().toString(36);
        const args = compositorArgs({
          ...o,
          runId: this.runId,
          wallClock: (o.pace ?? 'realtime') === 'realtime' && o.wallClock === true,
        });
        return spawnBound(o.ffmpeg, args, {
          stdio: ['ignore', 'ignore', 'pipe', 'pipe', 'pipe'],
          env: { ...process.env, TZ: 'Europe/Stockholm' },
        });
      },
      onSpawn: (child) => {
        for (const s of [child.stdio[3], child.stdio[4]])
          if (isWritable(s)) s.on('error', () => undefined); // EPIPE when it dies: the supervisor restarts it
      },
    });
  }

  /**
   * Wall-clock ms of media time `offset` (seconds) of run `run`: a segment's program date time. ffmpeg stamps the
   * media with the wall clock, so this holds after dropped frames too; ffmpeg's own has whole-second resolution.
   */
  timeAt(run: string, offset: number): number | undefined {
    const start = this.runStarts.get(run);
    return start === undefined ? undefined : start + offset * 1000;
  }

  get onAir(): Program | null {
    return this.onAirProgram;
  }

  get log(): string[] {
    return this.supervisor.tail;
  }

  get restarts(): number {
    return this.supervisor.restarts;
  }

  get pid(): number | undefined {
    return this.supervisor.child?.pid;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    for (const r of this.o.renditions) mkdirSync(`${this.o.outDir}/${r.name}`, { recursive: true });
    mkdirSync(this.o.textDir, { recursive: true });
    for (const f of textFiles) this.setText(f, '', true);
    this.supervisor.start();
    this.t0 = performance.now();
    this.ticks = 0;
    if ((this.o.pace ?? 'realtime') === 'realtime') this.schedule();
    else void this.runFlat();
  }

  private schedule(): void {
    if (!this.running) return;
    const next = this.t0 + (this.ticks + 1) * FRAME_MS;
    this.timer = setTimeout(() => this.onTimer(), Math.max(0, next - performance.now()));
  }

  private onTimer(): void {
    let due = Math.floor((performance.now() - this.t0) / FRAME_MS) - this.ticks;
    if (due > FPS) {
      // The event loop was blocked for over a second: do not burst; restart the clock.
      this.o.log?.(`compositor clock: ${due} frames late, resynchronising`);
      this.framesDropped += due - 1;
      this.t0 = performance.now() - FRAME_MS;
      this.ticks = 0;
      due = 1;
    }
    for (let i = 0; i < due; i++) {
      this.ticks += 1;
      this.writeFrame();
    }
    this.schedule();
  }

  private async runFlat(): Promise<void> {
    while (this.running) {
      const video = this.supervisor.child?.stdio[3];
      if (
        isWritable(video) &&
        video.writableLength > frameBytes(this.o.dimensions.width, this.o.dimensions.height) * 2
      ) {
        await new Promise<void>((r) => {
          const t = setTimeout(r, 50);
          video.once('drain', () => {
            clearTimeout(t);
            r();
          });
        });
        continue;
      }
      if (!isWritable(video)) await new Promise((r) => setTimeout(r, 20));
      this.writeFrame();
      await new Promise((r) => setImmediate(r));
    }
  }

  private setText(f: TextFile, text: string, force = false): void {
    if (!force && this.texts.get(f) === text) return;
    this.texts.set(f, text);
    // Fitted to its box (drawtext neither wraps nor shrinks); once per change of text, not per frame.
    const fitted = fitText(text, textBoxes(this.o.dimensions)[f], this.measure);
    // drawtext reloads the file every frame; an atomic rename means it never reads half a line. Empty files fail to map.
    const value = fitted === '' ? ' ' : fitted;
    const path = textPath(this.o.textDir, f);
    writeFileSync(`${path}.tmp`, value);
    renameSync(`${path}.tmp`, path);
  }

  private writeFrame(): void {
    const child = this.supervisor.child;
    const video = child?.stdio[3];
    const audio = child?.stdio[4];
    const feeds = new Map<FeedId, FeedSource>();
    for (const f of this.o.feeds()) feeds.set(f.id, f);
    const program = resolveProgram(this.o.program(), (id) => feeds.get(id)?.live() ?? false);
    // Every feed advances every frame, on air or not, so its picture and sound stay in step.
    const ticks = new Map<FeedId, { frame: Buffer | null; pcm: Buffer }>();
    for (const f of feeds.values()) ticks.set(f.id, f.tick());
    if (!isWritable(video) || !isWritable(audio) || video.destroyed || audio.destroyed) return;
    // Drop a tick only when ffmpeg is behind on both pipes (or far behind on one): while it waits
    // for one pipe (e.g. probing at start) the other must keep flowing or they deadlock.
    const v = video.writableLength / frameBytes(this.o.dimensions.width, this.o.dimensions.height);
    const a = audio.writableLength / AUDIO_BYTES_PER_FRAME;
    const lag = this.o.liveEdgeLag?.() ?? null;
    const limit = lag !== null && lag > LAGGING_SECONDS ? 1 : MAX_QUEUED_FRAMES;
    if ((v > limit && a > limit) || v > HARD_QUEUE_LIMIT || a > HARD_QUEUE_LIMIT) {
      this.framesDropped += 1;
      return;
    }
    this.updateTexts(program);
    const isSlate = program.layout.kind === 'slate';
    const frame = compose(
      this.o.dimensions,
      program.layout,
      (id) => (isSlate ? null : (ticks.get(id)?.frame ?? null)),
      !isSlate && program.lowerThird !== null,
    );
    const sound = mixPcm(program.audio.flatMap((id) => ticks.get(id)?.pcm ?? []));
    video.write(frame);
    audio.write(sound);
    if (!this.runStarts.has(this.runId)) {
      this.runStarts.set(this.runId, Date.now());
      for (const k of [...this.runStarts.keys()].slice(0, -10)) this.runStarts.delete(k);
    }
    this.framesOut += 1;
    const key = JSON.stringify(program.layout);
    if (key !== this.lastKey) {
      this.lastKey = key;
      this.lastSwitchAt = performance.now();
    }
    this.onAirProgram = program;
  }

  private updateTexts(p: Program): void {
    this.setText('name', p.layout.kind === 'slate' ? '' : (p.lowerThird?.name ?? ''));
    this.setText('item', p.layout.kind === 'slate' ? '' : (p.lowerThird?.item ?? ''));
    this.setText('slate1', p.slateText[0] ?? '');
    this.setText('slate2', p.slateText[1] ?? '');
  }

  /** Kills the encoder (tests); the supervisor restarts it. */
  kill(): void {
    this.supervisor.kill();
  }

  async stop(): Promise<void> {
    this.running = false;
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    const child = this.supervisor.child;
    for (const s of [child?.stdio[3], child?.stdio[4]]) if (isWritable(s)) s.end();
    await this.supervisor.stop(3000);
  }
}
