// Worker thread of the batch verifier: computes partial sums for one chunk (see batch-verify.ts).
import { parentPort } from 'node:worker_threads';
import { type BatchItem, partialSums } from './batch-verify.ts';

interface Job {
  id: number;
  items: BatchItem[];
  coefficients: bigint[];
}

const port = parentPort;
if (port) {
  port.on('message', (job: Job) => {
    try {
      port.postMessage({ id: job.id, ok: true, sums: partialSums(job.items, job.coefficients) });
    } catch (error) {
      port.postMessage({
        id: job.id,
        ok: false,
        error: error instanceof Error ? error.message : String(error),
      });
    }
  });
}
