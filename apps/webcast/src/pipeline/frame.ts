// Raw yuv420p frames: the feed atlas a normaliser writes and the programme frame Node composes on a fixed clock.
// Node composes by row copies (no scaling): each normaliser already delivers full, half and quarter size.
import type { Dimensions, FeedId, Layout } from './types.ts';

export interface Yuv {
  y: number;
  u: number;
  v: number;
}

/** BT.601 limited-range colours used on air. */
export const colours = {
  black: { y: 16, u: 128, v: 128 },
  slate: { y: 48, u: 150, v: 112 },
  bar: { y: 28, u: 128, v: 128 },
} as const satisfies Record<string, Yuv>;

export function frameBytes(width: number, height: number): number {
  return width * height + 2 * (width / 2) * (height / 2);
}

/**
 * The atlas a normaliser writes per frame: width 3/2·W, height H. Left: the picture at W×H;
 * right column: the picture at W/2×H/2 on top, W/4×H/4 below it.
 */
export function atlasDimensions(d: Dimensions): Dimensions {
  return { width: (d.width * 3) / 2, height: d.height };
}

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export type TileSize = 'full' | 'half' | 'quarter';

export function atlasRect(d: Dimensions, size: TileSize): Rect {
  switch (size) {
    case 'full':
      return { x: 0, y: 0, width: d.width, height: d.height };
    case 'half':
      return { x: d.width, y: 0, width: d.width / 2, height: d.height / 2 };
    case 'quarter':
      return { x: d.width, y: d.height / 2, width: d.width / 4, height: d.height / 4 };
  }
}

interface Planes {
  width: number;
  height: number;
  buf: Buffer;
}

function planeOffsets(width: number, height: number): [number, number, number] {
  const luma = width * height;
  return [0, luma, luma + (width / 2) * (height / 2)];
}

/** Copies a rectangle between two yuv420p frames; all coordinates even. */
export function blit(src: Planes, from: Rect, dst: Planes, toX: number, toY: number): void {
  const [sy, su, sv] = planeOffsets(src.width, src.height);
  const [dy, du, dv] = planeOffsets(dst.width, dst.height);
  for (let row = 0; row < from.height; row++) {
    const s = sy + (from.y + row) * src.width + from.x;
    src.buf.copy(dst.buf, dy + (toY + row) * dst.width + toX, s, s + from.width);
  }
  const cw = from.width / 2;
  for (let row = 0; row < from.height / 2; row++) {
    const srow = (from.y / 2 + row) * (src.width / 2) + from.x / 2;
    const drow = (toY / 2 + row) * (dst.width / 2) + toX / 2;
    src.buf.copy(dst.buf, du + drow, su + srow, su + srow + cw);
    src.buf.copy(dst.buf, dv + drow, sv + srow, sv + srow + cw);
  }
}

/** Fills a rectangle of a yuv420p frame with one colour; all coordinates even. */
export function fill(dst: Planes, rect: Rect, c: Yuv): void {
  const [dy, du, dv] = planeOffsets(dst.width, dst.height);
  for (let row = 0; row < rect.height; row++) {
    const o = dy + (rect.y + row) * dst.width + rect.x;
    dst.buf.fill(c.y, o, o + rect.width);
  }
  for (let row = 0; row < rect.height / 2; row++) {
    const o = (rect.y / 2 + row) * (dst.width / 2) + rect.x / 2;
    dst.buf.fill(c.u, du + o, du + o + rect.width / 2);
    dst.buf.fill(c.v, dv + o, dv + o + rect.width / 2);
  }
}

export function solidFrame(d: Dimensions, c: Yuv): Buffer {
  const buf = Buffer.allocUnsafe(frameBytes(d.width, d.height));
  fill({ ...d, buf }, { x: 0, y: 0, ...d }, c);
  return buf;
}

/** Where the lower-third bar sits: the bottom fifth, left 3/4 of the width (even coordinates). */
export function lowerThirdRect(d: Dimensions): Rect {
  const even = (n: number): number => Math.round(n / 2) * 2;
  const y = even(d.height * 0.74);
  return { x: 0, y, width: even(d.width * 0.75), height: even(d.height * 0.18) };
}

export function pipRect(d: Dimensions): Rect {
  const margin = even8(d.width / 40);
  return { x: d.width - d.width / 4 - margin, y: margin, width: d.width / 4, height: d.height / 4 };
}

function even8(n: number): number {
  return Math.max(2, Math.round(n / 2) * 2);
}

/**
 * Composes one programme frame. `atlas(feed)` is the feed's latest atlas frame, or null when the
 * feed is stale (its tile is then the slate colour). Slates never read any feed.
 */
export function compose(
  d: Dimensions,
  layout: Layout,
  atlas: (feed: FeedId) => Buffer | null,
  withLowerThird: boolean,
): Buffer {
  const out: Planes = { ...d, buf: Buffer.allocUnsafe(frameBytes(d.width, d.height)) };
  const a = atlasDimensions(d);
  const tile = (feed: FeedId, size: TileSize, x: number, y: number): void => {
    const src = atlas(feed);
    const r = atlasRect(d, size);
    if (src === null || src.length !== frameBytes(a.width, a.height))
      fill(out, { x, y, width: r.width, height: r.height }, colours.slate);
    else blit({ ...a, buf: src }, r, out, x, y);
  };
  switch (layout.kind) {
    case 'slate':
      fill(out, { x: 0, y: 0, ...d }, colours.slate);
      return out.buf;
    case 'full':
      tile(layout.main, 'full', 0, 0);
      break;
    case 'pip': {
      tile(layout.main, 'full', 0, 0);
      const p = pipRect(d);
      tile(layout.inset, 'quarter', p.x, p.y);
      break;
    }
    case 'side-by-side':
      fill(out, { x: 0, y: 0, ...d }, colours.black);
      tile(layout.left, 'half', 0, d.height / 4);
      tile(layout.right, 'half', d.width / 2, d.height / 4);
      break;
  }
  if (withLowerThird) fill(out, lowerThirdRect(d), colours.bar);
  return out.buf;
}

/** Mean of Y, U and V over a rectangle of a yuv420p frame (tests and health checks). */
export function meanYuv(buf: Buffer, d: Dimensions, r: Rect): Yuv {
  const [oy, ou, ov] = planeOffsets(d.width, d.height);
  let y = 0;
  let u = 0;
  let v = 0;
  for (let row = r.y; row < r.y + r.height; row++)
    for (let col = r.x; col < r.x + r.width; col++) y += buf[oy + row * d.width + col] ?? 0;
  const cw = d.width / 2;
  for (let row = r.y / 2; row < (r.y + r.height) / 2; row++) {
    for (let col = r.x / 2; col < (r.x + r.width) / 2; col++) {
      u += buf[ou + row * cw + col] ?? 0;
      v += buf[ov + row * cw + col] ?? 0;
    }
  }
  const n = r.width * r.height;
  return { y: y / n, u: (u * 4) / n, v: (v * 4) / n };
}
