// `npm run verify-log -- <sitting> [--public-key <hex>]… [--expect-head <seq:hash | file.json>]… [--protocol <minutes.json>]`:
// re-walks the sitting's event log and reports the first broken link; checks the log against its signed heads (issue 11
// item 4) — those in the database and those saved earlier — with the published key, naming the seq that differs; when
// the minutes are locked, regenerates them from the log and checks them (and the protocol file) (R24).
// Reads DATABASE_URL, else the embedded database in DATA_DIR (stop the server first: PGlite allows one process).
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { readEnv } from '../env.ts';
import { openPlenaryDatabase } from '../db/client.ts';
import {
  parseExpectedHeads,
  verifyLogAnchors,
  verifyMinutes,
  verifySittingLog,
  type ExpectedHead,
} from '../app/verify-log.ts';
import { publicKeyOfKeyFile } from '../app/log-signer.ts';

const usage =
  'usage: npm run verify-log -- <sitting-id> [--public-key <hex>]… [--expect-head <seq:hash | file.json>]… [--protocol <minutes.json>]';
const [sittingId, ...rest] = process.argv.slice(2);
const flags = new Map<string, string[]>();
for (let i = 0; i < rest.length; i += 2) {
  const name = rest[i] ?? '';
  const value = rest[i + 1];
  if (!['--protocol', '--public-key', '--expect-head'].includes(name) || !value) {
    console.error(usage);
    process.exit(2);
  }
  flags.set(name, [...(flags.get(name) ?? []), value]);
}
if (!sittingId || sittingId.startsWith('-')) {
  console.error(usage);
  process.exit(2);
}
const protocolFile = flags.get('--protocol')?.[0];
const protocol: unknown = protocolFile ? JSON.parse(readFileSync(protocolFile, 'utf8')) : undefined;
const env = readEnv();
let expected: ExpectedHead[];
try {
  expected = (flags.get('--expect-head') ?? []).flatMap((a) =>
    parseExpectedHeads(a, (p) => readFileSync(p, 'utf8')),
  );
} catch (error) {
  console.error(`--expect-head: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(2);
}
const trustedKeys = flags.get('--public-key') ?? [];
if (trustedKeys.some((k) => !/^[0-9a-f]{64}$/.test(k))) {
  console.error('--public-key: 64 hex digits, the logSigningKey of /api/public/keys');
  process.exit(2);
}
if (trustedKeys.length === 0 && existsSync(env.LOG_SIGNING_KEY_FILE)) {
  trustedKeys.push(publicKeyOfKeyFile(env.LOG_SIGNING_KEY_FILE));
  console.log(
    `Using the public half of ${env.LOG_SIGNING_KEY_FILE} (pass --public-key to check against the published one)`,
  );
}
const database = await openPlenaryDatabase({
  url: env.DATABASE_URL,
  dataDir: resolve(env.DATA_DIR, 'plenary'),
  migrate: env.DATABASE_MIGRATE,
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
    let anchored = false;
    if (trustedKeys.length === 0)
      console.log(
        'NOT CHECKED: no public key to check the signed heads with (--public-key, the logSigningKey of /api/public/keys); ' +
          'the chain alone does not show that the log was not rewritten',
      );
    else {
      const anchors = await verifyLogAnchors(database.db, sittingId, { trustedKeys, expected });
      anchored = anchors.ok;
      if (anchors.ok)
        console.log(
          `OK: the log matches ${anchors.checked} signed head(s) (newest at seq ${anchors.lastMatching?.seq ?? 0})`,
        );
      for (const p of anchors.problems) console.log(`DIFFERS: ${p}`);
      if (anchors.firstDifference)
        console.log(
          `FIRST DIFFERING SEQ: ${anchors.firstDifference.changedFrom === anchors.firstDifference.changedTo ? anchors.firstDifference.seq : `${anchors.firstDifference.changedFrom}–${anchors.firstDifference.changedTo}`}`,
        );
    }
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
    process.exitCode = report.ok && report.headMatches && anchored && minutesOk ? 0 : 1;
  }
} finally {
  await database.close();
}
