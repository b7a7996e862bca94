// Keeps one child process running: restarts it with exponential back-off and keeps the tail of its log (the webcast's
// ffmpeg processes, the video room's Janus and coturn).
import type { ChildProcess } from 'node:child_process';

export interface SupervisorOptions {
  name: string;
  spawn: () => ChildProcess;
  /** Called with each new child before it produces output. */
  onSpawn?: (child: ChildProcess) => void;
  onExit?: (code: number | null, signal: NodeJS.Signals | null) => void;
  log?: (msg: string) => void;
  minBackoffMs?: number;
  maxBackoffMs?: number;
  /** A child that ran this long resets the back-off. */
  stableMs?: number;
  tailLines?: number;
  /** false: do not restart (a feed whose source is gone, e.g. a closed ingest socket). */
  restart?: boolean;
}

export class Supervisor {
  private current: ChildProcess | null = null;
  private stopped = true;
  private backoff: number;
  private timer: NodeJS.Timeout | null = null;
  private readonly lines: string[] = [];
  private partial = '';
  restarts = 0;

  constructor(private readonly o: SupervisorOptions) {
    this.backoff = o.minBackoffMs ?? 500;
  }

  get child(): ChildProcess | null {
    return this.current;
  }

  get running(): boolean {
    return !this.stopped;
  }

  /** The last lines the child wrote to stderr. */
  get tail(): string[] {
    return [...this.lines];
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.launch();
  }

  private record(text: string): void {
    const parts = (this.partial + text).split('\n');
    this.partial = parts.pop() ?? '';
    for (const l of parts) {
      if (l.trim() === '') continue;
      this.lines.push(l);
      if (this.lines.length > (this.o.tailLines ?? 50)) this.lines.shift();
    }
  }

  private launch(): void {
    if (this.stopped) return;
    const started = Date.now();
    let child: ChildProcess;
    try {
      child = this.o.spawn();
    } catch (err) {
      this.o.log?.(`${this.o.name}: spawn failed: ${String(err)}`);
      this.schedule(started);
      return;
    }
    this.current = child;
    child.stderr?.on('data', (d: Buffer) => this.record(d.toString()));
    child.on('error', (err) => this.o.log?.(`${this.o.name}: ${err.message}`));
    child.once('close', (code, signal) => {
      if (this.current === child) this.current = null;
      this.o.onExit?.(code, signal);
      if (this.stopped) return;
      this.o.log?.(
        `${this.o.name}: exited (${signal ?? code ?? '?'}); last log: ${this.lines.slice(-3).join(' | ')}`,
      );
      if (this.o.restart === false) {
        this.stopped = true;
        return;
      }
      this.schedule(started);
    });
    this.o.onSpawn?.(child);
  }

  private schedule(started: number): void {
    if (Date.now() - started > (this.o.stableMs ?? 30_000))
      this.backoff = this.o.minBackoffMs ?? 500;
    const wait = this.backoff;
    this.backoff = Math.min(this.backoff * 2, this.o.maxBackoffMs ?? 10_000);
    this.restarts += 1;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.launch();
    }, wait);
  }

  /** Kills the current child; the supervisor starts a new one (used by watchdogs). */
  kill(signal: NodeJS.Signals = 'SIGKILL'): void {
    this.current?.kill(signal);
  }

  /** Stops supervising and ends the child: SIGTERM, then SIGKILL after `graceMs`. */
  async stop(graceMs = 2000): Promise<void> {
    this.stopped = true;
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    const child = this.current;
    if (child === null || child.exitCode !== null || child.signalCode !== null) return;
    await new Promise<void>((resolve) => {
      const force = setTimeout(() => child.kill('SIGKILL'), graceMs);
      child.once('close', () => {
        clearTimeout(force);
        resolve();
      });
      child.kill('SIGTERM');
    });
  }
}
