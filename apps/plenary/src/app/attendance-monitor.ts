// Watches remote members' heartbeats (R15, R18) and runs the 5-minute rule (R16): on a loss of acceptable transmission
// it reports the loss through the engine as the system (the desk is alerted and adjournment proposed); when the member
// is back it reports that (the sitting resumes); when the 5 minutes after the adjournment run out it has the substitute
// step in. All decisions stay in the domain: this only turns time and heartbeats into commands.
import type {
  ConnectionLossKind,
  ConnectionReport,
  ConnectionsMessage,
  Heartbeat,
} from '@council/shared';
import type { Actor, SittingState } from '../domain/sitting/types.ts';
import type { SittingEngine } from './sitting-engine.ts';

/** The monitor acts through the engine like the desk would; its events carry this actor id. */
export const systemActor: Actor = { personId: 'system:attendance-monitor', roles: ['secretary'] };

export interface AttendanceMonitorOptions {
  engine: SittingEngine;
  /** The sitting clock (the engine's): heartbeat ages and the 5-minute deadline are measured on it. */
  clock?: () => Date;
  /** A heartbeat older than this is a lost connection. A few seconds by default. */
  heartbeatTimeoutMs?: number;
  /** How often to look. */
  tickMs?: number;
  log?: (message: string, error?: unknown) => void;
  /**
   * Several nodes: only the leader (leader.ts) turns time into commands; every node still reports connections to its
   * own desk sockets. One node alone always leads.
   */
  isLeader?: () => boolean;
  /** Several nodes: pass each heartbeat received here on to the others (fan-out.ts). */
  relay?: (personId: string, beat: Heartbeat) => void;
  /**
   * The video room's evidence from the media (R09): whether the person's picture and sound reach the others. When it
   * has a verdict it decides, not the member's own heartbeat; null: not in the room, or not seen arriving yet.
   */
  media?: (sittingId: string, personId: string) => { audio: boolean; video: boolean } | null;
}

interface Beat {
  at: number;
  audio: boolean;
  video: boolean;
  roundTripMs: number | null;
}

export type ConnectionsPublisher = (sittingId: string, message: ConnectionsMessage) => void;

export function createAttendanceMonitor(options: AttendanceMonitorOptions) {
  const { engine } = options;
  const clock = options.clock ?? (() => new Date());
  const timeoutMs = options.heartbeatTimeoutMs ?? 5000;
  const tickMs = options.tickMs ?? 1000;
  const beats = new Map<string, Map<string, Beat>>();
  const watched = new Set<string>();
  const publishers = new Set<ConnectionsPublisher>();
  let timer: ReturnType<typeof setInterval> | null = null;
  let ticking: Promise<void> | null = null;
  let again: Promise<void> | null = null;

  const unsubscribe = engine.subscribe((sittingId, _events, state) => {
    // Keep watching sittings with remote members or open losses, so the 5 minutes run even with no heartbeats at all.
    if (
      state.attendance.remote.length > 0 ||
      state.attendance.failures.some((f) => f.outcome === 'open')
    )
      watched.add(sittingId);
  });

  function statusOf(beat: Beat | undefined, now: number): ConnectionReport['status'] {
    if (!beat) return 'unknown';
    if (now - beat.at > timeoutMs || !beat.audio) return 'lost';
    return beat.video ? 'ok' : 'degraded';
  }

  /** The heartbeat with what the media show laid over it: the room's evidence decides sound and picture. */
  function observed(sittingId: string, personId: string, now: number): Beat | undefined {
    const beat = beats.get(sittingId)?.get(personId);
    const media = options.media?.(sittingId, personId) ?? null;
    if (!media) return beat;
    return {
      at: beat && now - beat.at <= timeoutMs ? beat.at : now,
      audio: media.audio,
      video: media.video,
      roundTripMs: beat?.roundTripMs ?? null,
    };
  }

  function reports(state: SittingState, now: number): ConnectionReport[] {
    return state.attendance.remote.map((personId) => {
      const beat = observed(state.sitting.id, personId, now);
      return {
        personId,
        lastSeenMsAgo: beat ? now - beat.at : null,
        audio: beat?.audio ?? false,
        video: beat?.video ?? false,
        roundTripMs: beat?.roundTripMs ?? null,
        status: statusOf(beat, now),
      };
    });
  }

  async function run(
    sittingId: string,
    command: Parameters<SittingEngine['execute']>[1],
  ): Promise<void> {
    const result = await engine.execute(sittingId, command, systemActor);
    // Refusals are expected (someone else reported first, the 5 minutes not yet out): nothing to do.
    if (!result.ok && result.error.code === 'INTERNAL')
      options.log?.(`attendance monitor: ${command.type} failed in ${sittingId}`);
  }

  async function checkSitting(sittingId: string): Promise<void> {
    const state = await engine.state(sittingId);
    if (!state || state.sitting.status === 'closed') {
      watched.delete(sittingId);
      return;
    }
    if (state.sitting.status === 'scheduled') return;
    const now = clock().getTime();
    if (options.isLeader?.() ?? true) await judge(sittingId, state, now);
    const fresh = (await engine.state(sittingId)) ?? state;
    const message: ConnectionsMessage = {
      sittingId,
      at: new Date(now).toISOString(),
      connections: reports(fresh, now),
    };
    for (const p of publishers) p(sittingId, message);
    if (
      fresh.attendance.remote.length === 0 &&
      !fresh.attendance.failures.some((f) => f.outcome === 'open')
    )
      watched.delete(sittingId);
  }

  /** The leader's part: losses and restorations reported, and the 5 minutes enforced. */
  async function judge(sittingId: string, state: SittingState, now: number): Promise<void> {
    const a = state.attendance;
    for (const personId of a.remote) {
      if (a.techFailureMembers.includes(personId)) continue;
      const beat = observed(sittingId, personId, now);
      if (!beat) continue; // never connected through this server: nothing to judge yet
      const open = a.failures.filter((f) => f.personId === personId && f.outcome === 'open');
      const has = (kind: ConnectionLossKind) => open.some((f) => f.kind === kind);
      const stale = now - beat.at > timeoutMs;
      if (stale) {
        if (!has('heartbeat'))
          await run(sittingId, { type: 'reportConnectionLost', personId, kind: 'heartbeat' });
      } else if (!beat.audio) {
        if (!has('audio'))
          await run(sittingId, { type: 'reportConnectionLost', personId, kind: 'audio' });
      } else if (!beat.video) {
        if (!has('video'))
          await run(sittingId, { type: 'reportConnectionLost', personId, kind: 'video' });
      } else if (open.length > 0) {
        await run(sittingId, { type: 'reportConnectionRestored', personId });
      }
    }
    // R16: the 5 minutes are out for someone still cut off: the substitute steps in.
    for (const f of a.failures) {
      if (f.outcome !== 'open' || !f.serving || f.kind === 'video' || f.deadline === null) continue;
      if (!Object.values(a.serving).includes(f.personId)) continue; // left meanwhile: nothing to replace
      if (now >= Date.parse(f.deadline))
        await run(sittingId, { type: 'expireTechFailure', personId: f.personId });
    }
  }

  async function tick(): Promise<void> {
    for (const sittingId of [...watched]) {
      try {
        await checkSitting(sittingId);
      } catch (error) {
        options.log?.(`attendance monitor: check of ${sittingId} failed`, error);
      }
    }
  }

  /**
   * Never two looks at once: a slow transaction must not make the monitor report twice. A look asked for while one
   * runs (the media changed meanwhile) runs right after it, not at the next tick.
   */
  function look(): Promise<void> {
    if (ticking) {
      again ??= ticking.then(() => {
        again = null;
        return look();
      });
      return again;
    }
    ticking = tick().finally(() => {
      ticking = null;
    });
    return ticking;
  }

  return {
    /** A remote member's client reports in. */
    heartbeat(personId: string, beat: Heartbeat): void {
      this.heard(personId, beat);
      options.relay?.(personId, beat);
    },
    /** A heartbeat another node received (fan-out.ts): timed on this node's clock when it arrives. */
    heard(personId: string, beat: Heartbeat): void {
      let byPerson = beats.get(beat.sittingId);
      if (!byPerson) {
        byPerson = new Map();
        beats.set(beat.sittingId, byPerson);
      }
      byPerson.set(personId, {
        at: clock().getTime(),
        audio: beat.audio,
        video: beat.video,
        roundTripMs: beat.roundTripMs,
      });
      watched.add(beat.sittingId);
    },
    /** Live connection reports for the desk. */
    async connections(sittingId: string): Promise<ConnectionReport[]> {
      const state = await engine.state(sittingId);
      return state ? reports(state, clock().getTime()) : [];
    },
    onConnections(publisher: ConnectionsPublisher): () => void {
      publishers.add(publisher);
      return () => publishers.delete(publisher);
    },
    watch(sittingId: string): void {
      watched.add(sittingId);
    },
    /** One look at every watched sitting (the timer calls this; tests call it directly). */
    tick: look,
    start(): void {
      if (timer) return;
      timer = setInterval(() => void look(), tickMs);
      timer.unref();
    },
    async stop(): Promise<void> {
      if (timer) clearInterval(timer);
      timer = null;
      unsubscribe();
      if (again) await again;
      if (ticking) await ticking;
    },
  };
}

export type AttendanceMonitor = ReturnType<typeof createAttendanceMonitor>;
