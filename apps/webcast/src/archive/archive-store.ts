// The archive: marks recorded during the sitting, the published index (chapters, kept segments), captions and MP4 exports.
// Published when the sitting closes; confidential items are cut out, never blurred (R13, R25).
import { spawnBound } from '@council/node-server/bound-child';
import {
  appendFileSync,
  copyFileSync,
  existsSync,
  linkSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import {
  chaptersFrom,
  selectArchiveSegments,
  type Chapter,
  type Interval,
  type Mark,
} from '../pipeline/chapters.ts';
import { concatList, exportMp4Args } from '../pipeline/ffmpeg-args.ts';
import type { SegmentRecord } from '../pipeline/hls.ts';
import type { Rendition } from '../pipeline/types.ts';
import { z } from 'zod';
import { readIndex } from '../process/hls-index.ts';

export interface ArchiveManifest {
  sittingId: string;
  title: string;
  publishedAt: string;
  range: Interval;
  chapters: Chapter[];
  excluded: Interval[];
  renditions: Record<string, { segments: SegmentRecord[]; gapsBefore: number[] }>;
}

const intervalSchema = z.object({ start: z.string(), end: z.string() });
const markSchema = z.object({
  at: z.string(),
  status: z.enum(['scheduled', 'open', 'adjourned', 'closed']),
  itemId: z.string().nullable(),
  item: z.string(),
  closed: z.boolean(),
  speaker: z
    .object({ memberId: z.string(), name: z.string(), party: z.string(), kind: z.string() })
    .nullable(),
});
const segmentSchema = z.object({
  seq: z.number(),
  uri: z.string(),
  duration: z.number(),
  pdt: z.string(),
  run: z.string(),
});
const manifestSchema = z.object({
  sittingId: z.string(),
  title: z.string(),
  publishedAt: z.string(),
  range: intervalSchema,
  chapters: z.array(
    z.object({
      id: z.string(),
      kind: z.enum(['item', 'speech']),
      title: z.string(),
      itemId: z.string().nullable(),
      start: z.string(),
      end: z.string(),
    }),
  ),
  excluded: z.array(intervalSchema),
  renditions: z.record(
    z.string(),
    z.object({ segments: z.array(segmentSchema), gapsBefore: z.array(z.number()) }),
  ),
});

const idPattern = /^[A-Za-z0-9_-]{1,64}$/;

export function validId(id: string): boolean {
  return idPattern.test(id);
}

function assertId(id: string): void {
  if (!validId(id))
    throw new RangeError(`not a sitting or item id: ${JSON.stringify(id.slice(0, 70))}`);
}

/** Hard-links a segment into an archive (copies across file systems); false if it is gone. */
function linkInto(from: string, to: string): boolean {
  if (existsSync(to)) return true;
  try {
    linkSync(from, to);
    return true;
  } catch (err) {
    if (err instanceof Error && 'code' in err && err.code === 'ENOENT') return false;
    copyFileSync(from, to);
    return true;
  }
}

function writeAtomic(path: string, text: string): void {
  writeFileSync(`${path}.tmp`, text);
  renameSync(`${path}.tmp`, path);
}

const summarySchema = z.object({
  sittingId: z.string(),
  title: z.string(),
  start: z.string(),
  end: z.string(),
});
export type ArchiveSummary = z.infer<typeof summarySchema>;

export class ArchiveStore {
  private readonly exports = new Map<string, Promise<string>>();
  private readonly cache = new Map<string, { mtimeMs: number; manifest: ArchiveManifest }>();

  constructor(
    /** `<dataDir>/webcast` */
    readonly root: string,
    private readonly renditions: readonly Rendition[],
    /** Set once ffmpeg is resolved; MP4 exports need it. */
    public ffmpeg: string | null,
  ) {
    mkdirSync(join(root, 'archive'), { recursive: true });
    mkdirSync(join(root, 'sittings'), { recursive: true });
    mkdirSync(join(root, 'index'), { recursive: true });
  }

  mediaDir(rendition: string): string {
    return join(this.root, 'media', rendition);
  }

  indexPath(rendition: string): string {
    return join(this.root, 'index', `${rendition}.jsonl`);
  }

  private sittingDir(id: string): string {
    assertId(id);
    const dir = join(this.root, 'sittings', id);
    mkdirSync(dir, { recursive: true });
    return dir;
  }

  private archiveDir(id: string): string {
    assertId(id);
    return join(this.root, 'archive', id);
  }

  appendMark(sittingId: string, mark: Mark): void {
    appendFileSync(join(this.sittingDir(sittingId), 'marks.jsonl'), JSON.stringify(mark) + '\n');
  }

  readMarks(sittingId: string): Mark[] {
    const path = join(this.sittingDir(sittingId), 'marks.jsonl');
    if (!existsSync(path)) return [];
    return readFileSync(path, 'utf8')
      .split('\n')
      .filter((l) => l.trim() !== '')
      .map((l) => markSchema.parse(JSON.parse(l)));
  }

  /** Cuts the archive of a sitting from the recorded marks and the segment index. */
  publish(sittingId: string, title: string, endAt: string): ArchiveManifest | null {
    const { chapters, excluded, range } = chaptersFrom(this.readMarks(sittingId), endAt);
    if (range === null) return null;
    const renditions: ArchiveManifest['renditions'] = {};
    for (const r of this.renditions) {
      const { segments, gapsBefore } = selectArchiveSegments(
        readIndex(this.indexPath(r.name)),
        range,
        excluded,
      );
      // Hard links: the archive holds its own segments (no copy on one disk), so live media can be pruned by age.
      const dir = join(this.archiveDir(sittingId), r.name);
      mkdirSync(dir, { recursive: true });
      const kept = segments.filter((seg) =>
        linkInto(join(this.mediaDir(r.name), seg.uri), join(dir, seg.uri)),
      );
      renditions[r.name] = { segments: kept, gapsBefore: [...gapsBefore] };
    }
    const manifest: ArchiveManifest = {
      sittingId,
      title,
      publishedAt: new Date().toISOString(),
      range,
      chapters,
      excluded,
      renditions,
    };
    mkdirSync(this.archiveDir(sittingId), { recursive: true });
    writeAtomic(join(this.archiveDir(sittingId), 'archive.json'), JSON.stringify(manifest));
    const summary: ArchiveSummary = { sittingId, title, start: range.start, end: range.end };
    writeAtomic(join(this.archiveDir(sittingId), 'summary.json'), JSON.stringify(summary));
    return manifest;
  }

  /**
   * A published archive. An 8-hour sitting's manifest is megabytes, and every segment request
   * asks for it: the last few are kept parsed (keyed by file time, so a re-publish is seen).
   */
  get(sittingId: string): ArchiveManifest | null {
    return this.cached(sittingId)?.manifest ?? null;
  }

  /** Where an archive keeps a segment; only the segments kept in the archive exist there. */
  segmentPath(sittingId: string, rendition: string, uri: string): string | null {
    if (!validId(sittingId) || !validId(rendition) || !/^[A-Za-z0-9_-]+\.ts$/.test(uri))
      return null;
    return join(this.archiveDir(sittingId), rendition, uri);
  }

  private cached(sittingId: string): { mtimeMs: number; manifest: ArchiveManifest } | null {
    if (!validId(sittingId)) return null;
    const path = join(this.archiveDir(sittingId), 'archive.json');
    let mtimeMs: number;
    try {
      mtimeMs = statSync(path).mtimeMs;
    } catch {
      return null; // not published
    }
    const hit = this.cache.get(sittingId);
    if (hit !== undefined && hit.mtimeMs === mtimeMs) {
      this.cache.delete(sittingId); // most recently used last
      this.cache.set(sittingId, hit);
      return hit;
    }
    const manifest = manifestSchema.parse(JSON.parse(readFileSync(path, 'utf8')));
    const entry = { mtimeMs, manifest };
    this.cache.set(sittingId, entry);
    for (const k of [...this.cache.keys()].slice(0, Math.max(0, this.cache.size - 4)))
      this.cache.delete(k);
    return entry;
  }

  /** Every published archive, newest first (from the small summary files). */
  list(): ArchiveSummary[] {
    const dir = join(this.root, 'archive');
    return readdirSync(dir)
      .filter(validId)
      .flatMap((id) => {
        try {
          return [
            summarySchema.parse(JSON.parse(readFileSync(join(dir, id, 'summary.json'), 'utf8'))),
          ];
        } catch {
          return []; // not published (captions only) or an older layout
        }
      })
      .sort((a, b) => b.start.localeCompare(a.start));
  }

  captions(sittingId: string): string | null {
    if (!validId(sittingId)) return null;
    const path = join(this.archiveDir(sittingId), 'captions.vtt');
    return existsSync(path) ? readFileSync(path, 'utf8') : null;
  }

  saveCaptions(sittingId: string, vtt: string): void {
    mkdirSync(this.archiveDir(sittingId), { recursive: true });
    writeAtomic(join(this.archiveDir(sittingId), 'captions.vtt'), vtt);
  }

  /** An MP4 of the sitting or of one item, by stream copy of its segments; made once, then cached. */
  exportMp4(sittingId: string, rendition: string, itemId: string | null): Promise<string> {
    const m = this.get(sittingId);
    const r = m?.renditions[rendition];
    if (m === null || r === undefined)
      return Promise.reject(new RangeError('no such archive or rendition'));
    if (itemId !== null) assertId(itemId);
    const ffmpeg = this.ffmpeg;
    if (ffmpeg === null) return Promise.reject(new Error('ffmpeg is not available'));
    const name = `${rendition}${itemId === null ? '' : `-${itemId}`}.mp4`;
    const out = join(this.archiveDir(sittingId), name);
    if (existsSync(out)) return Promise.resolve(out);
    const key = out;
    const running = this.exports.get(key);
    if (running !== undefined) return running;
    const chapters =
      itemId === null ? null : m.chapters.filter((c) => c.kind === 'item' && c.itemId === itemId);
    if (chapters !== null && chapters.length === 0)
      return Promise.reject(new RangeError('no such item in this archive'));
    const inChapter = (s: SegmentRecord): boolean =>
      chapters === null ||
      chapters.some(
        (c) =>
          Date.parse(s.pdt) + s.duration * 1000 > Date.parse(c.start) &&
          Date.parse(s.pdt) < Date.parse(c.end),
      );
    const files = r.segments
      .filter(inChapter)
      .map((s) => join(this.archiveDir(sittingId), rendition, s.uri));
    const list = join(this.archiveDir(sittingId), `${name}.txt`);
    writeFileSync(list, concatList(files));
    const job = new Promise<string>((resolve, reject) => {
      const child = spawnBound(ffmpeg, exportMp4Args(list, `${out}.part.mp4`), {
        stdio: ['ignore', 'ignore', 'pipe'],
      });
      let err = '';
      child.stderr?.on('data', (d: Buffer) => (err = (err + d.toString()).slice(-2000)));
      child.on('error', reject);
      child.on('close', (code) => {
        if (code === 0) {
          renameSync(`${out}.part.mp4`, out);
          resolve(out);
        } else reject(new Error(`mp4 export failed: ${err.trim().split('\n').at(-1) ?? code}`));
      });
    }).finally(() => this.exports.delete(key));
    this.exports.set(key, job);
    return job;
  }
}
