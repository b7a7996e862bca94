// Runs the ballot service alone: `npm start -w apps/ballot`. Wiring only.
import { keepRunning, listen, onShutdown } from '@council/node-server';
import { parseTrustedProxies } from '@council/node-server/edge';
import { z } from 'zod';
import { fromHex } from './crypto/bytes.ts';
import { readEnv } from './env.ts';
import { createBallotService } from './service.ts';

const env = readEnv();
keepRunning();
const keysSchema = z.object({ rollSigningKey: z.string().regex(/^[0-9a-f]{64}$/) });
let cached: Uint8Array | null = null;

async function plenaryRollKey(): Promise<Uint8Array> {
  if (cached) return cached;
  const res = await fetch(`${env.PLENARY_URL.replace(/\/$/, '')}/api/public/keys`);
  if (!res.ok) throw new Error(`plenary keys: HTTP ${res.status}`);
  cached = fromHex(keysSchema.parse(await res.json()).rollSigningKey, 32, 'rollSigningKey');
  return cached;
}

const service = await createBallotService({
  dataDir: env.DATA_DIR,
  registrarDatabaseUrl: env.DATABASE_URL,
  boxDatabaseUrl: env.BOX_DATABASE_URL,
  plenaryRollKey,
  edge: { trustedProxies: parseTrustedProxies(env.TRUSTED_PROXIES) },
});
const { port } = await listen(service.app.fetch, env.PORT, '127.0.0.1');
console.log(`ballot: listening on http://127.0.0.1:${port}/ballot`);
onShutdown(() => service.close());
