// Speaking-timer arithmetic for the debate screens: counts down from the floor's server start, then shows the overrun.
export interface TimerReading {
  elapsed: number;
  /** Seconds left; null without a limit. */
  left: number | null;
  /** Seconds over the advisory limit (0 while within it). */
  over: number;
}

export function readTimer(elapsed: number, limitSeconds: number | null): TimerReading {
  if (limitSeconds === null) return { elapsed, left: null, over: 0 };
  return {
    elapsed,
    left: Math.max(0, limitSeconds - elapsed),
    over: Math.max(0, elapsed - limitSeconds),
  };
}

/** m:ss, or h:mm:ss past an hour. */
export function clock(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const ss = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}
