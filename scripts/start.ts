// `npm start`: the whole system in one Node process on one port — plenary at /, ballot at /ballot, webcast at
// /webcast — each service with its own database (the ballot service never shares plenary's).
import { resolve } from 'node:path';
import { Hono } from 'hono';
import { readEnv } from '../apps/plenary/src/env.ts';
import { createPlenaryService, defaultWebDist } from '../apps/plenary/src/service.ts';
import { listen, onShutdown } from '../apps/plenary/src/serve.ts';
import { DEMO_PASSWORD, DEMO_SITTING_ID } from '../apps/plenary/src/app/demo-council.ts';

const started = Date.now();
const env = readEnv();
const dataDir = resolve(env.DATA_DIR);

async function main(): Promise<void> {
  const plenary = await createPlenaryService({
    databaseUrl: env.DATABASE_URL,
    dataDir: resolve(dataDir, 'plenary'),
    seedDemo: env.SEED_DEMO,
    webDist: defaultWebDist,
  });
  const root = new Hono();
  root.route('/', plenary.app);
  const { server, port } = await listen(root.fetch, env.PORT, env.HOST);
  plenary.attach(server);
  const base = `http://localhost:${port}`;
  console.log(`
Council plenary system is running (${plenary.driver === 'pglite' ? `embedded PGlite in ${dataDir}` : 'PostgreSQL'}), ready in ${Date.now() - started} ms
${plenary.seeded ? '  Seeded the demo council (first start).\n' : ''}
  Member app     ${base}/member
  Desk console   ${base}/desk
  Public display ${base}/display/${DEMO_SITTING_ID}
  Health         ${base}/healthz

  Demo logins (password for all: ${DEMO_PASSWORD})
    chair       ordforande
    secretary   sekreterare
    members     ledamot02 … ledamot61
    substitutes ersattare01 … ersattare35
    committee   valberedning1 … valberedning3

Press Ctrl-C to stop.`);
  onShutdown(async () => {
    await plenary.close();
  });
}

main().catch((error: unknown) => {
  console.error(`\nThe system could not start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
