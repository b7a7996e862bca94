// `npm run verify-log -- <sitting>`: re-walks the sitting's event log and reports the first broken link.
// Reads DATABASE_URL, else the embedded database in DATA_DIR (stop the server first: PGlite allows one process).
import { resolve } from 'node:path';
import { readEnv } from '../env.ts';
import { openPlenaryDatabase } from '../db/client.ts';
import { verifySittingLog } from '../app/verify-log.ts';

const sittingId = process.argv[2];
if (!sittingId || sittingId.startsWith('-')) {
  console.error('usage: npm run verify-log -- <sitting-id>');
  process.exit(2);
}
const env = readEnv();
const database = await openPlenaryDatabase({ url: env.DATABASE_URL, dataDir: resolve(env.DATA_DIR, 'plenary') });
try {
  const report = await verifySittingLog(database.db, sittingId);
  if (!report) {
    console.error(`No sitting '${sittingId}'.`);
    process.exitCode = 2;
  } else {
    console.log(JSON.stringify(report, null, 2));
    if (report.ok && report.headMatches) console.log(`OK: ${report.count} events, chain intact, head ${report.headHash}`);
    else if (report.ok) console.log('BROKEN: the chain is intact but the head does not point at the last event (events removed at the end?)');
    else console.log(`BROKEN at seq ${report.seq}: ${report.reason}`);
    process.exitCode = report.ok && report.headMatches ? 0 : 1;
  }
} finally {
  await database.close();
}
