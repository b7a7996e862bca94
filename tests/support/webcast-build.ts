// Builds the webcast player (Vite) for tests when web/dist is missing.
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

export const webcastWeb = fileURLToPath(new URL('../../apps/webcast/web', import.meta.url));
export const webcastDist = fileURLToPath(new URL('../../apps/webcast/web/dist', import.meta.url));

export async function buildWebcastPlayer(): Promise<void> {
  await build({ configFile: `${webcastWeb}/vite.config.ts`, logLevel: 'warn' });
}
