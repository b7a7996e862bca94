// One small webcast node for the leader tests (issue 16): the webcast's own lock on a shared PostgreSQL, a red lavfi
// chamber at 256×144 and one rendition, so two nodes and a takeover fit on two cores. Used in-process and, through
// `webcast-node-child.ts`, as a separate process that a test can SIGKILL.
import { openSession, startLeaderElection, WEBCAST_LOCK_KEY, type Leader } from '@council/db';
import type { Dimensions } from '../../apps/webcast/src/pipeline/types.ts';
import { createWebcastService, type WebcastService } from '../../apps/webcast/src/service.ts';
import { baseView } from './webcast-views.ts';

export interface WebcastNodeConfig {
  databaseUrl: string;
  dataDir: string;
  ffmpegPath: string;
}

export const webcastNodeDimensions: Dimensions = { width: 256, height: 144 };

export function createWebcastNode(config: WebcastNodeConfig): {
  leader: Leader;
  service: WebcastService;
} {
  const d = webcastNodeDimensions;
  const leader = startLeaderElection({
    session: () => openSession(config.databaseUrl),
    lockKey: WEBCAST_LOCK_KEY,
    pollMs: 500,
  });
  const service = createWebcastService({
    dataDir: config.dataDir,
    plenaryUrl: 'http://127.0.0.1:9',
    follow: false,
    ffmpegPath: config.ffmpegPath,
    chamberSource: `lavfi:color=c=red:size=${d.width}x${d.height}:rate=25|sine=frequency=440:sample_rate=48000`,
    dimensions: d,
    renditions: [{ name: '720p', width: d.width, height: d.height, videoKbps: 300, audioKbps: 64 }],
    segmentSeconds: 1,
    preset: 'ultrafast',
    leader,
    log: () => undefined,
  });
  return { leader, service };
}

/** Starts the node with the base view of the tests' sitting. */
export async function startWebcastNode(config: WebcastNodeConfig) {
  const node = createWebcastNode(config);
  await node.service.start();
  node.service.onView(baseView({ seq: 1 }));
  return node;
}
