// A wall clock moved on by the milliseconds written in a file, re-read every 200 ms. Only for tests of timers across
// processes (R16's 5 minutes on several nodes at once): the test writes one number and every node's clock jumps.
import { readFile } from 'node:fs/promises';

export function offsetClock(file: string): { clock: () => Date; stop(): void } {
  let offset = 0;
  const read = () =>
    readFile(file, 'utf8')
      .then((text) => {
        const n = Number(text.trim());
        if (Number.isFinite(n)) offset = n;
      })
      .catch(() => undefined); // no file yet: no offset
  void read();
  const timer = setInterval(() => void read(), 200);
  timer.unref();
  return { clock: () => new Date(Date.now() + offset), stop: () => clearInterval(timer) };
}
