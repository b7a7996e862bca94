import { describe, expect, it } from 'vitest';
import { byteRange, fileEtag, livePlaylistCache, notModified } from './http-cache.ts';

describe('webcast HTTP caching', () => {
  it('RFC 9110 §14.1.2: byte ranges — first bytes, open end, suffix, clamped end; past the end is unsatisfiable', () => {
    expect(byteRange(null, 100)).toEqual({ kind: 'full' });
    expect(byteRange('bytes=0-9', 100)).toEqual({ kind: 'partial', start: 0, end: 9 });
    expect(byteRange('bytes=90-', 100)).toEqual({ kind: 'partial', start: 90, end: 99 });
    expect(byteRange('bytes=-10', 100)).toEqual({ kind: 'partial', start: 90, end: 99 });
    expect(byteRange('bytes=-500', 100)).toEqual({ kind: 'partial', start: 0, end: 99 });
    expect(byteRange('bytes=50-5000', 100)).toEqual({ kind: 'partial', start: 50, end: 99 });
    expect(byteRange('bytes=100-', 100)).toEqual({ kind: 'unsatisfiable' });
    expect(byteRange('bytes=-0', 100)).toEqual({ kind: 'unsatisfiable' });
    // Several ranges, another unit or nonsense: the whole file, as the RFC allows.
    expect(byteRange('bytes=0-1,5-6', 100)).toEqual({ kind: 'full' });
    expect(byteRange('items=0-1', 100)).toEqual({ kind: 'full' });
    expect(byteRange('bytes=9-3', 100)).toEqual({ kind: 'full' });
  });

  it('RFC 9110 §13.1: If-None-Match wins over If-Modified-Since; weak and listed tags match', () => {
    const etag = fileEtag(1234, 1_700_000_000_500);
    const lm = 1_700_000_000_500;
    const h = (ifNoneMatch: string | null, ifModifiedSince: string | null) => ({
      ifNoneMatch,
      ifModifiedSince,
    });
    expect(notModified(h(etag, null), etag, lm)).toBe(true);
    expect(notModified(h(`"x", W/${etag}`, null), etag, lm)).toBe(true);
    expect(notModified(h('"other"', new Date(lm + 10_000).toUTCString()), etag, lm)).toBe(false);
    expect(notModified(h(null, new Date(lm).toUTCString()), etag, lm)).toBe(true);
    expect(notModified(h(null, new Date(lm - 2000).toUTCString()), etag, lm)).toBe(false);
    expect(notModified(h(null, 'not a date'), etag, lm)).toBe(false);
    expect(fileEtag(1234, lm + 1000)).not.toBe(etag);
  });

  it('live media playlists: shared caches keep them half a segment and may serve them stale for one more', () => {
    expect(livePlaylistCache(4)).toBe('public, max-age=2, s-maxage=2, stale-while-revalidate=4');
    expect(livePlaylistCache(1)).toBe('public, max-age=1, s-maxage=1, stale-while-revalidate=1');
  });
});
