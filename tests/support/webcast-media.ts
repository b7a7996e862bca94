// Helpers for webcast tests: find programs (skip loudly, fail on CI), decode HLS output and measure it.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { meanYuv, type Rect, type Yuv } from '../../apps/webcast/src/pipeline/frame.ts';
import type { Dimensions } from '../../apps/webcast/src/pipeline/types.ts';
import { onPath, resolveFfmpeg } from '../../apps/webcast/src/process/ffmpeg-path.ts';
import { requireProgram } from './requires.ts';

/** ffmpeg as the webcast resolves it, or null (skipped loudly locally, a failure under CI=true). */
export async function findFfmpeg(): Promise<string | null> {
  const path = await resolveFfmpeg(process.env['FFMPEG_PATH']);
  return requireProgram(
    'ffmpeg',
    path !== null,
    'Install it (apt-get install -y ffmpeg), keep @ffmpeg-installer/ffmpeg, or set FFMPEG_PATH.',
  )
    ? path
    : null;
}

export function findFfprobe(): string | null {
  const path = process.env['FFPROBE_PATH'] ?? onPath('ffprobe');
  return requireProgram(
    'ffprobe',
    path !== null && existsSync(path),
    'Install it (apt-get install -y ffmpeg) or set FFPROBE_PATH.',
  )
    ? path
    : null;
}

function run(bin: string, args: string[]): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const child = spawn(bin, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    let err = '';
    child.stdout.on('data', (d: Buffer) => out.push(d));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0
        ? resolve(Buffer.concat(out))
        : reject(new Error(`${bin} ${args.join(' ')}: ${err.slice(-500)}`)),
    );
  });
}

/** Every decoded frame of a segment (yuv420p at `d`). */
export async function decodeFrames(ffmpeg: string, file: string, d: Dimensions): Promise<Buffer[]> {
  const raw = await run(ffmpeg, [
    '-v',
    'error',
    '-i',
    file,
    '-an',
    '-vf',
    `scale=${d.width}:${d.height}`,
    '-pix_fmt',
    'yuv420p',
    '-f',
    'rawvideo',
    'pipe:1',
  ]);
  const size = (d.width * d.height * 3) / 2;
  const frames: Buffer[] = [];
  for (let o = 0; o + size <= raw.length; o += size) frames.push(raw.subarray(o, o + size));
  return frames;
}

/** The peak absolute sample of a segment's decoded sound (0 = digital silence). */
export async function audioPeak(ffmpeg: string, file: string): Promise<number> {
  const raw = await run(ffmpeg, [
    '-v',
    'error',
    '-i',
    file,
    '-vn',
    '-ac',
    '1',
    '-ar',
    '48000',
    '-f',
    's16le',
    'pipe:1',
  ]);
  let peak = 0;
  for (let i = 0; i + 1 < raw.length; i += 2) peak = Math.max(peak, Math.abs(raw.readInt16LE(i)));
  return peak;
}

export function region(frame: Buffer, d: Dimensions, r: Rect): Yuv {
  return meanYuv(frame, d, r);
}

/** Which test colour a region shows. Synthetic colours after x264: red has high V, blue high U; the slate has neither. */
export function colourOf(c: Yuv): 'red' | 'blue' | 'slate' | 'black' | 'other' {
  if (c.v > 200 && c.u < 120) return 'red';
  if (c.u > 200 && c.v < 140) return 'blue';
  if (Math.abs(c.u - 150) < 15 && Math.abs(c.v - 112) < 15 && c.y < 90) return 'slate';
  if (c.y < 30 && Math.abs(c.u - 128) < 10 && Math.abs(c.v - 128) < 10) return 'black';
  return 'other';
}

export interface ProbeInfo {
  startTime: number;
  duration: number;
}

export async function probe(ffprobe: string, file: string): Promise<ProbeInfo> {
  const out = (
    await run(ffprobe, [
      '-v',
      'error',
      '-show_entries',
      'format=start_time,duration',
      '-of',
      'json',
      file,
    ])
  ).toString();
  const j: unknown = JSON.parse(out);
  const format: unknown = typeof j === 'object' && j !== null ? Reflect.get(j, 'format') : null;
  const get = (k: string): number =>
    Number(typeof format === 'object' && format !== null ? Reflect.get(format, k) : NaN);
  return { startTime: get('start_time'), duration: get('duration') };
}

export async function waitFor<T>(
  what: string,
  fn: () => T | null | undefined | false | Promise<T | null | undefined | false>,
  timeoutMs = 10_000,
  everyMs = 100,
): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v !== null && v !== undefined && v !== false) return v;
    if (Date.now() > until) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

/** A synthetic remote member: ffmpeg writing live WebM (VP8 + Opus) like MediaRecorder, in chunks. */
export function webmSource(ffmpeg: string, colour: string, d: Dimensions) {
  return spawn(
    ffmpeg,
    [
      '-hide_banner',
      '-nostdin',
      '-loglevel',
      'error',
      '-re',
      '-f',
      'lavfi',
      '-i',
      `color=c=${colour}:size=${d.width}x${d.height}:rate=25`,
      '-re',
      '-f',
      'lavfi',
      '-i',
      'sine=frequency=880:sample_rate=48000',
      '-c:v',
      'libvpx',
      '-deadline',
      'realtime',
      '-cpu-used',
      '8',
      '-b:v',
      '200k',
      '-g',
      '25',
      '-c:a',
      'libopus',
      '-b:a',
      '48k',
      '-f',
      'webm',
      '-cluster_time_limit',
      '200',
      '-flush_packets',
      '1',
      'pipe:1',
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
}

export function hasEncoder(ffmpeg: string, name: string): boolean {
  return spawnSync(ffmpeg, ['-hide_banner', '-encoders'], { encoding: 'utf8' }).stdout.includes(
    ` ${name} `,
  );
}

/** A synthetic source for lip-sync: a white frame and a 1 kHz burst at the start of every second. */
export function syncSource(d: Dimensions): string {
  return `lavfi:color=c=black:s=${d.width}x${d.height}:r=25,drawbox=w=iw:h=ih:c=white:t=fill:enable='lt(mod(t,1),0.04)'|aevalsrc=exprs='if(lt(mod(t,1),0.04),0.5*sin(2*PI*1000*t),0)':s=48000:c=stereo`;
}

/**
 * Sound minus picture, in ms, for each flash of a sync source found in `file` (positive: sound late).
 * ITU-R BT.1359 acceptability: sound at most 90 ms early and 185 ms late.
 */
export async function avOffsets(ffmpeg: string, file: string): Promise<number[]> {
  const log = await new Promise<string>((resolve, reject) => {
    const child = spawn(
      ffmpeg,
      [
        '-hide_banner',
        '-nostdin',
        '-copyts',
        '-i',
        file,
        '-vf',
        'signalstats,metadata=print:key=lavfi.signalstats.YAVG',
        '-af',
        'asetnsamples=n=240,astats=metadata=1:reset=1,ametadata=print:key=lavfi.astats.Overall.RMS_level',
        '-f',
        'null',
        '-',
      ],
      { stdio: ['ignore', 'ignore', 'pipe'] },
    );
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', reject);
    child.on('close', () => resolve(err));
  });
  const times = new Map<string, number>();
  const video: [number, number][] = [];
  const audio: [number, number][] = [];
  for (const line of log.split('\n')) {
    const who = /^\[(\S+) @ [^\]]+\]/.exec(line)?.[1];
    if (who === undefined) continue;
    const t = /pts_time:(\S+)/.exec(line);
    if (t !== null) times.set(who, Number(t[1]));
    const y = /lavfi\.signalstats\.YAVG=(\S+)/.exec(line);
    if (y !== null) video.push([times.get(who) ?? NaN, Number(y[1])]);
    const r = /lavfi\.astats\.Overall\.RMS_level=(\S+)/.exec(line);
    if (r !== null) audio.push([times.get(who) ?? NaN, r[1] === '-inf' ? -200 : Number(r[1])]);
  }
  const onsets = (xs: [number, number][], over: number): number[] =>
    xs.filter(([, v], i) => v > over && (xs[i - 1]?.[1] ?? Infinity) <= over).map(([t]) => t);
  const flashes = onsets(video, 128);
  const beeps = onsets(audio, -40);
  const out: number[] = [];
  for (const f of flashes) {
    const near = beeps.map((b) => b - f).filter((x) => Math.abs(x) < 0.5);
    const best = near.sort((a, b) => Math.abs(a) - Math.abs(b))[0];
    if (best !== undefined) out.push(Math.round(best * 1000));
  }
  return out;
}

/**
 * What Janus's `rtp_forward` sends for one publisher, made by ffmpeg: a coloured picture as VP8 (payload type 96) and
 * an 880 Hz tone as Opus (111), each as plain RTP to its own local port.
 */
export function rtpSender(
  ffmpeg: string,
  o: { colour: string; d: Dimensions; host: string; audioPort: number; videoPort: number },
) {
  return spawn(
    ffmpeg,
    [
      '-hide_banner',
      '-nostdin',
      '-loglevel',
      'error',
      '-re',
      '-f',
      'lavfi',
      '-i',
      `color=c=${o.colour}:size=${o.d.width}x${o.d.height}:rate=25`,
      '-re',
      '-f',
      'lavfi',
      '-i',
      'sine=frequency=880:sample_rate=48000',
      '-map',
      '0:v',
      '-c:v',
      'libvpx',
      '-deadline',
      'realtime',
      '-cpu-used',
      '8',
      '-b:v',
      '200k',
      '-g',
      '25',
      '-payload_type',
      '96',
      '-f',
      'rtp',
      `rtp://${o.host}:${o.videoPort}`,
      '-map',
      '1:a',
      '-c:a',
      'libopus',
      '-b:a',
      '48k',
      '-payload_type',
      '111',
      '-f',
      'rtp',
      `rtp://${o.host}:${o.audioPort}`,
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
}
