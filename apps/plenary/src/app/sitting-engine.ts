// The use case for every change to a sitting: load state → decide → append events (hash chain) in one tx → publish.
// Commands to one sitting queue in order; those that arrive while a transaction runs are batched into the next one,
// so hundreds of simultaneous votes cost a few transactions, not hundreds, and the chain stays in order.
import { randomUUID } from 'node:crypto';
import {
  isRejection,
  reject,
  type Ack,
  type Command,
  type Rejection,
  type SignedHead,
  type StoredEvent,
} from '@council/shared';
import type { PlenaryDb } from '../db/client.ts';
import {
  appendEvents,
  createHead,
  eventsSince,
  insertSignedHead,
  latestSignedHead,
  lockHead,
} from '../db/sitting-event.repo.ts';
import type { LogSigner } from './log-signer.ts';
import { chain } from '../domain/log/hash-chain.ts';
import { decide, evolve, fold, toRecord } from '../domain/sitting/sitting.ts';
import type { Actor, DomainEvent, SittingState } from '../domain/sitting/types.ts';

export interface CommandAccepted {
  seq: number;
  events: StoredEvent[];
}

export type CommandResult = Ack<CommandAccepted>;

export type SittingListener = (
  sittingId: string,
  events: readonly StoredEvent[],
  state: SittingState,
) => void;

export interface SittingEngineDeps {
  db: PlenaryDb;
  clock?: () => Date;
  newId?: () => string;
  log?: (message: string, error?: unknown) => void;
  /** Largest number of commands in one transaction. */
  maxBatch?: number;
  /** Signs each committed batch's head and each minutes lock (issue 11 item 4); without it heads are not signed. */
  signer?: LogSigner;
}

/** Events whose own seq gets a signed head even inside a batch: the minutes' lock is published as signed. */
const SIGNED_EVENTS = new Set(['MinutesLocked']);

interface Pending {
  command: Command | null;
  system: DomainEvent[] | null;
  actor: Actor;
  resolve: (result: CommandResult) => void;
}

interface Lane {
  queue: Pending[];
  running: boolean;
}

export function createSittingEngine(deps: SittingEngineDeps) {
  const clock = deps.clock ?? (() => new Date());
  const newId = deps.newId ?? randomUUID;
  const maxBatch = deps.maxBatch ?? 500;
  const cache = new Map<string, SittingState>();
  const lanes = new Map<string, Lane>();
  const listeners = new Set<SittingListener>();
  const heads = new Map<string, SignedHead>();

  const signAt = (e: StoredEvent): SignedHead | null =>
    deps.signer
      ? deps.signer.signHead({
          sittingId: e.sittingId,
          seq: e.seq,
          hash: e.hash,
          signedAt: clock().toISOString(),
        })
      : null;

  /** The heads a batch publishes: its last event's, and each minutes lock's inside it. */
  function headsFor(events: readonly StoredEvent[]): SignedHead[] {
    const last = events.at(-1);
    const out: SignedHead[] = [];
    for (const e of events) {
      const signed = SIGNED_EVENTS.has(e.type) || e === last ? signAt(e) : null;
      if (signed) out.push(signed);
    }
    return out;
  }

  async function load(sittingId: string): Promise<SittingState | null> {
    const cached = cache.get(sittingId);
    if (cached) return cached;
    const events = await eventsSince(deps.db, sittingId, 0);
    const last = events.at(-1);
    if (!last) return null;
    const state = fold(sittingId, events.map(toRecord));
    let signed = await latestSignedHead(deps.db, sittingId);
    if (deps.signer && (!signed || signed.seq < last.seq)) {
      // A log written before heads were signed (or by a node without the key): anchor it as it stands now.
      const fresh = signAt(last);
      if (fresh) {
        await insertSignedHead(deps.db, fresh);
        signed = fresh;
      }
    }
    if (signed) heads.set(sittingId, signed);
    cache.set(sittingId, state);
    return state;
  }

  async function processBatch(sittingId: string, batch: Pending[]): Promise<void> {
    const results: CommandResult[] = [];
    let appended: StoredEvent[] = [];
    let signed: SignedHead[] = [];
    let finalState: SittingState | null = null;
    try {
      await deps.db.transaction(async (tx) => {
        results.length = 0;
        appended = [];
        if (batch.some((p) => p.system)) await createHead(tx, sittingId);
        let headRow = await lockHead(tx, sittingId);
        if (!headRow) {
          for (const _ of batch)
            results.push({ ok: false, error: reject('NOT_FOUND', 'There is no such sitting.') });
          return;
        }
        let state = cache.get(sittingId);
        if (!state || state.seq !== headRow.seq) {
          // Another process wrote to this sitting since we last looked: catch up from the log.
          const base = state && state.seq < headRow.seq ? state : null;
          const missing = await eventsSince(tx, sittingId, base?.seq ?? 0);
          state = base
            ? missing.map(toRecord).reduce(evolve, base)
            : fold(sittingId, missing.map(toRecord));
        }
        for (const p of batch) {
          const at = clock().toISOString();
          const ctx = { now: at, newId, actor: p.actor };
          const decided: DomainEvent[] | Rejection =
            p.system ?? (p.command ? decide(state, p.command, ctx) : []);
          if (isRejection(decided)) {
            results.push({ ok: false, error: decided });
            continue;
          }
          const stored = chain(
            headRow,
            decided.map((e) => ({
              sittingId,
              type: e.type,
              payload: e.payload,
              actorId: p.actor.personId,
              at,
            })),
          );
          for (const s of stored) state = evolve(state, toRecord(s));
          const last = stored.at(-1);
          if (last) headRow = { seq: last.seq, hash: last.hash };
          appended.push(...stored);
          results.push({ ok: true, data: { seq: headRow.seq, events: stored } });
        }
        signed = headsFor(appended);
        await appendEvents(tx, appended, { seq: state.seq, sitting: state.sitting }, signed);
        finalState = state;
      });
    } catch (error) {
      cache.delete(sittingId);
      if (batch.length > 1) {
        // One command the database refuses must not fail the others (issue #11): each half is decided again and
        // stored on its own, down to the one that fails alone. Only a failing batch pays for this; order is kept.
        const half = Math.ceil(batch.length / 2);
        await processBatch(sittingId, batch.slice(0, half));
        await processBatch(sittingId, batch.slice(half));
        return;
      }
      deps.log?.(
        `sitting ${sittingId}: transaction failed, ${batch.length} command(s) not applied`,
        error,
      );
      for (const p of batch)
        p.resolve({
          ok: false,
          error: reject('INTERNAL', 'The change could not be saved. Please try again.'),
        });
      return;
    }
    if (finalState) {
      const state: SittingState = finalState;
      cache.set(sittingId, state);
      const head = signed.at(-1);
      if (head) heads.set(sittingId, head);
      if (appended.length > 0) for (const l of listeners) l(sittingId, appended, state);
    }
    batch.forEach((p, i) =>
      p.resolve(results[i] ?? { ok: false, error: reject('INTERNAL', 'No result.') }),
    );
  }

  async function drain(sittingId: string, lane: Lane): Promise<void> {
    lane.running = true;
    try {
      while (lane.queue.length > 0) {
        // One turn of the event loop first: commands whose socket or HTTP messages already arrived join this batch.
        // (PGlite answers through microtasks, so without this turn every command would get its own transaction.)
        await new Promise<void>((resolve) => setImmediate(resolve));
        await processBatch(sittingId, lane.queue.splice(0, maxBatch));
      }
    } finally {
      lane.running = false;
    }
  }

  function enqueue(sittingId: string, pending: Omit<Pending, 'resolve'>): Promise<CommandResult> {
    return new Promise((resolve) => {
      let lane = lanes.get(sittingId);
      if (!lane) {
        lane = { queue: [], running: false };
        lanes.set(sittingId, lane);
      }
      lane.queue.push({ ...pending, resolve });
      if (!lane.running) void drain(sittingId, lane);
    });
  }

  return {
    /** Run a command from a person. Resolves once its events are committed (or with the rejection). */
    execute(sittingId: string, command: Command, actor: Actor): Promise<CommandResult> {
      return enqueue(sittingId, { command, system: null, actor });
    },
    /** Append events the system itself produced (the SittingScheduled roster snapshot at import). */
    appendSystem(sittingId: string, events: DomainEvent[], actor: Actor): Promise<CommandResult> {
      return enqueue(sittingId, { command: null, system: events, actor });
    },
    state: load,
    /** The latest signed head this process knows of (after state() or a command), for the public view. */
    signedHead: (sittingId: string): SignedHead | null => heads.get(sittingId) ?? null,
    eventsSince: (sittingId: string, afterSeq: number) => eventsSince(deps.db, sittingId, afterSeq),
    subscribe(listener: SittingListener): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    /** Wait until every queued command has been written (for a clean shutdown). */
    async idle(): Promise<void> {
      while ([...lanes.values()].some((l) => l.running || l.queue.length > 0))
        await new Promise((r) => setTimeout(r, 10));
    },
    forget(sittingId: string): void {
      cache.delete(sittingId);
    },
  };
}

export type SittingEngine = ReturnType<typeof createSittingEngine>;
