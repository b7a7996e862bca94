// `npx tsx apps/plenary/src/cli/open-data.ts <out-dir> [sitting-id…]`: writes the open data of every finished sitting
// (or those named) as files: <id>.record.json, <id>.popolo.json, and record.schema.json (R24, R25).
// Reads DATABASE_URL, else the embedded database in DATA_DIR (stop the server first: PGlite allows one process).
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { z } from 'zod';
import { sittingRecordSchema } from '@council/shared';
import { readEnv } from '../env.ts';
import { openPlenaryDatabase } from '../db/client.ts';
import { listSittings } from '../db/council.repo.ts';
import { eventsSince, signedHeads } from '../db/sitting-event.repo.ts';
import { loadLogSigner } from '../app/log-signer.ts';
import { minutesView } from '../app/minutes/view.ts';
import { popolo, sittingRecord } from '../app/minutes/open-data.ts';
import { PUBLIC } from '../domain/projection/viewer.ts';

const [outDir, ...only] = process.argv.slice(2);
if (!outDir || outDir.startsWith('-')) {
  console.error('usage: npm run open-data -- <out-dir> [sitting-id…]');
  process.exit(2);
}
const env = readEnv();
const database = await openPlenaryDatabase({
  url: env.DATABASE_URL,
  dataDir: resolve(env.DATA_DIR, 'plenary'),
});
try {
  mkdirSync(outDir, { recursive: true });
  writeFileSync(
    join(outDir, 'record.schema.json'),
    JSON.stringify(
      z.toJSONSchema(sittingRecordSchema, { target: 'draft-2020-12', io: 'output' }),
      null,
      2,
    ),
  );
  // The signed heads go with the record when this machine has the key file (its public half names the key).
  const logKey = existsSync(env.LOG_SIGNING_KEY_FILE)
    ? loadLogSigner({ keyFile: env.LOG_SIGNING_KEY_FILE })
    : null;
  const ids = only.length > 0 ? only : (await listSittings(database.db)).map((s) => s.id);
  let written = 0;
  for (const id of ids) {
    // Open data is the public's projection (R13): nothing of a closed item, not even an adjournment's reason.
    const view = minutesView(id, await eventsSince(database.db, id, 0), PUBLIC);
    if (!view || view.status === 'preview') continue;
    const anchor = logKey
      ? {
          publicKey: logKey.publicKeyHex,
          keyId: logKey.keyId,
          heads: await signedHeads(database.db, id),
        }
      : undefined;
    writeFileSync(
      join(outDir, `${id}.record.json`),
      JSON.stringify(sittingRecord(view, anchor), null, 2),
    );
    writeFileSync(join(outDir, `${id}.popolo.json`), JSON.stringify(popolo(view), null, 2));
    written++;
  }
  console.log(`Wrote open data for ${written} finished sitting(s) to ${outDir}`);
} finally {
  await database.close();
}
