// One input feed: a supervised normalising ffmpeg that turns any source into atlas frames and PCM for Node.
// A feed that delivers no frame for 500 ms is stale and is replaced on air (the compositor never waits for it).
import type { ChildProcess } from 'node:child_process';
import { spawnBound } from '@council/node-server/bound-child';
import type { Readable, Writable } from 'node:stream';
import { PcmFifo } from '../pipeline/audio.ts';
import { normaliserArgs, type SourceSpec } from '../pipeline/ffmpeg-args.ts';
import { atlasDimensions, frameBytes } from '../pipeline/frame.ts';
import { trimQueues } from '../pipeline/jitter.ts';
import { AUDIO_BYTES_PER_FRAME, type Dimensions, type FeedId } from '../pipeline/types.ts';
import { Supervisor } from '@council/node-server/supervisor';

export const STALE_MS = 500;

export interface FeedOptions {
  id: FeedId;
  ffmpeg: string;
  source: SourceSpec;
  dimensions: Dimensions;
  log?: (msg: string) => void;
  /** Restart the normaliser when it dies (true for configured sources, false for an ingest socket). */
  restart?: boolean;
  /** Kill and restart a normaliser that delivers nothing for this long (a hung network source). */
  watchdogMs?: number;
  /** Jitter buffer: how much picture and sound may queue (default 80 ms; 300 ms for WebM chunks). */
  jitterMs?: number;
  now?: () => number;
}

export class Feed {
  readonly id: FeedId;
  private readonly supervisor: Supervisor;
  private readonly bytes: number;
  private building: Buffer;
  private filled = 0;
  /** Decoded pictures waiting for their tick, and the one on screen now. */
  private queue: Buffer[] = [];
  private shown: Buffer | null = null;
  private lastFrameAt = 0;
  /** When the current normaliser started: the watchdog gives each new one its full time. */
  private spawnedAt = 0;
  /** Hard caps only; trimQueues keeps picture and sound level with each other. */
  private readonly audio = new PcmFifo(AUDIO_BYTES_PER_FRAME * 50, AUDIO_BYTES_PER_FRAME * 10);
  private readonly jitterMs: number;
  private watchdog: NodeJS.Timeout | null = null;
  private readonly now: () => number;
  framesIn = 0;

  constructor(private readonly o: FeedOptions) {
    this.id = o.id;
    this.now = o.now ?? Date.now;
    this.jitterMs = o.jitterMs ?? (o.source.kind === 'stdin-webm' ? 300 : 80);
    const a = atlasDimensions(o.dimensions);
    this.bytes = frameBytes(a.width, a.height);
    this.building = Buffer.allocUnsafe(this.bytes);
    this.supervisor = new Supervisor({
      name: `feed ${o.id}`,
      log: o.log,
      restart: o.restart ?? true,
      spawn: () =>
        spawnBound(o.ffmpeg, normaliserArgs(o.source, o.dimensions), {
          stdio: [o.source.kind === 'stdin-webm' ? 'pipe' : 'ignore', 'pipe', 'pipe', 'pipe'],
        }),
      onSpawn: (child) => this.attach(child),
    });
  }

  private attach(child: ChildProcess): void {
    this.filled = 0;
    this.audio.clear();
    this.queue = [];
    this.spawnedAt = this.now();
    child.stdout?.on('data', (chunk: Buffer) => this.onVideo(chunk));
    const audio = child.stdio[3];
    if (isReadable(audio)) audio.on('data', (chunk: Buffer) => this.audio.push(chunk));
    for (const s of [child.stdin, child.stdout, audio]) s?.on('error', () => undefined); // the child's exit is handled by the supervisor
  }

  private onVideo(chunk: Buffer): void {
    let off = 0;
    while (off < chunk.length) {
      const n = Math.min(this.bytes - this.filled, chunk.length - off);
      chunk.copy(this.building, this.filled, off, off + n);
      this.filled += n;
      off += n;
      if (this.filled === this.bytes) {
        this.queue.push(this.building);
        if (this.queue.length > 50) this.queue.shift();
        this.building = Buffer.allocUnsafe(this.bytes);
        this.filled = 0;
        this.lastFrameAt = this.now();
        this.framesIn += 1;
      }
    }
  }

  start(): void {
    this.supervisor.start();
    const limit = this.o.watchdogMs ?? 10_000;
    this.watchdog = setInterval(() => {
      if (
        this.supervisor.child !== null &&
        this.now() - Math.max(this.lastFrameAt, this.spawnedAt) > limit
      ) {
        this.o.log?.(`feed ${this.id}: no picture for ${limit} ms, restarting its normaliser`);
        this.spawnedAt = this.now();
        this.supervisor.kill();
      }
    }, 1000);
  }

  /**
   * One clock tick: the next picture (or the last one again) and one frame's worth of sound, after
   * trimming the queues so they hold the same time. Null picture and silence once the feed is stale.
   */
  tick(): { frame: Buffer | null; pcm: Buffer } {
    const trim = trimQueues(this.queue.length, this.audio.length, this.jitterMs);
    if (trim.dropFrames > 0) this.queue.splice(0, trim.dropFrames);
    if (trim.dropAudioBytes > 0) this.audio.drop(trim.dropAudioBytes);
    const next = this.queue.shift();
    if (next !== undefined) this.shown = next;
    const pcm = this.audio.take(AUDIO_BYTES_PER_FRAME);
    return this.live()
      ? { frame: this.shown, pcm }
      : { frame: null, pcm: Buffer.alloc(AUDIO_BYTES_PER_FRAME) };
  }

  live(): boolean {
    return this.shown !== null || this.queue.length > 0
      ? this.now() - this.lastFrameAt <= STALE_MS
      : false;
  }

  /** Appends ingest bytes (WebM) to the normaliser's stdin; false when no normaliser takes them. */
  write(chunk: Buffer): boolean {
    const stdin = this.supervisor.child?.stdin;
    // A normaliser that cannot keep up (or a flooding client) must not grow memory without bound.
    if (
      stdin === null ||
      stdin === undefined ||
      stdin.destroyed ||
      stdin.writableLength > 8 * 1024 * 1024
    )
      return false;
    stdin.write(chunk);
    return true;
  }

  get running(): boolean {
    return this.supervisor.running;
  }

  get restarts(): number {
    return this.supervisor.restarts;
  }

  get log(): string[] {
    return this.supervisor.tail;
  }

  /** Kills the normaliser (tests: a lost input); the supervisor brings it back. */
  kill(): void {
    this.supervisor.kill();
  }

  async stop(): Promise<void> {
    if (this.watchdog !== null) clearInterval(this.watchdog);
    this.supervisor.child?.stdin?.end();
    await this.supervisor.stop();
  }
}

function isReadable(s: unknown): s is Readable {
  return typeof s === 'object' && s !== null && 'on' in s && 'read' in s;
}

export function isWritable(s: unknown): s is Writable {
  return typeof s === 'object' && s !== null && 'write' in s && 'writableLength' in s;
}
