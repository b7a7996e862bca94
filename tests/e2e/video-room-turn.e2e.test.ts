// The video room's media through TURN (issue 12, "Media through TURN at least once"): a remote member behind a firewall
// that lets nothing but the relay through. Chromium is forced to relay candidates (every RTCPeerConnection the page
// makes gets `iceTransportPolicy: 'relay'`), so the only way its picture and sound reach Janus, and the room's reach
// it, is the coturn plenary started, with the short-lived credentials plenary handed out in the member's pass.
// The room screen, in the chamber, connects directly. Both must decode the other's side, and the member's every
// connection must have chosen a relay candidate pair.
import { networkInterfaces } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { Command } from '@council/shared';
import { DEMO_SITTING_ID, demoCouncil } from '../../apps/plenary/src/app/demo-council.ts';
import type { Actor } from '../../apps/plenary/src/domain/sitting/types.ts';
import { e2eAvailable, startE2E, webrtcArgs, type E2E } from '../support/e2e.ts';
import { findProgram, requireProgram } from '../support/requires.ts';
import { openedWithRemote, remoteMemberCheckedIn } from '../support/remote-member.ts';

const people = demoCouncil().people;

/** Janus gathers on the host's own address (it leaves loopback out), so coturn relays from that address too. */
function hostAddress(): string {
  for (const list of Object.values(networkInterfaces()))
    for (const a of list ?? []) if (a.family === 'IPv4' && !a.internal) return a.address;
  return '127.0.0.1';
}
const REMOTE = { username: 'ledamot05', id: 'ledamot-05' } as const;

const secretary: Actor = { personId: 'sekreterare', roles: ['secretary'] };
const chair: Actor = { personId: 'ledamot-01', roles: ['member', 'chair'] };
const member: Actor = { personId: REMOTE.id, roles: ['member'] };

// The sitting's clock from ten minutes before the demo sitting (R04's check-in window); TURN and Janus on wall time.
const offsetMs = Date.parse('2026-12-14T16:50:00.000Z') - Date.now();
const clock = () => new Date(Date.now() + offsetMs);

const cameras = [
  { id: 'salen', name: 'Salen', input: ['-f', 'lavfi', '-i', 'testsrc=size=160x90:rate=12'] },
];

/** In the member's browser: every peer connection may use relay candidates only, and the page keeps them to inspect. */
const relayOnly = `(() => {
  const Native = window.RTCPeerConnection;
  window.__pcs = [];
  window.RTCPeerConnection = class extends Native {
    constructor(config = {}) {
      super({ ...config, iceTransportPolicy: 'relay' });
      window.__pcs.push(this);
    }
  };
})();`;

interface PairInfo {
  state: string;
  local: string | null;
  remote: string | null;
  bytesReceived: number;
  bytesSent: number;
}

/** Each live peer connection's chosen candidate pair: the local and remote candidate types and the bytes it carried. */
function chosenPairs(page: Page): Promise<PairInfo[]> {
  return page.evaluate(async () => {
    const pcs = ((window as { __pcs?: RTCPeerConnection[] }).__pcs ?? []).filter(
      (pc) => pc.connectionState !== 'closed',
    );
    const out: PairInfo[] = [];
    for (const pc of pcs) {
      const stats = await pc.getStats();
      const all = [...stats.values()] as Record<string, unknown>[];
      const transport = all.find((s) => s['type'] === 'transport');
      const pair = all.find((s) => s['id'] === transport?.['selectedCandidatePairId']);
      const type = (id: unknown) =>
        (all.find((s) => s['id'] === id)?.['candidateType'] as string | undefined) ?? null;
      out.push({
        state: pc.connectionState,
        local: type(pair?.['localCandidateId']),
        remote: type(pair?.['remoteCandidateId']),
        bytesReceived: Number(pair?.['bytesReceived'] ?? 0),
        bytesSent: Number(pair?.['bytesSent'] ?? 0),
      });
    }
    return out;
  });
}

interface Incoming {
  source: string;
  kind: 'audio' | 'video';
  framesDecoded?: number;
  packetsReceived: number;
}

/** What the page last reported to plenary of each incoming stream (its getStats(), room-client.svelte.ts). */
function incoming(page: Page): Promise<Incoming[]> {
  return page.evaluate(
    () =>
      (window as { councilRoom?: { lastStats: { incoming: Incoming[] } | null } }).councilRoom
        ?.lastStats?.incoming ?? [],
  );
}

/** Frames of `source` decoded by the page over 1.5 s. */
async function framesOver(page: Page, source: string): Promise<number> {
  const count = async () =>
    (await incoming(page))
      .filter((s) => s.source === source && s.kind === 'video')
      .reduce((n, s) => n + (s.framesDecoded ?? 0), 0);
  const before = await count();
  await page.waitForTimeout(1500);
  return (await count()) - before;
}

const hasMedia = requireProgram(
  'Janus, coturn and ffmpeg',
  findProgram('janus') !== null &&
    findProgram('turnserver') !== null &&
    findProgram('ffmpeg') !== null,
  'Install them: apt-get install janus coturn ffmpeg',
);

describe.runIf(e2eAvailable() && hasMedia)(
  'video room through TURN (Chromium, Janus, coturn)',
  () => {
    let e2e: E2E;
    let memberPage: Page;
    let screen: Page;

    async function exec(command: Command, actor: Actor = secretary) {
      const r = await e2e.plenary.service.engine.execute(DEMO_SITTING_ID, command, actor);
      if (!r.ok) throw new Error(`${command.type}: ${r.error.message}`);
      return r.data.events;
    }

    beforeAll(async () => {
      e2e = await startE2E({
        clock,
        video: { cameras, turnListenIp: hostAddress(), turnHost: hostAddress() },
        args: webrtcArgs,
      });
      expect(e2e.plenary.service.media?.turn, 'plenary started coturn').toBeTruthy();
      await remoteMemberCheckedIn((as, c) => exec(c, as === 'chair' ? chair : member), REMOTE.id);
      await openedWithRemote(
        exec,
        people.filter((p) => /^ledamot-\d\d$/.test(p.id)).map((p) => p.id),
        [REMOTE.id],
        'i05',
      );
      await e2e.plenary.service.video.settled(DEMO_SITTING_ID);
      screen = (await e2e.user('sekreterare', '/room')).page;
      memberPage = (await e2e.user(REMOTE.username, '/member', { initScript: relayOnly })).page;
    });
    afterAll(async () => {
      await e2e?.stop();
    });

    it('a member allowed only relay candidates publishes and receives through coturn: the room screen decodes them, they decode the chamber, and every connection of theirs runs on a relay pair', async () => {
      await expect
        .poll(() => e2e.plenary.service.room?.publishers(DEMO_SITTING_ID), { timeout: 90_000 })
        .toEqual([REMOTE.id]);
      // The server's verdict from the member's own getStats() (R05, R19): they decode everything the room has.
      await expect
        .poll(() => e2e.plenary.service.room?.decodes(DEMO_SITTING_ID, REMOTE.id), {
          timeout: 90_000,
          interval: 500,
        })
        .toEqual({ ok: true, missing: [] });
      await expect
        .poll(() => framesOver(memberPage, 'chamber:salen'), { timeout: 30_000 })
        .toBeGreaterThan(0);
      // The chamber sees the member whose media only the relay carries.
      await expect
        .poll(() => framesOver(screen, REMOTE.id), { timeout: 60_000 })
        .toBeGreaterThan(0);

      // Publisher, chamber and subscriber connections alike: connected over a relay candidate, and carrying media.
      const pairs = await chosenPairs(memberPage);
      expect(pairs.length).toBeGreaterThanOrEqual(2);
      for (const pair of pairs) {
        expect(pair.state).toBe('connected');
        expect(pair.local).toBe('relay');
        expect(pair.bytesReceived + pair.bytesSent).toBeGreaterThan(0);
      }
      await e2e.shot(memberPage, 'video-room-turn-member');
    });
  },
);
