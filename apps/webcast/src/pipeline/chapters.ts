// The archive index: chapters per agenda item and per speech from marks recorded as the sitting went (R24, R25).
// Time spent on a confidential item is excluded from the archive altogether (R13).
import type { DateRange, SegmentRecord } from './hls.ts';

/** What was on air from `at` on; recorded by the driver whenever it changes. */
export interface Mark {
  at: string;
  status: 'scheduled' | 'open' | 'adjourned' | 'closed';
  itemId: string | null;
  item: string;
  closed: boolean;
  speaker: { memberId: string; name: string; party: string; kind: string } | null;
}

export interface Chapter {
  id: string;
  kind: 'item' | 'speech';
  title: string;
  itemId: string | null;
  start: string;
  end: string;
}

export interface Interval {
  start: string;
  end: string;
}

const ms = (iso: string): number => Date.parse(iso);

/** Chapters and excluded intervals from the marks; `endAt` closes the last open run. */
export function chaptersFrom(
  marks: readonly Mark[],
  endAt: string,
): { chapters: Chapter[]; excluded: Interval[]; range: Interval | null } {
  const chapters: Chapter[] = [];
  const excluded: Interval[] = [];
  const running = marks.filter((m) => m.status !== 'scheduled');
  const first = running[0];
  if (first === undefined) return { chapters, excluded, range: null };
  const lastClose = running.find((m) => m.status === 'closed');
  const end = lastClose?.at ?? endAt;
  const inRange = running.filter((m) => ms(m.at) < ms(end));
  let item: { key: string; m: Mark } | null = null;
  let speech: { key: string; m: Mark } | null = null;
  let closedFrom: string | null = null;
  const itemCount = new Map<string, number>();
  let speechCount = 0;
  const closeItem = (at: string): void => {
    if (item === null) return;
    const n = (itemCount.get(item.key) ?? 0) + 1;
    itemCount.set(item.key, n);
    chapters.push({
      id: `item-${item.key}${n > 1 ? `-${n}` : ''}`,
      kind: 'item',
      title: item.m.item,
      itemId: item.m.itemId,
      start: item.m.at,
      end: at,
    });
    item = null;
  };
  const closeSpeech = (at: string): void => {
    if (speech === null || speech.m.speaker === null) return;
    const s = speech.m.speaker;
    speechCount += 1;
    const label =
      s.kind === 'speech'
        ? ''
        : ` – ${s.kind === 'reply' ? 'replik' : s.kind === 'answer' ? 'svar på replik' : 'ordningsfråga'}`;
    chapters.push({
      id: `speech-${speechCount}`,
      kind: 'speech',
      title: `${s.name} (${s.party})${label}`,
      itemId: speech.m.itemId,
      start: speech.m.at,
      end: at,
    });
    speech = null;
  };
  for (const m of inRange) {
    const hidden = m.closed;
    if (hidden && closedFrom === null) closedFrom = m.at;
    if (!hidden && closedFrom !== null) {
      excluded.push({ start: closedFrom, end: m.at });
      closedFrom = null;
    }
    const itemKey = hidden || m.itemId === null ? null : m.itemId;
    if (item !== null && item.key !== itemKey) closeItem(m.at);
    if (item === null && itemKey !== null) item = { key: itemKey, m };
    const sp = m.speaker;
    const speechKey =
      hidden || sp === null || m.status !== 'open'
        ? null
        : `${sp.memberId}/${sp.kind}/${m.itemId ?? ''}`;
    if (speech !== null && speech.key !== speechKey) closeSpeech(m.at);
    if (speech === null && speechKey !== null) speech = { key: speechKey, m };
  }
  closeItem(end);
  closeSpeech(end);
  if (closedFrom !== null) excluded.push({ start: closedFrom, end });
  chapters.sort((a, b) => ms(a.start) - ms(b.start) || (a.kind === 'item' ? -1 : 1));
  return { chapters, excluded, range: { start: first.at, end } };
}

/**
 * The segments of an archive: those inside the sitting, minus any that overlap an excluded
 * interval (a confidential item is absent, not blurred). `gapsBefore` lists segments that follow a cut.
 */
export function selectArchiveSegments(
  segments: readonly SegmentRecord[],
  range: Interval,
  excluded: readonly Interval[],
): { segments: SegmentRecord[]; gapsBefore: Set<number> } {
  const out: SegmentRecord[] = [];
  const gapsBefore = new Set<number>();
  let cut = false;
  const lo = ms(range.start);
  const hi = ms(range.end);
  for (const s of segments) {
    const a = ms(s.pdt);
    const b = a + s.duration * 1000;
    if (b <= lo || a >= hi) continue;
    if (excluded.some((x) => a < ms(x.end) && b > ms(x.start))) {
      cut = true;
      continue;
    }
    if (cut && out.length > 0) gapsBefore.add(s.seq);
    cut = false;
    out.push(s);
  }
  return { segments: out, gapsBefore };
}

/** Seconds into the VOD timeline where wall-clock `at` is shown (the next kept segment if cut). */
export function mediaOffset(segments: readonly SegmentRecord[], at: string): number {
  const t = ms(at);
  let offset = 0;
  for (const s of segments) {
    const a = ms(s.pdt);
    if (t < a) return offset;
    if (t < a + s.duration * 1000) return offset + (t - a) / 1000;
    offset += s.duration;
  }
  return offset;
}

export function dateRanges(chapters: readonly Chapter[]): DateRange[] {
  return chapters.map((c) => ({
    id: c.id,
    cls: `se.council.${c.kind}`,
    start: c.start,
    end: c.end,
    title: c.title,
  }));
}

function vttTime(seconds: number): string {
  const total = Math.max(0, Math.round(seconds * 1000));
  const h = Math.floor(total / 3_600_000);
  const m = Math.floor((total % 3_600_000) / 60_000);
  const s = Math.floor((total % 60_000) / 1000);
  const f = total % 1000;
  const p = (n: number, w = 2): string => String(n).padStart(w, '0');
  return `${p(h)}:${p(m)}:${p(s)}.${p(f, 3)}`;
}

/** A WebVTT chapters track for the archive (cue ids are the chapter ids). */
export function chaptersVtt(
  chapters: readonly Chapter[],
  segments: readonly SegmentRecord[],
): string {
  const cues = chapters
    .map((c) => ({ c, a: mediaOffset(segments, c.start), b: mediaOffset(segments, c.end) }))
    .filter(({ a, b }) => b > a)
    .map(
      ({ c, a, b }) =>
        `${c.id}\n${vttTime(a)} --> ${vttTime(b)}\n${c.kind === 'speech' ? '  ' : ''}${c.title.replace(/-->/g, '->')}`,
    );
  return ['WEBVTT', '', ...cues.flatMap((c) => [c, ''])].join('\n');
}
