// Runs the webcast alone: `npm start -w apps/webcast` (wiring only).
import { keepRunning, listen, onShutdown } from '@council/node-server';
import { readEnv } from './env.ts';
import { createWebcastService } from './service.ts';
import { parseTrustedProxies } from '@council/node-server/edge';

const env = readEnv();
keepRunning();
const service = createWebcastService({
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
  await new Promise<void>((resolve) => server.close(() => resolve()));
});
