// `npm run db:migrate -- [--service-role <role>]`: applies plenary's migrations as the tables' owner (DATABASE_URL is
// the owner's here), then grants the role the service connects as its rights (db/service-role.ts). The service then
// runs with that role's DATABASE_URL and DATABASE_MIGRATE=false. See docs/security.md, "Anchoring the log".
import { resolve } from 'node:path';
import { readEnv } from '../env.ts';
import { openPlenaryDatabase } from '../db/client.ts';
import { grantServiceRole } from '../db/service-role.ts';

const at = process.argv.indexOf('--service-role');
const role = at > 0 ? process.argv[at + 1] : undefined;
if (at > 0 && (!role || role.startsWith('-'))) {
  console.error('usage: npm run db:migrate -- [--service-role <role>]');
  process.exit(2);
}
const env = readEnv();
const database = await openPlenaryDatabase({
  url: env.DATABASE_URL,
  dataDir: resolve(env.DATA_DIR, 'plenary'),
});
try {
  console.log(`Migrations applied (${database.driver}).`);
  if (role) {
    if (database.driver !== 'postgres') throw new Error('--service-role needs DATABASE_URL');
    await grantServiceRole(database.db, role);
    console.log(
      `Granted '${role}' the service's rights: the log and its heads are append-only for it.`,
    );
  }
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
} finally {
  await database.close();
}
