// Runs plenary alone: `npm start -w apps/plenary`. Wiring only.
import { resolve } from 'node:path';
import {
  edgeOptionsOf,
  oidcOptionsOf,
  readEnv,
  samlOptionsOf,
  stepUpOf,
  videoOptions,
} from './env.ts';
import { createPlenaryService, defaultWebDist } from './service.ts';
import { keepRunning, listen, onShutdown } from '@council/node-server';
import { offsetClock } from './app/offset-clock.ts';

const env = readEnv();
keepRunning();
const testClock = env.TEST_CLOCK_OFFSET_FILE ? offsetClock(env.TEST_CLOCK_OFFSET_FILE) : null;
try {
  const plenary = await createPlenaryService({
    ...(testClock ? { clock: testClock.clock } : {}),
    databaseUrl: env.DATABASE_URL,
    dataDir: resolve(env.DATA_DIR, 'plenary'),
    seedDemo: env.SEED_DEMO,
    logSigningKeyFile: env.LOG_SIGNING_KEY_FILE,
    migrate: env.DATABASE_MIGRATE,
    oidc: oidcOptionsOf(env),
    saml: samlOptionsOf(env),
    stepUp: stepUpOf(env),
    passwordLogin: env.PASSWORD_LOGIN,
    mail: env.SMTP_URL ? { url: env.SMTP_URL, from: env.MAIL_FROM } : null,
    video: videoOptions(env),
    webDist: defaultWebDist,
    edge: edgeOptionsOf(env),
    attendance: { heartbeatTimeoutMs: env.ATTENDANCE_HEARTBEAT_TIMEOUT_MS },
  });
  const { server, port } = await listen(plenary.app.fetch, env.PORT, env.HOST);
  plenary.attach(server);
  console.log(`plenary on http://localhost:${port} (${plenary.driver})`);
  onShutdown(() => plenary.close());
} catch (error) {
  console.error(
    `plenary could not start: ${error instanceof Error ? error.message : String(error)}`,
  );
  process.exit(1);
}
