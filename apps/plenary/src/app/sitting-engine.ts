// The use case for every change to a sitting: load state → decide → append events (hash chain) in one tx → publish.
// Commands to one sitting queue in order; those that arrive while a transaction runs are batched into the next one,
// so hundreds of simultaneous votes cost a few transactions, not hundreds, and the chain stays in order.
// Several nodes on one PostgreSQL: each commit also sends pg_notify(sitting id, seq) (fan-out.ts), and a node that hears
// of a seq it has not seen reads the log from its own seq and publishes those events to its listeners, in order, in the
// same lane as its own writes: every node's listeners see every event of a sitting once and in seq order.
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
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
import type { StepUpPolicy } from '../domain/sign-in/step-up.ts';

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
  /** Tell the other nodes of each commit: pg_notify(channel, {nodeId, sittingId, seq}) inside the transaction. */
  notify?: { channel: string; nodeId: string };
  /** Acts that need a stronger sign-in (issue 17); the domain checks the actor's sign-in against it. */
  stepUp?: StepUpPolicy;
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
  /** Another node committed a seq beyond ours: read the log before (or while) doing anything else. */
  behind: boolean;
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

  /** The last seq each sitting's listeners were given here: nothing is published twice, nothing skipped. */
  const published = new Map<string, number>();
  /** The highest seq other nodes told of, per sitting. */
  const heard = new Map<string, number>();

  /** Hand the listeners the events they have not had yet (seq order), with the state after them. */
  function publish(sittingId: string, known: readonly StoredEvent[], state: SittingState): void {
    const from = published.get(sittingId);
    const fresh = from === undefined ? known : known.filter((e) => e.seq > from);
    const last = fresh.at(-1);
    if (last) published.set(sittingId, last.seq);
    else if (from === undefined) published.set(sittingId, state.seq);
    if (fresh.length > 0) for (const l of listeners) l(sittingId, fresh, state);
    // A read elsewhere put a newer state in the cache than these events reach: publish the rest next.
    if ((cache.get(sittingId)?.seq ?? 0) > (published.get(sittingId) ?? 0)) markBehind(sittingId);
  }

  /** Keep the newer of two states: a slow read must not put an older state back over a newer one. */
  function remember(state: SittingState): SittingState {
    const cached = cache.get(state.sitting.id);
    if (cached && cached.seq >= state.seq) return cached;
    cache.set(state.sitting.id, state);
    return state;
  }

  async function load(sittingId: string): Promise<SittingState | null> {
    const cached = cache.get(sittingId);
    if (cached) return cached;
    const events = await eventsSince(deps.db, sittingId, 0);
    const last = events.at(-1);
    if (!last) return null;
    const state = remember(fold(sittingId, events.map(toRecord)));
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
    if (!published.has(sittingId)) published.set(sittingId, state.seq);
    if ((heard.get(sittingId) ?? 0) > state.seq) markBehind(sittingId);
    return state;
  }

  /** Read what other nodes wrote since our seq and publish it (outside any transaction: reading needs no lock). */
  async function catchUp(sittingId: string): Promise<void> {
    const base = cache.get(sittingId);
    if (!base) return; // nobody here holds this sitting: the next load reads it whole
    // From the last seq published here, which a concurrent load may have left behind the cached state.
    const from = Math.min(base.seq, published.get(sittingId) ?? base.seq);
    const missing = await eventsSince(deps.db, sittingId, from);
    if (missing.length === 0) return;
    const state = missing
      .filter((e) => e.seq > base.seq)
      .map(toRecord)
      .reduce(evolve, base);
    remember(state);
    // The head another node signed for these events (the public head endpoint answers with it).
    const signed = await latestSignedHead(deps.db, sittingId);
    if (signed && signed.seq <= state.seq) heads.set(sittingId, signed);
    publish(sittingId, missing, state);
  }

  function laneOf(sittingId: string): Lane {
    let lane = lanes.get(sittingId);
    if (!lane) {
      lane = { queue: [], running: false, behind: false };
      lanes.set(sittingId, lane);
    }
    return lane;
  }

  function markBehind(sittingId: string): void {
    if (!cache.has(sittingId)) return;
    const lane = laneOf(sittingId);
    lane.behind = true;
    if (!lane.running) void drain(sittingId, lane);
  }

  async function processBatch(sittingId: string, batch: Pending[]): Promise<void> {
    const results: CommandResult[] = [];
    let appended: StoredEvent[] = [];
    let signed: SignedHead[] = [];
    let caughtUp: StoredEvent[] = [];
    let finalState: SittingState | null = null;
    try {
      await deps.db.transaction(async (tx) => {
        results.length = 0;
        appended = [];
        caughtUp = [];
        if (batch.some((p) => p.system)) await createHead(tx, sittingId);
        let headRow = await lockHead(tx, sittingId);
        if (!headRow) {
          for (const _ of batch)
            results.push({
              ok: false,
              error: reject(
                'NOT_FOUND',
                'Det finns inget sådant sammanträde.',
                'There is no such sitting.',
              ),
            });
          return;
        }
        let state = cache.get(sittingId);
        if (!state || state.seq !== headRow.seq) {
          // Another process wrote to this sitting since we last looked: catch up from the log (and publish it too).
          const base = state && state.seq < headRow.seq ? state : null;
          const missing = await eventsSince(tx, sittingId, base?.seq ?? 0);
          state = base
            ? missing.map(toRecord).reduce(evolve, base)
            : fold(sittingId, missing.map(toRecord));
          // Without a state here nobody was given this sitting's earlier events: only a known gap is published.
          caughtUp = base || published.has(sittingId) ? missing : [];
        }
        for (const p of batch) {
          const at = clock().toISOString();
          const ctx = {
            now: at,
            newId,
            actor: p.actor,
            ...(deps.stepUp ? { stepUp: deps.stepUp } : {}),
          };
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
        // Delivered at commit, and only if it commits: the other nodes never hear of a seq that is not in the log.
        if (deps.notify && appended.length > 0)
          await tx.execute(
            sql`select pg_notify(${deps.notify.channel}, ${JSON.stringify({ nodeId: deps.notify.nodeId, sittingId, seq: state.seq })})`,
          );
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
          error: reject(
            'INTERNAL',
            'Ändringen kunde inte sparas. Försök igen.',
            'The change could not be saved. Please try again.',
          ),
        });
      return;
    }
    if (finalState) {
      const state: SittingState = finalState;
      remember(state);
      const head = signed.at(-1);
      if (head) heads.set(sittingId, head);
      publish(sittingId, caughtUp.concat(appended), state);
    }
    batch.forEach((p, i) =>
      p.resolve(
        results[i] ?? { ok: false, error: reject('INTERNAL', 'Inget resultat.', 'No result.') },
      ),
    );
  }

  async function drain(sittingId: string, lane: Lane): Promise<void> {
    lane.running = true;
    try {
      while (lane.queue.length > 0 || lane.behind) {
        // One turn of the event loop first: commands whose socket or HTTP messages already arrived join this batch.
        // (PGlite answers through microtasks, so without this turn every command would get its own transaction.)
        await new Promise<void>((resolve) => setImmediate(resolve));
        // A batch catches up inside its transaction anyway; with nothing to write, read what the others wrote.
        const catchingUp = lane.behind && lane.queue.length === 0;
        lane.behind = false;
        if (catchingUp) {
          try {
            await catchUp(sittingId);
          } catch (error) {
            deps.log?.(`sitting ${sittingId}: catching up from the log failed`, error);
            cache.delete(sittingId); // the next read starts from the log
          }
        } else await processBatch(sittingId, lane.queue.splice(0, maxBatch));
      }
    } finally {
      lane.running = false;
    }
  }

  function enqueue(sittingId: string, pending: Omit<Pending, 'resolve'>): Promise<CommandResult> {
    return new Promise((resolve) => {
      const lane = laneOf(sittingId);
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
    /** Another node committed `seq` in this sitting (fan-out.ts): catch up if it is beyond ours. */
    heard(sittingId: string, seq: number): void {
      if (seq > (heard.get(sittingId) ?? 0)) heard.set(sittingId, seq);
      const cached = cache.get(sittingId);
      if (cached && cached.seq < seq) markBehind(sittingId);
    },
    /** Catch up every sitting held here (after the notification connection was down: what was sent then is lost). */
    catchUpAll(): void {
      for (const sittingId of cache.keys()) markBehind(sittingId);
    },
  };
}

export type SittingEngine = ReturnType<typeof createSittingEngine>;
