import { describe, expect, it } from 'vitest';
import {
  atlasFilter,
  compositorArgs,
  concatList,
  escapeGraphValue,
  escapeOptionValue,
  filterValue,
  normaliserArgs,
  parseSource,
  roomForwardSdp,
} from './ffmpeg-args.ts';
import { defaultRenditions } from './types.ts';

describe('escaping', () => {
  it('escapes option and graph levels', () => {
    expect(escapeOptionValue("a:b'c\\")).toBe("a\\:b\\'c\\\\");
    expect(escapeGraphValue('x[1],y;')).toBe('x\\[1\\]\\,y\\;');
    expect(filterValue('%{localtime:%T}')).toBe('%{localtime\\\\:%T}');
  });
});

describe('parseSource', () => {
  it('reads lavfi, URL, file and stdin sources', () => {
    expect(parseSource('lavfi:color=c=red|sine=frequency=1000')).toEqual({
      kind: 'lavfi',
      video: 'color=c=red',
      audio: 'sine=frequency=1000',
    });
    expect(parseSource('lavfi:testsrc2').kind).toBe('lavfi');
    expect(parseSource('rtsp://cam.local/stream')).toEqual({
      kind: 'url',
      url: 'rtsp://cam.local/stream',
    });
    expect(parseSource('srt://0.0.0.0:9000?mode=listener').kind).toBe('url');
    expect(parseSource('file:///srv/a.mp4')).toEqual({ kind: 'file', path: '/srv/a.mp4' });
    expect(parseSource('media/a.mp4')).toEqual({ kind: 'file', path: 'media/a.mp4' });
    expect(parseSource('pipe:0')).toEqual({ kind: 'stdin-webm' });
    expect(() => parseSource('lavfi:')).toThrow(RangeError);
  });
});

describe('normaliser', () => {
  it('builds a 3/2-wide atlas with half and quarter tiles', () => {
    const f = atlasFilter({ width: 256, height: 144 }, '0:v');
    expect(f).toContain('pad=384:144:0:0');
    expect(f).toContain('scale=128:72');
    expect(f).toContain('scale=64:36');
    expect(f).toContain('overlay=256:72');
  });
  it('writes raw frames to stdout and flushed PCM to fd 3; synthetic sources are paced with -re', () => {
    const a = normaliserArgs(parseSource('lavfi:color=c=red'), { width: 256, height: 144 });
    expect(a.filter((x) => x === '-re')).toHaveLength(2);
    expect(a.slice(-3)).toEqual(['-flush_packets', '1', 'pipe:3']);
    expect(a).toContain('pipe:1');
    const w = normaliserArgs(parseSource('pipe:0'), { width: 256, height: 144 });
    expect(w).toContain('pipe:0');
    expect(w).not.toContain('-re');
  });
  it('rejects sizes whose quarter tiles would be odd', () => {
    expect(() => atlasFilter({ width: 320, height: 180 }, '0:v')).toThrow(RangeError);
  });
});

describe('compositor', () => {
  const o = {
    dimensions: { width: 1280, height: 720 },
    renditions: defaultRenditions,
    fontFile: '/f/DejaVuSans.ttf',
    textDir: '/t',
    outDir: '/o',
    runId: 'r1',
    segmentSeconds: 1,
  };
  it('reads frames and PCM from fds 3 and 4 and writes one HLS output per rendition', () => {
    const a = compositorArgs(o);
    expect(a).toContain('pipe:3');
    expect(a).toContain('pipe:4');
    expect(a.filter((x) => x === 'hls')).toHaveLength(2);
    expect(a).toContain('/o/720p/ffmpeg.m3u8');
    expect(a).toContain('/o/360p/r1-%06d.ts');
  });
  it('aligns GOPs with 1 s segments: no scene cuts, zerolatency, program date time, no endlist', () => {
    const a = compositorArgs(o).join(' ');
    expect(a).toContain('-g 25 -keyint_min 25 -sc_threshold 0');
    expect(a).toContain('-tune zerolatency');
    expect(a).toContain('-hls_time 1');
    expect(a).toContain('program_date_time+independent_segments+omit_endlist');
  });
  it('draws name, item, slate lines from reloaded files and a clock', () => {
    const f = compositorArgs(o)[compositorArgs(o).indexOf('-filter_complex') + 1] ?? '';
    expect(f.match(/drawtext=textfile=/g)).toHaveLength(4);
    expect(f).toContain('reload=1');
    expect(f).toContain('localtime');
    expect(f).toContain('[s1]scale=640:360');
    expect(f).toContain('[s0]null[o0]');
  });
  it('refuses segments longer than 2 s', () => {
    expect(() => compositorArgs({ ...o, segmentSeconds: 4 })).toThrow(RangeError);
  });
  it('on the wall clock: both inputs stamped as read, frames keep their times, gaps in sound become silence', () => {
    const a = compositorArgs({ ...o, wallClock: true });
    expect(a.filter((x) => x === '-use_wallclock_as_timestamps')).toHaveLength(2);
    const j = a.join(' ');
    expect(j).toContain('-vsync vfr -enc_time_base:v 1/90000');
    expect(j).toContain('-af aresample=async=1:first_pts=0');
    // The demuxer's rate, never an input -r (which renumbers frames at a constant rate).
    expect(a.slice(0, a.indexOf('pipe:3'))).not.toContain('-r');
    // One key frame a segment after the last, so a gap starts one segment, not a run of tiny ones.
    expect(j).toContain('expr:if(isnan(prev_forced_t),1,gte(t,prev_forced_t+1))');
  });
  it('by frame count unless asked (older ffmpeg, the bench)', () => {
    const j = compositorArgs(o).join(' ');
    expect(j).not.toContain('use_wallclock_as_timestamps');
    expect(j).not.toContain('-vsync');
    expect(j).toContain('-framerate 25');
  });
});

describe('concatList', () => {
  it('quotes paths for the concat demuxer', () => {
    expect(concatList(['/a/b.ts', "/a/it's.ts"])).toBe("file '/a/b.ts'\nfile '/a/it'\\''s.ts'\n");
  });
});

describe('a member forwarded from the video room (rtp-sdp)', () => {
  it('names Opus 111 and VP8 96 on the two ports, and refuses odd or privileged ports', () => {
    const sdp = roomForwardSdp({ host: '127.0.0.1', audioPort: 40100, videoPort: 40102 });
    expect(sdp).toContain('c=IN IP4 127.0.0.1');
    expect(sdp).toContain('m=audio 40100 RTP/AVP 111\na=rtpmap:111 opus/48000/2');
    expect(sdp).toContain('m=video 40102 RTP/AVP 96\na=rtpmap:96 VP8/90000');
    expect(() => roomForwardSdp({ host: '127.0.0.1', audioPort: 40101, videoPort: 40102 })).toThrow(
      RangeError,
    );
    expect(() => roomForwardSdp({ host: '127.0.0.1', audioPort: 80, videoPort: 40102 })).toThrow(
      RangeError,
    );
    expect(() => roomForwardSdp({ host: 'a;b', audioPort: 40100, videoPort: 40102 })).toThrow(
      RangeError,
    );
  });
  it('reads the SDP file with only file, udp and rtp allowed, stamped with the wall clock', () => {
    const a = normaliserArgs(
      { kind: 'rtp-sdp', path: 'x/forward.sdp' },
      { width: 256, height: 144 },
    );
    expect(a.slice(a.indexOf('-protocol_whitelist'), a.indexOf('-protocol_whitelist') + 2)).toEqual(
      ['-protocol_whitelist', 'file,udp,rtp'],
    );
    expect(a.slice(a.indexOf('-f'), a.indexOf('-f') + 4)).toEqual([
      '-f',
      'sdp',
      '-i',
      'x/forward.sdp',
    ]);
    expect(a).toContain('-use_wallclock_as_timestamps');
    expect(a).not.toContain('-re');
  });
});
