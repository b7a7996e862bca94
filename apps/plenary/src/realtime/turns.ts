// Big broadcasts go out in slices, one slice per turn of the event loop: between two slices Node reads the sockets
// (incoming votes), answers acks and fires the desk's timer, so the desk and the voters are never stuck behind
// ten thousand socket writes to viewers.
export interface Turns {
  /** Run each task in a turn of its own, after everything queued before. */
  push(tasks: readonly (() => void)[]): void;
  /** Drop the tasks not started yet (a newer public view makes an older one pointless). */
  clear(): void;
  /** Run what is queued now (shutdown). */
  close(): void;
}

export function createTurns(): Turns {
  const queue: (() => void)[] = [];
  let scheduled: NodeJS.Immediate | null = null;

  function step(): void {
    scheduled = null;
    const task = queue.shift();
    if (queue.length > 0) scheduled = setImmediate(step);
    task?.();
  }

  return {
    push(tasks) {
      queue.push(...tasks);
      if (!scheduled && queue.length > 0) {
        // The first slice goes at once: a broadcast already waited for its turn in the coalescer.
        const first = queue.shift();
        if (queue.length > 0) scheduled = setImmediate(step);
        first?.();
      }
    },
    clear() {
      queue.length = 0;
      if (scheduled) clearImmediate(scheduled);
      scheduled = null;
    },
    close() {
      if (scheduled) clearImmediate(scheduled);
      scheduled = null;
      for (const task of queue.splice(0)) task();
    },
  };
}

/** Split a list into slices of `size`. */
export function slices<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
