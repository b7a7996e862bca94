// Follows the playlists ffmpeg writes and keeps Node's own index: a small window in memory for the live
// playlist, and an append-only JSON-lines file per rendition that the archive is cut from.
import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import {
  normalisePdt,
  parseMediaPlaylist,
  renderLivePlaylist,
  type SegmentRecord,
} from '../pipeline/hls.ts';

const KEEP_IN_MEMORY = 120;

export class RenditionIndex {
  private readonly recent: SegmentRecord[] = [];
  private readonly seen = new Set<string>();
  private nextSeq = 0;
  private lastOfRun: { run: string; n: number; offset: number; duration: number } | null = null;
  /** Discontinuities (compositor restarts) that scrolled out of the window, for EXT-X-DISCONTINUITY-SEQUENCE. */
  discontinuitiesBefore = 0;

  constructor(
    readonly name: string,
    /** ffmpeg's playlist for this rendition. */
    private readonly playlistPath: string,
    /** Node's index file (JSON lines of SegmentRecord). */
    readonly indexPath: string,
    /** Wall-clock ms of a media time (s) of a compositor run, when known (else ffmpeg's program date time is used). */
    private readonly timeAt: (run: string, offset: number) => number | undefined = () => undefined,
  ) {
    if (existsSync(indexPath)) {
      const text = readFileSync(indexPath, 'utf8');
      this.mirrored = Buffer.byteLength(text);
      const lines = text.trimEnd().split('\n');
      const last = lines.at(-1);
      if (last !== undefined && last !== '') this.nextSeq = parseRecord(last).seq + 1;
      // A new process is a new compositor run: the first segment after it is a discontinuity.
    }
  }

  get segments(): readonly SegmentRecord[] {
    return this.recent;
  }

  /** The live playlist: the last `window` segments. */
  livePlaylist(window: number, segmentSeconds: number): string {
    const start = Math.max(0, this.recent.length - window);
    let before = this.discontinuitiesBefore;
    for (let i = 1; i <= start; i++)
      if (this.recent[i]?.run !== this.recent[i - 1]?.run) before += 1;
    return renderLivePlaylist(this.recent, window, segmentSeconds, before);
  }

  private pdtOf(run: string, s: { uri: string; duration: number; pdt: string | null }): string {
    const n = Number(/-(\d+)\.ts$/.exec(s.uri)?.[1] ?? NaN);
    const last = this.lastOfRun;
    const offset =
      last !== null && last.run === run && last.n === n - 1
        ? last.offset + last.duration
        : n * s.duration;
    this.lastOfRun = { run, n, offset, duration: s.duration };
    const at = Number.isNaN(n) ? undefined : this.timeAt(run, offset);
    if (at === undefined) return s.pdt === null ? new Date().toISOString() : normalisePdt(s.pdt);
    return new Date(at).toISOString();
  }

  /** How far into the index file `mirror()` has read. */
  private mirrored = 0;

  /**
   * A standby (issue 16): another node's compositor writes the segments and this index's file on the shared data
   * directory; read the records it appended since the last call, so this node serves the same live playlist and, on
   * taking over, numbers its own segments on from the last one. Returns how many were new.
   */
  async mirror(): Promise<number> {
    let text: string;
    try {
      const all = await readFile(this.indexPath);
      if (all.length < this.mirrored) this.mirrored = 0; // a new file: read it from the start
      text = all.subarray(this.mirrored).toString('utf8');
    } catch {
      return 0;
    }
    // Only whole lines: the writer may be half-way through one.
    const end = text.lastIndexOf('\n');
    if (end < 0) return 0;
    this.mirrored += Buffer.byteLength(text.slice(0, end + 1));
    let added = 0;
    for (const line of text.slice(0, end).split('\n')) {
      if (line.trim() === '') continue;
      const rec = parseRecord(line);
      if (this.seen.has(rec.uri) || rec.seq < this.nextSeq) continue;
      this.seen.add(rec.uri);
      this.recent.push(rec);
      this.nextSeq = rec.seq + 1;
      added += 1;
    }
    this.trim();
    return added;
  }

  /** Reads ffmpeg's playlist and records any new segment; returns how many were new. */
  async poll(): Promise<number> {
    let text: string;
    try {
      text = await readFile(this.playlistPath, 'utf8');
    } catch {
      return 0; // not written yet
    }
    let added = 0;
    for (const s of parseMediaPlaylist(text)) {
      if (this.seen.has(s.uri)) continue;
      this.seen.add(s.uri);
      const run = s.uri.split('-')[0] ?? '';
      const rec: SegmentRecord = {
        seq: this.nextSeq++,
        uri: s.uri,
        duration: s.duration,
        pdt: this.pdtOf(run, s),
        run,
      };
      this.recent.push(rec);
      const line = JSON.stringify(rec) + '\n';
      appendFileSync(this.indexPath, line);
      this.mirrored += Buffer.byteLength(line);
      added += 1;
    }
    this.trim();
    return added;
  }

  private trim(): void {
    while (this.recent.length > KEEP_IN_MEMORY) {
      const [gone, next] = this.recent;
      if (gone !== undefined && next !== undefined && gone.run !== next.run)
        this.discontinuitiesBefore += 1;
      this.recent.shift();
      if (gone !== undefined) this.seen.delete(gone.uri);
    }
  }
}

export function parseRecord(line: string): SegmentRecord {
  const v: unknown = JSON.parse(line);
  if (typeof v !== 'object' || v === null) throw new TypeError('segment record must be an object');
  const get = (k: string): unknown => Reflect.get(v, k);
  const seq = get('seq');
  const uri = get('uri');
  const duration = get('duration');
  const pdt = get('pdt');
  const run = get('run');
  if (
    typeof seq !== 'number' ||
    typeof uri !== 'string' ||
    typeof duration !== 'number' ||
    typeof pdt !== 'string' ||
    typeof run !== 'string'
  ) {
    throw new TypeError(`bad segment record: ${line.slice(0, 120)}`);
  }
  return { seq, uri, duration, pdt, run };
}

/** Every segment ever recorded for a rendition (the archive's source). */
export function readIndex(indexPath: string): SegmentRecord[] {
  if (!existsSync(indexPath)) return [];
  return readFileSync(indexPath, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map(parseRecord);
}
