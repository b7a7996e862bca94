// Worker thread of the batch verifier: computes partial sums for one chunk (see batch-verify.ts).
import { parentPort } from 'node:worker_threads';
import { type BatchItem, partialSums } from './batch-verify.ts';
import { loadFastBls } from './fast-bls.ts';

interface Job {
  id: number;
  items: BatchItem[];
  coefficients: bigint[];
}

const port = parentPort;
if (port) {
  const bls = await loadFastBls();
  port.on('message', (job: Job) => {
    try {
      port.postMessage({
        id: job.id,
        ok: true,
        sums: partialSums(bls, job.items, job.coefficients),
      });
    } catch (error) {
      port.postMessage({
        id: job.id,
        ok: false,
        error: error instanceof Error ? error.message : String(error),
      });
    }
  });
}
