// The webcast service: wires feeds, the compositor, the HLS index, the archive, the follower and the HTTP app.
// ffmpeg dying never takes the host down: every ffmpeg is supervised and restarted with back-off.
import { createRequire } from 'node:module';
import type { Server } from 'node:http';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PublicSittingView } from '@council/shared';
import type { Hono } from 'hono';
import type { Leader } from '@council/db';
import { ArchiveStore } from './archive/archive-store.ts';
import { pruneRendition } from './archive/retention.ts';
import { ProgramDriver } from './driver.ts';
import { followPlenary } from './follow/plenary-follower.ts';
import { createWebcastApp } from './http/app.ts';
import type { EdgeOptions } from '@council/node-server/edge';
import { createIngest, type AuthorizeIngest } from './http/ingest.ts';
import { demoChamberSource, parseSource } from './pipeline/ffmpeg-args.ts';
import {
  assertDimensions,
  defaultRenditions,
  type Dimensions,
  type FeedId,
  type Rendition,
} from './pipeline/types.ts';
import { Compositor } from './process/compositor.ts';
import { Feed } from './process/feed.ts';
import { atLeast, ffmpegVersion, resolveFfmpeg } from './process/ffmpeg-path.ts';
import { RenditionIndex } from './process/hls-index.ts';

export interface WebcastDeps {
  dataDir: string;
  plenaryUrl: string;
  /** An ffmpeg input URL; undefined = the synthetic demo source. */
  chamberSource?: string;
  ffmpegPath?: string;
  authorizeIngest?: AuthorizeIngest;
  authorizeCaptions?: (req: Request) => Promise<boolean>;
  sittingExists?: (sittingId: string) => Promise<boolean>;
  log?: (msg: string) => void;
  /** Tuning (tests, bench): programme size, renditions, segment length, x264 preset. */
  dimensions?: Dimensions;
  renditions?: readonly Rendition[];
  segmentSeconds?: number;
  preset?: string;
  /** false: do not connect to plenary (tests drive views through onView). */
  follow?: boolean;
  liveWindow?: number;
  publishDelayMs?: number;
  /** Segments no archive uses and older than this are deleted (default 6 h). */
  retainHours?: number;
  /** Trusted proxies and allowed origins (CSRF at the edge, issue 11 item 6). */
  edge?: EdgeOptions | undefined;
  /**
   * Several webcast nodes on one shared data directory (issue 16): only the leader runs the chamber feed and the
   * compositor and writes the index and the archive; the others mirror the index and serve the same playlists and
   * segments, and one of them takes over when the leader goes. Without it this node leads alone.
   */
  leader?: Leader;
}

export interface WebcastService {
  app: Hono;
  start(): Promise<void>;
  close(): Promise<void>;
  attachUpgrade(server: Server): void;
  /** Feeds a public view as if it came from plenary. */
  onView(view: PublicSittingView): void;
  driver: ProgramDriver;
  compositor(): Compositor | null;
  /** Whether this node runs the compositor now. */
  leading(): boolean;
  feed(id: FeedId): Feed | undefined;
  ffmpeg(): string | null;
}

export function fontFile(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf', 'DejaVuSans.ttf');
}

const webDist = join(dirname(fileURLToPath(import.meta.url)), '..', 'web', 'dist');

export function createWebcastService(deps: WebcastDeps): WebcastService {
  const log = deps.log ?? ((m: string) => console.log(m));
  const dimensions = deps.dimensions ?? { width: 1280, height: 720 };
  assertDimensions(dimensions);
  const renditions = deps.renditions ?? defaultRenditions;
  const segmentSeconds = deps.segmentSeconds ?? 1;
  const root = join(deps.dataDir, 'webcast');
  let ffmpeg: string | null = null;
  const archive = new ArchiveStore(root, renditions, null);
  const leading = (): boolean => deps.leader?.isLeader() ?? true;
  const driver = new ProgramDriver({
    archive,
    publishDelayMs: deps.publishDelayMs ?? segmentSeconds * 3000 + 1000,
    log,
    writes: leading,
  });
  const timeAt = (run: string, offset: number): number | undefined =>
    compositor?.timeAt(run, offset);
  const live = new Map(
    renditions.map((r) => [
      r.name,
      new RenditionIndex(
        r.name,
        join(root, 'media', r.name, 'ffmpeg.m3u8'),
        archive.indexPath(r.name),
        timeAt,
      ),
    ]),
  );
  const feeds = new Map<FeedId, Feed>();
  let compositor: Compositor | null = null;
  let poller: NodeJS.Timeout | null = null;
  let janitor: NodeJS.Timeout | null = null;

  const prune = (): void => {
    // Archives hold hard links to their segments: only the live window and the sitting not yet archived matter here.
    const keep = new Map<string, Set<string>>(renditions.map((r) => [r.name, new Set<string>()]));
    for (const [r, idx] of live) for (const s of idx.segments) keep.get(r)?.add(s.uri);
    const current = driver.view?.view;
    const pending =
      current !== undefined &&
      current.status !== 'scheduled' &&
      archive.get(current.sittingId) === null;
    const firstMark = pending
      ? archive.readMarks(current.sittingId).find((m) => m.status !== 'scheduled')
      : undefined;
    let removed = 0;
    for (const r of renditions) {
      removed += pruneRendition(archive.mediaDir(r.name), archive.indexPath(r.name), {
        keep: keep.get(r.name) ?? new Set(),
        keepSince: firstMark === undefined ? null : Date.parse(firstMark.at) - 60_000,
        now: Date.now(),
        retainMs: (deps.retainHours ?? 6) * 3_600_000,
      });
    }
    if (removed > 0) log(`webcast: retention removed ${removed} old segments`);
  };
  let follower: { close(): void } | null = null;
  let started = false;

  const openRemote = (memberId: string) => {
    const id: FeedId = `remote:${memberId}`;
    const previous = feeds.get(id);
    if (previous !== undefined) void previous.stop();
    if (ffmpeg === null) return { write: () => false, close: async () => undefined };
    const feed = new Feed({
      id,
      ffmpeg,
      source: parseSource('pipe:0'),
      dimensions,
      log,
      restart: false,
    });
    feeds.set(id, feed);
    feed.start();
    return {
      write: (chunk: Buffer) => feed.write(chunk),
      close: async () => {
        if (feeds.get(id) === feed) feeds.delete(id);
        await feed.stop();
      },
    };
  };
  const ingest = createIngest({ authorize: deps.authorizeIngest, open: openRemote, log });

  let wallClock = true;
  let unwatchLeader: (() => void) | undefined;
  /** Leadership changes one at a time: a takeover never overlaps the stop before it. */
  let transition: Promise<void> = Promise.resolve();

  /** The chamber feed and the compositor: the leader's alone. */
  function startCompositor(): void {
    if (ffmpeg === null || compositor !== null) return;
    const chamber = new Feed({
      id: 'chamber',
      ffmpeg,
      source: parseSource(deps.chamberSource ?? demoChamberSource),
      dimensions,
      log,
    });
    feeds.set('chamber', chamber);
    chamber.start();
    compositor = new Compositor({
      ffmpeg,
      dimensions,
      renditions,
      outDir: join(root, 'media'),
      textDir: join(root, 'text'),
      fontFile: fontFile(),
      segmentSeconds,
      preset: deps.preset,
      program: () => driver.program,
      feeds: () => feeds.values(),
      log,
      wallClock,
      liveEdgeLag: () => {
        const last = live.values().next().value?.segments.at(-1);
        return last === undefined
          ? null
          : (Date.now() - Date.parse(last.pdt)) / 1000 - last.duration;
      },
    });
    compositor.start();
  }

  async function stopCompositor(): Promise<void> {
    const running = compositor;
    compositor = null;
    await Promise.all([running?.stop(), ...[...feeds.values()].map((f) => f.stop())]);
    feeds.clear();
  }

  /** This node now leads: read the last of the old leader's index, then compose on from there. */
  async function takeOver(): Promise<void> {
    for (const idx of live.values()) await idx.mirror();
    log('webcast: this node now runs the compositor');
    startCompositor();
  }

  const app = createWebcastApp({
    renditions,
    segmentSeconds,
    liveWindow: deps.liveWindow ?? 6,
    live,
    archive,
    driver,
    webDist,
    authorizeCaptions: deps.authorizeCaptions,
    edge: deps.edge,
    ...(deps.sittingExists ? { sittingExists: deps.sittingExists } : {}),
    status: () => ({
      ffmpeg: ffmpeg !== null,
      leading: leading(),
      compositor:
        compositor === null
          ? null
          : {
              restarts: compositor.restarts,
              framesOut: compositor.framesOut,
              framesDropped: compositor.framesDropped,
              onAir: compositor.onAir?.layout ?? null,
            },
      feeds: [...feeds.values()].map((f) => ({ id: f.id, live: f.live(), restarts: f.restarts })),
      segments: Object.fromEntries([...live].map(([k, v]) => [k, v.segments.length])),
    }),
  });

  return {
    app,
    driver,
    onView: (view) => driver.onView(view),
    compositor: () => compositor,
    leading,
    feed: (id) => feeds.get(id),
    ffmpeg: () => ffmpeg,
    attachUpgrade: (server) => ingest.attach(server),
    async start() {
      if (started) return;
      started = true;
      ffmpeg = await resolveFfmpeg(deps.ffmpegPath);
      if (ffmpeg === null) {
        log(
          'webcast: no ffmpeg found (FFMPEG_PATH, ffmpeg-static, @ffmpeg-installer/ffmpeg, PATH): the live stream is off; the archive and player still work.',
        );
      } else {
        const version = await ffmpegVersion(ffmpeg);
        // Older builds time HLS segments by frame count or drop frames read close together (see compositorArgs).
        wallClock = atLeast(version, 5, 1);
        log(
          `webcast: ffmpeg ${version ?? '?'} at ${ffmpeg}` +
            (wallClock
              ? ''
              : ' (older than 5.1: when the machine cannot keep up the stream falls behind real time; set FFMPEG_PATH to ffmpeg 5.1 or later)'),
        );
        archive.ffmpeg = ffmpeg;
        // The leader reads its own ffmpeg's playlists; a standby mirrors the leader's index on the shared directory.
        poller = setInterval(() => {
          for (const idx of live.values())
            (compositor !== null ? idx.poll() : idx.mirror()).catch((err: unknown) =>
              log(`webcast: index ${idx.name}: ${String(err)}`),
            );
        }, 200);
        if (leading()) startCompositor();
        unwatchLeader = deps.leader?.onChange((now) => {
          transition = transition
            .then(() => (now ? takeOver() : stopCompositor()))
            .catch((err: unknown) => log(`webcast: leadership change failed: ${String(err)}`));
        });
        if (deps.leader && !leading()) log('webcast: standby, another node runs the compositor');
      }
      janitor = setInterval(() => {
        if (!leading()) return; // the leader's retention keeps the shared directory
        try {
          prune();
        } catch (err) {
          log(`webcast: retention failed: ${String(err)}`);
        }
      }, 10 * 60_000);
      if (deps.follow !== false)
        follower = followPlenary({
          plenaryUrl: deps.plenaryUrl,
          onView: (v) => driver.onView(v),
          log,
        });
    },
    async close() {
      follower?.close();
      unwatchLeader?.();
      if (poller !== null) clearInterval(poller);
      if (janitor !== null) clearInterval(janitor);
      driver.close();
      await ingest.close();
      await transition;
      await stopCompositor();
    },
  };
}
