// Server time on every client: speaking timers and countdowns all read the same clock (offset from the server).
class ServerClock {
  offsetMs = $state(0);
  now = $state(Date.now());
  #timer: ReturnType<typeof setInterval> | null = null;

  /** Record the server's time as seen at `receivedAt` (client ms). */
  sync(serverIso: string, receivedAt = Date.now()): void {
    this.offsetMs = new Date(serverIso).getTime() - receivedAt;
  }

  start(): void {
    if (this.#timer) return;
    this.#timer = setInterval(() => (this.now = Date.now() + this.offsetMs), 250);
  }

  /** Seconds elapsed on the server since an ISO time. */
  since(iso: string): number {
    return Math.max(0, Math.floor((this.now - new Date(iso).getTime()) / 1000));
  }
}

export const serverClock = new ServerClock();
