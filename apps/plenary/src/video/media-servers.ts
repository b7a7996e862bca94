// Starts and supervises the video room's media servers for one run: Janus (the SFU, its configuration generated into a
// fresh folder with free ports and new secrets) and coturn (TURN with the REST-API shared secret, R09 for members
// behind strict firewalls). Each is restarted if it dies and ends when plenary ends.
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Supervisor } from '@council/node-server/supervisor';
import { freePort, mediaPortRange, spawnBound, waitForTcp } from './child-process.ts';
import { janusArgs, janusConfigFiles } from './janus-config.ts';

const secret = () => randomBytes(24).toString('base64url');

export interface JanusServer {
  apiUrl: string;
  adminUrl: string;
  adminSecret: string;
  /** The plugins' admin_key: creating rooms and mountpoints, RTP forwarding. */
  pluginAdminKey: string;
  supervisor: Supervisor;
  stop(): Promise<void>;
}

export async function startJanus(options: {
  janusPath: string;
  workDir: string;
  iceEnforceList?: string | undefined;
  log?: (m: string) => void;
  readyTimeoutMs?: number;
}): Promise<JanusServer> {
  const configsFolder = join(options.workDir, 'janus');
  mkdirSync(configsFolder, { recursive: true });
  const wsPort = await freePort();
  const adminWsPort = await freePort();
  const adminSecret = secret();
  const pluginAdminKey = secret();
  const files = janusConfigFiles({
    configsFolder,
    wsPort,
    adminWsPort,
    adminSecret,
    pluginAdminKey,
    iceEnforceList: options.iceEnforceList,
    rtpPortRange: mediaPortRange(),
  });
  for (const [name, text] of Object.entries(files))
    writeFileSync(join(configsFolder, name), text, { mode: 0o600 });
  const supervisor = new Supervisor({
    name: 'janus',
    spawn: () => spawnBound(options.janusPath, janusArgs(configsFolder)),
    // Janus logs to stdout: keep its tail too, for the message when it will not start.
    onSpawn: (child) => child.stdout?.on('data', (d: Buffer) => child.stderr?.emit('data', d)),
    ...(options.log ? { log: options.log } : {}),
  });
  supervisor.start();
  try {
    await waitForTcp(wsPort, options.readyTimeoutMs ?? 15_000, () =>
      supervisor.restarts > 2
        ? `janus keeps exiting: ${supervisor.tail.slice(-3).join(' | ')}`
        : null,
    );
    await waitForTcp(adminWsPort, 5000);
  } catch (error) {
    await supervisor.stop();
    throw error;
  }
  return {
    apiUrl: `ws://127.0.0.1:${wsPort}`,
    adminUrl: `ws://127.0.0.1:${adminWsPort}`,
    adminSecret,
    pluginAdminKey,
    supervisor,
    stop: () => supervisor.stop(),
  };
}

export interface TurnServer {
  port: number;
  host: string;
  /** The REST-API shared secret; plenary signs short-lived credentials with it (turn-credentials.ts). */
  secret: string;
  realm: string;
  urls: string[];
  supervisor: Supervisor;
  stop(): Promise<void>;
}

export async function startCoturn(options: {
  turnserverPath: string;
  workDir: string;
  /** Address coturn listens and relays on. */
  listenIp?: string;
  /** The host name clients use to reach it (the URLs in the credentials). */
  publicHost?: string;
  log?: (m: string) => void;
}): Promise<TurnServer> {
  const dir = join(options.workDir, 'coturn');
  mkdirSync(dir, { recursive: true });
  const port = await freePort(true);
  const ip = options.listenIp ?? '127.0.0.1';
  const relay = mediaPortRange(500);
  const shared = secret();
  const realm = 'council-room';
  const args = [
    '-n', // no configuration file: everything is on this line
    '--listening-ip',
    ip,
    '--listening-port',
    String(port),
    '--relay-ip',
    ip,
    '--min-port',
    String(relay.min),
    '--max-port',
    String(relay.max),
    '--use-auth-secret',
    '--static-auth-secret',
    shared,
    '--realm',
    realm,
    '--fingerprint',
    '--no-tls',
    '--no-dtls',
    '--no-cli',
    '--no-multicast-peers',
    // Janus listens on loopback in tests and on one host with plenary in the demo.
    ...(ip.startsWith('127.') ? ['--allow-loopback-peers'] : []),
    '--pidfile',
    join(dir, 'turnserver.pid'),
    '--log-file',
    'stdout',
    '--simple-log',
  ];
  const supervisor = new Supervisor({
    name: 'coturn',
    spawn: () => spawnBound(options.turnserverPath, args),
    onSpawn: (child) => child.stdout?.on('data', (d: Buffer) => child.stderr?.emit('data', d)),
    ...(options.log ? { log: options.log } : {}),
  });
  supervisor.start();
  try {
    await waitForTcp(
      port,
      10_000,
      () =>
        supervisor.restarts > 2
          ? `coturn keeps exiting: ${supervisor.tail.slice(-3).join(' | ')}`
          : null,
      ip,
    );
  } catch (error) {
    await supervisor.stop();
    throw error;
  }
  const host = options.publicHost ?? ip;
  return {
    port,
    host,
    secret: shared,
    realm,
    urls: [`turn:${host}:${port}?transport=udp`, `turn:${host}:${port}?transport=tcp`],
    supervisor,
    stop: () => supervisor.stop(),
  };
}
