// Live state of one sitting on a client. Signed-in clients fold the event stream with the server's own pure domain
// code; everyone gets the public view. After a reconnect the client asks for exactly what it missed (by seq).
// Members' devices get a division's votes at its close, not one by one (the server's member-stream.ts, which folds
// them here too): after a gap or a reconnect mid-division they resume from before the first vote they skipped.
import { io, type Socket } from 'socket.io-client';
import {
  rejectionText,
  socketEvents,
  type Ack,
  type Command,
  type PublicSittingView,
  type SittingEventMessage,
  type StoredEvent,
} from '@council/shared';
import type { SittingState } from '$domain/sitting/types.ts';
import {
  applyMemberMessage,
  rememberOwn,
  resumeFrom,
  type MemberStreamState,
} from '../../../../src/realtime/member-stream.ts';
import { serverClock } from './clock.svelte.ts';
import { here } from '../components/sign-in/sign-in-links.ts';
import { i18n, t } from '../i18n/i18n.svelte.ts';

/** How long a page whose session ended waits before it looks whether the browser signed in again (a step-up). */
const SESSION_ENDED_GRACE_MS = 1500;

interface JoinResult {
  seq: number;
  view: PublicSittingView;
  serverTime?: string;
  state?: SittingState;
  events?: StoredEvent[];
}

export class SittingStore {
  readonly sittingId: string;
  state = $state.raw<SittingState | null>(null);
  view = $state.raw<PublicSittingView | null>(null);
  seq = $state(0);
  connected = $state(false);
  error = $state<string | null>(null);
  /** The latest events, newest last (for activity logs and notifications). */
  recent = $state.raw<StoredEvent[]>([]);
  readonly socket: Socket;
  /** The folded stream behind `state`: own votes not folded yet, and where to resume from mid-division. */
  #stream: MemberStreamState | null = null;
  #listeners = new Set<(events: readonly StoredEvent[]) => void>();

  constructor(sittingId: string, socket?: Socket) {
    this.sittingId = sittingId;
    this.socket = socket ?? io({ transports: ['websocket', 'polling'] });
    this.socket.on('connect', () => {
      this.connected = true;
      this.#join();
    });
    this.socket.on('disconnect', () => (this.connected = false));
    // Logged out (here or on another device) or expired: the server cut this socket; sign in again. A step-up ends the
    // weaker session while this page is still navigating to the provider and back: going to the sign-in page at once
    // would cancel that navigation. So wait a moment, and only when the browser holds no session any more, go there.
    this.socket.on(socketEvents.sessionEnded, () => {
      setTimeout(() => {
        void fetch('/api/auth/me', { credentials: 'same-origin' }).then(
          (res) => {
            if (res.ok) this.socket.connect();
            else location.assign(`/login?next=${encodeURIComponent(here())}`);
          },
          () => this.socket.connect(),
        );
      }, SESSION_ENDED_GRACE_MS);
    });
    this.socket.on(socketEvents.view, (view: PublicSittingView) => {
      if (view.sittingId !== this.sittingId || view.seq < (this.view?.seq ?? 0)) return;
      // A broadcast leaves the seat list out when it has not changed since the one this page has.
      this.view =
        view.seatMap === undefined && this.view?.seatMap !== undefined
          ? { ...view, seatMap: this.view.seatMap }
          : view;
    });
    this.socket.on(socketEvents.event, (msg: SittingEventMessage) => {
      if (msg.sittingId === this.sittingId) this.#apply(msg);
    });
    this.socket.on(socketEvents.resync, (msg: { sittingId: string }) => {
      if (msg.sittingId !== this.sittingId) return;
      // Some events were withheld from us (a confidential item): take a fresh member view instead.
      this.#join(true);
    });
    if (this.socket.connected) {
      this.connected = true;
      this.#join();
    }
    serverClock.start();
  }

  #join(fresh = false): void {
    // Mid-division a member's device resumes from before the first vote it skipped, so it gets every vote.
    const from = this.#stream && !fresh ? resumeFrom(this.#stream) : null;
    const sinceSeq = from?.seq;
    const sentAt = Date.now();
    this.socket.emit(
      socketEvents.join,
      { sittingId: this.sittingId, ...(sinceSeq === undefined ? {} : { sinceSeq }) },
      (ack: Ack<JoinResult>) => {
        if (!ack.ok) {
          this.error = rejectionText(ack.error, i18n.lang);
          return;
        }
        this.error = null;
        const data = ack.data;
        if (data.serverTime) serverClock.sync(data.serverTime, (sentAt + Date.now()) / 2);
        if (!this.view || data.view.seq >= this.view.seq) this.view = data.view;
        if (data.state) {
          this.#stream = { state: data.state, base: null, own: new Map() };
          this.state = data.state;
          this.seq = data.state.seq;
        } else if (data.events && from && this.#stream) {
          this.#stream = { state: from, base: null, own: this.#stream.own };
          this.#apply({ sittingId: this.sittingId, events: data.events });
        } else this.seq = data.seq;
      },
    );
  }

  #apply(msg: SittingEventMessage): void {
    if (!this.#stream) {
      this.seq = Math.max(this.seq, msg.events.at(-1)?.seq ?? 0, msg.elided?.at(-1)?.[1] ?? 0);
      return;
    }
    const { stream, fresh, gap } = applyMemberMessage(this.#stream, msg);
    this.#stream = stream;
    this.state = stream.state;
    this.seq = stream.state.seq;
    if (fresh.length > 0) {
      this.recent = [...this.recent, ...fresh].slice(-50);
      for (const l of this.#listeners) l(fresh);
    }
    // A gap: ask for exactly what is missing.
    if (gap) this.#join();
  }

  /** Listen to new events (e.g. to announce "you have the floor"). */
  onEvents(listener: (events: readonly StoredEvent[]) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Send a command; resolves with the server's answer (every member action is acknowledged), a refusal in the
   * reader's one language. */
  send(command: Command): Promise<Ack<{ seq: number }>> {
    return this.#send(command).then((ack) =>
      ack.ok
        ? ack
        : {
            ok: false,
            error: { ...ack.error, message: rejectionText(ack.error, i18n.lang) },
          },
    );
  }

  #send(command: Command): Promise<Ack<{ seq: number }>> {
    return new Promise((resolve) => {
      if (!this.socket.connected) {
        resolve({
          ok: false,
          error: {
            code: 'INTERNAL',
            message: t('client.offline'),
          },
        });
        return;
      }
      this.socket
        .timeout(10_000)
        .emit(
          'sitting:command',
          { sittingId: this.sittingId, command },
          (err: Error | null, ack: Ack<{ seq: number; events?: StoredEvent[] }>) => {
            if (err)
              resolve({
                ok: false,
                error: {
                  code: 'INTERNAL',
                  message: t('client.noAnswer'),
                },
              });
            else {
              // An own vote is folded when the stream reaches its seq (the members' stream leaves votes out).
              if (ack.ok && this.#stream && Array.isArray(ack.data.events))
                this.#stream = rememberOwn(this.#stream, ack.data.events);
              resolve(ack);
            }
          },
        );
    });
  }

  close(): void {
    this.socket.emit(socketEvents.leave, { sittingId: this.sittingId });
    this.socket.disconnect();
  }
}
