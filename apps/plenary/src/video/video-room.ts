// The sitting's own video room on Janus (R09): one VideoRoom room per sitting, created when the sitting opens and
// destroyed when it closes, joined only with a token plenary issues to people it admits (domain/room/admission.ts).
// The room secret, the plugins' admin key and the admin API secret never leave the server. Also hands out TURN
// credentials that expire. When Janus is not there, everything else of plenary works and the room says why.
import { randomBytes } from 'node:crypto';
import Janode, { type JanodeConnection, type JanodeSession } from 'janode';
import VideoRoomPlugin, { type VideoRoomHandle } from 'janode/plugins/videoroom';
import { reject, type Rejection } from '@council/shared';
import type { SittingEngine } from '../app/sitting-engine.ts';
import type { Actor, SittingState } from '../domain/sitting/types.ts';
import { roomAccess } from '../domain/room/admission.ts';
import { settle } from './settle.ts';
import { turnCredentials, type TurnCredentials } from './turn-credentials.ts';

Janode.Logger.setLevel('none');

export interface JanusEndpoint {
  apiUrl: string;
  adminUrl: string;
  adminSecret: string;
  pluginAdminKey: string;
}

export interface TurnEndpoint {
  secret: string;
  urls: string[];
}

export interface VideoRoomOptions {
  engine: SittingEngine;
  /** null: Janus is not installed or would not start; `unavailable` says why. */
  janus: JanusEndpoint | null;
  turn: TurnEndpoint | null;
  unavailable?: string;
  /** Sittings that may be open already when plenary starts (their rooms are created again). */
  sittingIds: () => Promise<string[]>;
  turnTtlSeconds?: number;
  /** Wall time for TURN expiry: coturn checks against its own clock, never the sitting's. */
  wallClock?: () => Date;
  log?: (message: string, error?: unknown) => void;
  /** Room size: the council's members plus the presidium and guests (Stockholm: 101). */
  maxPublishers?: number;
}

export interface Room {
  sittingId: string;
  /** Janus room id (string ids): the sitting's id. */
  id: string;
  secret: string;
  /** personId → the token Janus admits them with. */
  tokens: Map<string, string>;
}

export interface RoomPass {
  roomId: string;
  token: string;
  publish: boolean;
  kind: 'desk' | 'remote' | 'chamber';
  iceServers: { urls: string[]; username?: string; credential?: string }[];
  turnExpiresAt: string | null;
}

/** Where the webcast listens for one forwarded member: Opus and VP8 as plain RTP on two local ports. */
export interface ForwardTarget {
  host: string;
  audioPort: number;
  videoPort: number;
}

/** One publisher's forward to the webcast: the Janus forwarder ids to stop it by. */
export interface RoomForward {
  personId: string;
  streams: number[];
}

/** Payload types the webcast's SDP names (apps/webcast roomForwardSdp): Janus rewrites the packets to them. */
const FORWARD_AUDIO_PT = 111;
const FORWARD_VIDEO_PT = 96;

export type RoomStatus = { available: true } | { available: false; reason: string };

const token = () => randomBytes(18).toString('base64url');

function actorOf(person: { id: string; roles: readonly string[] }): Actor {
  return { personId: person.id, roles: person.roles as Actor['roles'] };
}

export function createVideoRoom(options: VideoRoomOptions) {
  const { engine } = options;
  const wallClock = options.wallClock ?? (() => new Date());
  const log = options.log ?? (() => undefined);
  const rooms = new Map<string, Room>();
  // One queue per sitting: the room is never created and destroyed at the same time.
  const queues = new Map<string, Promise<void>>();
  let connection: JanodeConnection | null = null;
  let admin: JanodeConnection | null = null;
  let session: JanodeSession | null = null;
  let manager: VideoRoomHandle | null = null;
  let ready: Promise<void> | null = null;
  let closed = false;
  let unsubscribe: (() => void) | null = null;
  let reconnectTimer: ReturnType<typeof setTimeout> | null = null;

  function enqueue(sittingId: string, work: () => Promise<void>): Promise<void> {
    const next = (queues.get(sittingId) ?? Promise.resolve())
      .then(work)
      .catch((error: unknown) => log(`video room of ${sittingId}: ${String(error)}`, error));
    queues.set(sittingId, next);
    return next;
  }

  async function connect(janus: JanusEndpoint): Promise<void> {
    const conn = await Janode.connect({ address: { url: janus.apiUrl } });
    const adminConn = await Janode.connect({
      is_admin: true,
      address: { url: janus.adminUrl, apisecret: janus.adminSecret },
    });
    const s = await conn.create();
    const h = await s.attach(VideoRoomPlugin);
    connection = conn;
    admin = adminConn;
    session = s;
    manager = h;
    const lost = () => {
      if (closed || connection !== conn) return;
      log('video room: the connection to Janus was lost; reconnecting');
      connection = null;
      session = null;
      manager = null;
      rooms.clear(); // Janus forgot them if it restarted; they are created again below
      void adminConn.close().catch(() => undefined);
      scheduleReconnect(janus);
    };
    conn.once(Janode.EVENT.CONNECTION_ERROR, lost);
    conn.once(Janode.EVENT.CONNECTION_CLOSED, lost);
    s.once(Janode.EVENT.SESSION_DESTROYED, lost);
  }

  function scheduleReconnect(janus: JanusEndpoint): void {
    if (closed || reconnectTimer) return;
    reconnectTimer = setTimeout(() => {
      reconnectTimer = null;
      ready = connect(janus)
        .then(() => openRoomsForOpenSittings())
        .catch((error: unknown) => {
          log(`video room: Janus not reachable yet (${String(error)})`);
          scheduleReconnect(janus);
        });
    }, 1000);
    reconnectTimer.unref();
  }

  async function openRoomsForOpenSittings(): Promise<void> {
    for (const id of await options.sittingIds()) {
      const state = await engine.state(id);
      if (state && (state.sitting.status === 'open' || state.sitting.status === 'adjourned'))
        await enqueue(id, () => createRoom(state));
    }
  }

  async function createRoom(state: SittingState): Promise<void> {
    const sittingId = state.sitting.id;
    if (rooms.has(sittingId) || !manager || !options.janus) return;
    const room: Room = { sittingId, id: sittingId, secret: token(), tokens: new Map() };
    const { exists } = await manager.exists({ room: room.id });
    // A room left over from before a plenary restart has a secret nobody knows any more: replace it.
    if (exists)
      await manager.message({
        request: 'destroy',
        room: room.id,
        admin_key: options.janus.pluginAdminKey,
      });
    await manager.create({
      room: room.id,
      description: state.sitting.title.slice(0, 100),
      max_publishers: options.maxPublishers ?? 120,
      is_private: true,
      secret: room.secret,
      admin_key: options.janus.pluginAdminKey,
      audiocodec: 'opus',
      videocodec: 'vp8',
      bitrate: 512_000,
      fir_freq: 5,
      talking_events: true,
      notify_joining: true,
      permanent: false,
    });
    // Token authentication on: from now on Janus admits only the tokens plenary adds.
    await manager.allow({ room: room.id, action: 'enable', secret: room.secret });
    rooms.set(sittingId, room);
    log(`video room opened for ${sittingId}`);
  }

  async function destroyRoom(sittingId: string): Promise<void> {
    const room = rooms.get(sittingId);
    if (!room) return;
    rooms.delete(sittingId);
    if (manager) await manager.destroy({ room: room.id, secret: room.secret });
    log(`video room closed for ${sittingId}`);
  }

  function iceServers(personId: string): Pick<RoomPass, 'iceServers' | 'turnExpiresAt'> {
    if (!options.turn) return { iceServers: [], turnExpiresAt: null };
    const c: TurnCredentials = turnCredentials({
      secret: options.turn.secret,
      personId,
      now: wallClock(),
      ttlSeconds: options.turnTtlSeconds ?? 600,
      urls: options.turn.urls,
    });
    return {
      iceServers: [{ urls: c.urls, username: c.username, credential: c.credential }],
      turnExpiresAt: c.expiresAt,
    };
  }

  return {
    status(): RoomStatus {
      if (!options.janus)
        return { available: false, reason: options.unavailable ?? 'Janus is not configured.' };
      if (!manager) return { available: false, reason: 'Connecting to Janus…' };
      return { available: true };
    },

    async start(): Promise<void> {
      unsubscribe = engine.subscribe((sittingId, events, state) => {
        if (events.some((e) => e.type === 'SittingOpened'))
          void enqueue(sittingId, () => createRoom(state));
        if (events.some((e) => e.type === 'SittingClosed'))
          void enqueue(sittingId, () => destroyRoom(sittingId));
      });
      const janus = options.janus;
      if (!janus) return;
      ready = connect(janus).then(() => openRoomsForOpenSittings());
      try {
        await ready;
      } catch (error) {
        log(`video room: could not connect to Janus (${String(error)}); retrying`);
        scheduleReconnect(janus);
      }
    },

    /** Resolves once pending room changes of the sitting are done (tests, and joins right after opening). */
    async settled(sittingId: string): Promise<void> {
      await ready?.catch(() => undefined);
      await queues.get(sittingId);
    },

    room(sittingId: string): Room | null {
      return rooms.get(sittingId) ?? null;
    },

    /** A pass into the sitting's room for someone plenary admits; a rejection for everyone else. */
    async pass(
      sittingId: string,
      person: { id: string; roles: readonly string[] },
    ): Promise<RoomPass | Rejection> {
      const state = await engine.state(sittingId);
      if (!state)
        return reject('NOT_FOUND', 'Sammanträdet finns inte.', 'There is no such sitting.');
      const access = roomAccess(state, actorOf(person));
      if (!access.admitted)
        return reject(access.held ? 'INVALID_STATE' : 'FORBIDDEN', access.reason);
      await this.settled(sittingId);
      const status = this.status();
      if (!status.available)
        return reject(
          'UNAVAILABLE',
          `Videorummet är inte tillgängligt.`,
          `The video room is not available: ${status.reason}`,
        );
      const room = rooms.get(sittingId);
      if (!room || !manager)
        return reject(
          'INVALID_STATE',
          'Videorummet öppnar när sammanträdet öppnar.',
          'The video room opens when the sitting opens.',
        );
      let t = room.tokens.get(person.id);
      if (!t) {
        t = token();
        await manager.allow({ room: room.id, action: 'add', list: [t], secret: room.secret });
        room.tokens.set(person.id, t);
      }
      return {
        roomId: room.id,
        token: t,
        publish: access.publish,
        kind: access.kind,
        ...iceServers(person.id),
      };
    },

    /** Takes a person's token back (no longer admitted) and removes them from the room. */
    async revoke(sittingId: string, personId: string): Promise<void> {
      const room = rooms.get(sittingId);
      const t = room?.tokens.get(personId);
      if (!room || !t || !manager) return;
      room.tokens.delete(personId);
      await manager.allow({ room: room.id, action: 'remove', list: [t], secret: room.secret });
      const { participants } = await manager.listParticipants({ room: room.id });
      if (participants.some((p) => p.feed === personId))
        await manager.kick({ room: room.id, feed: personId, secret: room.secret });
    },

    /**
     * Forwards a publisher's microphone and camera (their streams' mids) to the webcast: Janus `rtp_forward` with the
     * room secret and the plugins' admin key (the configuration locks forwarding), the camera as one stream that
     * follows the best simulcast layer, each rewritten to the payload type the webcast's SDP names.
     */
    async forward(
      sittingId: string,
      personId: string,
      mids: { audio: string | null; video: string | null },
      target: ForwardTarget,
    ): Promise<RoomForward | Rejection> {
      const room = rooms.get(sittingId);
      if (!room || !manager || !options.janus)
        return reject('INVALID_STATE', 'Videorummet är inte öppet.', 'There is no video room.');
      const streams = [
        ...(mids.audio === null
          ? []
          : [{ mid: mids.audio, port: target.audioPort, pt: FORWARD_AUDIO_PT }]),
        ...(mids.video === null
          ? []
          : [{ mid: mids.video, port: target.videoPort, pt: FORWARD_VIDEO_PT, simulcast: true }]),
      ];
      if (streams.length === 0)
        return reject(
          'INVALID_STATE',
          'Inget publicerat att vidarebefordra.',
          'Nothing published to forward.',
        );
      const started = await manager.startForward({
        room: room.id,
        feed: personId,
        host: target.host,
        streams,
        secret: room.secret,
        admin_key: options.janus.pluginAdminKey,
      });
      const ids = (started.forwarders ?? []).flatMap((f) =>
        [f.audio_stream, f.video_stream].filter((n): n is number => typeof n === 'number'),
      );
      return { personId, streams: ids };
    },

    /** Stops a forward (the floor moved or ended, a closed item started); a forwarder already gone is no error. */
    async stopForward(sittingId: string, forward: RoomForward): Promise<void> {
      const room = rooms.get(sittingId);
      if (!room || !manager || !options.janus) return;
      for (const stream of forward.streams)
        await settle(
          manager.stopForward({
            room: room.id,
            feed: forward.personId,
            stream,
            secret: room.secret,
            admin_key: options.janus.pluginAdminKey,
          }),
        );
    },

    /** Janus's own list of the room's forwarders (`listforwarders`): person → forwarder ids. */
    async forwarders(sittingId: string): Promise<RoomForward[]> {
      const room = rooms.get(sittingId);
      if (!room || !manager) return [];
      const list = await manager.listForward({ room: room.id, secret: room.secret });
      return (list.forwarders ?? [])
        .map((p) => ({
          personId: String(p.feed),
          streams: p.forwarders.flatMap((f) =>
            [f.audio_stream, f.video_stream].filter((n): n is number => typeof n === 'number'),
          ),
        }))
        .filter((p) => p.streams.length > 0);
    },

    /** The Janus session the socket handlers attach their handles to. */
    session(): JanodeSession | null {
      return session;
    },
    adminConnection(): JanodeConnection | null {
      return admin;
    },

    async close(): Promise<void> {
      closed = true;
      unsubscribe?.();
      if (reconnectTimer) clearTimeout(reconnectTimer);
      await Promise.all([...queues.values()]);
      for (const id of [...rooms.keys()]) await settle(destroyRoom(id));
      if (session) await settle(session.destroy());
      if (connection) await settle(connection.close());
      if (admin) await settle(admin.close());
    },
  };
}

export type VideoRoom = ReturnType<typeof createVideoRoom>;
