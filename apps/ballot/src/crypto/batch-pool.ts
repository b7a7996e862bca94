// A worker_threads pool for the verifier: hash-to-curve and subgroup checks dominate, so chunks run on every core.
// Node only (not imported by the voter's client).
import { Worker } from 'node:worker_threads';
import { availableParallelism } from 'node:os';
import { z } from 'zod';
import {
  type BatchItem,
  type BatchVerifier,
  type PartialSums,
  finalCheck,
  individualFailures,
  partialSums,
  randomCoefficients,
} from './batch-verify.ts';
import { decodeG2 } from './blind-bls.ts';
import { loadFastBls } from './fast-bls.ts';

const replySchema = z.union([
  z.object({
    id: z.number(),
    ok: z.literal(true),
    sums: z.object({
      sigSum: z.instanceof(Uint8Array),
      msgSum: z.instanceof(Uint8Array),
      invalid: z.array(z.number()),
    }),
  }),
  z.object({ id: z.number(), ok: z.literal(false), error: z.string() }),
]);

export interface BatchPool {
  verify: BatchVerifier;
  close(): Promise<void>;
}

const workerUrl = new URL('./batch-worker-boot.mjs', import.meta.url);

function spawn(): Worker {
  // The worker is TypeScript: a small .mjs boot registers tsx's loader (a root dev dependency, like the CLI itself).
  return new Worker(workerUrl);
}

/**
 * Start `size` workers now (they warm up while the caller parses the board). Large batches are split among
 * the workers; the calling thread meanwhile does the verifier's other checks.
 * @example const pool = createBatchPool(); const { ok } = await pool.verify(pk, items); await pool.close();
 */
export function createBatchPool(size = availableParallelism()): BatchPool {
  const workers = Array.from({ length: size }, spawn);
  let nextId = 0;
  const waiting = new Map<
    number,
    { resolve: (s: PartialSums) => void; reject: (e: Error) => void }
  >();
  for (const w of workers) {
    w.on('message', (raw: unknown) => {
      const reply = replySchema.safeParse(raw);
      if (!reply.success) return;
      const entry = waiting.get(reply.data.id);
      if (!entry) return;
      waiting.delete(reply.data.id);
      if (reply.data.ok) entry.resolve(reply.data.sums);
      else entry.reject(new Error(reply.data.error));
    });
    w.on('error', (error) => {
      for (const entry of waiting.values()) entry.reject(error);
      waiting.clear();
    });
  }
  const run = (w: Worker, items: BatchItem[], coefficients: bigint[]) =>
    new Promise<PartialSums>((resolve, reject) => {
      const id = nextId++;
      waiting.set(id, { resolve, reject });
      w.postMessage({ id, items, coefficients });
    });

  const verify: BatchVerifier = async (publicKey, items) => {
    decodeG2(publicKey, 'publicKey');
    if (items.length === 0) return { ok: true, invalid: [] };
    const coefficients = randomCoefficients(items.length);
    const bls = await loadFastBls();
    // Small batches are not worth the message passing: the calling thread does them. Large ones go to the
    // workers only, so the calling thread is free for the verifier's other checks meanwhile.
    const parts = items.length < 16 ? 0 : workers.length;
    const chunk = parts === 0 ? items.length : Math.ceil(items.length / parts);
    const offsets: number[] = [];
    const jobs: Promise<PartialSums>[] = [];
    for (let p = 0; p < parts; p++) {
      const from = p * chunk;
      const w = workers[p];
      if (from >= items.length || !w) break;
      offsets.push(from);
      jobs.push(run(w, items.slice(from, from + chunk), coefficients.slice(from, from + chunk)));
    }
    if (parts === 0) {
      offsets.push(0);
      jobs.push(Promise.resolve(partialSums(bls, items, coefficients)));
    }
    const sums = await Promise.all(jobs);
    const invalid = sums.flatMap((s, k) => s.invalid.map((i) => i + (offsets[k] ?? 0)));
    if (finalCheck(bls, sums, publicKey) && invalid.length === 0) return { ok: true, invalid: [] };
    const bad = [...invalid, ...individualFailures(bls, publicKey, items, new Set(invalid))].sort(
      (a, b) => a - b,
    );
    return { ok: bad.length === 0, invalid: bad };
  };

  return {
    verify,
    async close() {
      await Promise.all(workers.map((w) => w.terminate()));
    },
  };
}
