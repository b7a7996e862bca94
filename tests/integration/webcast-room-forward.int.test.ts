// The webcast takes a remote speaker as RTP from the video room (Janus `rtp_forward`, issue 12): the normaliser reads
// an SDP naming Opus 111 and VP8 96 on two local ports. Here a real ffmpeg stands in for Janus and sends a blue picture
// and a tone as RTP; the compositor's HLS output carries both, and the feed goes stale when the sending stops.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { roomForwardSdp } from '../../apps/webcast/src/pipeline/ffmpeg-args.ts';
import type { Dimensions } from '../../apps/webcast/src/pipeline/types.ts';
import { onPath } from '../../apps/webcast/src/process/ffmpeg-path.ts';
import { freeRtpPorts } from '../../apps/webcast/src/process/rtp-ports.ts';
import { requireProgram } from '../support/requires.ts';
import {
  audioPeak,
  colourOf,
  decodeFrames,
  findFfmpeg,
  hasEncoder,
  region,
  rtpSender,
  waitFor,
} from '../support/webcast-media.ts';
import { startPipeline } from '../support/webcast-pipeline.ts';

const d: Dimensions = { width: 128, height: 72 };
// The sender needs VP8 and Opus encoders; the webcast's ffmpeg (the receiver) is the same one.
const ffmpeg =
  [await findFfmpeg(), onPath('ffmpeg')].find(
    (f): f is string => f !== null && hasEncoder(f, 'libvpx') && hasEncoder(f, 'libopus'),
  ) ?? null;
const runs = requireProgram(
  'ffmpeg with libvpx and libopus',
  ffmpeg !== null,
  'Install ffmpeg (apt-get install ffmpeg)',
);
const dir = mkdtempSync(join(tmpdir(), 'webcast-rtp-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.runIf(runs)('a remote speaker forwarded as RTP into the webcast', () => {
  it('the forwarded picture and sound are in the HLS output; the feed goes stale when the forward stops', async () => {
    const bin = ffmpeg ?? 'ffmpeg';
    const [audioPort = 0, videoPort = 0] = await freeRtpPorts(2);
    expect(audioPort % 2).toBe(0);
    expect(videoPort).not.toBe(audioPort);
    const sdp = join(dir, 'forward.sdp');
    writeFileSync(sdp, roomForwardSdp({ host: '127.0.0.1', audioPort, videoPort }));
    const p = startPipeline({
      ffmpeg: bin,
      dimensions: d,
      source: { kind: 'rtp-sdp', path: sdp },
      feedId: 'remote:m-1',
      program: {
        layout: { kind: 'full', main: 'remote:m-1' },
        lowerThird: null,
        slateText: [],
        audio: ['remote:m-1'],
      },
      renditions: [{ name: 'a', width: 128, height: 72, videoKbps: 100, audioKbps: 48 }],
      prefix: 'webcast-rtp-out-',
    });
    const sender = rtpSender(bin, { colour: 'blue', d, host: '127.0.0.1', audioPort, videoPort });
    try {
      await waitFor('the forwarded feed', () => p.feed.live(), 20_000);
      const start = p.index.segments.length;
      await waitFor(
        'three segments with the feed',
        () => p.index.segments.length >= start + 3,
        20_000,
      );
      const seg = p.index.segments.at(-1);
      const file = join(p.dir, 'media', 'a', seg?.uri ?? '');
      const frames = await decodeFrames(bin, file, d);
      expect(frames.length).toBeGreaterThanOrEqual(20);
      const f = frames.at(-1);
      if (f === undefined) throw new Error('no frame');
      expect(colourOf(region(f, d, { x: 0, y: 8, width: 128, height: 32 }))).toBe('blue');
      expect(await audioPeak(bin, file)).toBeGreaterThan(1000);
      sender.kill('SIGKILL');
      await waitFor('the feed stale', () => !p.feed.live(), 5_000);
    } finally {
      sender.kill('SIGKILL');
      await p.stop();
    }
  }, 90_000);
});
