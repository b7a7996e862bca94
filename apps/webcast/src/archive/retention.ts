// Disk retention: segments nobody can ask for any more are deleted, so a webcast running all week does not fill the disk.
// Kept: segments of published archives, of the sitting now running, and of the last `retainMs`.
import {
  readdirSync,
  readFileSync,
  renameSync,
  statSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';

export interface SegmentFile {
  name: string;
  mtimeMs: number;
}

/** Pure: which segment files to delete. */
export function segmentsToDelete(
  files: readonly SegmentFile[],
  o: { keep: ReadonlySet<string>; keepSince: number | null; now: number; retainMs: number },
): string[] {
  const cutoff = Math.min(o.now - o.retainMs, o.keepSince ?? Infinity);
  return files
    .filter((f) => f.name.endsWith('.ts') && !o.keep.has(f.name) && f.mtimeMs < cutoff)
    .map((f) => f.name);
}

/** Deletes old segment files of one rendition and drops them from its JSON-lines index; returns how many went. */
export function pruneRendition(
  mediaDir: string,
  indexPath: string,
  o: { keep: ReadonlySet<string>; keepSince: number | null; now: number; retainMs: number },
): number {
  let names: string[];
  try {
    names = readdirSync(mediaDir);
  } catch {
    return 0; // nothing written yet
  }
  const files = names
    .filter((n) => n.endsWith('.ts'))
    .map((name) => ({ name, mtimeMs: statSync(join(mediaDir, name)).mtimeMs }));
  const gone = new Set(segmentsToDelete(files, o));
  if (gone.size === 0) return 0;
  for (const name of gone) unlinkSync(join(mediaDir, name));
  // Same thread as the appends: nothing can be appended between this read and the rename.
  try {
    const kept = readFileSync(indexPath, 'utf8')
      .split('\n')
      .filter((l) => l.trim() !== '' && !gone.has(/"uri":"([^"]+)"/.exec(l)?.[1] ?? ''));
    writeFileSync(`${indexPath}.tmp`, kept.length === 0 ? '' : kept.join('\n') + '\n');
    renameSync(`${indexPath}.tmp`, indexPath);
  } catch {
    // no index yet: only files to delete
  }
  return gone.size;
}
