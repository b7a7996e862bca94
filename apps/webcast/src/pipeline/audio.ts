// Programme sound: s16le stereo PCM mixed by Node per video frame; a bounded FIFO per feed keeps lip-sync.
import { AUDIO_BYTES_PER_FRAME } from './types.ts';

/** Sums s16le buffers of equal length with clipping; no input gives silence. */
export function mixPcm(inputs: readonly Buffer[], bytes = AUDIO_BYTES_PER_FRAME): Buffer {
  const out = Buffer.alloc(bytes);
  if (inputs.length === 0) return out;
  if (inputs.length === 1 && inputs[0]?.length === bytes) return Buffer.from(inputs[0]);
  for (let i = 0; i < bytes; i += 2) {
    let s = 0;
    for (const b of inputs) s += i + 1 < b.length ? b.readInt16LE(i) : 0;
    out.writeInt16LE(Math.max(-32768, Math.min(32767, s)), i);
  }
  return out;
}

/**
 * A FIFO of PCM bytes from one feed. `take` always returns a full frame's worth (silence where the
 * feed has nothing); `maxBytes` drops the oldest audio so a feed running ahead cannot drift the sound.
 */
export class PcmFifo {
  private chunks: Buffer[] = [];
  private size = 0;

  constructor(
    private readonly maxBytes: number,
    private readonly keepBytes: number,
  ) {}

  get length(): number {
    return this.size;
  }

  push(chunk: Buffer): void {
    this.chunks.push(chunk);
    this.size += chunk.length;
    if (this.size > this.maxBytes) this.drop(this.size - this.keepBytes);
  }

  /** Drops the oldest `n` bytes (whole samples). */
  drop(n: number): void {
    // Keep whole samples (4 bytes per stereo s16 sample).
    let left = n - (n % 4);
    while (left > 0) {
      const head = this.chunks[0];
      if (head === undefined) break;
      if (head.length <= left) {
        this.chunks.shift();
        this.size -= head.length;
        left -= head.length;
      } else {
        this.chunks[0] = head.subarray(left);
        this.size -= left;
        left = 0;
      }
    }
  }

  /** Exactly `n` bytes: the oldest audio, padded with silence if there is not enough. */
  take(n: number): Buffer {
    const out = Buffer.alloc(n);
    let off = 0;
    while (off < n) {
      const head = this.chunks[0];
      if (head === undefined) break;
      const k = Math.min(head.length, n - off);
      head.copy(out, off, 0, k);
      off += k;
      this.size -= k;
      if (k === head.length) this.chunks.shift();
      else this.chunks[0] = head.subarray(k);
    }
    return out;
  }

  clear(): void {
    this.chunks = [];
    this.size = 0;
  }
}
