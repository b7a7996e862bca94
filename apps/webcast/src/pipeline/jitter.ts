// Lip-sync for one feed: picture and sound wait in two queues played out one frame per tick; this decides
// what to drop so both queues hold about the same time (sync) and not more than the jitter target (latency).
import { AUDIO_BYTES_PER_FRAME, FPS } from './types.ts';

const FRAME_MS = 1000 / FPS;
/** Difference between the queues tolerated before trimming (arrival jitter of decoded packets). */
export const SYNC_TOLERANCE_MS = 45;

export interface Trim {
  dropFrames: number;
  /** Whole stereo s16 samples (multiple of 4). */
  dropAudioBytes: number;
}

/** `frames` queued pictures, `audioBytes` queued PCM, `targetMs` the jitter buffer this feed needs. */
export function trimQueues(frames: number, audioBytes: number, targetMs: number): Trim {
  const videoMs = frames * FRAME_MS;
  const audioMs = (audioBytes / AUDIO_BYTES_PER_FRAME) * FRAME_MS;
  let dropVideoMs = 0;
  let dropAudioMs = 0;
  // Sync first: cut the longer queue down to the shorter one.
  if (audioMs - videoMs > SYNC_TOLERANCE_MS) dropAudioMs = audioMs - videoMs;
  else if (videoMs - audioMs > SYNC_TOLERANCE_MS) dropVideoMs = videoMs - audioMs;
  // Then latency: both down to the target when both run over it by more than two frames.
  const common = Math.min(videoMs - dropVideoMs, audioMs - dropAudioMs);
  if (common > targetMs + 2 * FRAME_MS) {
    dropVideoMs += common - targetMs;
    dropAudioMs += common - targetMs;
  }
  const dropFrames = Math.min(frames, Math.floor(dropVideoMs / FRAME_MS + 1e-9));
  const bytes = Math.floor(((dropAudioMs / FRAME_MS) * AUDIO_BYTES_PER_FRAME) / 4) * 4;
  return { dropFrames, dropAudioBytes: Math.min(bytes, audioBytes - (audioBytes % 4)) };
}
