import { describe, expect, it } from 'vitest';
import {
  chaptersFrom,
  chaptersVtt,
  mediaOffset,
  selectArchiveSegments,
  type Mark,
} from './chapters.ts';
import type { SegmentRecord } from './hls.ts';

const t = (s: number) => new Date(Date.UTC(2026, 10, 23, 17, 0, s)).toISOString();
const mark = (s: number, over: Partial<Mark> = {}): Mark => ({
  at: t(s),
  status: 'open',
  itemId: 'i-2',
  item: '2. Budget 2027',
  closed: false,
  speaker: null,
  ...over,
});
const anna = { memberId: 'm-anna', name: 'Anna Åkesson', party: 'S', kind: 'speech' };
const bo = { memberId: 'm-bo', name: 'Bo Öberg', party: 'M', kind: 'reply' };

const marks: Mark[] = [
  mark(0, { status: 'scheduled', itemId: null, item: '' }),
  mark(10),
  mark(20, { speaker: anna }),
  mark(40, { speaker: bo }),
  mark(50),
  mark(60, { itemId: 'i-3', item: '3. Förvärv', closed: true }),
  mark(90, { itemId: 'i-4', item: '4. Motion' }),
  mark(100, { status: 'closed' }),
];

describe('chaptersFrom', () => {
  it('R25: one chapter per item and per speech, from the marks', () => {
    const { chapters, range } = chaptersFrom(marks, t(200));
    expect(range).toEqual({ start: t(10), end: t(100) });
    expect(chapters.map((c) => [c.kind, c.title, c.start, c.end])).toEqual([
      ['item', '2. Budget 2027', t(10), t(60)],
      ['speech', 'Anna Åkesson (S)', t(20), t(40)],
      ['speech', 'Bo Öberg (M) – replik', t(40), t(50)],
      ['item', '4. Motion', t(90), t(100)],
    ]);
  });
  it('R13: a confidential item has no chapter and its time is excluded', () => {
    const { chapters, excluded } = chaptersFrom(marks, t(200));
    expect(chapters.some((c) => c.title.includes('Förvärv'))).toBe(false);
    expect(excluded).toEqual([{ start: t(60), end: t(90) }]);
  });
  it('an unclosed sitting runs to endAt; no running marks means no archive', () => {
    expect(chaptersFrom(marks.slice(0, 3), t(30)).range).toEqual({ start: t(10), end: t(30) });
    expect(chaptersFrom(marks.slice(0, 1), t(30)).range).toBeNull();
  });
});

describe('archive segments', () => {
  const segs: SegmentRecord[] = Array.from({ length: 60 }, (_, i) => ({
    seq: i,
    uri: `r-${i}.ts`,
    duration: 2,
    pdt: t(i * 2),
    run: 'r',
  }));
  it('R13: keeps the sitting, drops every segment overlapping a confidential item, marks the cut', () => {
    const { segments, gapsBefore } = selectArchiveSegments(segs, { start: t(10), end: t(100) }, [
      { start: t(61), end: t(89) },
    ]);
    expect(segments[0]?.pdt).toBe(t(10));
    expect(segments.at(-1)?.pdt).toBe(t(98));
    expect(segments.some((s) => s.pdt === t(60) || s.pdt === t(88))).toBe(false);
    expect(segments.some((s) => s.pdt === t(58) || s.pdt === t(90))).toBe(true);
    expect([...gapsBefore]).toEqual([45]);
  });
  it('maps wall-clock times to VOD offsets and writes a WebVTT chapters track', () => {
    const { segments } = selectArchiveSegments(segs, { start: t(10), end: t(100) }, [
      { start: t(60), end: t(90) },
    ]);
    expect(mediaOffset(segments, t(20))).toBe(10);
    expect(mediaOffset(segments, t(95))).toBe(55);
    const vtt = chaptersVtt(chaptersFrom(marks, t(200)).chapters, segments);
    expect(vtt.startsWith('WEBVTT\n')).toBe(true);
    expect(vtt).toContain('item-i-2\n00:00:00.000 --> 00:00:50.000\n2. Budget 2027');
    expect(vtt).toContain('00:00:10.000 --> 00:00:30.000');
  });
});
