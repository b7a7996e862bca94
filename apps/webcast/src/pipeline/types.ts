// Types of the webcast pipeline: feeds, layouts and the program on air (R13, R25).

/** A source that can be on air: the chamber camera or a remote member's feed. */
export type FeedId = 'chamber' | `remote:${string}`;

export const slateKinds = [
  'not-started',
  'adjourned',
  'closed-item',
  'ended',
  'technical',
] as const;
export type SlateKind = (typeof slateKinds)[number];

export type Layout =
  | { kind: 'full'; main: FeedId }
  | { kind: 'pip'; main: FeedId; inset: FeedId }
  | { kind: 'side-by-side'; left: FeedId; right: FeedId }
  | { kind: 'slate'; slate: SlateKind };

export interface LowerThird {
  /** "Anna Andersson (S)" */
  name: string;
  /** "§ 7 Budget 2027" */
  item: string;
}

/** What is on air: a layout, its text and the feeds whose sound is heard. */
export interface Program {
  layout: Layout;
  lowerThird: LowerThird | null;
  /** Lines of the slate text (empty unless the layout is a slate). */
  slateText: string[];
  /** Feeds mixed into the programme sound; empty = silence (always empty for a closed item). */
  audio: FeedId[];
}

/** Size of the programme picture; width and height multiples of 8 so quarter-size tiles stay even. */
export interface Dimensions {
  width: number;
  height: number;
}

export interface Rendition {
  name: string;
  width: number;
  height: number;
  videoKbps: number;
  audioKbps: number;
}

export const defaultRenditions: readonly Rendition[] = [
  { name: '720p', width: 1280, height: 720, videoKbps: 2500, audioKbps: 128 },
  { name: '360p', width: 640, height: 360, videoKbps: 700, audioKbps: 64 },
];

export const FPS = 25;
export const SAMPLE_RATE = 48_000;
export const CHANNELS = 2;
/** Bytes of s16le stereo PCM per video frame (1920 samples × 2 channels × 2 bytes). */
export const AUDIO_BYTES_PER_FRAME = (SAMPLE_RATE / FPS) * CHANNELS * 2;

export function assertDimensions(d: Dimensions): void {
  if (
    !Number.isInteger(d.width) ||
    !Number.isInteger(d.height) ||
    d.width % 8 !== 0 ||
    d.height % 8 !== 0 ||
    d.width < 64 ||
    d.height < 64
  ) {
    throw new RangeError(
      `dimensions must be integers ≥ 64 and multiples of 8, got ${d.width}×${d.height}`,
    );
  }
}
