// Issue 13, item 6: the verifier written from docs/ballot.md alone reaches the outcome of every test vector (the result,
// or the first failing check) and agrees with verify-ballot on every vector and every sample board.
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { verifyBatchInProcess } from '../../ballot/src/crypto/batch-verify.ts';
import { verifyBoard } from '../../ballot/src/verifier/verify-board.ts';
import { verify } from './verify.ts';

const read = (url: URL) => {
  const dir = fileURLToPath(url);
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => [f, JSON.parse(readFileSync(dir + f, 'utf8'))] as const);
};
const vectors = read(new URL('../../ballot/vectors/', import.meta.url)).map(
  ([f, v]) =>
    [
      f,
      v as { board: unknown; options?: object; expect: { ok: boolean; error?: string } },
    ] as const,
);
const samples = read(new URL('../../../tests/fixtures/ballot/', import.meta.url));

const essence = (report: object) => {
  const o = report as { ok: boolean } & Record<string, unknown>;
  return o.ok
    ? { ok: true, elected: o.elected, counts: o.counts, root: o.root, lottning: o.lottning }
    : { ok: false, error: o.error };
};

describe('the independent verifier', () => {
  it('has vectors and sample boards to agree on', () => {
    expect(vectors.length).toBeGreaterThan(50);
    expect(samples.length).toBeGreaterThan(20);
  });

  it.each(vectors)('reaches the outcome of vector %s', (_f, v) => {
    expect(essence(verify(v.board, v.options))).toEqual(v.expect);
  });

  it.each(samples)('agrees with verify-ballot on the sample board %s', async (_f, board) => {
    const ours = await verifyBoard(board, { batch: verifyBatchInProcess });
    expect(essence(verify(board))).toEqual(essence(ours));
  });
});
