import { describe, expect, it } from 'vitest';
import {
  normalisePdt,
  parseMediaPlaylist,
  renderLivePlaylist,
  renderMasterPlaylist,
  renderSubtitlePlaylist,
  renderVodPlaylist,
  type SegmentRecord,
} from './hls.ts';
import { defaultRenditions } from './types.ts';

const ffmpegPlaylist = `#EXTM3U
#EXT-X-VERSION:6
#EXT-X-TARGETDURATION:1
#EXT-X-MEDIA-SEQUENCE:4
#EXT-X-INDEPENDENT-SEGMENTS
#EXT-X-PROGRAM-DATE-TIME:2026-11-23T15:00:04.000+0000
#EXTINF:1.000000,
r1-000004.ts
#EXT-X-PROGRAM-DATE-TIME:2026-11-23T15:00:05.000+0000
#EXTINF:1.000000,
r1-000005.ts
#EXT-X-PROGRAM-DATE-TIME:2026-11-23T15:00:06.000+0000
#EXTINF:1.000000,
`;

const seg = (seq: number, run = 'r1'): SegmentRecord => ({
  seq,
  uri: `${run}-${seq}.ts`,
  duration: 1,
  pdt: new Date(Date.UTC(2026, 10, 23, 15, 0, seq)).toISOString(),
  run,
});

describe('parseMediaPlaylist', () => {
  it('RFC 8216 §4.3.2: reads EXTINF, program date time and URI; drops an unfinished tail', () => {
    expect(parseMediaPlaylist(ffmpegPlaylist)).toEqual([
      { uri: 'r1-000004.ts', duration: 1, pdt: '2026-11-23T15:00:04.000+0000' },
      { uri: 'r1-000005.ts', duration: 1, pdt: '2026-11-23T15:00:05.000+0000' },
    ]);
  });
  it('normalises ffmpeg offsets to ISO 8601 UTC', () => {
    expect(normalisePdt('2026-11-23T16:00:04.250+0100')).toBe('2026-11-23T15:00:04.250Z');
  });
});

describe('renderLivePlaylist', () => {
  it('is a sliding window with media sequence, program date time and no endlist', () => {
    const all = Array.from({ length: 20 }, (_, i) => seg(i));
    const p = renderLivePlaylist(all, 6, 1, 0);
    expect(p).toContain('#EXT-X-MEDIA-SEQUENCE:14');
    expect(p.match(/#EXTINF/g)).toHaveLength(6);
    expect(p.match(/#EXT-X-PROGRAM-DATE-TIME/g)).toHaveLength(6);
    expect(p).toContain('#EXT-X-INDEPENDENT-SEGMENTS');
    expect(p).not.toContain('ENDLIST');
    expect(p).not.toContain('#EXT-X-DISCONTINUITY\n');
  });
  it('marks a compositor restart (new run) as a discontinuity', () => {
    const p = renderLivePlaylist([seg(1), seg(2), seg(3, 'r2')], 6, 1, 2);
    expect(p.match(/#EXT-X-DISCONTINUITY\n/g)).toHaveLength(1);
    expect(p).toContain('#EXT-X-DISCONTINUITY-SEQUENCE:2');
  });
});

describe('master and VOD playlists', () => {
  it('lists every rendition with resolution and codecs, and a subtitle group when captions exist', () => {
    const m = renderMasterPlaylist(defaultRenditions, { subtitles: 'captions.m3u8' });
    expect(m).toContain('RESOLUTION=1280x720');
    expect(m).toContain('360p/index.m3u8');
    expect(m).toContain('TYPE=SUBTITLES');
    expect(renderMasterPlaylist(defaultRenditions)).not.toContain('SUBTITLES');
  });
  it('RFC 8216 §4.3.2.7: VOD with DATERANGE chapters, endlist, and a discontinuity where a cut was made', () => {
    const v = renderVodPlaylist(
      [seg(1), seg(2), seg(5)],
      [
        {
          id: 'item-i-2',
          cls: 'se.council.item',
          start: seg(1).pdt,
          end: seg(5).pdt,
          title: '§ 7 "Budget"',
        },
      ],
      1,
      new Set([5]),
    );
    expect(v).toContain('#EXT-X-PLAYLIST-TYPE:VOD');
    expect(v).toContain('#EXT-X-DATERANGE:ID="item-i-2",CLASS="se.council.item"');
    expect(v).toContain('X-TITLE="§ 7  Budget "');
    expect(v.match(/#EXT-X-DISCONTINUITY\n/g)).toHaveLength(1);
    expect(v.trim().endsWith('#EXT-X-ENDLIST')).toBe(true);
  });
  it('a subtitle playlist points at one WebVTT file', () => {
    expect(renderSubtitlePlaylist(12.4, 'captions.vtt')).toContain('#EXTINF:13.000,\ncaptions.vtt');
  });
});
