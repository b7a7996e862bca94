// The test vectors of docs/ballot.md (issue 13, item 6): verify-ballot reaches each vector's outcome — the result for a
// valid board, the first failing check for a tampered one — on its default path (mcl, OpenSSL) and on noble alone.
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { verifyBatchInProcess, verifyBatchReference } from '../crypto/batch-verify.ts';
import type { Vector } from './generate-vectors.ts';
import { CHECK_ORDER, type VerifyReport, verifyBoard } from './verify-board.ts';

const dir = fileURLToPath(new URL('../../vectors/', import.meta.url));
const vectors = readdirSync(dir)
  .filter((f) => f.endsWith('.json'))
  .sort()
  .map((f) => JSON.parse(readFileSync(dir + f, 'utf8')) as Vector);

const CRYPTO_CHECKS = new Set([
  'manifest-signatures',
  'close-approvals',
  'keys',
  'roll',
  'issuance-answers',
  'ballot-signatures',
  'issuance-signatures',
  'decryption-key',
  'receipt',
]);

/** The part of a report a vector fixes. */
export function outcome(r: VerifyReport): Vector['expect'] {
  if (!r.ok) return { ok: false, error: r.error ?? '' };
  if (!r.counts || !r.elected || !r.root || !r.lottning)
    throw new Error('a valid report is complete');
  return { ok: true, elected: r.elected, counts: r.counts, root: r.root, lottning: r.lottning };
}

describe('docs/ballot.md test vectors', () => {
  it('cover every check of the document and both outcomes', () => {
    const errors = new Set(vectors.flatMap((v) => (v.expect.ok ? [] : [v.expect.error])));
    expect([...errors].sort()).toEqual([...CHECK_ORDER].sort());
    expect(vectors.filter((v) => v.expect.ok).length).toBeGreaterThanOrEqual(15);
  });

  it.each(vectors.map((v) => [v.name, v] as const))('%s', async (_name, v) => {
    const fast = await verifyBoard(v.board, { batch: verifyBatchInProcess, ...v.options });
    expect(outcome(fast)).toEqual(v.expect);
    // noble alone costs ~10 ms a ballot: rerun on it where the arithmetic decides the error (signatures, keys).
    if (v.expect.ok || !CRYPTO_CHECKS.has(v.expect.error)) return;
    const reference = await verifyBoard(v.board, {
      batch: verifyBatchReference,
      reference: true,
      ...v.options,
    });
    expect(outcome(reference)).toEqual(v.expect);
  });
});
