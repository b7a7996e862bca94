// The programme's clock for one compositor run: when each frame went in, counting frames Node had to skip,
// so program date time stays on the wall clock even after an overload (the archive and the panel rely on it).
import { FPS } from './types.ts';

const FRAME_MS = 1000 / FPS;

export class RunClock {
  /** Frames written so far. */
  frames = 0;
  /** [frame index, ticks skipped before it, cumulative], in frame order. */
  private readonly skips: [number, number][] = [];

  constructor(readonly start: number) {}

  wrote(): void {
    this.frames += 1;
  }

  /** `n` ticks passed without a frame (dropped under back-pressure, or a clock resync). */
  skipped(n: number): void {
    if (n <= 0) return;
    const last = this.skips.at(-1);
    const total = (last?.[1] ?? 0) + n;
    if (last !== undefined && last[0] === this.frames) last[1] = total;
    else this.skips.push([this.frames, total]);
  }

  /** Wall-clock ms at which frame `frame` of this run went in. */
  timeOf(frame: number): number {
    let lo = 0;
    let hi = this.skips.length - 1;
    let skipped = 0;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const s = this.skips[mid];
      if (s === undefined) break;
      if (s[0] <= frame) {
        skipped = s[1];
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return this.start + (frame + skipped) * FRAME_MS;
  }
}
