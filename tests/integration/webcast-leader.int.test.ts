// Two webcast nodes on one PostgreSQL and one shared data directory (issue 16): one compositor at a time. The leader
// runs ffmpeg and writes the index; the standby runs none and serves the same live playlist and segments from the
// shared directory; when the leader goes, the standby takes the lock and composes on within 5 s, numbering its
// segments on from the last one (a discontinuity, no sequence number used twice).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import type { Leader } from '@council/db';
import { readIndex } from '../../apps/webcast/src/process/hls-index.ts';
import { parseMediaPlaylist } from '../../apps/webcast/src/pipeline/hls.ts';
import type { WebcastService } from '../../apps/webcast/src/service.ts';
import {
  postgresAvailable,
  startPostgresCluster,
  type PostgresCluster,
} from '../support/postgres-cluster.ts';
import { requireProgram } from '../support/requires.ts';
import { findFfmpeg, waitFor } from '../support/webcast-media.ts';
import { baseView } from '../support/webcast-views.ts';
import { createWebcastNode, startWebcastNode } from '../support/webcast-node.ts';

const ffmpeg = await findFfmpeg();
const ready =
  requireProgram('ffmpeg', ffmpeg !== null, 'apt-get install ffmpeg') &&
  requireProgram('PostgreSQL (initdb)', postgresAvailable(), 'apt-get install postgresql');

const playlist = async (s: WebcastService) => {
  const res = await s.app.request('/webcast/live/720p/index.m3u8');
  return res.status === 200 ? res.text() : '';
};

/** The index on the shared directory: strictly increasing seqs, each segment once, and how many compositor runs. */
function checkIndex(dir: string): number {
  const index = readIndex(join(dir, 'webcast', 'index', '720p.jsonl'));
  const seqs = index.map((r) => r.seq);
  expect(seqs).toEqual([...seqs].sort((x, y) => x - y));
  expect(new Set(seqs).size).toBe(seqs.length);
  expect(new Set(index.map((r) => r.uri)).size).toBe(index.length);
  return new Set(index.map((r) => r.run)).size;
}

describe.runIf(ready)('webcast: one compositor among nodes (leader lock, shared directory)', () => {
  let cluster: PostgresCluster;
  let dir = '';
  const nodes: { name: string; leader: Leader; service: WebcastService }[] = [];

  const node = async (name: string, url: string) => {
    const { leader, service } = createWebcastNode({
      databaseUrl: url,
      dataDir: dir,
      ffmpegPath: ffmpeg ?? 'ffmpeg',
    });
    nodes.push({ name, leader, service });
    return { leader, service };
  };

  beforeAll(async () => {
    cluster = await startPostgresCluster();
    const url = await cluster.createDatabase('webcast_leader');
    dir = mkdtempSync(join(tmpdir(), 'webcast-leader-'));
    const a = await node('a', url);
    await waitFor('node a leads', () => a.leader.isLeader() || null, 10_000);
    await a.service.start();
    a.service.onView(baseView({ seq: 1 }));
    const b = await node('b', url);
    await b.service.start();
    b.service.onView(baseView({ seq: 1 }));
  }, 60_000);

  afterAll(async () => {
    for (const n of nodes) {
      await n.service.close();
      await n.leader.close();
    }
    await cluster?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('the standby runs no compositor and serves the leader’s live playlist and segments', async () => {
    const [a, b] = nodes;
    if (!a || !b) throw new Error('two nodes');
    expect(a.service.leading()).toBe(true);
    expect(b.service.leading()).toBe(false);
    expect(a.service.compositor()).not.toBeNull();
    expect(b.service.compositor()).toBeNull();
    expect(b.service.feed('chamber')).toBeUndefined();
    // Three segments on the leader, then the standby's playlist lists the same ones.
    await waitFor(
      'segments on the leader',
      async () => parseMediaPlaylist(await playlist(a.service)).length >= 3 || null,
      20_000,
    );
    const fromB = await waitFor(
      'the standby mirrors them',
      async () => {
        const text = await playlist(b.service);
        return parseMediaPlaylist(text).length >= 3 ? text : null;
      },
      10_000,
    );
    const aUris = parseMediaPlaylist(await playlist(a.service)).map((s) => s.uri);
    const bSegments = parseMediaPlaylist(fromB);
    expect(bSegments.every((s) => aUris.includes(s.uri) || s.uri > (aUris.at(-1) ?? ''))).toBe(
      true,
    );
    const segment = bSegments[0];
    if (!segment) throw new Error('no segment');
    const res = await b.service.app.request(`/webcast/live/720p/${segment.uri}`);
    expect(res.status).toBe(200);
    expect((await res.arrayBuffer()).byteLength).toBeGreaterThan(1000);
    const status = (await (await b.service.app.request('/webcast/api/status')).json()) as {
      leading: boolean;
    };
    expect(status.leading).toBe(false);
  }, 60_000);

  it('when the leader goes, the standby composes on within 5 s, with no segment number used twice', async () => {
    const [a, b] = nodes;
    if (!a || !b) throw new Error('two nodes');
    const before = parseMediaPlaylist(await playlist(b.service)).length;
    expect(before).toBeGreaterThan(0);
    // The leader's process ends: its compositor stops and its connection, with the lock, closes.
    const goneAt = Date.now();
    await a.service.close();
    await a.leader.close();
    await waitFor('the standby leads', () => b.service.compositor() !== null || null, 5_000);
    const tookOverMs = Date.now() - goneAt;
    const firstNew = await waitFor(
      'a segment from the new leader',
      async () => {
        const text = await playlist(b.service);
        return text.includes('#EXT-X-DISCONTINUITY') ? text : null;
      },
      20_000,
    );
    console.log(
      `webcast leader: the standby ran the compositor ${tookOverMs} ms after the leader went`,
    );
    expect(tookOverMs).toBeLessThan(5_000);
    expect(firstNew).toContain('#EXT-X-DISCONTINUITY');
    // The index on the shared directory: strictly increasing seqs, each segment once, two compositor runs.
    await new Promise((r) => setTimeout(r, 2_000));
    expect(checkIndex(dir)).toBe(2);
  }, 60_000);
});

/** Every process below `pid` (setpriv execs ffmpeg, so the children are the encoders). */
function descendants(pid: number): number[] {
  let out = '';
  try {
    out = execFileSync('pgrep', ['-P', String(pid)], { encoding: 'utf8' });
  } catch {
    return []; // pgrep exits 1 when there is none
  }
  const children = out.split('\n').filter(Boolean).map(Number);
  return children.flatMap((c) => [c, ...descendants(c)]);
}
const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe.runIf(ready)('webcast: the leader’s process SIGKILLed', () => {
  let cluster: PostgresCluster;
  let dir = '';
  let child: ChildProcess | null = null;
  let standby: Awaited<ReturnType<typeof startWebcastNode>> | null = null;

  beforeAll(async () => {
    cluster = await startPostgresCluster();
    const url = await cluster.createDatabase('webcast_leader_kill');
    dir = mkdtempSync(join(tmpdir(), 'webcast-leader-kill-'));
    const config = { databaseUrl: url, dataDir: dir, ffmpegPath: ffmpeg ?? 'ffmpeg' };
    const proc = spawn(
      process.execPath,
      ['--import', 'tsx', 'tests/support/webcast-node-child.ts', JSON.stringify(config)],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    child = proc;
    let out = '';
    proc.stdout?.on('data', (b: Buffer) => (out += b.toString()));
    await waitFor('the child node leads', () => out.includes('leading') || null, 30_000);
    standby = await startWebcastNode(config);
  }, 90_000);

  afterAll(async () => {
    if (child?.pid && alive(child.pid)) child.kill('SIGKILL');
    await standby?.service.close();
    await standby?.leader.close();
    await cluster?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('the standby composes on within 5 s, the killed node’s encoders die with it, no segment number twice', async () => {
    const b = standby;
    const pid = child?.pid;
    if (!b || !pid) throw new Error('two nodes');
    expect(b.service.leading()).toBe(false);
    await waitFor(
      'the standby mirrors the leader’s segments',
      async () => parseMediaPlaylist(await playlist(b.service)).length >= 3 || null,
      30_000,
    );
    const encoders = descendants(pid);
    expect(encoders.length).toBeGreaterThan(0);
    const killedAt = Date.now();
    process.kill(pid, 'SIGKILL');
    await waitFor('the standby leads', () => b.service.compositor() !== null || null, 10_000);
    const tookOverMs = Date.now() - killedAt;
    await waitFor(
      'the killed node’s encoders are gone',
      () => encoders.every((p) => !alive(p)) || null,
      5_000,
    );
    const text = await waitFor(
      'a segment from the new leader',
      async () => {
        const t = await playlist(b.service);
        return t.includes('#EXT-X-DISCONTINUITY') ? t : null;
      },
      30_000,
    );
    console.log(
      `webcast leader SIGKILLed: the standby ran the compositor ${tookOverMs} ms after the kill`,
    );
    expect(tookOverMs).toBeLessThan(5_000);
    // Every segment the standby lists is served whole, also the killed leader's last one.
    for (const segment of parseMediaPlaylist(text)) {
      const res = await b.service.app.request(`/webcast/live/720p/${segment.uri}`);
      expect(res.status, segment.uri).toBe(200);
      expect((await res.arrayBuffer()).byteLength, segment.uri).toBeGreaterThan(1000);
    }
    await new Promise((r) => setTimeout(r, 2_000));
    expect(checkIndex(dir)).toBe(2);
  }, 120_000);
});
