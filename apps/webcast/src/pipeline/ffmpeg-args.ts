// Argument and filter-graph builders for every ffmpeg the webcast runs; pure, and valid on ffmpeg 4.1 and 5.1.
import { atlasDimensions, lowerThirdRect } from './frame.ts';
import { CHANNELS, FPS, SAMPLE_RATE, assertDimensions } from './types.ts';
import type { Dimensions, Rendition } from './types.ts';
import type { TextBox } from './text-fit.ts';

/** Escapes a value for a filter option (`key=value` inside `filter=...:...`). */
export function escapeOptionValue(v: string): string {
  return v.replace(/[\\':]/g, (c) => `\\${c}`);
}

/** Escapes a filter's whole argument string for the filter-graph level. */
export function escapeGraphValue(v: string): string {
  return v.replace(/[\\'[\],;]/g, (c) => `\\${c}`);
}

/** One filter option value escaped for both levels, for use inside -filter_complex. */
export function filterValue(v: string): string {
  return escapeGraphValue(escapeOptionValue(v));
}

export type SourceSpec =
  | { kind: 'lavfi'; video: string; audio: string }
  | { kind: 'file'; path: string }
  | { kind: 'url'; url: string }
  | { kind: 'stdin-webm' }
  /** A remote speaker forwarded from the video room (Janus `rtp_forward`): an SDP file naming the local RTP ports. */
  | { kind: 'rtp-sdp'; path: string };

/** Payload types the room's forwarder is asked to use, so the SDP can name them before any packet arrives. */
export const ROOM_AUDIO_PT = 111;
export const ROOM_VIDEO_PT = 96;

/**
 * The SDP ffmpeg reads for one forwarded member: Opus and VP8 on two local UDP ports (each port + 1 is its RTCP, which
 * ffmpeg binds too). The ports must be even and below 65535.
 */
export function roomForwardSdp(o: { host: string; audioPort: number; videoPort: number }): string {
  for (const port of [o.audioPort, o.videoPort])
    if (!Number.isInteger(port) || port < 1024 || port > 65534 || port % 2 !== 0)
      throw new RangeError(`an RTP port must be an even integer in 1024–65534, got ${port}`);
  if (!/^[0-9.]+$/.test(o.host)) throw new RangeError(`an IPv4 address is needed, got ${o.host}`);
  return [
    'v=0',
    `o=- 0 0 IN IP4 ${o.host}`,
    's=council room forward',
    `c=IN IP4 ${o.host}`,
    't=0 0',
    `m=audio ${o.audioPort} RTP/AVP ${ROOM_AUDIO_PT}`,
    `a=rtpmap:${ROOM_AUDIO_PT} opus/48000/2`,
    'a=recvonly',
    `m=video ${o.videoPort} RTP/AVP ${ROOM_VIDEO_PT}`,
    `a=rtpmap:${ROOM_VIDEO_PT} VP8/90000`,
    'a=recvonly',
    '',
  ].join('\n');
}

export const demoChamberSource =
  'lavfi:testsrc2=size=1280x720:rate=25|sine=frequency=440:beep_factor=4:sample_rate=48000';

/**
 * Reads a source from configuration: `lavfi:<video graph>[|<audio graph>]` for synthetic sources,
 * a URL with a scheme (rtsp://, srt://, rtmp://, http(s)://, udp://) for a live camera,
 * otherwise a file path (looped, read at native rate).
 */
export function parseSource(spec: string): SourceSpec {
  if (spec.startsWith('lavfi:')) {
    const [video = '', audio] = spec.slice('lavfi:'.length).split('|');
    if (video === '')
      throw new RangeError('a lavfi source needs a video graph, e.g. lavfi:testsrc2');
    return {
      kind: 'lavfi',
      video,
      audio: audio ?? `sine=frequency=440:sample_rate=${SAMPLE_RATE}`,
    };
  }
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(spec))
    return spec.startsWith('file://')
      ? { kind: 'file', path: spec.slice(7) }
      : { kind: 'url', url: spec };
  if (spec === 'pipe:0' || spec === '-') return { kind: 'stdin-webm' };
  return { kind: 'file', path: spec };
}

function inputArgs(src: SourceSpec): { args: string[]; video: string; audio: string } {
  switch (src.kind) {
    case 'lavfi':
      return {
        args: ['-re', '-f', 'lavfi', '-i', src.video, '-re', '-f', 'lavfi', '-i', src.audio],
        video: '0:v',
        audio: '1:a:0',
      };
    case 'file':
      return {
        args: ['-re', '-stream_loop', '-1', '-i', src.path],
        video: '0:v:0',
        audio: '0:a:0',
      };
    case 'url': {
      const rtsp = src.url.startsWith('rtsp') ? ['-rtsp_transport', 'tcp'] : [];
      return {
        args: [...rtsp, '-fflags', '+nobuffer+genpts', '-i', src.url],
        video: '0:v:0',
        audio: '0:a:0',
      };
    }
    case 'stdin-webm':
      // MediaRecorder WebM chunks arrive on stdin; probe little so the first picture comes fast.
      return {
        args: [
          '-probesize',
          '65536',
          '-analyzeduration',
          '500000',
          '-fflags',
          '+nobuffer+genpts',
          '-f',
          'webm',
          '-i',
          'pipe:0',
        ],
        video: '0:v:0',
        audio: '0:a:0',
      };
    case 'rtp-sdp':
      // Forwarded VP8 and Opus carry RTP timestamps of the publisher's clock, which jump when Janus switches simulcast
      // layers or the publisher reconnects: stamp packets with the wall clock as they arrive (the fps filter then makes
      // a fixed 25 frames/s), and let the file protocol read the SDP that opens the UDP ports.
      return {
        args: [
          '-protocol_whitelist',
          'file,udp,rtp',
          '-probesize',
          '1000000',
          '-analyzeduration',
          '1000000',
          '-fflags',
          '+genpts+nobuffer',
          '-use_wallclock_as_timestamps',
          '1',
          '-reorder_queue_size',
          '64',
          '-f',
          'sdp',
          '-i',
          src.path,
        ],
        video: '0:v:0',
        audio: '0:a:0',
      };
  }
}

/**
 * The atlas graph: the picture fitted into W×H (letterboxed), plus a half and a quarter size copy
 * to its right, so Node can compose any layout by copying rows.
 */
export function atlasFilter(d: Dimensions, video: string): string {
  assertDimensions(d);
  const { width: W, height: H } = d;
  const a = atlasDimensions(d);
  return [
    `[${video}]fps=${FPS},scale=${W}:${H}:force_original_aspect_ratio=decrease,pad=${W}:${H}:(ow-iw)/2:(oh-ih)/2,setsar=1,format=yuv420p,split=3[full][h][q]`,
    `[h]scale=${W / 2}:${H / 2}[half]`,
    `[q]scale=${W / 4}:${H / 4}[quarter]`,
    `[full]pad=${a.width}:${a.height}:0:0:black[p]`,
    `[p][half]overlay=${W}:0[ph]`,
    `[ph][quarter]overlay=${W}:${H / 2},format=yuv420p[atlas]`,
  ].join(';');
}

/** A per-feed normaliser: decodes any source into atlas frames on stdout and s16le PCM on fd 3. */
export function normaliserArgs(source: SourceSpec, d: Dimensions): string[] {
  const input = inputArgs(source);
  return [
    '-hide_banner',
    '-nostdin',
    '-loglevel',
    'warning',
    '-nostats',
    ...input.args,
    '-filter_complex',
    atlasFilter(d, input.video),
    '-map',
    '[atlas]',
    '-f',
    'rawvideo',
    '-pix_fmt',
    'yuv420p',
    'pipe:1',
    '-map',
    input.audio,
    '-af',
    `aresample=${SAMPLE_RATE}:async=1`,
    '-ac',
    String(CHANNELS),
    '-ar',
    String(SAMPLE_RATE),
    '-f',
    's16le',
    '-flush_packets',
    '1',
    'pipe:3',
  ];
}

export interface CompositorOptions {
  dimensions: Dimensions;
  renditions: readonly Rendition[];
  fontFile: string;
  /** Directory of the text files drawtext reloads every frame (name, item, slate1, slate2). */
  textDir: string;
  /** Directory of the HLS output; one sub-directory per rendition. */
  outDir: string;
  runId: string;
  segmentSeconds: number;
  preset?: string;
  threads?: number;
  /** Playlist entries ffmpeg keeps itself; Node reads them and keeps its own window and index. */
  listSize?: number;
  /**
   * true (live, ffmpeg 5.1 or later): frames and sound are stamped with the wall clock as ffmpeg reads them, so frames
   * Node drops when the encoder falls behind leave a gap in the picture, never in time. false (the default, the bench
   * and older builds): stamped by frame count, so dropped frames shorten the media.
   */
  wallClock?: boolean;
}

export const textFiles = ['name', 'item', 'slate1', 'slate2'] as const;
export type TextFile = (typeof textFiles)[number];

export function textPath(textDir: string, f: TextFile): string {
  return `${textDir}/${f}.txt`;
}

/**
 * Where each text file is drawn: the font size, the widest a line may be and how many lines it may take. The filter
 * and the compositor's text fitting (text-fit.ts) both read it, so a fitted line is one that fits the frame.
 */
export function textBoxes(d: Dimensions): Record<TextFile, TextBox> & { margin: number } {
  const { width: W, height: H } = d;
  const bar = lowerThirdRect(d);
  const big = Math.max(10, Math.round(H / 18));
  const small = Math.max(8, Math.round(H / 26));
  const margin = Math.round(W / 32);
  // The lower third: one line each, inside the bar with the same margin on both sides.
  const barLine = bar.width - 2 * margin;
  // The slate: centred, two lines each, a margin from both edges of the frame.
  const slateLine = W - 2 * margin;
  return {
    margin,
    name: { fontSize: big, maxWidth: barLine, lines: 1 },
    item: { fontSize: small, maxWidth: barLine, lines: 1 },
    slate1: { fontSize: Math.round(big * 1.3), maxWidth: slateLine, lines: 2 },
    slate2: { fontSize: big, maxWidth: slateLine, lines: 2 },
  };
}

/** drawtext filters for the lower third, the slate lines and the clock (Europe/Stockholm via TZ). */
export function overlayTextFilter(
  o: Pick<CompositorOptions, 'dimensions' | 'fontFile' | 'textDir'>,
): string {
  const { height: H } = o.dimensions;
  const bar = lowerThirdRect(o.dimensions);
  const boxes = textBoxes(o.dimensions);
  const font = `fontfile=${filterValue(o.fontFile)}`;
  const common = `${font}:fontcolor=white:reload=1:expansion=none`;
  const file = (f: TextFile): string => `textfile=${filterValue(textPath(o.textDir, f))}`;
  const x = boxes.margin;
  const small = boxes.item.fontSize;
  return [
    `drawtext=${file('name')}:${common}:fontsize=${boxes.name.fontSize}:x=${x}:y=${bar.y + Math.round(bar.height * 0.14)}`,
    `drawtext=${file('item')}:${common}:fontsize=${small}:x=${x}:y=${bar.y + Math.round(bar.height * 0.58)}`,
    `drawtext=${file('slate1')}:${common}:borderw=2:bordercolor=black@0.8:fontsize=${boxes.slate1.fontSize}:x=(w-text_w)/2:y=h/2-text_h-${Math.round(H / 40)}`,
    `drawtext=${file('slate2')}:${common}:borderw=2:bordercolor=black@0.8:fontsize=${boxes.slate2.fontSize}:x=(w-text_w)/2:y=h/2+${Math.round(H / 40)}`,
    `drawtext=${font}:fontcolor=white:fontsize=${small}:box=1:boxcolor=black@0.5:boxborderw=${Math.max(2, Math.round(H / 120))}:x=${x}:y=${Math.round(H / 30)}:text=${filterValue('%{localtime:%T}')}`,
  ].join(',');
}

export function compositorFilter(o: CompositorOptions): string {
  const n = o.renditions.length;
  const outs = o.renditions.map((r, i) =>
    r.width === o.dimensions.width && r.height === o.dimensions.height
      ? `[s${i}]null[o${i}]`
      : `[s${i}]scale=${r.width}:${r.height}:flags=bilinear[o${i}]`,
  );
  return [
    `[0:v]${overlayTextFilter(o)},split=${n}${o.renditions.map((_, i) => `[s${i}]`).join('')}`,
    ...outs,
  ].join(';');
}

/**
 * The compositor: programme frames (yuv420p) on fd 3 and PCM on fd 4, both written by Node on a
 * fixed clock and stamped with the wall clock as ffmpeg reads them (see `wallClock`).
 * One HLS output per rendition: GOP = segment, no scene cuts, program-date-time, no endlist.
 */
export function compositorArgs(o: CompositorOptions): string[] {
  assertDimensions(o.dimensions);
  if (o.renditions.length === 0) throw new RangeError('at least one rendition');
  if (!(o.segmentSeconds >= 1 && o.segmentSeconds <= 2)) throw new RangeError('segments are 1–2 s');
  const gop = Math.round(FPS * o.segmentSeconds);
  const { width: W, height: H } = o.dimensions;
  const wallClock = o.wallClock ?? false;
  const wall = wallClock ? ['-use_wallclock_as_timestamps', '1'] : [];
  const args = [
    '-hide_banner',
    '-nostdin',
    '-loglevel',
    process.env['WC_LOG'] ?? 'warning',
    '-nostats',
    '-f',
    'rawvideo',
    '-pix_fmt',
    'yuv420p',
    '-s',
    `${W}x${H}`,
    // The demuxer's rate, not `-r`: an input `-r` makes ffmpeg renumber frames at a constant rate.
    '-framerate',
    String(FPS),
    ...wall,
    // Short input queues: frames waiting inside ffmpeg are latency the live edge cannot win back; when the encoder
    // is behind, the pipe fills and Node drops frames instead (see the compositor).
    '-thread_queue_size',
    '4',
    '-probesize',
    '32',
    '-analyzeduration',
    '0',
    '-i',
    'pipe:3',
    '-f',
    's16le',
    '-ar',
    String(SAMPLE_RATE),
    '-ac',
    String(CHANNELS),
    ...wall,
    '-thread_queue_size',
    '8',
    '-probesize',
    '32',
    '-analyzeduration',
    '0',
    '-i',
    'pipe:4',
    '-filter_complex',
    compositorFilter(o),
  ];
  o.renditions.forEach((r, i) => {
    args.push(
      '-map',
      `[o${i}]`,
      '-map',
      '1:a',
      '-c:v',
      'libx264',
      '-preset',
      o.preset ?? 'veryfast',
      '-tune',
      'zerolatency',
      '-pix_fmt',
      'yuv420p',
      '-b:v',
      `${r.videoKbps}k`,
      '-maxrate',
      `${r.videoKbps}k`,
      '-bufsize',
      `${r.videoKbps * 2}k`,
      '-g',
      String(gop),
      '-keyint_min',
      String(gop),
      '-sc_threshold',
      '0',
      // A key frame a segment after the last one: after a gap in time the next frame starts a segment, and only one.
      '-force_key_frames',
      `expr:if(isnan(prev_forced_t),1,gte(t,prev_forced_t+${o.segmentSeconds}))`,
      // Frames keep their own times (no duplicates to fill a gap: that would be more work for an encoder behind).
      // `-vsync`, not `-fps_mode`: the 2018 build of @ffmpeg-installer knows only the older name. The encoder's time
      // base is the muxer's, not 1/25 s: frames read close together keep their own times instead of being dropped.
      ...(wallClock ? ['-vsync', 'vfr', '-enc_time_base:v', '1/90000'] : []),
      ...(o.threads === undefined ? [] : ['-threads', String(o.threads)]),
      // Sound Node dropped becomes silence, so it stays with the picture on the wall clock.
      ...(wallClock ? ['-af', 'aresample=async=1:first_pts=0'] : []),
      '-c:a',
      'aac',
      '-b:a',
      `${r.audioKbps}k`,
      '-ar',
      String(SAMPLE_RATE),
      '-ac',
      String(CHANNELS),
      '-f',
      'hls',
      '-hls_time',
      String(o.segmentSeconds),
      '-hls_list_size',
      String(o.listSize ?? 10),
      '-hls_flags',
      'program_date_time+independent_segments+omit_endlist+temp_file',
      '-hls_segment_type',
      'mpegts',
      '-start_number',
      '0',
      '-hls_segment_filename',
      `${o.outDir}/${r.name}/${o.runId}-%06d.ts`,
      `${o.outDir}/${r.name}/ffmpeg.m3u8`,
    );
  });
  return args;
}

/** Stream copy of segments (a concat list file) into one MP4: no re-encode. */
export function exportMp4Args(concatList: string, out: string): string[] {
  return [
    '-hide_banner',
    '-nostdin',
    '-loglevel',
    'error',
    '-y',
    '-f',
    'concat',
    '-safe',
    '0',
    '-i',
    concatList,
    '-c',
    'copy',
    '-bsf:a',
    'aac_adtstoasc',
    '-movflags',
    '+faststart',
    out,
  ];
}

/** A concat-demuxer list; paths quoted as the demuxer requires. */
export function concatList(paths: readonly string[]): string {
  return paths.map((p) => `file '${p.replace(/'/g, "'\\''")}'`).join('\n') + '\n';
}
