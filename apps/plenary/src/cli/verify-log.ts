// `npm run verify-log -- <sitting> [--protocol <minutes.json>]`: re-walks the sitting's event log and reports the first
// broken link; when the minutes are locked, regenerates them from the log and checks them (and the protocol file) (R24).
// Reads DATABASE_URL, else the embedded database in DATA_DIR (stop the server first: PGlite allows one process).
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { readEnv } from '../env.ts';
import { openPlenaryDatabase } from '../db/client.ts';
import { verifyMinutes, verifySittingLog } from '../app/verify-log.ts';

const sittingId = process.argv[2];
const protocolAt = process.argv.indexOf('--protocol');
const protocolFile = protocolAt > 0 ? process.argv[protocolAt + 1] : undefined;
if (!sittingId || sittingId.startsWith('-') || (protocolAt > 0 && !protocolFile)) {
  console.error('usage: npm run verify-log -- <sitting-id> [--protocol <minutes.json>]');
  process.exit(2);
}
const protocol: unknown = protocolFile ? JSON.parse(readFileSync(protocolFile, 'utf8')) : undefined;
const env = readEnv();
const database = await openPlenaryDatabase({
  url: env.DATABASE_URL,
  dataDir: resolve(env.DATA_DIR, 'plenary'),
});
try {
  const report = await verifySittingLog(database.db, sittingId);
  if (!report) {
    console.error(`No sitting '${sittingId}'.`);
    process.exitCode = 2;
  } else {
    console.log(JSON.stringify(report, null, 2));
    if (report.ok && report.headMatches)
      console.log(`OK: ${report.count} events, chain intact, head ${report.headHash}`);
    else if (report.ok)
      console.log(
        'BROKEN: the chain is intact but the head does not point at the last event (events removed at the end?)',
      );
    else console.log(`BROKEN at seq ${report.seq}: ${report.reason}`);
    let minutesOk = true;
    const minutes = await verifyMinutes(database.db, sittingId, protocol);
    if (minutes?.locked) {
      minutesOk = minutes.ok;
      if (minutes.ok)
        console.log(`OK: the locked minutes (SHA-256 ${minutes.sha256 ?? ''}) follow from the log`);
      else for (const m of minutes.mismatches) console.log(`MINUTES DIFFER ${m}`);
    } else if (minutes && protocol !== undefined) {
      minutesOk = false;
      console.log('MINUTES DIFFER: the minutes are not locked in the log');
    } else console.log('The minutes are not locked yet.');
    process.exitCode = report.ok && report.headMatches && minutesOk ? 0 : 1;
  }
} finally {
  await database.close();
}
