// Follows the sitting: each public view sets the programme, records an archive mark and reaches the player (R13, R25).
// Independent of how views arrive: the plenary follower calls onView, and so do tests.
import type { PublicSittingView } from '@council/shared';
import type { ArchiveStore } from './archive/archive-store.ts';
import type { Mark } from './pipeline/chapters.ts';
import { itemLine, layoutFor } from './pipeline/layout.ts';
import type { Program } from './pipeline/types.ts';

export interface TimedView {
  /** When the view reached the webcast: the same clock as the segments' program date time. */
  at: string;
  view: PublicSittingView;
}

const waiting: Program = {
  layout: { kind: 'slate', slate: 'not-started' },
  lowerThird: null,
  slateText: ['Ingen sändning just nu', 'Nästa sammanträde visas här när det börjar'],
  audio: [],
};

export function markOf(view: PublicSittingView, at: string): Mark {
  const item = view.items.find((i) => i.id === view.currentItemId);
  const closed = view.closedSession || item?.confidential === true;
  const f = view.floor;
  return {
    at,
    status: view.status,
    itemId: view.currentItemId,
    item: closed ? '' : itemLine(view),
    closed,
    speaker:
      closed || f === null
        ? null
        : {
            memberId: f.speaker.memberId,
            name: f.speaker.name,
            party: f.speaker.party,
            kind: f.kind,
          },
  };
}

export interface DriverOptions {
  archive: ArchiveStore;
  /** Delay before cutting the archive after the sitting closes, so the last segments are indexed. */
  publishDelayMs: number;
  now?: () => Date;
  log?: (msg: string) => void;
  /** Whether this node writes the archive (marks, the published archive): the compositor's leader only. */
  writes?: () => boolean;
}

export class ProgramDriver {
  private currentProgram: Program = waiting;
  private current: TimedView | null = null;
  private lastMarkKey = '';
  private readonly listeners = new Set<(v: TimedView) => void>();
  private readonly timers = new Set<NodeJS.Timeout>();
  /** performance.now() when the last view changed the programme (bench: floor change to on air). */
  lastChangeAt = 0;

  constructor(private readonly o: DriverOptions) {}

  get program(): Program {
    return this.currentProgram;
  }

  get view(): TimedView | null {
    return this.current;
  }

  onView(view: PublicSittingView): void {
    const prev = this.current?.view;
    if (prev !== undefined && prev.sittingId === view.sittingId && view.seq < prev.seq) return; // stale, out of order
    const at = (this.o.now?.() ?? new Date()).toISOString();
    this.current = { at, view };
    const next = layoutFor(view);
    if (JSON.stringify(next) !== JSON.stringify(this.currentProgram))
      this.lastChangeAt = performance.now();
    this.currentProgram = next;
    const mark = markOf(view, at);
    const key = JSON.stringify({ ...mark, at: '' });
    if (key !== this.lastMarkKey && (this.o.writes?.() ?? true)) {
      this.lastMarkKey = key;
      try {
        this.o.archive.appendMark(view.sittingId, mark);
      } catch (err) {
        this.o.log?.(`webcast: could not record a mark: ${String(err)}`);
      }
    }
    if (view.status === 'closed' && prev?.status !== 'closed') this.schedulePublish(view, at);
    for (const l of this.listeners) l(this.current);
  }

  private schedulePublish(view: PublicSittingView, at: string): void {
    const t = setTimeout(() => {
      this.timers.delete(t);
      // A standby leaves the archive to the leader; one that took over meanwhile publishes it.
      if (!(this.o.writes?.() ?? true)) return;
      try {
        const m = this.o.archive.publish(view.sittingId, view.title, at);
        this.o.log?.(
          m === null
            ? `webcast: nothing to archive for ${view.sittingId}`
            : `webcast: archive of ${view.sittingId} published`,
        );
      } catch (err) {
        this.o.log?.(`webcast: archive of ${view.sittingId} failed: ${String(err)}`);
      }
    }, this.o.publishDelayMs);
    this.timers.add(t);
  }

  subscribe(listener: (v: TimedView) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  close(): void {
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    this.listeners.clear();
  }
}
