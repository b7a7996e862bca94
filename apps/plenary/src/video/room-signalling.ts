// Signalling of the sitting's video room (R09): browsers never reach Janus's API; plenary holds the room secret and
// the tokens and acts in Janus for each admitted socket — one publisher handle for the person's first device (camera
// and microphone, simulcast), one subscriber handle for the feeds it watches, one Streaming handle for the chamber.
// A person publishes once whatever they have open: a second tab or device of theirs watches. Mutes (R10) and cut-offs
// (R14) in the log are applied in Janus (the publisher's audio is stopped for everyone). Each client's getStats() goes
// into the room's evidence (domain/room/transmission.ts), which the attendance monitor and the function check read.
// After every change of the sitting everyone in the room is judged again (domain/room/admission.ts roomChanges): whoever
// is no longer admitted — a closed item (R13), jäv (R12) — is kicked out of the Janus room and waits; they are given a
// new pass and told to come back when they are admitted again.
import Janode, { type Jsep } from 'janode';
import VideoRoomPlugin, { type VideoRoomHandle } from 'janode/plugins/videoroom';
import StreamingPlugin, { type StreamingHandle } from 'janode/plugins/streaming';
import {
  isRejection,
  reject,
  type RoomJoined,
  type RoomOffer,
  type RoomParticipant,
  type RoomStats,
  type Rejection,
} from '@council/shared';
import type { SittingEngine } from '../app/sitting-engine.ts';
import {
  decodesAll,
  emptyEvidence,
  recordStats,
  transmissionOf,
  type Required,
  type RoomEvidence,
  type Transmission,
} from '../domain/room/transmission.ts';
import type { Actor, SittingState } from '../domain/sitting/types.ts';
import {
  roomAccess,
  roomChanges,
  webcastForward,
  type RoomOccupant,
} from '../domain/room/admission.ts';
import { settle } from './settle.ts';
import { startChamber, type Chamber, type ChamberCamera } from './chamber.ts';
import type { ForwardTarget, RoomForward, VideoRoom } from './video-room.ts';

export interface RoomSocket {
  id: string;
  /** Tells this socket who publishes now, or that it is out of the room. */
  emit(event: 'participants', participants: RoomParticipant[]): void;
  emit(event: 'closed', reason: string): void;
  /** Held out of the room (closed item, jäv) with the reason; `admitted` follows when they may come back. */
  emit(event: 'held', reason: string): void;
  emit(event: 'admitted', sittingId: string): void;
}

type Person = { id: string; name: string; roles: readonly string[] };

/** A device held out of the room, waiting to be let back. */
interface Waiting {
  socket: RoomSocket;
  sittingId: string;
  person: Person;
}

const actorOf = (person: { id: string; roles: readonly string[] }): Actor => ({
  personId: person.id,
  roles: person.roles as Actor['roles'],
});

interface Seat {
  socket: RoomSocket;
  sittingId: string;
  personId: string;
  name: string;
  roles: readonly string[];
  role: 'publisher' | 'viewer';
  token: string;
  publisher: VideoRoomHandle | null;
  subscriber: VideoRoomHandle | null;
  subscribed: Set<string>;
  /** mid → feed of the subscriber handle's streams. */
  mids: Map<string, { feed: string; kind: 'audio' | 'video' }>;
  chamber: StreamingHandle | null;
  /** One signalling step at a time per socket. */
  queue: Promise<unknown>;
}

interface Publishing {
  personId: string;
  name: string;
  socketId: string;
  audioMid: string | null;
  /** The camera's mid (the webcast's forward takes it with the microphone). */
  videoMid: string | null;
  /** Janus has their media: others may subscribe. */
  published: boolean;
  /** Whether Janus has this publisher's audio muted now (R10). */
  muted: boolean;
}

interface SittingRoom {
  publishers: Map<string, Publishing>;
  chamber: Chamber | null;
  chamberStarting: Promise<Chamber | null> | null;
  evidence: RoomEvidence;
  /** The speaker forwarded to the webcast now (Janus rtp_forward), and the changes to it, one at a time. */
  forward: RoomForward | null;
  forwarding: Promise<void>;
}

const unavailable = (message: string, en?: string): Rejection =>
  reject('INVALID_STATE', message, en);

/** The mid of the SDP's first m=audio section (the publisher's microphone, muted in Janus by mid). */
export function audioMidOf(sdp: string, kind: 'audio' | 'video' = 'audio'): string | null {
  const sections = sdp.split(/\r?\nm=/).slice(1);
  const audio = sections.find((s) => s.startsWith(kind));
  return audio?.match(/a=mid:(\S+)/)?.[1] ?? null;
}

export function createRoomSignalling(options: {
  video: VideoRoom;
  engine: SittingEngine;
  pluginAdminKey: () => string | null;
  cameras?: readonly ChamberCamera[];
  ffmpegPath?: string | undefined;
  log?: (m: string, e?: unknown) => void;
  /** Someone's transmission changed (lost or back): the attendance monitor looks now, not at its next tick. */
  onTransmissionChange?: (sittingId: string) => void;
  /**
   * Where the webcast takes a remote speaker (its RTP ports): the one with the floor is forwarded there from Janus
   * (`webcastForward`), and the forward stops when the floor moves or ends or a closed item starts. Without it nothing
   * is forwarded (the webcast takes the member app's upload).
   */
  webcastTarget?: (sittingId: string, personId: string) => Promise<ForwardTarget | null>;
  now?: () => number;
}) {
  const { video, engine } = options;
  const now = options.now ?? (() => Date.now());
  const log = options.log ?? (() => undefined);
  const seats = new Map<string, Seat>();
  const waiting = new Map<string, Waiting>();
  /** One judgement of who may stay at a time per sitting, in the log's order. */
  const judging = new Map<string, Promise<void>>();
  const sittings = new Map<string, SittingRoom>();
  const lastJudged = new Map<string, string>();

  function sittingRoom(sittingId: string): SittingRoom {
    let r = sittings.get(sittingId);
    if (!r) {
      r = {
        publishers: new Map(),
        chamber: null,
        chamberStarting: null,
        evidence: emptyEvidence(),
        forward: null,
        forwarding: Promise.resolve(),
      };
      sittings.set(sittingId, r);
    }
    return r;
  }

  function participants(sittingId: string): RoomParticipant[] {
    const r = sittings.get(sittingId);
    return [...(r?.publishers.values() ?? [])]
      .filter((p) => p.published)
      .map((p) => ({
        id: p.personId,
        name: p.name,
        kind: 'remote' as const,
      }));
  }

  function announce(sittingId: string): void {
    const list = participants(sittingId);
    for (const seat of seats.values())
      if (seat.sittingId === sittingId) seat.socket.emit('participants', list);
  }

  function serial<T>(seat: Seat, work: () => Promise<T>): Promise<T> {
    const next = seat.queue.then(work, work);
    seat.queue = next.catch(() => undefined);
    return next;
  }

  async function chamberOf(sittingId: string): Promise<Chamber | null> {
    const r = sittingRoom(sittingId);
    if (r.chamber) return r.chamber;
    const session = video.session();
    const key = options.pluginAdminKey();
    if (!session || !key) return null;
    r.chamberStarting ??= startChamber({
      session,
      sittingId,
      pluginAdminKey: key,
      ...(options.cameras ? { cameras: options.cameras } : {}),
      ffmpegPath: options.ffmpegPath,
      log: (m) => log(`video: ${m}`),
    })
      .then((c) => {
        r.chamber = c;
        return c;
      })
      .catch((error: unknown) => {
        log(`video: the chamber's cameras would not start (${String(error)})`, error);
        r.chamberStarting = null;
        return null;
      });
    return r.chamberStarting;
  }

  async function dropSeat(seat: Seat): Promise<void> {
    seats.delete(seat.socket.id);
    const r = sittings.get(seat.sittingId);
    const detach = async (h: { detach(): Promise<void> } | null) => {
      if (h) await settle(h.detach());
    };
    await Promise.all([detach(seat.publisher), detach(seat.subscriber), detach(seat.chamber)]);
    r?.evidence.reporters.delete(seat.personId);
    if (r && r.publishers.get(seat.personId)?.socketId === seat.socket.id) {
      r.publishers.delete(seat.personId);
      announce(seat.sittingId);
    }
  }

  // Mutes and cut-offs (R10, R14) act in Janus; who may be in the room is judged again; it closes with the sitting.
  const unsubscribe = engine.subscribe((sittingId, events, state) => {
    if (events.some((e) => e.type === 'SittingClosed')) void closeSitting(sittingId);
    else {
      if (sittings.has(sittingId)) {
        void applyMutes(state);
        applyForward(state);
      }
      judge(state);
    }
  });

  function judge(state: SittingState): void {
    const sittingId = state.sitting.id;
    const next = (judging.get(sittingId) ?? Promise.resolve())
      .then(() => rejudge(state))
      .catch((error: unknown) => log(`video: could not judge who stays in ${sittingId}`, error));
    judging.set(sittingId, next);
  }

  /** Takes out whoever is no longer admitted (kicked in Janus, token taken back) and lets back whoever is again. */
  async function rejudge(state: SittingState): Promise<void> {
    const sittingId = state.sitting.id;
    const inRoom: RoomOccupant[] = [];
    for (const seat of seats.values())
      if (seat.sittingId === sittingId)
        inRoom.push({
          key: seat.socket.id,
          actor: actorOf({ id: seat.personId, roles: seat.roles }),
        });
    const held: RoomOccupant[] = [];
    for (const [key, w] of waiting)
      if (w.sittingId === sittingId) held.push({ key, actor: actorOf(w.person) });
    if (inRoom.length === 0 && held.length === 0) return;
    const changes = roomChanges(state, inRoom, held);
    const kicked = new Set<string>();
    for (const o of changes.out) {
      const seat = seats.get(o.key);
      if (!seat) continue;
      if (!kicked.has(seat.personId)) {
        kicked.add(seat.personId);
        // Out of Janus for real: the token is taken back and the publisher kicked with the room secret.
        await settle(video.revoke(sittingId, seat.personId));
      }
      await dropSeat(seat);
      if (o.held) {
        waiting.set(o.key, {
          socket: seat.socket,
          sittingId,
          person: { id: seat.personId, name: seat.name, roles: seat.roles },
        });
        seat.socket.emit('held', o.reason);
      } else seat.socket.emit('closed', o.reason);
    }
    for (const key of changes.back) {
      const w = waiting.get(key);
      if (!w) continue;
      waiting.delete(key);
      w.socket.emit('admitted', sittingId);
    }
    for (const r of changes.refused) {
      const w = waiting.get(r.key);
      if (!w) continue;
      waiting.delete(r.key);
      w.socket.emit('closed', r.reason);
    }
  }

  async function applyMutes(state: SittingState): Promise<void> {
    const r = sittings.get(state.sitting.id);
    const room = video.room(state.sitting.id);
    const session = video.session();
    if (!r || !room || !session) return;
    const muted = new Set(state.debate.muted.map((m) => m.personId));
    for (const p of r.publishers.values()) {
      const want = muted.has(p.personId);
      if (want === p.muted || !p.audioMid) continue;
      p.muted = want;
      const handle = await session.attach(VideoRoomPlugin);
      try {
        await handle.message({
          request: 'moderate',
          room: room.id,
          secret: room.secret,
          id: p.personId,
          mid: p.audioMid,
          mute: want,
        });
      } catch (error) {
        p.muted = !want;
        log(`video: could not ${want ? 'mute' : 'unmute'} ${p.personId} in Janus`, error);
      } finally {
        await settle(handle.detach());
      }
    }
  }

  /** Forwards the speaker the webcast should take (and only them) from Janus; stops a forward no longer wanted. */
  function applyForward(state: SittingState): void {
    const sittingId = state.sitting.id;
    const r = sittings.get(sittingId);
    const target = options.webcastTarget;
    if (!r || !target) return;
    r.forwarding = r.forwarding
      .then(async () => {
        const wanted = webcastForward(state);
        const p = wanted === null ? undefined : r.publishers.get(wanted);
        const ready = p !== undefined && (p.audioMid !== null || p.videoMid !== null);
        if (r.forward !== null && (!ready || r.forward.personId !== wanted)) {
          const stopping = r.forward;
          r.forward = null;
          await video.stopForward(sittingId, stopping);
        }
        if (!ready || r.forward !== null || wanted === null) return;
        const to = await target(sittingId, wanted);
        if (to === null) return;
        const started = await video.forward(
          sittingId,
          wanted,
          { audio: p.audioMid, video: p.videoMid },
          to,
        );
        if (isRejection(started)) log(`video: ${wanted} not forwarded: ${started.message}`);
        else r.forward = started;
      })
      .catch((error: unknown) => log(`video: the webcast forward of ${sittingId} failed`, error));
  }

  async function closeSitting(sittingId: string): Promise<void> {
    const r = sittings.get(sittingId);
    if (r) {
      await r.forwarding;
      if (r.forward !== null) await video.stopForward(sittingId, r.forward);
      r.forward = null;
    }
    for (const seat of [...seats.values()])
      if (seat.sittingId === sittingId) {
        seat.socket.emit('closed', 'Sammanträdet är avslutat.');
        await dropSeat(seat);
      }
    for (const [key, w] of [...waiting])
      if (w.sittingId === sittingId) {
        waiting.delete(key);
        w.socket.emit('closed', 'Sammanträdet är avslutat.');
      }
    sittings.delete(sittingId);
    if (r?.chamber) await settle(r.chamber.stop(), 8000);
  }

  function seatOf(socketId: string, sittingId: string): Seat | Rejection {
    const seat = seats.get(socketId);
    if (!seat || seat.sittingId !== sittingId)
      return reject('INVALID_STATE', 'Gå in i videorummet först.', 'Join the video room first.');
    return seat;
  }

  /** The sources a person must decode for R05 and R19: the chamber's cameras and sound, and every other publisher. */
  function requiredFor(sittingId: string, personId: string): Required[] {
    const r = sittings.get(sittingId);
    // The interpreter's camera is a chamber camera: a member must decode it too (visible at all times).
    const chamber: Required[] = (r?.chamber?.sources ?? []).map((s) => ({
      source: s.source,
      kind: s.kind,
      name: s.name,
    }));
    const others: Required[] = [...(r?.publishers.values() ?? [])]
      .filter((p) => p.personId !== personId)
      .map((p) => ({ source: p.personId, kind: 'video' as const, name: p.name }));
    return [...chamber, ...others];
  }

  return {
    /** Enter the room on this socket: publisher if this person publishes nowhere yet, else a viewer. */
    async join(
      socket: RoomSocket,
      sittingId: string,
      person: Person,
    ): Promise<RoomJoined | Rejection> {
      const old = seats.get(socket.id);
      if (old) await dropSeat(old);
      waiting.delete(socket.id);
      const pass = await video.pass(sittingId, person);
      if (isRejection(pass)) {
        // Held out (closed item, jäv): this device waits and is told when it may come back.
        const state = await engine.state(sittingId);
        const access = state ? roomAccess(state, actorOf(person)) : null;
        if (access && !access.admitted && access.held) {
          waiting.set(socket.id, { socket, sittingId, person });
          socket.emit('held', access.reason);
        }
        return pass;
      }
      const r = sittingRoom(sittingId);
      const role = pass.publish && !r.publishers.has(person.id) ? 'publisher' : 'viewer';
      const seat: Seat = {
        socket,
        sittingId,
        personId: person.id,
        name: person.name,
        roles: person.roles,
        role,
        token: pass.token,
        publisher: null,
        subscriber: null,
        subscribed: new Set(),
        mids: new Map(),
        chamber: null,
        queue: Promise.resolve(),
      };
      seats.set(socket.id, seat);
      if (role === 'publisher')
        r.publishers.set(person.id, {
          personId: person.id,
          name: person.name,
          socketId: socket.id,
          audioMid: null,
          videoMid: null,
          published: false,
          muted: false,
        });
      const chamber = await chamberOf(sittingId);
      // A closed item may have started while the pass was being given: judge this seat with the others now.
      const latest = await engine.state(sittingId);
      if (latest) judge(latest);
      return {
        role,
        personId: person.id,
        iceServers: pass.iceServers,
        participants: participants(sittingId).filter((p) => p.id !== person.id),
        chamber: chamber?.sources ?? [],
      };
    },

    /** The publisher's offer: joined in Janus as the person (token), published, Janus's answer back. */
    async publish(socketId: string, sittingId: string, jsep: Jsep): Promise<Jsep | Rejection> {
      const seat = seatOf(socketId, sittingId);
      if (isRejection(seat)) return seat;
      if (seat.role !== 'publisher')
        return reject(
          'CONFLICT',
          'Du sänder redan från en annan enhet; här tittar du.',
          'You already publish from another device; this one watches.',
        );
      return serial(seat, async () => {
        const session = video.session();
        const room = video.room(sittingId);
        if (!session || !room)
          return unavailable('Videorummet är inte öppet.', 'The room is not open.');
        if (!seat.publisher) {
          const h = await session.attach(VideoRoomPlugin);
          seat.publisher = h;
          // Others can subscribe only once Janus has the publisher's media (before that: "no such feed").
          h.on(Janode.EVENT.HANDLE_WEBRTCUP, () => {
            const p = sittings.get(sittingId)?.publishers.get(seat.personId);
            if (!p || p.socketId !== seat.socket.id) return;
            p.published = true;
            announce(sittingId);
          });
          await h.joinPublisher({
            room: room.id,
            feed: seat.personId,
            display: seat.name,
            token: seat.token,
          });
        }
        const answer = await seat.publisher.publish({ audio: true, video: true, jsep });
        const r = sittingRoom(sittingId);
        const p = r.publishers.get(seat.personId);
        if (p) {
          p.audioMid = audioMidOf(jsep.sdp);
          p.videoMid = audioMidOf(jsep.sdp, 'video');
        }
        const state = await engine.state(sittingId);
        if (state) {
          await applyMutes(state);
          applyForward(state);
        }
        if (!answer.jsep) throw new Error('Janus gave no answer to the offer');
        return answer.jsep;
      });
    },

    /** Subscribes this socket to exactly `feeds` (a fresh handle the first time, an update after): Janus's offer. */
    async subscribe(
      socketId: string,
      sittingId: string,
      feeds: readonly string[],
    ): Promise<RoomOffer | null | Rejection> {
      const seat = seatOf(socketId, sittingId);
      if (isRejection(seat)) return seat;
      return serial(seat, async () => {
        const session = video.session();
        const room = video.room(sittingId);
        if (!session || !room)
          return unavailable('Videorummet är inte öppet.', 'The room is not open.');
        const publishing = sittingRoom(sittingId).publishers;
        const wanted = feeds.filter(
          (f) => f !== seat.personId && publishing.get(f)?.published === true,
        );
        const add = wanted.filter((f) => !seat.subscribed.has(f));
        const drop = [...seat.subscribed].filter((f) => !wanted.includes(f));
        if (add.length === 0 && drop.length === 0) return null;
        let result: {
          jsep?: Jsep;
          streams?: { mid: string; type: string; feed_id?: string; active?: boolean }[];
        };
        if (!seat.subscriber) {
          if (add.length === 0) return null;
          const h = await session.attach(VideoRoomPlugin);
          try {
            result = await h.joinSubscriber({
              room: room.id,
              streams: add.map((feed) => ({ feed })),
              token: seat.token,
              autoupdate: false,
            });
          } catch (error) {
            await h.detach().catch(() => undefined);
            throw error;
          }
          seat.subscriber = h;
        } else
          result = await seat.subscriber.update({
            ...(add.length > 0 ? { subscribe: add.map((feed) => ({ feed })) } : {}),
            ...(drop.length > 0 ? { unsubscribe: drop.map((feed) => ({ feed })) } : {}),
          });
        for (const f of add) seat.subscribed.add(f);
        for (const f of drop) seat.subscribed.delete(f);
        seat.mids.clear();
        for (const s of result.streams ?? [])
          if (s.feed_id && s.active !== false && (s.type === 'audio' || s.type === 'video'))
            seat.mids.set(s.mid, { feed: String(s.feed_id), kind: s.type });
        if (!result.jsep) return null;
        return {
          jsep: { type: result.jsep.type, sdp: result.jsep.sdp },
          streams: [...seat.mids].map(([mid, s]) => ({ mid, feed: s.feed, kind: s.kind })),
        };
      });
    },

    async answer(socketId: string, sittingId: string, jsep: Jsep): Promise<true | Rejection> {
      const seat = seatOf(socketId, sittingId);
      if (isRejection(seat)) return seat;
      return serial(seat, async () => {
        if (!seat.subscriber)
          return reject('INVALID_STATE', 'Inget att svara på.', 'Nothing to answer.');
        await seat.subscriber.start({ jsep });
        return true as const;
      });
    },

    /** Simulcast layers per feed (the speaker high, the grid low). */
    async layers(
      socketId: string,
      sittingId: string,
      layers: Record<string, number>,
    ): Promise<true | Rejection> {
      const seat = seatOf(socketId, sittingId);
      if (isRejection(seat)) return seat;
      return serial(seat, async () => {
        if (!seat.subscriber) return true as const;
        const streams = [...seat.mids]
          .filter(([, s]) => s.kind === 'video' && layers[s.feed] !== undefined)
          .map(([mid, s]) => ({ mid, substream: layers[s.feed] }));
        if (streams.length > 0) await seat.subscriber.message({ request: 'configure', streams });
        return true as const;
      });
    },

    /** The chamber's mountpoint: Janus's offer; the client answers through chamberAnswer. */
    async chamber(socketId: string, sittingId: string): Promise<RoomOffer | Rejection> {
      const seat = seatOf(socketId, sittingId);
      if (isRejection(seat)) return seat;
      return serial(seat, async () => {
        const session = video.session();
        const chamber = await chamberOf(sittingId);
        if (!session || !chamber)
          return unavailable(
            'Salens kameror är inte igång.',
            'The chamber cameras are not running.',
          );
        await seat.chamber?.detach().catch(() => undefined);
        const h = await session.attach(StreamingPlugin);
        seat.chamber = h;
        const watched = await h.watch({ id: chamber.mountpoint, pin: chamber.pin });
        if (!watched.jsep) throw new Error('Janus gave no offer for the chamber');
        return {
          jsep: { type: watched.jsep.type, sdp: watched.jsep.sdp },
          streams: chamber.sources.map((s) => ({ mid: s.mid, feed: s.source, kind: s.kind })),
        };
      });
    },

    async chamberAnswer(
      socketId: string,
      sittingId: string,
      jsep: Jsep,
    ): Promise<true | Rejection> {
      const seat = seatOf(socketId, sittingId);
      if (isRejection(seat)) return seat;
      return serial(seat, async () => {
        if (!seat.chamber)
          return reject('INVALID_STATE', 'Inget att svara på.', 'Nothing to answer.');
        await seat.chamber.start({ jsep });
        return true as const;
      });
    },

    async leave(socketId: string): Promise<void> {
      waiting.delete(socketId);
      const seat = seats.get(socketId);
      if (seat) await dropSeat(seat);
    },

    /** One client's getStats(): into the sitting's evidence; a change of someone's transmission is judged at once. */
    stats(socketId: string, stats: RoomStats): true | Rejection {
      const seat = seatOf(socketId, stats.sittingId);
      if (isRejection(seat)) return seat;
      const r = sittingRoom(stats.sittingId);
      // Only the publishing device speaks for what the person sends; a viewer device reports only what it decodes.
      const sending =
        seat.role === 'publisher'
          ? stats.sending
          : (r.evidence.reporters.get(seat.personId)?.sending ?? null);
      recordStats(r.evidence, seat.personId, { sending, incoming: stats.incoming }, now());
      let changed = false;
      for (const p of r.publishers.values()) {
        const t = transmissionOf(r.evidence, p.personId, now(), p.muted);
        const verdict = t ? `${t.audio}:${t.video}` : 'none';
        const k = `${stats.sittingId}|${p.personId}`;
        if (lastJudged.get(k) !== verdict) {
          lastJudged.set(k, verdict);
          changed = true;
        }
      }
      if (changed) options.onTransmissionChange?.(stats.sittingId);
      return true;
    },

    /** The attendance monitor's view of a person's media (null: not in the room, or not established yet). */
    transmission(sittingId: string, personId: string): Transmission | null {
      const r = sittings.get(sittingId);
      const p = r?.publishers.get(personId);
      if (!r || !p) return null;
      return transmissionOf(r.evidence, personId, now(), p.muted);
    },

    /** R05, R19: whether this person's client decodes the room, the presidium, the speaker and every other one. */
    decodes(sittingId: string, personId: string): { ok: boolean; missing: string[] } | null {
      if (!video.room(sittingId)) return null;
      const r = sittings.get(sittingId);
      if (!r) return { ok: false, missing: ['videorummet'] };
      return decodesAll(r.evidence, personId, requiredFor(sittingId, personId), now());
    },

    /** Resolves once the judgement of who stays after the latest change of the sitting is done (tests). */
    async judged(sittingId: string): Promise<void> {
      await judging.get(sittingId);
    },

    /** Devices held out of the room and waiting to come back (tests, the desk's view). */
    waiting(sittingId: string): string[] {
      return [...waiting.values()].filter((w) => w.sittingId === sittingId).map((w) => w.person.id);
    },

    publishers(sittingId: string): string[] {
      return [...(sittings.get(sittingId)?.publishers.keys() ?? [])];
    },

    async close(): Promise<void> {
      unsubscribe();
      for (const id of [...sittings.keys()]) await closeSitting(id);
    },
  };
}

export type RoomSignalling = ReturnType<typeof createRoomSignalling>;
