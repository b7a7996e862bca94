import { describe, expect, it } from 'vitest';
import {
  atlasDimensions,
  atlasRect,
  colours,
  compose,
  frameBytes,
  lowerThirdRect,
  meanYuv,
  pipRect,
  solidFrame,
  fill,
  type Yuv,
} from './frame.ts';
import type { Dimensions } from './types.ts';

const d: Dimensions = { width: 64, height: 64 };
const red: Yuv = { y: 81, u: 90, v: 240 };
const blue: Yuv = { y: 41, u: 240, v: 110 };

/** An atlas whose full, half and quarter tiles all carry the colour, as a normaliser writes it. */
function atlasOf(c: Yuv): Buffer {
  const a = atlasDimensions(d);
  const buf = Buffer.alloc(frameBytes(a.width, a.height));
  const planes = { ...a, buf };
  fill(planes, { x: 0, y: 0, ...a }, colours.black);
  for (const size of ['full', 'half', 'quarter'] as const) fill(planes, atlasRect(d, size), c);
  return buf;
}

const near = (got: Yuv, want: Yuv) => {
  expect(Math.abs(got.y - want.y)).toBeLessThan(1);
  expect(Math.abs(got.u - want.u)).toBeLessThan(1);
  expect(Math.abs(got.v - want.v)).toBeLessThan(1);
};

describe('compose', () => {
  const feeds = new Map<string, Buffer>([
    ['chamber', atlasOf(red)],
    ['remote:b', atlasOf(blue)],
  ]);
  const atlas = (f: string) => feeds.get(f) ?? null;

  it('chamber full frame copies the chamber picture', () => {
    const out = compose(d, { kind: 'full', main: 'chamber' }, atlas, false);
    expect(out.length).toBe(frameBytes(64, 64));
    near(meanYuv(out, d, { x: 0, y: 0, width: 64, height: 64 }), red);
  });

  it('picture-in-picture: remote full, chamber quarter size top right', () => {
    const out = compose(d, { kind: 'pip', main: 'remote:b', inset: 'chamber' }, atlas, false);
    near(meanYuv(out, d, { x: 0, y: 32, width: 32, height: 32 }), blue);
    near(meanYuv(out, d, pipRect(d)), red);
  });

  it('side by side: chamber left half, remote right half, black bars above and below', () => {
    const out = compose(
      d,
      { kind: 'side-by-side', left: 'chamber', right: 'remote:b' },
      atlas,
      false,
    );
    near(meanYuv(out, d, { x: 0, y: 16, width: 32, height: 32 }), red);
    near(meanYuv(out, d, { x: 32, y: 16, width: 32, height: 32 }), blue);
    near(meanYuv(out, d, { x: 0, y: 0, width: 64, height: 16 }), colours.black);
  });

  it('R13: a slate never reads a feed', () => {
    const out = compose(
      d,
      { kind: 'slate', slate: 'closed-item' },
      () => {
        throw new Error('a slate must not touch a feed');
      },
      false,
    );
    near(meanYuv(out, d, { x: 0, y: 0, width: 64, height: 64 }), colours.slate);
  });

  it('a stale feed (null) is painted in the slate colour', () => {
    const out = compose(d, { kind: 'full', main: 'remote:gone' }, atlas, false);
    near(meanYuv(out, d, { x: 0, y: 0, width: 64, height: 64 }), colours.slate);
  });

  it('draws the lower-third bar when asked', () => {
    const out = compose(d, { kind: 'full', main: 'chamber' }, atlas, true);
    near(meanYuv(out, d, lowerThirdRect(d)), colours.bar);
  });

  it('solidFrame fills all three planes', () => {
    near(meanYuv(solidFrame(d, blue), d, { x: 0, y: 0, width: 64, height: 64 }), blue);
  });
});
