import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import {
  contentSecurityPolicy,
  csrfVerdict,
  edgeGuard,
  forwarded,
  handshakeOriginAllowed,
  mediaTypeOf,
  parseTrustedProxies,
} from './edge.ts';

const headers =
  (h: Record<string, string>) =>
  (name: string): string | undefined =>
    h[name];

describe('trusted proxies', () => {
  it('matches addresses, ranges, loopback and IPv4 seen through a dual-stack socket', () => {
    const t = parseTrustedProxies('10.0.0.0/8, 192.168.1.5, loopback, fd00::/8');
    expect(t.has('10.20.30.40')).toBe(true);
    expect(t.has('::ffff:10.1.1.1')).toBe(true);
    expect(t.has('192.168.1.5')).toBe(true);
    expect(t.has('192.168.1.6')).toBe(false);
    expect(t.has('127.0.0.1')).toBe(true);
    expect(t.has('::1')).toBe(true);
    expect(t.has('fd12::1')).toBe(true);
    expect(t.has('8.8.8.8')).toBe(false);
    expect(t.has('not-an-ip')).toBe(false);
  });
  it('refuses an entry that is not an address', () => {
    expect(() => parseTrustedProxies('proxy.local')).toThrow(RangeError);
    expect(() => parseTrustedProxies('10.0.0.0/33')).toThrow(RangeError);
  });
});

describe('forwarded', () => {
  const trusted = parseTrustedProxies('10.0.0.1');
  const h = headers({
    host: 'backend:3000',
    'x-forwarded-proto': 'https',
    'x-forwarded-host': 'fullmaktige.example.se',
    'x-forwarded-for': '6.6.6.6, 203.0.113.7',
  });
  it('believes X-Forwarded-* only from a trusted peer', () => {
    const via = forwarded({ peer: '10.0.0.1', header: h, protocol: 'http' }, trusted);
    expect(via).toMatchObject({
      protocol: 'https',
      origin: 'https://fullmaktige.example.se',
      clientAddress: '203.0.113.7',
      viaTrustedProxy: true,
    });
    const direct = forwarded({ peer: '203.0.113.9', header: h, protocol: 'http' }, trusted);
    expect(direct).toMatchObject({
      protocol: 'http',
      origin: 'http://backend:3000',
      clientAddress: '203.0.113.9',
      viaTrustedProxy: false,
    });
  });
  it('reads X-Forwarded-For from the right, past the trusted hops: the client cannot choose its address', () => {
    const two = parseTrustedProxies('10.0.0.0/8');
    const f = forwarded(
      {
        peer: '10.0.0.1',
        header: headers({ host: 'x', 'x-forwarded-for': '1.1.1.1, 198.51.100.4, 10.0.0.2' }),
        protocol: 'http',
      },
      two,
    );
    expect(f.clientAddress).toBe('198.51.100.4');
  });
});

describe('csrfVerdict', () => {
  const own = 'https://fm.example.se';
  it.each([
    [{ origin: own }, 'same-origin'],
    [{ origin: 'https://evil.example' }, 'cross-origin'],
    [{ origin: 'null' }, 'cross-origin'],
    [{ secFetchSite: 'same-origin' }, 'same-origin'],
    [{ secFetchSite: 'cross-site' }, 'cross-origin'],
    [{ secFetchSite: 'same-site' }, 'cross-origin'],
    [{ referer: `${own}/member` }, 'same-origin'],
    [{ referer: 'https://evil.example/x' }, 'cross-origin'],
    [{}, 'no-browser-signal'],
  ] as const)('%o → %s', (h, verdict) => {
    expect(csrfVerdict(h, own)).toBe(verdict);
  });
  it('an origin on the allowed list is ours', () => {
    expect(csrfVerdict({ origin: 'https://b.example' }, own, ['https://b.example'])).toBe(
      'same-origin',
    );
  });
});

describe('edgeGuard', () => {
  const app = new Hono();
  app.use(
    edgeGuard({
      bodyTypes: (path) => (path === '/upload' ? ['multipart/form-data'] : []),
      refuse: (c, status, code) => c.json({ code }, status),
    }),
  );
  app.post('/x', (c) => c.text('ok'));
  app.post('/upload', (c) => c.text('ok'));
  const post = (path: string, h: Record<string, string>, body?: string) =>
    app.request(`http://localhost${path}`, { method: 'POST', headers: h, body: body ?? null });

  it('a foreign Origin is 403, our own passes', async () => {
    expect((await post('/x', { origin: 'http://evil.example' })).status).toBe(403);
    expect((await post('/x', { origin: 'http://localhost' })).status).toBe(200);
  });
  it('a text/plain body is 415 UNSUPPORTED_MEDIA_TYPE; JSON and an empty body pass', async () => {
    const res = await post('/x', { 'content-type': 'text/plain' }, '{"a":1}');
    expect(res.status).toBe(415);
    expect(await res.json()).toEqual({ code: 'UNSUPPORTED_MEDIA_TYPE' });
    expect(
      (await post('/x', { 'content-type': 'application/json; charset=utf-8' }, '{}')).status,
    ).toBe(200);
    expect((await post('/x', {})).status).toBe(200);
    expect((await post('/x', {}, 'a=1')).status).toBe(415);
  });
  it('a route names the other types it takes', async () => {
    expect(
      (await post('/upload', { 'content-type': 'multipart/form-data; boundary=x' }, '--x--'))
        .status,
    ).toBe(200);
    expect(
      (await post('/x', { 'content-type': 'multipart/form-data; boundary=x' }, '--x--')).status,
    ).toBe(415);
  });
});

describe('the page policy', () => {
  it('allows only our own scripts and blob media for hls.js', () => {
    const csp = contentSecurityPolicy();
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe/);
    expect(csp).toContain("media-src 'self' blob:");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(contentSecurityPolicy({ frameAncestors: ['*'] })).toContain('frame-ancestors *');
  });
  it('mediaTypeOf drops parameters and case', () => {
    expect(mediaTypeOf('Application/JSON; charset=UTF-8')).toBe('application/json');
    expect(mediaTypeOf(undefined)).toBeNull();
  });
});

describe('handshakeOriginAllowed', () => {
  const socket = { remoteAddress: '127.0.0.1' };
  it('refuses a foreign Origin, takes ours or none', () => {
    const h = (origin?: string) => ({
      headers: { host: 'localhost:3000', ...(origin ? { origin } : {}) },
      socket,
    });
    expect(handshakeOriginAllowed(h('http://evil.example'), {})).toBe(false);
    expect(handshakeOriginAllowed(h('http://localhost:3000'), {})).toBe(true);
    expect(handshakeOriginAllowed(h(), {})).toBe(true);
  });
});
