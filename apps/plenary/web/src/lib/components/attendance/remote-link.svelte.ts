// A remote member's link to the sitting (R04, R15, R18): the camera and microphone stream, the browser self-test
// (permission, signal level, network round-trip) and the heartbeat with the member's own audio/video state.
import { attendanceSocketEvents, type Ack, type SelfTest } from '@council/shared';
import type { SittingStore } from '../../state/sitting.svelte.ts';

const HEARTBEAT_MS = 2000;

export class RemoteLink {
  stream = $state.raw<MediaStream | null>(null);
  level = $state(0);
  roundTripMs = $state<number | null>(null);
  beating = $state(false);
  readonly #store: SittingStore;
  #timer: ReturnType<typeof setInterval> | null = null;

  constructor(store: SittingStore) {
    this.#store = store;
  }

  /** Ask for camera and microphone; each may be refused on its own. */
  async acquire(): Promise<{ camera: boolean; microphone: boolean }> {
    if (this.stream) return this.devices();
    const media = navigator.mediaDevices;
    if (!media?.getUserMedia) return { camera: false, microphone: false };
    try {
      this.stream = await media.getUserMedia({ audio: true, video: true });
    } catch {
      // One of the two may still work: try them apart so the test can say which one fails.
      const tracks: MediaStreamTrack[] = [];
      for (const constraints of [{ audio: true }, { video: true }]) {
        try {
          tracks.push(...(await media.getUserMedia(constraints)).getTracks());
        } catch {
          // refused or missing: reported as not working
        }
      }
      this.stream = tracks.length > 0 ? new MediaStream(tracks) : null;
    }
    return this.devices();
  }

  devices(): { camera: boolean; microphone: boolean } {
    const live = (kind: 'audio' | 'video') =>
      this.stream
        ?.getTracks()
        .some((t) => t.kind === kind && t.readyState === 'live' && t.enabled) ?? false;
    return { camera: live('video'), microphone: live('audio') };
  }

  /** The loudest microphone level over `ms` milliseconds, 0…1. */
  async measureLevel(ms = 1500): Promise<number> {
    const track = this.stream?.getAudioTracks()[0];
    if (!track || !this.stream) return 0;
    const context = new AudioContext();
    try {
      // A context made after an await may start suspended; the member's click on "start the test" allows resuming it.
      await context.resume().catch(() => undefined);
      const source = context.createMediaStreamSource(new MediaStream([track]));
      const analyser = context.createAnalyser();
      analyser.fftSize = 1024;
      source.connect(analyser);
      const data = new Float32Array(analyser.fftSize);
      let peak = 0;
      const until = performance.now() + ms;
      while (performance.now() < until) {
        analyser.getFloatTimeDomainData(data);
        for (const v of data) peak = Math.max(peak, Math.abs(v));
        this.level = peak;
        await new Promise((r) => setTimeout(r, 50));
      }
      return Math.min(1, peak);
    } finally {
      await context.close();
    }
  }

  /** One heartbeat; resolves with the round-trip in ms, or null when the server did not answer. */
  ping(): Promise<number | null> {
    const started = performance.now();
    const { camera, microphone } = this.devices();
    return new Promise((resolve) => {
      if (!this.#store.socket.connected) return resolve(null);
      this.#store.socket.timeout(3000).emit(
        attendanceSocketEvents.heartbeat,
        {
          sittingId: this.#store.sittingId,
          audio: microphone,
          video: camera,
          roundTripMs: this.roundTripMs,
        },
        (err: Error | null, ack: Ack<{ at: string }>) => {
          if (err || !ack.ok) return resolve(null);
          this.roundTripMs = Math.round(performance.now() - started);
          resolve(this.roundTripMs);
        },
      );
    });
  }

  /** R04: camera and microphone permission and signal, network round-trip; the member's private-place declaration. */
  async selfTest(privatePlace: boolean): Promise<SelfTest> {
    const { camera, microphone } = await this.acquire();
    const audioLevel = microphone ? await this.measureLevel() : 0;
    const trips: number[] = [];
    for (let i = 0; i < 3; i++) {
      const rtt = await this.ping();
      if (rtt !== null) trips.push(rtt);
    }
    const roundTripMs = trips.length > 0 ? Math.max(...trips) : null;
    return {
      camera,
      microphone,
      audioLevel: Number(audioLevel.toFixed(3)),
      roundTripMs,
      privatePlace,
    };
  }

  /** Send heartbeats while taking part remotely (R15). */
  start(): void {
    if (this.#timer) return;
    this.beating = true;
    void this.ping();
    this.#timer = setInterval(() => void this.ping(), HEARTBEAT_MS);
  }

  stop(): void {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = null;
    this.beating = false;
  }

  close(): void {
    this.stop();
    for (const track of this.stream?.getTracks() ?? []) track.stop();
    this.stream = null;
  }
}
