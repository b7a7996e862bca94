// The chamber in the video room (R09): the room's cameras and microphone enter Janus through a Streaming mountpoint
// fed with RTP. Each camera is a source ffmpeg reads (RTSP, SRT, a device…); the demo's are synthetic (testsrc for the
// overview of the room, smptebars for the presidium, a tone for the room's microphone). Remote members watch the
// mountpoint beside the VideoRoom feeds; its PIN stays on the server like the room's secret.
import { randomBytes } from 'node:crypto';
import type { JanodeSession } from 'janode';
import StreamingPlugin, { type StreamingHandle } from 'janode/plugins/streaming';
import { Supervisor } from '@council/node-server/supervisor';
import { findExecutable, freePort, spawnBound } from './child-process.ts';
import { settle } from './settle.ts';

export interface ChamberCamera {
  /** The source id in the room's evidence (`chamber:<id>`) and the mountpoint stream's mid. */
  id: string;
  name: string;
  /** ffmpeg input arguments; the demo's: a lavfi test pattern. */
  input: string[];
  /**
   * The sign-language interpreter's camera: every device pins it beside the speaker (the interpreter stands in the
   * chamber with a camera of their own, booked with the sitting). Without sound: the room's microphone carries it.
   */
  interpreter?: boolean;
}

/** The demo chamber: the room's overview and the presidium, each a synthetic picture, and a tone for the room. */
export const DEMO_CAMERAS: readonly ChamberCamera[] = [
  { id: 'salen', name: 'Salen', input: ['-f', 'lavfi', '-i', 'testsrc=size=320x180:rate=15'] },
  {
    id: 'presidiet',
    name: 'Presidiet',
    input: ['-f', 'lavfi', '-i', 'smptebars=size=320x180:rate=15'],
  },
  {
    id: 'tolk',
    name: 'Teckenspråkstolk',
    input: ['-f', 'lavfi', '-i', 'testsrc2=size=320x180:rate=15'],
    interpreter: true,
  },
];
const ROOM_MIC: string[] = ['-f', 'lavfi', '-i', 'sine=frequency=330:sample_rate=48000'];

export interface ChamberSource {
  mid: string;
  source: string;
  name: string;
  kind: 'audio' | 'video';
  /** The sign-language interpreter's picture (pinned beside the speaker). */
  interpreter?: true;
}

export interface Chamber {
  mountpoint: string;
  pin: string;
  sources: ChamberSource[];
  stop(): Promise<void>;
}

/** Creates the mountpoint of a sitting's chamber and starts ffmpeg feeding it (restarted if it dies). */
export async function startChamber(options: {
  session: JanodeSession;
  sittingId: string;
  pluginAdminKey: string;
  cameras?: readonly ChamberCamera[];
  ffmpegPath?: string | undefined;
  log?: (m: string) => void;
}): Promise<Chamber | null> {
  const ffmpeg = findExecutable('ffmpeg', options.ffmpegPath);
  if (!ffmpeg) {
    options.log?.('ffmpeg is not installed: the chamber has no camera in the video room');
    return null;
  }
  const cameras = options.cameras ?? DEMO_CAMERAS;
  const mountpoint = `chamber-${options.sittingId}`;
  const pin = randomBytes(12).toString('base64url');
  const secret = randomBytes(12).toString('base64url');
  const videoPorts = await Promise.all(cameras.map(() => freePort(true)));
  const audioPort = await freePort(true);
  const handle: StreamingHandle = await options.session.attach(StreamingPlugin);
  await handle
    .destroyMountpoint({ id: mountpoint, secret })
    .catch(() => undefined /* none left over */);
  await handle.createRtpMountpoint({
    id: mountpoint,
    name: mountpoint,
    description: 'Kammaren',
    is_private: true,
    pin,
    secret,
    admin_key: options.pluginAdminKey,
    media: [
      ...cameras.map((c, i) => ({
        type: 'video',
        mid: c.id,
        port: videoPorts[i],
        pt: 100,
        codec: 'vp8',
        // Keep the latest keyframe: a member joining later sees the picture at once.
        bufferkf: true,
      })),
      { type: 'audio', mid: 'sal-ljud', port: audioPort, pt: 111, codec: 'opus' },
    ],
  });
  const args = [
    '-hide_banner',
    '-loglevel',
    'error',
    '-re',
    ...cameras.flatMap((c) => c.input),
    '-re',
    ...ROOM_MIC,
    ...cameras.flatMap((_, i) => [
      '-map',
      `${i}:v`,
      '-c:v',
      'libvpx',
      '-deadline',
      'realtime',
      '-cpu-used',
      '8',
      '-b:v',
      '200k',
      '-g',
      '30',
      '-an',
      '-payload_type',
      '100',
      '-ssrc',
      String(1000 + i),
      '-f',
      'rtp',
      `rtp://127.0.0.1:${videoPorts[i]}?pkt_size=1200`,
    ]),
    '-map',
    `${cameras.length}:a`,
    '-c:a',
    'libopus',
    '-b:a',
    '48k',
    '-ac',
    '2',
    '-payload_type',
    '111',
    '-f',
    'rtp',
    `rtp://127.0.0.1:${audioPort}?pkt_size=1200`,
  ];
  const supervisor = new Supervisor({
    name: `chamber ${options.sittingId}`,
    spawn: () => spawnBound(ffmpeg, args),
    ...(options.log ? { log: options.log } : {}),
  });
  supervisor.start();
  return {
    mountpoint,
    pin,
    sources: [
      ...cameras.map((c) => ({
        mid: c.id,
        source: `chamber:${c.id}`,
        name: c.name,
        kind: 'video' as const,
        ...(c.interpreter ? { interpreter: true as const } : {}),
      })),
      { mid: 'sal-ljud', source: 'chamber:ljud', name: 'Salens ljud', kind: 'audio' as const },
    ],
    async stop() {
      await supervisor.stop();
      await settle(handle.destroyMountpoint({ id: mountpoint, secret }));
      await settle(handle.detach());
    },
  };
}
