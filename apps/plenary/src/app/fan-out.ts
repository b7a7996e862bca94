// Fan-out between plenary nodes on one PostgreSQL: every commit sends pg_notify('plenary_sitting', {node, sitting, seq})
// (sitting-engine.ts); every node LISTENs and has its engine read what it missed from the log, so each node's sockets
// get every event through the same per-person projection as if it had been written there. Heartbeats of remote members
// (R15) travel the same way on 'plenary_heartbeat', so whichever node leads the timers sees every member's connection.
import type { Heartbeat } from '@council/shared';
import { heartbeatSchema } from '@council/shared';
import { z } from 'zod';
import type { SittingEngine } from './sitting-engine.ts';

export const SITTING_CHANNEL = 'plenary_sitting';
export const HEARTBEAT_CHANNEL = 'plenary_heartbeat';

type Listen = (
  channel: string,
  onNotify: (payload: string) => void,
  onListen?: () => void,
) => Promise<() => Promise<void>>;

const sittingNotice = z.object({
  nodeId: z.string().min(1),
  sittingId: z.string().min(1).max(64),
  seq: z.number().int().min(1),
});

/** The JSON a commit sends; null for anything else on the channel. */
export function parseSittingNotice(payload: string): z.infer<typeof sittingNotice> | null {
  const parsed = sittingNotice.safeParse(parseJson(payload));
  return parsed.success ? parsed.data : null;
}

const relayedBeat = z.object({
  nodeId: z.string().min(1),
  personId: z.string().min(1).max(64),
  beat: heartbeatSchema,
});

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

export interface FanOutDeps {
  listen: Listen;
  /** Sends a notification (outside any transaction): the heartbeat relay. */
  notify: (channel: string, payload: string) => Promise<void>;
  engine: SittingEngine;
  nodeId: string;
  /** A heartbeat another node received. */
  onHeartbeat: (personId: string, beat: Heartbeat) => void;
  log?: (message: string, error?: unknown) => void;
}

export async function startFanOut(deps: FanOutDeps) {
  let connected = false;
  const unlistenSitting = await deps.listen(
    SITTING_CHANNEL,
    (payload) => {
      const notice = parseSittingNotice(payload);
      if (!notice) return deps.log?.(`fan-out: ignored a malformed notice on ${SITTING_CHANNEL}`);
      if (notice.nodeId !== deps.nodeId) deps.engine.heard(notice.sittingId, notice.seq);
    },
    () => {
      // Notifications sent while this connection was down are gone: read every sitting held here from the log.
      if (connected) deps.log?.('fan-out: listening again, catching up from the log');
      connected = true;
      deps.engine.catchUpAll();
    },
  );
  const unlistenBeat = await deps.listen(HEARTBEAT_CHANNEL, (payload) => {
    const parsed = relayedBeat.safeParse(parseJson(payload));
    if (!parsed.success) return deps.log?.(`fan-out: ignored a malformed heartbeat notice`);
    if (parsed.data.nodeId !== deps.nodeId)
      deps.onHeartbeat(parsed.data.personId, parsed.data.beat);
  });
  return {
    /** Tell the other nodes of a heartbeat received here. */
    relayHeartbeat(personId: string, beat: Heartbeat): void {
      deps
        .notify(HEARTBEAT_CHANNEL, JSON.stringify({ nodeId: deps.nodeId, personId, beat }))
        .catch((error: unknown) => deps.log?.('fan-out: could not relay a heartbeat', error));
    },
    async close(): Promise<void> {
      await unlistenSitting();
      await unlistenBeat();
    },
  };
}

export type FanOut = Awaited<ReturnType<typeof startFanOut>>;
