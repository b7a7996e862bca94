import { mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { pruneRendition, segmentsToDelete } from './retention.ts';

const H = 3_600_000;
const now = 100 * H;
const files = [
  { name: 'r-1.ts', mtimeMs: now - 10 * H },
  { name: 'r-2.ts', mtimeMs: now - 8 * H },
  { name: 'r-3.ts', mtimeMs: now - 2 * H },
  { name: 'ffmpeg.m3u8', mtimeMs: now - 20 * H },
];

describe('segmentsToDelete', () => {
  it('deletes segments older than the retention that no archive uses', () => {
    expect(
      segmentsToDelete(files, { keep: new Set(['r-2.ts']), keepSince: null, now, retainMs: 6 * H }),
    ).toEqual(['r-1.ts']);
  });
  it('R25: keeps everything since the running sitting began, however long it runs', () => {
    expect(
      segmentsToDelete(files, { keep: new Set(), keepSince: now - 9 * H, now, retainMs: 6 * H }),
    ).toEqual(['r-1.ts']);
    expect(
      segmentsToDelete(files, { keep: new Set(), keepSince: now - 12 * H, now, retainMs: 6 * H }),
    ).toEqual([]);
  });
});

describe('pruneRendition', () => {
  it('deletes the files and their index lines, and nothing else', () => {
    const dir = mkdtempSync(join(tmpdir(), 'webcast-retention-'));
    try {
      const old = (Date.now() - 10 * H) / 1000;
      const lines = ['a-000001.ts', 'a-000002.ts', 'a-000003.ts'].map((uri, i) => {
        writeFileSync(join(dir, uri), 'x');
        if (i < 2) utimesSync(join(dir, uri), old, old);
        return JSON.stringify({
          seq: i,
          uri,
          duration: 1,
          pdt: new Date().toISOString(),
          run: 'a',
        });
      });
      writeFileSync(join(dir, 'ffmpeg.m3u8'), '#EXTM3U');
      utimesSync(join(dir, 'ffmpeg.m3u8'), old, old);
      const index = join(dir, 'index.jsonl');
      writeFileSync(index, lines.join('\n') + '\n');
      expect(
        pruneRendition(dir, index, {
          keep: new Set(['a-000002.ts']),
          keepSince: null,
          now: Date.now(),
          retainMs: 6 * H,
        }),
      ).toBe(1);
      expect(readdirSync(dir).sort()).toEqual([
        'a-000002.ts',
        'a-000003.ts',
        'ffmpeg.m3u8',
        'index.jsonl',
      ]);
      expect(readFileSync(index, 'utf8')).not.toContain('a-000001.ts');
      expect(readFileSync(index, 'utf8').trim().split('\n')).toHaveLength(2);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
