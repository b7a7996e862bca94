// Runs the webcast alone: `npm start -w apps/webcast` (wiring only).
import { keepRunning, listen, onShutdown } from '@council/node-server';
import { readEnv } from './env.ts';
import { createWebcastService } from './service.ts';
import { parseTrustedProxies } from '@council/node-server/edge';
import { webcastLeader } from './leader.ts';

const env = readEnv();
keepRunning();
const leader = webcastLeader(env.DATABASE_URL, (m, e) =>
  e ? console.error(m, e) : console.log(m),
);
const service = createWebcastService({
  ...(leader ? { leader } : {}),
  dataDir: env.DATA_DIR,
  plenaryUrl: env.PLENARY_URL,
  chamberSource: env.CHAMBER_SOURCE,
  ffmpegPath: env.FFMPEG_PATH,
  edge: { trustedProxies: parseTrustedProxies(env.TRUSTED_PROXIES) },
});
await service.start();
const { server, port } = await listen(service.app.fetch, env.PORT, env.HOST);
service.attachUpgrade(server);
console.log(`webcast: http://localhost:${port}/webcast/`);
onShutdown(async () => {
  await service.close();
  await leader?.close();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});
