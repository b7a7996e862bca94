// HLS playlists written by Node (RFC 8216): ffmpeg's playlist parsed, a sliding live window, the master, and VOD.
import type { Rendition } from './types.ts';

export interface ParsedSegment {
  uri: string;
  duration: number;
  pdt: string | null;
}

/** Reads the segments of a media playlist; tolerates a partly written file (drops an unfinished tail). */
export function parseMediaPlaylist(text: string): ParsedSegment[] {
  const out: ParsedSegment[] = [];
  let duration: number | null = null;
  let pdt: string | null = null;
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line.startsWith('#EXTINF:')) duration = Number.parseFloat(line.slice(8));
    else if (line.startsWith('#EXT-X-PROGRAM-DATE-TIME:')) pdt = line.slice(25);
    else if (
      line !== '' &&
      !line.startsWith('#') &&
      duration !== null &&
      Number.isFinite(duration)
    ) {
      out.push({ uri: line, duration, pdt });
      duration = null;
      pdt = null;
    }
  }
  return out;
}

/** One segment in Node's index: a global sequence number and its wall-clock start. */
export interface SegmentRecord {
  seq: number;
  uri: string;
  duration: number;
  /** ISO 8601 start (program date time). */
  pdt: string;
  /** The compositor run that wrote it; a new run is a discontinuity (only after a crash). */
  run: string;
}

/** ffmpeg writes 2026-11-23T15:00:00.000+0000; players and Date want an ISO string with a colon or Z. */
export function normalisePdt(pdt: string): string {
  const t = Date.parse(pdt.replace(/([+-]\d\d)(\d\d)$/, '$1:$2'));
  return Number.isNaN(t) ? pdt : new Date(t).toISOString();
}

function targetDuration(segments: readonly { duration: number }[], fallback: number): number {
  return Math.max(fallback, ...segments.map((s) => Math.ceil(s.duration)));
}

function segmentLines(
  segments: readonly SegmentRecord[],
  uriPrefix: string,
  startRun: string | null,
): string[] {
  const lines: string[] = [];
  let run = startRun;
  for (const s of segments) {
    if (run !== null && s.run !== run) lines.push('#EXT-X-DISCONTINUITY');
    run = s.run;
    lines.push(
      `#EXT-X-PROGRAM-DATE-TIME:${s.pdt}`,
      `#EXTINF:${s.duration.toFixed(3)},`,
      `${uriPrefix}${s.uri}`,
    );
  }
  return lines;
}

/**
 * The live playlist: the last `window` segments. Discontinuities happen only when the compositor was
 * restarted after a crash; a layout change never makes one.
 */
export function renderLivePlaylist(
  all: readonly SegmentRecord[],
  window: number,
  segmentSeconds: number,
  discontinuitiesBefore: number,
): string {
  const segs = all.slice(-window);
  const first = segs[0];
  const lines = [
    '#EXTM3U',
    '#EXT-X-VERSION:6',
    '#EXT-X-INDEPENDENT-SEGMENTS',
    `#EXT-X-TARGETDURATION:${targetDuration(segs, Math.ceil(segmentSeconds))}`,
    `#EXT-X-MEDIA-SEQUENCE:${first?.seq ?? 0}`,
    `#EXT-X-DISCONTINUITY-SEQUENCE:${discontinuitiesBefore}`,
    ...segmentLines(segs, '', first?.run ?? null),
  ];
  return lines.join('\n') + '\n';
}

export function renderMasterPlaylist(
  renditions: readonly Rendition[],
  opts: { subtitles?: string; playlist?: string } = {},
): string {
  const lines = ['#EXTM3U', '#EXT-X-VERSION:6', '#EXT-X-INDEPENDENT-SEGMENTS'];
  if (opts.subtitles !== undefined) {
    lines.push(
      `#EXT-X-MEDIA:TYPE=SUBTITLES,GROUP-ID="subs",NAME="Svenska",LANGUAGE="sv",DEFAULT=YES,AUTOSELECT=YES,URI="${opts.subtitles}"`,
    );
  }
  for (const r of renditions) {
    const bandwidth = (r.videoKbps + r.audioKbps) * 1100;
    const subs = opts.subtitles === undefined ? '' : ',SUBTITLES="subs"';
    lines.push(
      `#EXT-X-STREAM-INF:BANDWIDTH=${bandwidth},AVERAGE-BANDWIDTH=${(r.videoKbps + r.audioKbps) * 1000},RESOLUTION=${r.width}x${r.height},FRAME-RATE=25.000,CODECS="avc1.4d401f,mp4a.40.2"${subs}`,
    );
    lines.push(`${r.name}/${opts.playlist ?? 'index.m3u8'}`);
  }
  return lines.join('\n') + '\n';
}

export interface DateRange {
  id: string;
  /** e.g. se.council.item or se.council.speech */
  cls: string;
  start: string;
  end: string;
  title: string;
}

function quoted(v: string): string {
  return `"${v.replace(/["\r\n]/g, ' ')}"`;
}

/** A VOD playlist of an archived sitting, with one EXT-X-DATERANGE per chapter. */
export function renderVodPlaylist(
  segments: readonly SegmentRecord[],
  ranges: readonly DateRange[],
  segmentSeconds: number,
  gapsBefore: ReadonlySet<number>,
): string {
  const lines = [
    '#EXTM3U',
    '#EXT-X-VERSION:6',
    '#EXT-X-INDEPENDENT-SEGMENTS',
    '#EXT-X-PLAYLIST-TYPE:VOD',
    `#EXT-X-TARGETDURATION:${targetDuration(segments, Math.ceil(segmentSeconds))}`,
    '#EXT-X-MEDIA-SEQUENCE:0',
  ];
  for (const r of ranges) {
    lines.push(
      `#EXT-X-DATERANGE:ID=${quoted(r.id)},CLASS=${quoted(r.cls)},START-DATE=${quoted(r.start)},END-DATE=${quoted(r.end)},X-TITLE=${quoted(r.title)}`,
    );
  }
  let prevRun: string | null = null;
  for (const s of segments) {
    // Left-out segments (a confidential item) and crash restarts are discontinuities in the archive.
    if (prevRun !== null && (s.run !== prevRun || gapsBefore.has(s.seq)))
      lines.push('#EXT-X-DISCONTINUITY');
    prevRun = s.run;
    lines.push(`#EXT-X-PROGRAM-DATE-TIME:${s.pdt}`, `#EXTINF:${s.duration.toFixed(3)},`, s.uri);
  }
  lines.push('#EXT-X-ENDLIST');
  return lines.join('\n') + '\n';
}

/** A subtitles media playlist with one WebVTT file covering the whole VOD. */
export function renderSubtitlePlaylist(totalSeconds: number, vttUri: string): string {
  const d = Math.max(1, Math.ceil(totalSeconds));
  return (
    [
      '#EXTM3U',
      '#EXT-X-VERSION:6',
      `#EXT-X-TARGETDURATION:${d}`,
      '#EXT-X-MEDIA-SEQUENCE:0',
      '#EXT-X-PLAYLIST-TYPE:VOD',
      `#EXTINF:${d}.000,`,
      vttUri,
      '#EXT-X-ENDLIST',
    ].join('\n') + '\n'
  );
}
