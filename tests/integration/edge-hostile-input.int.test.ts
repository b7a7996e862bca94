// No input ends the process (issue #11 item 1): broken cookies and escapes on the socket.io handshake, every
// service's HTTP routes and the webcast ingest upgrade are answered, and the server goes on.
import { request as httpRequest } from 'node:http';
import { io as connect } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_SITTING_ID } from '../../apps/plenary/src/app/demo-council.ts';
import { startTestPlenary, type TestPlenary } from '../support/plenary.ts';

const BROKEN = 'council_session=%E0%A4%A';

describe('hostile input at the edge', () => {
  let plenary: TestPlenary;

  beforeAll(async () => {
    plenary = await startTestPlenary({ ballot: true, webcast: true });
  });
  afterAll(async () => {
    await plenary?.stop();
  });

  const healthy = async () => {
    const res = await fetch(`${plenary.url}/healthz`);
    expect(res.status).toBe(200);
  };

  it('a socket.io handshake with a broken percent-escape cookie connects as the public', async () => {
    const socket = connect(plenary.url, {
      transports: ['websocket'],
      extraHeaders: { cookie: BROKEN },
      reconnection: false,
    });
    try {
      await new Promise<void>((resolve, reject) => {
        socket.once('connect', () => resolve());
        socket.once('connect_error', reject);
      });
      const joined = await new Promise<{ ok: boolean; data?: { state?: unknown } }>((resolve) =>
        socket.emit('sitting:join', { sittingId: DEMO_SITTING_ID }, resolve),
      );
      expect(joined.ok).toBe(true);
      expect(joined.data?.state).toBeUndefined();
    } finally {
      socket.disconnect();
    }
    await healthy();
  });

  it.each([
    ['GET', '/api/auth/me', 401],
    ['GET', `/api/sittings/${DEMO_SITTING_ID}`, 401],
    ['GET', `/api/public/sittings/${DEMO_SITTING_ID}`, 200],
    ['GET', '/ballot/api/health', 200],
    ['PUT', `/webcast/archive/${DEMO_SITTING_ID}/captions.vtt`, 403],
  ])('%s %s with a broken cookie answers %i', async (method, path, status) => {
    const res = await fetch(`${plenary.url}${path}`, {
      method,
      headers: { cookie: BROKEN, 'content-type': 'text/vtt' },
      ...(method === 'PUT' ? { body: 'WEBVTT\n\n' } : {}),
    });
    expect(res.status).toBe(status);
    await healthy();
  });

  it('a webcast ingest upgrade with a broken escape in its path is refused, not thrown', async () => {
    const status = await new Promise<number>((resolve, reject) => {
      const req = httpRequest(`${plenary.url}/webcast/ingest/%E0%A4%A?token=x`, {
        headers: { connection: 'Upgrade', upgrade: 'websocket' },
      });
      req.on('response', (res) => resolve(res.statusCode ?? 0));
      req.on('upgrade', (res) => resolve(res.statusCode ?? 0));
      req.on('error', reject);
      req.end();
    });
    expect(status).toBe(400);
    await healthy();
  });

  it('U+0000 in a login name answers 400, not 500', async () => {
    const res = await fetch(`${plenary.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'ordfo\u0000rande', password: 'x' }),
    });
    expect(res.status).toBe(400);
  });

  it.each(['/api/public/sittings/%00', '/api/public/sittings/%00/record.json'])(
    '%%00 in a sitting id answers 400: %s',
    async (path) => {
      const res = await fetch(`${plenary.url}${path}`);
      expect(res.status).toBe(400);
    },
  );

  describe('garbage refused at the edge (item 7)', () => {
    it('captions for a sitting that does not exist answer 404', async () => {
      const cookie = await plenary.login('sekreterare');
      const res = await fetch(`${plenary.url}/webcast/archive/no-such-sitting/captions.vtt`, {
        method: 'PUT',
        headers: { cookie, 'content-type': 'text/vtt' },
        body: 'WEBVTT\n\n',
      });
      expect(res.status).toBe(404);
    });

    it('a 10 MB captions body is refused with 413', async () => {
      const cookie = await plenary.login('sekreterare');
      const res = await fetch(`${plenary.url}/webcast/archive/${DEMO_SITTING_ID}/captions.vtt`, {
        method: 'PUT',
        headers: { cookie, 'content-type': 'text/vtt' },
        body: 'WEBVTT\n\n' + 'x'.repeat(10_000_000),
      });
      expect(res.status).toBe(413);
    });

    it('handOutDocument with a javascript: address answers 400', async () => {
      const cookie = await plenary.login('sekreterare');
      const res = await fetch(`${plenary.url}/api/sittings/${DEMO_SITTING_ID}/commands`, {
        method: 'POST',
        headers: { cookie, 'content-type': 'application/json' },
        body: JSON.stringify({
          type: 'handOutDocument',
          itemId: 'i01',
          document: { title: 'Bilaga', url: 'javascript:alert(document.cookie)' },
        }),
      });
      expect(res.status).toBe(400);
    });
  });
});
