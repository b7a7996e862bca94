// Runs the webcast alone: `npm start -w apps/webcast` (wiring only).
import { serve } from '@hono/node-server';
import { Server } from 'node:http';
import { readEnv } from './env.ts';
import { createWebcastService } from './service.ts';

const env = readEnv();
const service = createWebcastService({
  dataDir: env.DATA_DIR,
  plenaryUrl: env.PLENARY_URL,
  chamberSource: env.CHAMBER_SOURCE,
  ffmpegPath: env.FFMPEG_PATH,
});
await service.start();
const server = serve({ fetch: service.app.fetch, port: env.PORT }, (info) =>
  console.log(`webcast: http://localhost:${info.port}/webcast/`),
);
if (server instanceof Server) service.attachUpgrade(server);

const shutdown = (): void => {
  void service.close().then(() => server.close(() => process.exit(0)));
};
process.once('SIGINT', shutdown);
process.once('SIGTERM', shutdown);
