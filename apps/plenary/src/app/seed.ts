// Seeds the demo council on first start (only when the database has no body yet).
import type { PlenaryDb } from '../db/client.ts';
import { countBodies } from '../db/council.repo.ts';
import { demoCouncil, DEMO_PASSWORD } from './demo-council.ts';
import { importCouncil } from './council-import.ts';
import { hashPassword } from './passwords.ts';
import { markDemoPasswords } from '../db/accounts.repo.ts';

export async function seedDemoCouncil(db: PlenaryDb): Promise<boolean> {
  if ((await countBodies(db)) > 0) return false;
  const data = demoCouncil();
  // Demo accounts share one password, so they share one hash: seeding stays quick. Imported councils never do this.
  const hash = await hashPassword(DEMO_PASSWORD);
  const result = await importCouncil(db, data, {
    passwordHashes: new Map(data.people.map((p) => [p.id, hash])),
  });
  if (!result.ok)
    throw new Error(
      'The demo council does not import: ' + JSON.stringify(result.errors.slice(0, 5)),
    );
  await markDemoPasswords(db);
  return true;
}
