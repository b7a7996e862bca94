// Finds and starts the video room's media servers (Janus, coturn) for plenary; when one is missing or will not start,
// says so plainly and leaves the rest of plenary running without the video room.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findExecutable } from './child-process.ts';
import { startCoturn, startJanus, type JanusServer, type TurnServer } from './media-servers.ts';

export interface MediaStackOptions {
  /** Explicit binaries; else `janus` and `turnserver` on PATH. */
  janusPath?: string | undefined;
  turnserverPath?: string | undefined;
  /** ffmpeg for the chamber's cameras (else `ffmpeg` on PATH). */
  ffmpegPath?: string | undefined;
  /** "lo" in tests; unset: Janus gathers candidates on every interface. */
  iceEnforceList?: string | undefined;
  /** The host name browsers reach coturn by. */
  turnHost?: string | undefined;
  /** Address coturn listens and relays on. */
  turnListenIp?: string | undefined;
  log?: (m: string) => void;
}

export interface MediaStack {
  janus: JanusServer | null;
  turn: TurnServer | null;
  /** Why there is no video room (null when Janus runs). */
  unavailable: string | null;
  stop(): Promise<void>;
}

export async function startMediaStack(options: MediaStackOptions = {}): Promise<MediaStack> {
  const log = options.log ?? ((m: string) => console.log(`[video] ${m}`));
  const workDir = mkdtempSync(join(tmpdir(), 'council-room-'));
  const cleanup = () => rmSync(workDir, { recursive: true, force: true });
  const janusPath = findExecutable('janus', options.janusPath);
  if (!janusPath) {
    cleanup();
    return {
      janus: null,
      turn: null,
      unavailable:
        'Janus is not installed (Debian: apt-get install janus); the sitting runs without its video room.',
      stop: () => Promise.resolve(),
    };
  }
  let janus: JanusServer;
  try {
    janus = await startJanus({
      janusPath,
      workDir,
      iceEnforceList: options.iceEnforceList,
      log,
    });
  } catch (error) {
    cleanup();
    return {
      janus: null,
      turn: null,
      unavailable: `Janus would not start: ${error instanceof Error ? error.message : String(error)}`,
      stop: () => Promise.resolve(),
    };
  }
  let turn: TurnServer | null = null;
  const turnserverPath = findExecutable('turnserver', options.turnserverPath);
  if (!turnserverPath)
    log(
      'coturn is not installed (apt-get install coturn): members behind strict firewalls get no TURN relay',
    );
  else
    try {
      turn = await startCoturn({
        turnserverPath,
        workDir,
        ...(options.turnListenIp ? { listenIp: options.turnListenIp } : {}),
        ...(options.turnHost ? { publicHost: options.turnHost } : {}),
        log,
      });
    } catch (error) {
      log(`coturn would not start (${String(error)}): no TURN relay`);
    }
  return {
    janus,
    turn,
    unavailable: null,
    async stop() {
      await Promise.all([janus.stop(), turn?.stop()]);
      cleanup();
    },
  };
}
