// socket.io for plenary: join a sitting (snapshot with seq, or exactly the events missed since a seq), live events
// for signed-in members and the desk, the public view for everyone, and commands answered through an ack.
import type { Duplex } from 'node:stream';
import type { Server as HttpServer } from 'node:http';
import { Server, type Socket } from 'socket.io';
import { handshakeOriginAllowed, type EdgeOptions } from '@council/node-server/edge';
import {
  reject,
  socketEvents,
  type Ack,
  type PublicSittingView,
  type SittingEventMessage,
  type StoredEvent,
} from '@council/shared';
import { toActor, type Auth } from '../app/auth.ts';
import { runCommand } from '../app/commands.ts';
import type { CommandResult, SittingEngine } from '../app/sitting-engine.ts';
import type { PersonRow } from '../db/auth.repo.ts';
import { closedItemsOf, projectEvents } from '../domain/projection/events.ts';
import { projectState } from '../domain/projection/state.ts';
import { mayReadItem } from '../domain/projection/viewer.ts';
import { isDesk } from '../domain/sitting/roles.ts';
import { publicView } from '../domain/sitting/public-view.ts';
import type { SittingState } from '../domain/sitting/types.ts';
import type { SocketHandlers } from './handlers.ts';
import { createCoalescer } from './coalesce.ts';
import { ackOf, guardedOn } from './guard.ts';
import { memberMessage } from './member-stream.ts';
import { createTurns, slices, type Turns } from './turns.ts';
import { cutEndedSessions } from './sessions.ts';

/** Sittings one socket may be in at once: a tablet follows one, the desk a few; a made-up id joins none. */
export const MAX_SITTINGS_PER_SOCKET = { anonymous: 3, signedIn: 12 } as const;

export interface JoinResult {
  seq: number;
  /** The server's clock, so every client's timers count from the same time. */
  serverTime: string;
  view: PublicSittingView;
  /** Signed-in clients without sinceSeq: the member view of the state at `seq`. */
  state?: SittingState;
  /** With sinceSeq: exactly the events after it. */
  events?: StoredEvent[];
}

/**
 * Figures laid over the public view that are not in the log (the secret ballot's live counts, issue 13 item 5):
 * `overlay` adds them, `onChange` names a sitting whose figures changed so a fresh view goes out.
 */
export interface LiveViewOverlay {
  overlay(view: PublicSittingView, sittingId: string): PublicSittingView;
  onChange(listener: (sittingId: string) => void): () => void;
}

// States are immutable: one public view per state, however many thousand viewers join or are sent it.
// The signed head goes with it: it is signed in the transaction that produced the state, before any view is sent.
const views = new WeakMap<SittingState, PublicSittingView>();
function viewOf(state: SittingState, engine: SittingEngine): PublicSittingView {
  let view = views.get(state);
  if (!view) {
    view = publicView(state, engine.signedHead(state.sitting.id));
    views.set(state, view);
  }
  return view;
}

/** A view for sockets that have its seat list already: `seatMap` absent means "as in your last view". */
function withoutSeatMap(view: PublicSittingView): PublicSittingView {
  const { seatMap: _unchanged, ...rest } = view;
  return rest;
}

export const membersRoom = (sittingId: string) => `members:${sittingId}`;
export const publicRoom = (sittingId: string) => `public:${sittingId}`;
export const deskRoom = (sittingId: string) => `desk:${sittingId}`;
/** A member's own devices in a sitting (their own votes, which the members' stream leaves out). */
export const personRoom = (sittingId: string, personId: string) =>
  `person:${sittingId}:${personId}`;

/** Events everyone should see at once: a division starts, ends or is voided. */
const URGENT = new Set([
  'DivisionStarted',
  'DivisionClosed',
  'CastingVoteCast',
  'RoundInvalidated',
]);

export function createRealtime(
  server: HttpServer,
  deps: {
    engine: SittingEngine;
    auth: Auth;
    log?: (m: string, e?: unknown) => void;
    handlers?: readonly SocketHandlers[];
    liveView?: LiveViewOverlay;
    /** Trusted proxies and allowed origins: a handshake from another site's page is refused. */
    edge?: EdgeOptions;
    /** How often sockets whose session ended are cut (15 s). */
    sessionSweepMs?: number;
    clock?: () => Date;
  },
) {
  const live = deps.liveView;
  const viewFor = (state: SittingState): PublicSittingView => {
    const view = viewOf(state, deps.engine);
    return live ? live.overlay(view, state.sitting.id) : view;
  };
  // Every connection to the server, upgraded ones included, so that close() can end them all.
  const connections = new Set<Duplex>();
  const track = (c: Duplex) => {
    connections.add(c);
    c.once('close', () => connections.delete(c));
  };
  server.on('connection', track);
  const io = new Server(server, {
    serveClient: false,
    maxHttpBufferSize: 64 * 1024,
    pingInterval: 10_000,
    pingTimeout: 8_000,
    // Other upgrades on this server (the webcast's ingest WebSocket) are not socket.io's to close.
    destroyUpgrade: false,
    // Another site's page may not open a socket with our member's cookie (no Origin: not a browser, e.g. the webcast).
    allowRequest: (req, callback) => callback(null, handshakeOriginAllowed(req, deps.edge ?? {})),
  });

  io.use((socket, next) => {
    Promise.resolve()
      .then(() => deps.auth.sessionForCookieHeader(socket.handshake.headers.cookie))
      .then((session) => {
        socket.data.person = session?.person ?? null;
        socket.data.session = session;
        next();
      })
      .catch((error: unknown) => {
        deps.log?.('socket authentication failed', error);
        next(new Error('authentication failed'));
      });
  });

  // Votes answered through a socket's ack (sittingId:seq → socket id), until the members' stream goes out.
  const ackedBy = new Map<string, string>();
  const ackKey = (e: StoredEvent) => `${e.sittingId}:${e.seq}`;
  /** The socket that has every one of these votes in its acks already, if there is one. */
  const ackedAll = (events: readonly StoredEvent[]): string | null => {
    const ids = new Set(events.map((e) => ackedBy.get(ackKey(e)) ?? ''));
    for (const e of events) ackedBy.delete(ackKey(e));
    const [only] = ids;
    return ids.size === 1 && only ? only : null;
  };

  io.on('connection', (socket: Socket) => {
    const person = (): PersonRow | null => (socket.data as { person: PersonRow | null }).person;
    const on = guardedOn(socket, deps.log);
    for (const register of deps.handlers ?? [])
      register(socket, {
        engine: deps.engine,
        auth: deps.auth,
        person,
        ...(deps.log ? { log: deps.log } : {}),
      });

    on(socketEvents.join, async ({ sittingId, sinceSeq }, callback) => {
      const ack = ackOf<JoinResult>(callback);
      const p = person();
      // A sitting that does not exist joins no room (made-up ids must not grow the adapter), nor does one past the cap.
      if (!socket.rooms.has(publicRoom(sittingId))) {
        const cap = p ? MAX_SITTINGS_PER_SOCKET.signedIn : MAX_SITTINGS_PER_SOCKET.anonymous;
        const joined = [...socket.rooms].filter((r) => r.startsWith('public:')).length;
        if (joined >= cap)
          return ack({
            ok: false,
            error: reject(
              'RATE_LIMITED',
              `En anslutning kan följa högst ${cap} sammanträden; lämna ett först.`,
              `One connection follows at most ${cap} sittings; leave one first.`,
            ),
          });
        if ((await deps.engine.state(sittingId)) === null)
          return ack({
            ok: false,
            error: reject(
              'NOT_FOUND',
              'Det finns inget sådant sammanträde.',
              'There is no such sitting.',
            ),
          });
      }
      // Join first, read after: an event committed in between arrives twice at worst, and clients drop seq ≤ theirs.
      await socket.join(publicRoom(sittingId));
      if (p) await socket.join([membersRoom(sittingId), personRoom(sittingId, p.id)]);
      if (p && isDesk(toActor(p))) await socket.join(deskRoom(sittingId));
      try {
        const state = await deps.engine.state(sittingId);
        if (!state)
          return ack({
            ok: false,
            error: reject(
              'NOT_FOUND',
              'Det finns inget sådant sammanträde.',
              'There is no such sitting.',
            ),
          });
        const result: JoinResult = {
          seq: state.seq,
          serverTime: new Date().toISOString(),
          view: viewFor(state),
        };
        // Everything leaves through the viewer's projection (R13). With sinceSeq, the events up to this state; if some
        // were withheld from this viewer, a fresh projected state instead (the client takes either).
        if (p && sinceSeq !== undefined) {
          const missed = await deps.engine.eventsSince(sittingId, sinceSeq);
          const projected = projectEvents(
            state,
            toActor(p),
            missed.filter((e) => e.seq <= state.seq),
          );
          if (projected.withheld.length === 0) result.events = projected.events;
          else result.state = projectState(state, toActor(p));
        } else if (p) result.state = projectState(state, toActor(p));
        return ack({ ok: true, data: result });
      } catch (error) {
        deps.log?.('sitting:join failed', error);
        return ack({
          ok: false,
          error: reject(
            'INTERNAL',
            'Sammanträdet kunde inte läsas in. Försök igen.',
            'Could not load the sitting. Try again.',
          ),
        });
      }
    });

    on(socketEvents.leave, async ({ sittingId }) => {
      await socket.leave(publicRoom(sittingId));
      await socket.leave(membersRoom(sittingId));
      await socket.leave(deskRoom(sittingId));
      const p = person();
      if (p) await socket.leave(personRoom(sittingId, p.id));
    });

    on('sitting:command', async ({ sittingId, command }, callback) => {
      const ack = ackOf<CommandResult extends Ack<infer T> ? T : never>(callback);
      try {
        const result = await runCommand(deps.engine, sittingId, command, person());
        // This socket has its vote in the ack: the members' stream need not send it again as its own.
        if (result.ok)
          for (const e of result.data.events)
            if (e.type === 'VoteCast') {
              if (ackedBy.size > 10_000) ackedBy.clear(); // never more than a division's worth
              ackedBy.set(ackKey(e), socket.id);
            }
        ack(result);
      } catch (error) {
        deps.log?.('sitting:command failed', error);
        ack({
          ok: false,
          error: reject(
            'INTERNAL',
            'Ändringen kunde inte sparas. Försök igen.',
            'The change could not be saved. Please try again.',
          ),
        });
      }
    });
  });

  // The desk gets every event at once (merged over 10 ms) and before anyone else. Members' devices get every event
  // but the votes of a division (member-stream.ts), merged over a window that grows with their number; the public room
  // gets the latest view, less often the more viewers it holds (every view goes to each of them). A division's start,
  // close or voiding goes out to everyone at once. Broadcasts to many sockets go in slices of SLICE sockets, one per
  // turn of the event loop (turns.ts), so acks, incoming votes and the desk's next update never wait behind them.
  const SLICE = 250;
  const socketsIn = (room: string, except: string): string[] => {
    const rooms = io.sockets.adapter.rooms;
    const skip = rooms.get(except);
    return [...(rooms.get(room) ?? [])].filter((id) => !skip?.has(id));
  };
  const turnsOf = (map: Map<string, Turns>, sittingId: string): Turns => {
    let turns = map.get(sittingId);
    if (!turns) {
      turns = createTurns();
      map.set(sittingId, turns);
    }
    return turns;
  };
  const memberTurns = new Map<string, Turns>();
  const publicTurns = new Map<string, Turns>();

  const toDesk = createCoalescer<StoredEvent[]>({
    merge: (a, b) => a.concat(b),
    flush: (sittingId, events) => {
      const message: SittingEventMessage = { sittingId, events };
      io.to(deskRoom(sittingId)).emit(socketEvents.event, message);
    },
    windowMs: () => 10,
  });
  const latestState = new Map<string, SittingState>();
  const carried = new Map<string, [number, number][]>();
  const toMembers = createCoalescer<StoredEvent[]>({
    merge: (a, b) => a.concat(b),
    flush: (sittingId, events) => {
      const state = latestState.get(sittingId);
      if (!state) return;
      const { message, own, carry } = memberMessage(
        sittingId,
        events,
        state,
        carried.get(sittingId) ?? [],
      );
      carried.set(sittingId, carry);
      const closedItems = closedItemsOf(state, events);
      const turns = turnsOf(memberTurns, sittingId);
      if (closedItems.length === 0) {
        // Own votes first (a device folds its vote when the stream's left-out seqs reach it), to the member's other
        // devices: the one that voted has it in its ack.
        for (const [memberId, mine] of own) {
          const acked = ackedAll(mine);
          const others = socketsIn(personRoom(sittingId, memberId), deskRoom(sittingId)).filter(
            (id) => id !== acked,
          );
          if (others.length > 0)
            io.to(others).emit(socketEvents.event, { sittingId, events: [], own: mine });
        }
        if (!message) return;
        turns.push(
          slices(socketsIn(membersRoom(sittingId), deskRoom(sittingId)), SLICE).map(
            (ids) => () => io.to(ids).emit(socketEvents.event, message),
          ),
        );
        return;
      }
      // R13: events about a confidential item reach only those who may read it. Everyone else gets their projection
      // of the batch: if it withholds an event they are told to re-join (and get their projected state).
      const ids = socketsIn(membersRoom(sittingId), deskRoom(sittingId));
      const acked = new Map([...own].map(([memberId, mine]) => [memberId, ackedAll(mine)]));
      turns.push(
        slices(ids, SLICE).map((slice) => () => {
          for (const id of slice) {
            const socket = io.sockets.sockets.get(id);
            if (!socket) continue;
            const person = (socket.data as { person?: PersonRow | null }).person;
            const actor = person ? toActor(person) : null;
            const allowed =
              actor !== null && closedItems.every((itemId) => mayReadItem(state, actor, itemId));
            if (!allowed) {
              if (!message) continue;
              const projected = projectEvents(state, actor, message.events);
              if (projected.withheld.length > 0 || !actor)
                socket.emit(socketEvents.resync, { sittingId, seq: state.seq });
              else socket.emit(socketEvents.event, { ...message, events: projected.events });
              continue;
            }
            const mine = person ? own.get(person.id) : undefined;
            if (mine && person && acked.get(person.id) !== socket.id)
              socket.emit(socketEvents.event, { sittingId, events: [], own: mine });
            if (message) socket.emit(socketEvents.event, message);
          }
        }),
      );
    },
    windowMs: (sittingId) =>
      Math.min(
        200,
        Math.max(15, (io.sockets.adapter.rooms.get(membersRoom(sittingId))?.size ?? 0) / 8),
      ),
  });
  // The seat list is most of a big body's view (35 kB at 349 seats) and changes only with attendance: a broadcast
  // leaves it out when every socket in the room already got this one (from the last complete broadcast or its join).
  const seatMapSent = new Map<string, string>();
  const toPublic = createCoalescer<SittingState>({
    merge: (_, latest) => latest,
    flush: (sittingId, state) => {
      const full = viewFor(state);
      const seatMapJson = JSON.stringify(full.seatMap ?? null);
      const unchanged = seatMapSent.get(sittingId) === seatMapJson;
      seatMapSent.delete(sittingId);
      const view = unchanged ? withoutSeatMap(full) : full;
      const turns = turnsOf(publicTurns, sittingId);
      // A newer view replaces the slices of an older one not sent yet.
      turns.clear();
      // Viewers first: members' devices learn of a division's start and result from their own stream as well.
      const members = io.sockets.adapter.rooms.get(membersRoom(sittingId));
      const ids = socketsIn(publicRoom(sittingId), deskRoom(sittingId));
      const ordered = members
        ? [...ids.filter((id) => !members.has(id)), ...ids.filter((id) => members.has(id))]
        : ids;
      const batches = slices(ordered, SLICE);
      turns.push(
        batches.map((slice, i) => () => {
          io.to(slice).emit(socketEvents.view, view);
          // Only a broadcast that reached everyone may be counted on: a newer view can drop the rest of this one.
          if (i === batches.length - 1) seatMapSent.set(sittingId, seatMapJson);
        }),
      );
      if (batches.length === 0) seatMapSent.set(sittingId, seatMapJson);
      io.to(deskRoom(sittingId)).emit(socketEvents.view, view);
    },
    // Each view is a write per viewer, and a write to a socket costs some 20–30 µs of system time: 200 viewers get
    // ten views a second, 2,000 or more one a second (a division's start and result at once).
    windowMs: (sittingId) =>
      Math.min(
        1000,
        Math.max(25, (io.sockets.adapter.rooms.get(publicRoom(sittingId))?.size ?? 0) / 2),
      ),
  });
  // Live counts changed: the same state, a fresh view (not urgent: counts are coarse by design).
  const unsubscribeLive = live?.onChange((sittingId) => {
    const known = latestState.get(sittingId);
    void (known ? Promise.resolve(known) : deps.engine.state(sittingId))
      .then((state) => {
        if (state) toPublic.push(sittingId, state, false);
      })
      .catch((error: unknown) => deps.log?.('live view update failed', error));
  });
  const unsubscribe = deps.engine.subscribe((sittingId, events, state) => {
    latestState.set(sittingId, state);
    const urgent = events.some((e) => URGENT.has(e.type));
    toDesk.push(sittingId, [...events], urgent);
    toMembers.push(sittingId, [...events], urgent);
    toPublic.push(sittingId, state, urgent);
  });

  const sessions = cutEndedSessions(io, {
    auth: deps.auth,
    ...(deps.clock ? { clock: deps.clock } : {}),
    ...(deps.sessionSweepMs ? { sweepMs: deps.sessionSweepMs } : {}),
    ...(deps.log ? { log: deps.log } : {}),
  });

  return {
    io,
    /** Cut the sockets whose session expired or ended elsewhere now (the timer does it every 15 s). */
    sweepSessions: sessions.sweep,
    async close(): Promise<void> {
      sessions.close();
      unsubscribe();
      unsubscribeLive?.();
      toDesk.close();
      toMembers.close();
      toPublic.close();
      for (const turns of [...memberTurns.values(), ...publicTurns.values()]) turns.close();
      // A closed browser can leave its connections half-open (CLOSE-WAIT), and io.close() waits for the HTTP server,
      // whose close() waits for every connection to end: stop accepting, cut the sockets and every connection, close.
      io.disconnectSockets(true);
      const serverClosed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      // Upgraded connections (the sockets' WebSockets) are no longer the HTTP server's to close: end them here.
      for (const c of connections) c.destroy();
      await io.close();
      await serverClosed;
    },
  };
}
