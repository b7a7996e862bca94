// HTTP caching for the webcast origin as CDNs and an origin shield expect (issue #16): validators (ETag,
// Last-Modified), conditional requests (304), and byte ranges (RFC 9110 §14: 206, 416). Pure: no I/O.

/** A strong ETag for a file: it changes whenever the file's size or modification time does. */
export function fileEtag(size: number, mtimeMs: number): string {
  return `"${size.toString(16)}-${Math.floor(mtimeMs).toString(16)}"`;
}

/** RFC 9110 §13.1.2 and §13.1.3: true when the client's copy is still good (answer 304). */
export function notModified(
  headers: { ifNoneMatch: string | null; ifModifiedSince: string | null },
  etag: string,
  lastModifiedMs: number | null,
): boolean {
  if (headers.ifNoneMatch !== null)
    return headers.ifNoneMatch
      .split(',')
      .map((t) => t.trim().replace(/^W\//, ''))
      .some((t) => t === '*' || t === etag);
  if (headers.ifModifiedSince !== null && lastModifiedMs !== null) {
    const since = Date.parse(headers.ifModifiedSince);
    // HTTP dates have whole seconds.
    return Number.isFinite(since) && Math.floor(lastModifiedMs / 1000) * 1000 <= since;
  }
  return false;
}

export type RangeAnswer =
  { kind: 'full' } | { kind: 'partial'; start: number; end: number } | { kind: 'unsatisfiable' };

/**
 * One byte range of a file of `size` bytes (RFC 9110 §14.1.2): `bytes=a-b`, `bytes=a-`, `bytes=-n`. Several ranges
 * or a syntax we do not take are answered in full, as the RFC allows; a range wholly past the end is 416.
 */
export function byteRange(header: string | null, size: number): RangeAnswer {
  if (header === null) return { kind: 'full' };
  const m = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!m) return { kind: 'full' };
  const [, a = '', b = ''] = m;
  if (a === '' && b === '') return { kind: 'full' };
  if (a === '') {
    const n = Number(b);
    if (n === 0) return { kind: 'unsatisfiable' };
    return size === 0
      ? { kind: 'unsatisfiable' }
      : { kind: 'partial', start: Math.max(0, size - n), end: size - 1 };
  }
  const start = Number(a);
  if (start >= size) return { kind: 'unsatisfiable' };
  const end = b === '' ? size - 1 : Math.min(Number(b), size - 1);
  if (end < start) return { kind: 'full' };
  return { kind: 'partial', start, end };
}

/**
 * A live media playlist changes every segment: shared caches keep it about half a segment and may serve it stale
 * for another segment while they fetch the next, so a thousand viewers cost the origin about two requests a segment.
 */
export function livePlaylistCache(segmentSeconds: number): string {
  const half = Math.max(1, Math.floor(segmentSeconds / 2));
  return `public, max-age=${half}, s-maxage=${half}, stale-while-revalidate=${Math.max(1, Math.ceil(segmentSeconds))}`;
}
