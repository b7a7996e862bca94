// The sitting beside the picture, in step with it: views are applied when the player's program date time reaches them.
import { publicSittingViewSchema, type PublicSittingView } from '@council/shared';
import { z } from 'zod';

const timedViewSchema = z.object({ at: z.string(), view: publicSittingViewSchema });

export class SittingState {
  view = $state<PublicSittingView | null>(null);
  connected = $state(false);
  private pending: { at: number; view: PublicSittingView }[] = [];
  private source: EventSource | null = null;

  connect(url = '/webcast/api/events'): void {
    this.source = new EventSource(url);
    this.source.addEventListener('open', () => (this.connected = true));
    this.source.addEventListener('error', () => (this.connected = false));
    this.source.addEventListener('view', (e) => {
      const parsed = timedViewSchema.safeParse(JSON.parse(String(e.data)));
      if (!parsed.success) return;
      this.pending.push({ at: Date.parse(parsed.data.at), view: parsed.data.view });
      if (this.view === null) this.view = parsed.data.view;
    });
  }

  /** Applies every view the picture has reached; `playingAt` null (not playing yet) applies all. */
  advance(playingAt: number | null): void {
    let next: PublicSittingView | null = null;
    while (this.pending.length > 0) {
      const head = this.pending[0];
      if (head === undefined || (playingAt !== null && head.at > playingAt)) break;
      next = head.view;
      this.pending.shift();
    }
    if (next !== null) this.view = next;
  }

  close(): void {
    this.source?.close();
  }
}
