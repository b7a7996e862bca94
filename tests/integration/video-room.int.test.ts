// The sitting's video room on a real Janus and coturn (R09): plenary starts both on free ports with a generated
// configuration, creates the room when the sitting opens and destroys it when it closes; only people plenary admits get
// a token, and Janus refuses anyone without one; TURN credentials work until they expire, then coturn refuses them.
// A member already in the room is kicked out of Janus when a closed item starts (R13) and let back when it ends.
import Janode from 'janode';
import VideoRoomPlugin from 'janode/plugins/videoroom';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_SITTING_ID } from '../../apps/plenary/src/app/demo-council.ts';
import { turnCredentials } from '../../apps/plenary/src/video/turn-credentials.ts';
import { findProgram, requireProgram } from '../support/requires.ts';
import { REMOTE_MEMBER, remoteMemberCheckedIn } from '../support/remote-member.ts';
import { request, startTestPlenary, type TestPlenary } from '../support/plenary.ts';
import { turnAllocate } from '../support/turn-client.ts';

const hasMedia = requireProgram(
  'Janus and coturn',
  findProgram('janus') !== null && findProgram('turnserver') !== null,
  'Install them: apt-get install janus coturn',
);

describe('video room without Janus', () => {
  it('R09: plenary says plainly why there is no video room, and everything else works', async () => {
    const plenary = await startTestPlenary({ video: { janusPath: '/nonexistent/janus' } });
    try {
      const status = await (await fetch(`${plenary.url}/api/room/status`)).json();
      expect(status).toEqual({
        available: false,
        reason: expect.stringMatching(/Janus is not installed/),
      });
      const cookie = await plenary.login('sekreterare');
      const r = await fetch(`${plenary.url}/api/sittings/${DEMO_SITTING_ID}/commands`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie },
        body: JSON.stringify({ type: 'openSitting' }),
      });
      expect(r.status).toBe(200);
      const pass = await fetch(`${plenary.url}/api/sittings/${DEMO_SITTING_ID}/room`, {
        method: 'POST',
        headers: { cookie },
      });
      expect(pass.status).toBe(503);
      const refusal = (await pass.json()) as { message: string; en?: string };
      expect(refusal.message).toMatch(/inte tillgängligt/);
      expect(refusal.en).toMatch(/not available/);
    } finally {
      await plenary.stop();
    }
  });
});

describe.runIf(hasMedia)('video room on Janus and coturn', () => {
  let plenary: TestPlenary;
  const cookies: Record<string, string> = {};

  async function post(path: string, cookie: string, body?: unknown) {
    const res = await fetch(`${plenary.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  }
  const command = async (who: string, c: unknown) => {
    const r = await post(`/api/sittings/${DEMO_SITTING_ID}/commands`, cookies[who] ?? '', c);
    if (r.status !== 200)
      throw new Error(`${JSON.stringify(c)} → ${r.status} ${JSON.stringify(r.body)}`);
  };
  const pass = (who: string) => post(`/api/sittings/${DEMO_SITTING_ID}/room`, cookies[who] ?? '');

  /** Our own client of Janus's API, as a stranger would reach it. */
  async function janusClient() {
    const api = plenary.service.media?.janus?.apiUrl;
    if (!api) throw new Error('Janus is not running');
    const connection = await Janode.connect({ address: { url: api } });
    const session = await connection.create();
    const handle = await session.attach(VideoRoomPlugin);
    return { connection, handle };
  }

  beforeAll(async () => {
    // The sitting's clock 10 minutes before the demo sitting starts (R04 check-in window); TURN runs on wall time.
    const now = Date.parse('2026-12-14T16:50:00.000Z');
    plenary = await startTestPlenary({
      video: {
        webcastTarget: async () => ({ host: '127.0.0.1', audioPort: 40_200, videoPort: 40_202 }),
      },
      clock: () => new Date(now),
    });
    for (const u of ['ordforande', 'sekreterare', 'ledamot05', 'ledamot06', 'valberedning1'])
      cookies[u] = await plenary.login(u);
  });
  afterAll(async () => {
    await plenary?.stop();
  });

  it('R09: Janus runs, and there is no room before the sitting opens', async () => {
    const status = await (await fetch(`${plenary.url}/api/room/status`)).json();
    expect(status).toEqual({ available: true, reason: null });
    expect(plenary.service.video.room(DEMO_SITTING_ID)).toBeNull();
    const r = await pass('sekreterare');
    expect(r.status).toBe(409);
  });

  it('R09: the room is created when the sitting opens; only people plenary admits get a pass, and Janus enforces it', async () => {
    await remoteMemberCheckedIn((as, c) => command(as === 'chair' ? 'ordforande' : 'ledamot05', c));
    await command('sekreterare', { type: 'openSitting' });
    await plenary.service.video.settled(DEMO_SITTING_ID);
    const room = plenary.service.video.room(DEMO_SITTING_ID);
    expect(room).not.toBeNull();

    const { connection, handle } = await janusClient();
    try {
      expect((await handle.exists({ room: DEMO_SITTING_ID })).exists).toBe(true);

      // The remote member publishes; the secretary watches; the election committee (not in the body) is refused.
      const member = await pass('ledamot05');
      expect(member.status).toBe(200);
      expect(member.body).toMatchObject({ publish: true, kind: 'remote' });
      expect(JSON.stringify(member.body)).not.toContain(room?.tokens.get(REMOTE_MEMBER) ?? '-');
      expect((await pass('sekreterare')).body).toMatchObject({ publish: false, kind: 'desk' });
      const outsider = await pass('valberedning1');
      expect(outsider.status).toBe(403);
      // A member who is not remote (not approved, not in the chamber yet) gets nothing either.
      expect((await pass('ledamot06')).status).toBe(403);
      expect(room?.tokens.has('valberedning-1')).toBe(false);

      // Janus itself refuses a join without a token plenary issued…
      await expect(
        handle.joinPublisher({ room: DEMO_SITTING_ID, feed: 'intruder', token: 'made-up' }),
      ).rejects.toThrow(/433|[Uu]nauthorized/);
      // …and admits the token plenary issued to the remote member.
      const t = room?.tokens.get(REMOTE_MEMBER);
      expect(t).toBeTruthy();
      const joined = await handle.joinPublisher({
        room: DEMO_SITTING_ID,
        feed: REMOTE_MEMBER,
        display: 'test',
        token: t ?? '',
      });
      expect(joined.feed).toBe(REMOTE_MEMBER);
      await handle.leave();
    } finally {
      await connection.close();
    }
  });

  it('R09: TURN credentials from the pass allocate a relay on coturn; expired ones are refused', async () => {
    const turn = plenary.service.media?.turn;
    expect(turn).toBeTruthy();
    if (!turn) return;
    const member = (await pass('ledamot05')).body as {
      iceServers: { urls: string[]; username: string; credential: string }[];
      turnExpiresAt: string;
    };
    const server = member.iceServers[0];
    expect(server?.urls.some((u) => u.startsWith(`turn:${turn.host}:${turn.port}`))).toBe(true);
    const lifetime = Date.parse(member.turnExpiresAt) - Date.now();
    expect(lifetime).toBeGreaterThan(0);
    expect(lifetime).toBeLessThanOrEqual(600_000);
    expect(
      await turnAllocate(turn.host, turn.port, server?.username ?? '', server?.credential ?? ''),
    ).toBe('allocated');
    // The same scheme, but issued an hour ago with ten minutes to live: expired.
    const stale = turnCredentials({
      secret: turn.secret,
      personId: REMOTE_MEMBER,
      now: new Date(Date.now() - 3_600_000),
      ttlSeconds: 600,
      urls: turn.urls,
    });
    expect(await turnAllocate(turn.host, turn.port, stale.username, stale.credential)).toBe(401);
    // And a wrong password is refused too (the check is real).
    expect(await turnAllocate(turn.host, turn.port, server?.username ?? '', 'wrong')).toBe(401);
  });

  it('R13: a member in the room is kicked out of Janus when a closed item starts, waits, and is let back when it ends', async () => {
    const room = plenary.service.video.room(DEMO_SITTING_ID);
    const signalling = plenary.service.room;
    expect(room && signalling).toBeTruthy();
    if (!room || !signalling) return;
    // The member's device in the room (plenary's signalling) and their feed in Janus under the token plenary gave.
    const socket = await plenary.socket(cookies['ledamot05']);
    const told: [string, unknown][] = [];
    socket.on('room:held', (reason: unknown) => told.push(['held', reason]));
    socket.on('room:admitted', (id: unknown) => told.push(['admitted', id]));
    const join = () =>
      request<{ ok: boolean; data?: { role: string } }>(socket, 'room:join', {
        sittingId: DEMO_SITTING_ID,
      });
    expect(await join()).toMatchObject({ ok: true, data: { role: 'publisher' } });
    const oldToken = room.tokens.get(REMOTE_MEMBER) ?? '';
    const { connection, handle } = await janusClient();
    const listed = async () =>
      (await handle.listParticipants({ room: DEMO_SITTING_ID })).participants.map((p) => p.feed);
    try {
      const member = await connection.create().then((s) => s.attach(VideoRoomPlugin));
      await member.joinPublisher({ room: DEMO_SITTING_ID, feed: REMOTE_MEMBER, token: oldToken });
      expect(await listed()).toContain(REMOTE_MEMBER);

      await command('sekreterare', { type: 'startItem', itemId: 'i06' });
      await signalling.judged(DEMO_SITTING_ID);
      expect(await listed()).toContain(REMOTE_MEMBER);
      expect(told).toEqual([]);

      // The closed item: out of Janus for real, the token taken back, the device told why (Swedish half included).
      await command('sekreterare', { type: 'startItem', itemId: 'i07' });
      await signalling.judged(DEMO_SITTING_ID);
      expect(await listed()).not.toContain(REMOTE_MEMBER);
      await expect
        .poll(() => told)
        .toEqual([['held', expect.stringContaining('Ett slutet ärende behandlas')]]);
      expect(signalling.waiting(DEMO_SITTING_ID)).toEqual([REMOTE_MEMBER]);
      expect(room.tokens.has(REMOTE_MEMBER)).toBe(false);
      const again = await connection.create().then((s) => s.attach(VideoRoomPlugin));
      await expect(
        again.joinPublisher({ room: DEMO_SITTING_ID, feed: REMOTE_MEMBER, token: oldToken }),
      ).rejects.toThrow(/433|[Uu]nauthorized/);
      // No pass while it lasts, by HTTP or by the socket; the desk stays in.
      const refused = await pass('ledamot05');
      expect(refused.status).toBe(409);
      expect(String(refused.body['message'])).toContain('slutet ärende');
      expect(await join()).toMatchObject({ ok: false });
      expect((await pass('sekreterare')).status).toBe(200);

      // The next item: told to come back, and a new pass with a new token.
      told.length = 0;
      await command('sekreterare', { type: 'startItem', itemId: 'i08' });
      await signalling.judged(DEMO_SITTING_ID);
      await expect.poll(() => told).toEqual([['admitted', DEMO_SITTING_ID]]);
      expect(signalling.waiting(DEMO_SITTING_ID)).toEqual([]);
      expect(await join()).toMatchObject({ ok: true, data: { role: 'publisher' } });
      const newToken = room.tokens.get(REMOTE_MEMBER);
      expect(newToken).toBeTruthy();
      expect(newToken).not.toBe(oldToken);
      await again.joinPublisher({
        room: DEMO_SITTING_ID,
        feed: REMOTE_MEMBER,
        token: newToken ?? '',
      });
      expect(await listed()).toContain(REMOTE_MEMBER);
      await again.leave();
    } finally {
      socket.disconnect();
      await connection.close();
    }
  });

  it('webcast: a publisher is forwarded with rtp_forward (secret and admin key), listed by listforwarders, stopped', async () => {
    const room = plenary.service.video.room(DEMO_SITTING_ID);
    const video = plenary.service.video;
    expect(room).not.toBeNull();
    if (!room) return;
    const t =
      room.tokens.get(REMOTE_MEMBER) ?? (await pass('ledamot05'), room.tokens.get(REMOTE_MEMBER));
    const { connection, handle } = await janusClient();
    try {
      // A publisher with an Opus and a VP8 stream, negotiated by an offer (no media needs to flow for the forwarders).
      const member = await connection.create().then((s) => s.attach(VideoRoomPlugin));
      await member.joinPublisher({ room: DEMO_SITTING_ID, feed: REMOTE_MEMBER, token: t ?? '' });
      const answer = await member.publish({ audio: true, video: true, jsep: fakeOffer() });
      expect(answer.jsep?.sdp).toContain('VP8');
      const target = { host: '127.0.0.1', audioPort: 40_100, videoPort: 40_102 };
      // Forwarding is locked to the plugins' admin key: the room secret alone does not do it.
      await expect(
        handle.startForward({
          room: room.id,
          feed: REMOTE_MEMBER,
          host: target.host,
          streams: [{ mid: '0', port: target.audioPort }],
          secret: room.secret,
        }),
      ).rejects.toThrow();
      expect(await video.forwarders(DEMO_SITTING_ID)).toEqual([]);
      const fwd = await video.forward(
        DEMO_SITTING_ID,
        REMOTE_MEMBER,
        { audio: '0', video: '1' },
        target,
      );
      if ('code' in fwd) throw new Error(fwd.message);
      expect(fwd.streams).toHaveLength(2);
      expect(await video.forwarders(DEMO_SITTING_ID)).toEqual([
        { personId: REMOTE_MEMBER, streams: expect.arrayContaining(fwd.streams) },
      ]);
      await video.stopForward(DEMO_SITTING_ID, fwd);
      expect(await video.forwarders(DEMO_SITTING_ID)).toEqual([]);
      await member.leave();
    } finally {
      await connection.close();
    }
  });

  it('webcast: the remote member with the floor is forwarded from Janus; the floor ends → listforwarders is empty', async () => {
    const video = plenary.service.video;
    const signalling = plenary.service.room;
    if (!signalling) throw new Error('no signalling');
    const socket = await plenary.socket(cookies['ledamot05']);
    try {
      expect(await request(socket, 'room:join', { sittingId: DEMO_SITTING_ID })).toMatchObject({
        ok: true,
        data: { role: 'publisher' },
      });
      expect(
        await request(socket, 'room:publish', { sittingId: DEMO_SITTING_ID, jsep: fakeOffer() }),
      ).toMatchObject({ ok: true });
      expect(await video.forwarders(DEMO_SITTING_ID)).toEqual([]);
      // No roll call in this sitting: the chair lets the remote member speak.
      await command('ordforande', {
        type: 'grantRightToSpeak',
        personId: REMOTE_MEMBER,
        name: 'Åsa Johansson',
      });
      await command('ledamot05', { type: 'requestFloor', kind: 'speech' });
      await command('ordforande', { type: 'giveFloor', seenAndHeard: true });
      await expect
        .poll(() => video.forwarders(DEMO_SITTING_ID), { timeout: 10_000 })
        .toEqual([{ personId: REMOTE_MEMBER, streams: [expect.any(Number), expect.any(Number)] }]);
      await command('sekreterare', { type: 'endFloor' });
      await expect.poll(() => video.forwarders(DEMO_SITTING_ID), { timeout: 10_000 }).toEqual([]);
    } finally {
      socket.disconnect();
    }
  });

  it('R09: the room is destroyed when the sitting closes', async () => {
    await command('sekreterare', { type: 'closeSitting' });
    await plenary.service.video.settled(DEMO_SITTING_ID);
    expect(plenary.service.video.room(DEMO_SITTING_ID)).toBeNull();
    const { connection, handle } = await janusClient();
    try {
      expect((await handle.exists({ room: DEMO_SITTING_ID })).exists).toBe(false);
    } finally {
      await connection.close();
    }
    expect((await pass('ledamot05')).status).toBe(403);
  });
});

/** An SDP offer with an Opus and a VP8 stream (mids 0 and 1), as a browser would send, without candidates. */
function fakeOffer(): { type: 'offer'; sdp: string } {
  const fp =
    'sha-256 ' +
    Array.from({ length: 32 }, (_, i) => (i * 7 + 16).toString(16).padStart(2, '0').slice(-2))
      .join(':')
      .toUpperCase();
  const media = (
    kind: 'audio' | 'video',
    mid: string,
    pt: number,
    rtpmap: string,
    ssrc: number,
  ) => [
    `m=${kind} 9 UDP/TLS/RTP/SAVPF ${pt}`,
    'c=IN IP4 0.0.0.0',
    'a=rtcp:9 IN IP4 0.0.0.0',
    'a=ice-ufrag:abcd',
    'a=ice-pwd:abcdefghijklmnopqrstuvwx',
    `a=fingerprint:${fp}`,
    'a=setup:actpass',
    `a=mid:${mid}`,
    'a=sendonly',
    'a=rtcp-mux',
    `a=rtpmap:${pt} ${rtpmap}`,
    `a=ssrc:${ssrc} cname:test`,
  ];
  return {
    type: 'offer',
    sdp: [
      'v=0',
      'o=- 1 2 IN IP4 127.0.0.1',
      's=-',
      't=0 0',
      'a=group:BUNDLE 0 1',
      'a=msid-semantic: WMS',
      ...media('audio', '0', 111, 'opus/48000/2', 1111),
      ...media('video', '1', 96, 'VP8/90000', 2222),
      '',
    ].join('\r\n'),
  };
}
