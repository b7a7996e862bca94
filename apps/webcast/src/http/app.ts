// The public HTTP surface under /webcast: live HLS, the archive (VOD, chapters, captions, MP4), the view feed and the player (R25).
import { createHash } from 'node:crypto';
import { createReadStream, existsSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { streamSSE } from 'hono/streaming';
import { edgeGuard, securityHeaders, type EdgeOptions } from '@council/node-server/edge';
import type { ArchiveStore } from '../archive/archive-store.ts';
import { validId } from '../archive/archive-store.ts';
import type { ProgramDriver } from '../driver.ts';
import { chaptersVtt, dateRanges, mediaOffset } from '../pipeline/chapters.ts';
import {
  renderMasterPlaylist,
  renderSubtitlePlaylist,
  renderVodPlaylist,
} from '../pipeline/hls.ts';
import type { Rendition } from '../pipeline/types.ts';
import type { RenditionIndex } from '../process/hls-index.ts';
import { byteRange, fileEtag, livePlaylistCache, notModified } from './http-cache.ts';

export const HLS_TYPE = 'application/vnd.apple.mpegurl';
const SEGMENT_TYPE = 'video/mp2t';
const IMMUTABLE = 'public, max-age=31536000, immutable';
const segmentName = /^[A-Za-z0-9_-]+\.ts$/;

export interface WebcastAppDeps {
  renditions: readonly Rendition[];
  segmentSeconds: number;
  /** Segments in the live playlist. */
  liveWindow: number;
  live: ReadonlyMap<string, RenditionIndex>;
  archive: ArchiveStore;
  driver: ProgramDriver;
  /** Built player (web/dist), or null when not built. */
  webDist: string | null;
  status: () => Record<string, unknown>;
  /** Whether a request may upload captions (the secretary); absent = uploads refused. */
  authorizeCaptions?: (req: Request) => Promise<boolean>;
  /** Whether plenary holds this sitting: captions for a sitting that does not exist are refused. */
  sittingExists?: (sittingId: string) => Promise<boolean>;
  edge?: EdgeOptions | undefined;
}

/** Captions are read only up to this size: a larger body is refused while it streams, never read whole. */
export const MAX_CAPTIONS_BYTES = 5_000_000;

type ErrorCode =
  | 'NOT_FOUND'
  | 'INVALID_INPUT'
  | 'FORBIDDEN'
  | 'UNAVAILABLE'
  | 'INTERNAL'
  | 'PAYLOAD_TOO_LARGE'
  | 'UNSUPPORTED_MEDIA_TYPE';

function problem(
  c: Context,
  status: 400 | 403 | 404 | 413 | 415 | 503 | 500,
  code: ErrorCode,
  message: string,
): Response {
  c.header('Cache-Control', 'no-store');
  return c.json({ code, message }, status);
}

function text(c: Context, body: string, type: string, cache: string): Response {
  c.header('Content-Type', type);
  c.header('Cache-Control', cache);
  // A playlist's tag is its content: a cache revalidates a live playlist with a 304 until the next segment.
  const etag = `"${createHash('sha1').update(body).digest('base64url')}"`;
  c.header('ETag', etag);
  if (notModified(conditional(c), etag, null)) return c.body(null, 304);
  return c.body(body);
}

const conditional = (c: Context) => ({
  ifNoneMatch: c.req.header('if-none-match') ?? null,
  ifModifiedSince: c.req.header('if-modified-since') ?? null,
});

/** A file with validators (ETag, Last-Modified → 304) and one byte range (206; 416 past the end). */
async function file(c: Context, path: string, type: string, cache: string): Promise<Response> {
  let size: number;
  let mtimeMs: number;
  try {
    const st = await stat(path);
    if (!st.isFile()) throw new Error('not a file');
    size = st.size;
    mtimeMs = st.mtimeMs;
  } catch {
    return problem(
      c,
      404,
      'NOT_FOUND',
      'No such file; it may have been removed or not written yet.',
    );
  }
  const etag = fileEtag(size, mtimeMs);
  c.header('Content-Type', type);
  c.header('Cache-Control', cache);
  c.header('ETag', etag);
  c.header('Last-Modified', new Date(mtimeMs).toUTCString());
  c.header('Accept-Ranges', 'bytes');
  if (notModified(conditional(c), etag, mtimeMs)) return c.body(null, 304);
  // If-Range: a range only of the very version the client has, else the whole file.
  const ifRange = c.req.header('if-range');
  const range =
    ifRange === undefined || ifRange === etag
      ? byteRange(c.req.header('range') ?? null, size)
      : ({ kind: 'full' } as const);
  if (range.kind === 'unsatisfiable') {
    c.header('Content-Range', `bytes */${size}`);
    c.header('Cache-Control', 'no-store');
    return c.body(null, 416);
  }
  if (range.kind === 'partial') {
    c.header('Content-Range', `bytes ${range.start}-${range.end}/${size}`);
    c.header('Content-Length', String(range.end - range.start + 1));
    return c.body(streamFile(path, range.start, range.end), 206);
  }
  c.header('Content-Length', String(size));
  return c.body(streamFile(path));
}

/** A file (or the bytes start..end of it) as a web stream with back-pressure (pull): an 8-hour MP4 is gigabytes. */
function streamFile(path: string, start?: number, end?: number): ReadableStream<Uint8Array> {
  const stream = createReadStream(path, start === undefined ? {} : { start, end });
  const chunks = stream[Symbol.asyncIterator]();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const next: IteratorResult<Buffer> = await chunks.next();
      if (next.done === true) controller.close();
      else controller.enqueue(next.value);
    },
    cancel() {
      stream.destroy();
    },
  });
}

const staticTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
};

export function createWebcastApp(deps: WebcastAppDeps): Hono {
  // strict: false so /webcast and /webcast/ are the same page.
  const app = new Hono({ strict: false }).basePath('/webcast');
  const rendition = (name: string): Rendition | undefined =>
    deps.renditions.find((r) => r.name === name);
  const liveCache = livePlaylistCache(deps.segmentSeconds);

  app.onError((err, c) => {
    const id = crypto.randomUUID();
    console.error(`webcast ${id}:`, err);
    c.header('X-Request-Id', id);
    return problem(c, 500, 'INTERNAL', `Something went wrong (request ${id}).`);
  });
  // The shared edge (issue 11 item 6): the CSP on the player's pages (the embed may be framed by any site), a foreign
  // Origin 403, and the one body it takes (captions) as WebVTT or plain text.
  app.use(securityHeaders((path) => (path.endsWith('/embed') ? { frameAncestors: ['*'] } : {})));
  app.use(
    edgeGuard({
      ...deps.edge,
      bodyTypes: (path, method) =>
        method === 'PUT' && path.endsWith('/captions.vtt') ? ['text/vtt', 'text/plain'] : [],
      refuse: (c, status, code, message) => problem(c, status, code, message),
    }),
  );
  app.notFound((c) =>
    problem(c, 404, 'NOT_FOUND', 'Nothing here. The live stream is at /webcast/live/master.m3u8.'),
  );

  // Live
  app.get('/live/master.m3u8', (c) =>
    text(c, renderMasterPlaylist(deps.renditions), HLS_TYPE, 'public, max-age=60'),
  );
  app.get('/live/:rendition/index.m3u8', (c) => {
    const idx = deps.live.get(c.req.param('rendition'));
    if (idx === undefined) return problem(c, 404, 'NOT_FOUND', 'No such rendition.');
    if (idx.segments.length === 0)
      return problem(
        c,
        503,
        'UNAVAILABLE',
        'The live stream is starting; try again in a few seconds.',
      );
    return text(c, idx.livePlaylist(deps.liveWindow, deps.segmentSeconds), HLS_TYPE, liveCache);
  });
  const segment = (c: Context, r: string, name: string): Promise<Response> | Response => {
    if (rendition(r) === undefined || !segmentName.test(name))
      return problem(c, 404, 'NOT_FOUND', 'No such segment.');
    return file(c, join(deps.archive.mediaDir(r), name), SEGMENT_TYPE, IMMUTABLE);
  };
  app.get('/live/:rendition/:segment', (c) =>
    segment(c, c.req.param('rendition'), c.req.param('segment')),
  );

  // Archive
  app.get('/archive', (c) => {
    c.header('Cache-Control', 'public, max-age=30');
    return c.json({ archives: deps.archive.list() });
  });
  app.get('/archive/:id/master.m3u8', (c) => {
    const id = c.req.param('id');
    if (deps.archive.get(id) === null)
      return problem(
        c,
        404,
        'NOT_FOUND',
        'No archive for this sitting (yet): it is published when the sitting closes.',
      );
    const subtitles = deps.archive.captions(id) === null ? undefined : 'captions.m3u8';
    return text(
      c,
      renderMasterPlaylist(deps.renditions, { subtitles }),
      HLS_TYPE,
      'public, max-age=60',
    );
  });
  app.get('/archive/:id/index.json', (c) => {
    const m = deps.archive.get(c.req.param('id'));
    if (m === null) return problem(c, 404, 'NOT_FOUND', 'No archive for this sitting.');
    const first = Object.values(m.renditions)[0]?.segments ?? [];
    c.header('Cache-Control', 'public, max-age=60');
    return c.json({
      sittingId: m.sittingId,
      title: m.title,
      range: m.range,
      duration: first.reduce((s, x) => s + x.duration, 0),
      chapters: m.chapters.map((ch) => ({
        ...ch,
        offset: mediaOffset(first, ch.start),
        endOffset: mediaOffset(first, ch.end),
      })),
      captions: deps.archive.captions(m.sittingId) !== null,
      downloads: {
        sitting: 'download.mp4',
        items: [...new Set(m.chapters.filter((ch) => ch.kind === 'item').map((ch) => ch.itemId))]
          .filter((i) => i !== null)
          .map((i) => `download.mp4?item=${i}`),
      },
    });
  });
  app.get('/archive/:id/chapters.vtt', (c) => {
    const m = deps.archive.get(c.req.param('id'));
    const first = m === null ? undefined : Object.values(m.renditions)[0];
    if (m === null || first === undefined)
      return problem(c, 404, 'NOT_FOUND', 'No archive for this sitting.');
    return text(
      c,
      chaptersVtt(m.chapters, first.segments),
      'text/vtt; charset=utf-8',
      'public, max-age=60',
    );
  });
  app.get('/archive/:id/captions.vtt', (c) => {
    const vtt = deps.archive.captions(c.req.param('id'));
    return vtt === null
      ? problem(c, 404, 'NOT_FOUND', 'No captions for this sitting yet.')
      : text(c, vtt, 'text/vtt; charset=utf-8', 'public, max-age=60');
  });
  app.get('/archive/:id/captions.m3u8', (c) => {
    const m = deps.archive.get(c.req.param('id'));
    const first = m === null ? undefined : Object.values(m.renditions)[0];
    if (m === null || first === undefined || deps.archive.captions(m.sittingId) === null)
      return problem(c, 404, 'NOT_FOUND', 'No captions for this sitting.');
    return text(
      c,
      renderSubtitlePlaylist(
        first.segments.reduce((s, x) => s + x.duration, 0),
        'captions.vtt',
      ),
      HLS_TYPE,
      'public, max-age=60',
    );
  });
  const captionsLimit = bodyLimit({
    maxSize: MAX_CAPTIONS_BYTES,
    onError: (c) => problem(c, 413, 'PAYLOAD_TOO_LARGE', 'Captions may be at most 5 MB of WebVTT.'),
  });
  app.put('/archive/:id/captions.vtt', captionsLimit, async (c) => {
    const id = c.req.param('id');
    if (deps.authorizeCaptions === undefined || !(await deps.authorizeCaptions(c.req.raw))) {
      return problem(
        c,
        403,
        'FORBIDDEN',
        'Only the secretary may upload captions; sign in to the desk first.',
      );
    }
    if (!validId(id)) return problem(c, 400, 'INVALID_INPUT', 'Not a sitting id.');
    if (deps.sittingExists !== undefined && !(await deps.sittingExists(id)))
      return problem(
        c,
        404,
        'NOT_FOUND',
        'There is no such sitting; captions belong to a sitting.',
      );
    const body = await c.req.text();
    if (!/^\uFEFF?WEBVTT(?:[ \t][^\n]*)?\r?\n/.test(body)) {
      return problem(
        c,
        400,
        'INVALID_INPUT',
        'Captions must be a WebVTT file (starting with "WEBVTT"), at most 5 MB.',
      );
    }
    deps.archive.saveCaptions(id, body);
    c.header('Cache-Control', 'no-store');
    return c.json({ ok: true });
  });
  app.get('/archive/:id/download.mp4', async (c) => {
    const id = c.req.param('id');
    const r = c.req.query('rendition') ?? deps.renditions[0]?.name ?? '';
    const item = c.req.query('item') ?? null;
    if (
      deps.archive.get(id) === null ||
      rendition(r) === undefined ||
      (item !== null && !validId(item))
    )
      return problem(c, 404, 'NOT_FOUND', 'No such archive, rendition or item.');
    if (deps.archive.ffmpeg === null)
      return problem(
        c,
        503,
        'UNAVAILABLE',
        'MP4 downloads need ffmpeg, which this server does not have; the HLS archive still plays.',
      );
    let path: string;
    try {
      path = await deps.archive.exportMp4(id, r, item);
    } catch (err) {
      if (err instanceof RangeError) return problem(c, 404, 'NOT_FOUND', err.message);
      throw err;
    }
    c.header(
      'Content-Disposition',
      `attachment; filename="${id}${item === null ? '' : `-${item}`}.mp4"`,
    );
    return file(c, path, 'video/mp4', 'public, max-age=3600');
  });
  app.get('/archive/:id/:rendition/index.m3u8', (c) => {
    const m = deps.archive.get(c.req.param('id'));
    const r = m?.renditions[c.req.param('rendition')];
    if (m === null || r === undefined)
      return problem(c, 404, 'NOT_FOUND', 'No such archive or rendition.');
    return text(
      c,
      renderVodPlaylist(
        r.segments,
        dateRanges(m.chapters),
        deps.segmentSeconds,
        new Set(r.gapsBefore),
      ),
      HLS_TYPE,
      'public, max-age=300',
    );
  });
  app.get('/archive/:id/:rendition/:segment', (c) => {
    // Served from the archive's own copy: a left-out (confidential) stretch is not there to serve.
    const path = deps.archive.segmentPath(
      c.req.param('id'),
      c.req.param('rendition'),
      c.req.param('segment'),
    );
    if (path === null) return problem(c, 404, 'NOT_FOUND', 'No such segment in this archive.');
    return file(c, path, SEGMENT_TYPE, IMMUTABLE);
  });

  // The view beside the picture: the current one, and a stream of changes stamped with the webcast clock.
  app.get('/api/view', (c) => {
    // Public and the same for every viewer: a shared cache may hold it a second (the SSE stream is the live path).
    c.header('Cache-Control', 'public, max-age=1, s-maxage=1, stale-while-revalidate=2');
    return c.json({ view: deps.driver.view, program: deps.driver.program });
  });
  app.get('/api/status', (c) => {
    c.header('Cache-Control', 'no-store');
    return c.json(deps.status());
  });
  app.get('/api/events', (c) => {
    c.header('Cache-Control', 'no-store');
    return streamSSE(c, async (stream) => {
      const queue: string[] = [];
      let wake: (() => void) | null = null;
      const off = deps.driver.subscribe((v) => {
        queue.push(JSON.stringify(v));
        wake?.();
      });
      stream.onAbort(() => {
        off();
        wake?.();
      });
      const first = deps.driver.view;
      if (first !== null) await stream.writeSSE({ event: 'view', data: JSON.stringify(first) });
      while (!stream.aborted) {
        const next = queue.shift();
        if (next !== undefined) {
          await stream.writeSSE({ event: 'view', data: next });
          continue;
        }
        await new Promise<void>((r) => {
          wake = r;
          setTimeout(r, 15_000);
        });
        wake = null;
        if (queue.length === 0 && !stream.aborted)
          await stream.writeSSE({ event: 'ping', data: '' });
      }
      off();
    });
  });

  // The player (Svelte, built into web/dist)
  const serveStatic = async (c: Context, rel: string): Promise<Response> => {
    if (deps.webDist === null || !existsSync(deps.webDist)) {
      return problem(
        c,
        503,
        'UNAVAILABLE',
        'The player is not built: run `npm run build -w apps/webcast`.',
      );
    }
    const path = normalize(join(deps.webDist, rel));
    if (!path.startsWith(normalize(deps.webDist)))
      return problem(c, 404, 'NOT_FOUND', 'No such file.');
    const type = staticTypes[extname(path)] ?? 'application/octet-stream';
    const cache = rel.startsWith('assets/') ? IMMUTABLE : 'public, max-age=60';
    return file(c, path, type, cache);
  };
  app.get('/', (c) => serveStatic(c, 'index.html'));
  app.get('/embed', (c) => serveStatic(c, 'index.html'));
  app.get('/assets/:file', (c) => serveStatic(c, `assets/${c.req.param('file')}`));
  return app;
}
