// Coalesces a sitting's outgoing updates: the first change after a quiet spell goes out at the end of the turn, changes that follow
// within the window are merged into one message. Hundreds of votes in a second then cost a few broadcasts, not
// hundreds, and a big public room (thousands of viewers) gets a fresh view a few times a second.
export interface Coalescer<T> {
  /** `urgent` (a division's result): goes out at the end of this turn, whatever the window. */
  push(key: string, value: T, urgent?: boolean): void;
  /** Send whatever is pending now and stop the timers. */
  close(): void;
}

export function createCoalescer<T>(options: {
  merge: (pending: T, next: T) => T;
  flush: (key: string, value: T) => void;
  windowMs: (key: string) => number;
}): Coalescer<T> {
  const pending = new Map<string, { value: T; soon: boolean; cancel: () => void }>();
  const lastSent = new Map<string, number>();

  function send(key: string, value: T): void {
    lastSent.set(key, performance.now());
    options.flush(key, value);
  }

  return {
    push(key, value, urgent = false) {
      const due = () => {
        const entry = pending.get(key);
        pending.delete(key);
        if (entry) send(key, entry.value);
      };
      // Even "at once" waits for the end of this turn, so the acks of the commands just stored go out first.
      const atOnce = (v: T) => {
        const immediate = setImmediate(due);
        pending.set(key, { value: v, soon: true, cancel: () => clearImmediate(immediate) });
      };
      const waiting = pending.get(key);
      if (waiting) {
        const merged = options.merge(waiting.value, value);
        if (urgent && !waiting.soon) {
          waiting.cancel();
          atOnce(merged);
        } else waiting.value = merged;
        return;
      }
      const window = options.windowMs(key);
      const since = performance.now() - (lastSent.get(key) ?? Number.NEGATIVE_INFINITY);
      if (urgent || since >= window) atOnce(value);
      else {
        const timer = setTimeout(due, window - since);
        pending.set(key, { value, soon: false, cancel: () => clearTimeout(timer) });
      }
    },
    close() {
      for (const [key, { value, cancel }] of pending) {
        cancel();
        send(key, value);
      }
      pending.clear();
    },
  };
}
