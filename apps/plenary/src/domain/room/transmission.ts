// "Acceptable transmission" in the video room, decided from the media (R09, R15–R19), never from a member's own word:
// every client reports its getStats() counters (what it decodes of every incoming stream, what it sends), and a
// person's picture and sound count as arriving only when someone else decodes them. Pure: the caller passes the time.
// The thresholds are the ones docs/compliance.md states.
import type { IncomingStats, RoomStats } from '@council/shared';

export const TRANSMISSION = {
  /** Rates are taken over the reports of the last 1.5 s. */
  windowMs: 1500,
  /** A client's report older than this counts for nothing (its page froze, its socket went). */
  staleMs: 3000,
  /** Picture: at least this many frames a second decoded. */
  minFps: 5,
  /** Sound: at least this many packets a second (Opus sends 50), with less than this share lost. */
  minAudioPps: 10,
  maxAudioLoss: 0.1,
} as const;

interface Sample {
  at: number;
  packets: number;
  lost: number;
  frames: number;
}

interface Reporter {
  at: number;
  sending: RoomStats['sending'];
  /** `${source}|${kind}` → samples, oldest first, none older than the window. */
  incoming: Map<string, Sample[]>;
}

/** Everything the clients of one sitting's room reported lately. */
export interface RoomEvidence {
  reporters: Map<string, Reporter>;
  /** People whose picture and sound were seen arriving at least once: only they can lose them. */
  established: Map<string, { audio: boolean; video: boolean }>;
}

export const emptyEvidence = (): RoomEvidence => ({ reporters: new Map(), established: new Map() });

const key = (source: string, kind: IncomingStats['kind']) => `${source}|${kind}`;

/** Takes one client's report in (`reporter`: the person whose client it is). */
export function recordStats(
  evidence: RoomEvidence,
  reporter: string,
  stats: Pick<RoomStats, 'sending' | 'incoming'>,
  now: number,
): void {
  let r = evidence.reporters.get(reporter);
  if (!r) {
    r = { at: now, sending: null, incoming: new Map() };
    evidence.reporters.set(reporter, r);
  }
  r.at = now;
  r.sending = stats.sending;
  const seen = new Set<string>();
  for (const s of stats.incoming) {
    if (s.source === reporter) continue; // one's own picture proves nothing
    const k = key(s.source, s.kind);
    seen.add(k);
    const series = r.incoming.get(k) ?? [];
    const last = series.at(-1);
    // Counters restart with a new peer connection: start the series again.
    if (last && (s.packetsReceived < last.packets || (s.framesDecoded ?? 0) < last.frames))
      series.length = 0;
    series.push({
      at: now,
      packets: s.packetsReceived,
      lost: s.packetsLost,
      frames: s.framesDecoded ?? 0,
    });
    // Keep one sample just outside the window, so a rate always spans it.
    while (series.length > 2 && (series[1]?.at ?? now) <= now - TRANSMISSION.windowMs)
      series.shift();
    r.incoming.set(k, series);
  }
  for (const k of [...r.incoming.keys()]) if (!seen.has(k)) r.incoming.delete(k);
}

export interface Reception {
  fps: number;
  packetsPerSecond: number;
  loss: number;
}

/** What `reporter` receives of `source` now; null when it does not receive it (or reported too long ago). */
export function reception(
  evidence: RoomEvidence,
  reporter: string,
  source: string,
  kind: IncomingStats['kind'],
  now: number,
): Reception | null {
  const r = evidence.reporters.get(reporter);
  if (!r || now - r.at > TRANSMISSION.staleMs) return null;
  const series = r.incoming.get(key(source, kind));
  const first = series?.[0];
  const last = series?.at(-1);
  if (!first || !last || last === first) return null;
  // Measured up to now: a client that stopped receiving but still reports the same counters has a falling rate.
  const seconds = Math.max(now - first.at, TRANSMISSION.windowMs) / 1000;
  const packets = last.packets - first.packets;
  const lost = Math.max(0, last.lost - first.lost);
  return {
    fps: (last.frames - first.frames) / seconds,
    packetsPerSecond: packets / seconds,
    loss: packets + lost > 0 ? lost / (packets + lost) : 0,
  };
}

const pictureOk = (x: Reception | null) => x !== null && x.fps >= TRANSMISSION.minFps;
const soundOk = (x: Reception | null) =>
  x !== null &&
  x.packetsPerSecond >= TRANSMISSION.minAudioPps &&
  x.loss < TRANSMISSION.maxAudioLoss;

export interface Transmission {
  audio: boolean;
  video: boolean;
  /** Why not, in Swedish first, for the desk and the log; null when both arrive. */
  cause: string | null;
}

/**
 * Whether `person`'s picture and sound arrive: their own client sends live tracks, and some other client decodes them
 * above the thresholds. Null until both were seen arriving once (someone who never got in has lost nothing yet).
 * `muted`: the chair muted them (R10), so their sound is stopped in Janus on purpose; it needs only to be sent.
 */
export function transmissionOf(
  evidence: RoomEvidence,
  person: string,
  now: number,
  muted: boolean,
): Transmission | null {
  const own = evidence.reporters.get(person);
  const receivers = [...evidence.reporters.keys()].filter((r) => r !== person);
  const best = (kind: 'audio' | 'video') =>
    receivers.map((r) => reception(evidence, r, person, kind, now)).filter((x) => x !== null);
  const pictures = best('video');
  const sounds = best('audio');
  const ownFresh = own !== undefined && now - own.at <= TRANSMISSION.staleMs;
  const videoSent = ownFresh && own.sending?.videoTrack === true;
  const audioSent = ownFresh && own.sending?.audioTrack === true;
  const video = videoSent && pictures.some(pictureOk);
  const audio = audioSent && (muted || sounds.some(soundOk));
  const seen = evidence.established.get(person) ?? { audio: false, video: false };
  if (audio || video)
    evidence.established.set(person, { audio: seen.audio || audio, video: seen.video || video });
  const now_ = evidence.established.get(person);
  if (!now_?.audio || !now_.video) return null;
  let cause: string | null = null;
  if (!ownFresh) cause = 'inga rapporter från deltagarens klient';
  else if (!video)
    cause = !videoSent
      ? 'kamerans spår har stoppat'
      : pictures.length === 0
        ? 'ingen tar emot bilden'
        : `bilden under ${TRANSMISSION.minFps} bilder/s hos alla mottagare`;
  else if (!audio)
    cause = !audioSent
      ? 'mikrofonens spår har stoppat'
      : `ljudet når inte fram (under ${TRANSMISSION.minAudioPps} paket/s eller över ${TRANSMISSION.maxAudioLoss * 100} % förlust)`;
  return { audio, video, cause };
}

export interface Required {
  source: string;
  kind: 'audio' | 'video';
  /** What to call it when it is missing: "Salen", "Presidiet", a member's name. */
  name: string;
}

/** R05, R19: whether `reporter`'s client decodes every one of `required` now; what it misses, by name. */
export function decodesAll(
  evidence: RoomEvidence,
  reporter: string,
  required: readonly Required[],
  now: number,
): { ok: boolean; missing: string[] } {
  const missing = required
    .filter((q) => q.source !== reporter)
    .map((q) => ({ q, x: reception(evidence, reporter, q.source, q.kind, now) }))
    .filter(({ q, x }) => (q.kind === 'video' ? !pictureOk(x) : !soundOk(x)))
    // What was measured goes with the name: the member and the desk see how far off it is.
    .map(({ q, x }) =>
      x === null
        ? `${q.name} (tas inte emot)`
        : q.kind === 'video'
          ? `${q.name} (${x.fps.toFixed(1)} bilder/s)`
          : `${q.name} (${x.packetsPerSecond.toFixed(0)} paket/s, ${(x.loss * 100).toFixed(0)} % förlust)`,
    );
  return { ok: missing.length === 0, missing: [...new Set(missing)] };
}
