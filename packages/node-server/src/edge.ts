// The edge shared by plenary, ballot and webcast (issue 11 item 6): which proxy to believe (TRUSTED_PROXIES), the
// request's own origin and client address, CSRF by Origin / Sec-Fetch-Site / Referer, JSON-only bodies, and the
// security headers with a Content-Security-Policy on every page.
import { BlockList, isIP } from 'node:net';
import type { Context, MiddlewareHandler } from 'hono';

export interface EdgeOptions {
  /** Peers whose X-Forwarded-Proto/Host/For are believed: addresses or CIDR ranges ("10.0.0.0/8", "::1"). */
  trustedProxies?: TrustedProxies | undefined;
  /** Origins besides the request's own that may send state-changing requests ("https://fullmaktige.example.se"). */
  allowedOrigins?: readonly string[] | undefined;
}

export interface TrustedProxies {
  has(address: string): boolean;
  readonly size: number;
}

/** "127.0.0.1, 10.0.0.0/8, ::1, loopback" → a set to look peers up in; throws on an entry that is not an address. */
export function parseTrustedProxies(spec: string | readonly string[] | undefined): TrustedProxies {
  const entries = (typeof spec === 'string' ? spec.split(',') : (spec ?? []))
    .map((s) => s.trim())
    .filter(Boolean);
  const list = new BlockList();
  for (const entry of entries) {
    if (entry === 'loopback') {
      list.addSubnet('127.0.0.0', 8, 'ipv4');
      list.addAddress('::1', 'ipv6');
      continue;
    }
    const [address = '', bits] = entry.split('/');
    const family = isIP(address);
    if (family === 0)
      throw new RangeError(`TRUSTED_PROXIES: "${entry}" is not an IP address or range`);
    const type = family === 4 ? 'ipv4' : 'ipv6';
    if (bits === undefined) list.addAddress(address, type);
    else {
      const prefix = Number(bits);
      if (!Number.isInteger(prefix) || prefix < 0 || prefix > (family === 4 ? 32 : 128))
        throw new RangeError(`TRUSTED_PROXIES: "${entry}" has no valid prefix length`);
      list.addSubnet(address, prefix, type);
    }
  }
  return {
    size: entries.length,
    has(raw) {
      const address = plainAddress(raw);
      const family = isIP(address);
      return family !== 0 && list.check(address, family === 4 ? 'ipv4' : 'ipv6');
    },
  };
}

/** An IPv4 address seen through a dual-stack socket ("::ffff:10.0.0.1") as the IPv4 address it is. */
function plainAddress(raw: string): string {
  const trimmed = raw.trim();
  return /^::ffff:\d+\.\d+\.\d+\.\d+$/i.test(trimmed) ? trimmed.slice(7) : trimmed;
}

export interface Forwarded {
  protocol: 'http' | 'https';
  host: string;
  /** protocol://host as the browser sees it. */
  origin: string;
  /** The client's address: the peer, or from X-Forwarded-For when the peer is a trusted proxy. */
  clientAddress: string | null;
  viaTrustedProxy: boolean;
}

const lastOf = (value: string | undefined): string | undefined =>
  value
    ?.split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .at(-1);

/**
 * What the request looks like from the browser. Only a trusted peer's X-Forwarded-* count, and of each the value the
 * nearest proxy wrote (the last): the proxy must set them, not pass on a client's. X-Forwarded-For is read from the
 * right, skipping trusted proxies, so a client cannot choose its own address for the throttle.
 */
export function forwarded(
  input: {
    peer: string | null | undefined;
    header: (name: string) => string | undefined;
    /** The protocol of the connection itself (https when Node terminates TLS). */
    protocol: 'http' | 'https';
  },
  trusted: TrustedProxies | undefined,
): Forwarded {
  const peer = input.peer ? plainAddress(input.peer) : null;
  const viaTrustedProxy = peer !== null && trusted !== undefined && trusted.has(peer);
  let protocol = input.protocol;
  let host = input.header('host') ?? 'localhost';
  let clientAddress = peer;
  if (viaTrustedProxy) {
    const proto = lastOf(input.header('x-forwarded-proto'))?.toLowerCase();
    if (proto === 'https' || proto === 'http') protocol = proto;
    const fwdHost = lastOf(input.header('x-forwarded-host'));
    if (fwdHost && /^[A-Za-z0-9.:[\]-]{1,255}$/.test(fwdHost)) host = fwdHost;
    const chain = (input.header('x-forwarded-for') ?? '')
      .split(',')
      .map((s) => plainAddress(s))
      .filter((s) => isIP(s) !== 0);
    for (let i = chain.length - 1; i >= 0; i--) {
      const hop = chain[i];
      if (hop === undefined) continue;
      clientAddress = hop;
      if (!trusted.has(hop)) break;
    }
  }
  return { protocol, host, origin: `${protocol}://${host}`, clientAddress, viaTrustedProxy };
}

interface NodeBindings {
  incoming?: { socket?: { remoteAddress?: string; encrypted?: boolean } };
}

const edgeOptions = new WeakMap<Request, EdgeOptions>();

/** The request as the browser made it (behind a trusted proxy: its X-Forwarded-*); works in app.request() too. */
export function edgeOf(c: Context): Forwarded {
  const env: unknown = c.env;
  const socket =
    typeof env === 'object' && env !== null ? (env as NodeBindings).incoming?.socket : undefined;
  return forwarded(
    {
      peer: socket?.remoteAddress ?? null,
      header: (name) => c.req.header(name),
      protocol:
        socket?.encrypted === true || new URL(c.req.url).protocol === 'https:' ? 'https' : 'http',
    },
    edgeOptions.get(c.req.raw)?.trustedProxies,
  );
}

/** Whether a cookie set on this request should be Secure: the browser reached us over TLS. */
export const isSecureRequest = (c: Context): boolean => edgeOf(c).protocol === 'https';

/** The origin of an Origin or Referer value, or null when it is none ("null", garbage). */
function originOf(value: string): string | null {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.origin : null;
  } catch {
    return null;
  }
}

export type CsrfVerdict = 'same-origin' | 'no-browser-signal' | 'cross-origin';

/**
 * A state-changing request is the site's own when its Origin is ours; without Origin, Sec-Fetch-Site must say
 * same-origin; without either, the Referer's origin must be ours. A request with none of the three is not from a
 * browser that could carry a victim's cookie (every browser this service supports sends Origin on a POST): curl,
 * the services' own clients, the tests.
 */
export function csrfVerdict(
  headers: {
    origin?: string | undefined;
    secFetchSite?: string | undefined;
    referer?: string | undefined;
  },
  own: string,
  allowed: readonly string[] = [],
): CsrfVerdict {
  const ours = (origin: string | null) =>
    origin !== null && (origin === own || allowed.includes(origin));
  if (headers.origin !== undefined)
    return ours(originOf(headers.origin)) ? 'same-origin' : 'cross-origin';
  if (headers.secFetchSite !== undefined)
    return headers.secFetchSite === 'same-origin' || headers.secFetchSite === 'none'
      ? 'same-origin'
      : 'cross-origin';
  if (headers.referer !== undefined)
    return ours(originOf(headers.referer)) ? 'same-origin' : 'cross-origin';
  return 'no-browser-signal';
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The media type of a Content-Type header, lower-case and without parameters. */
export function mediaTypeOf(contentType: string | undefined): string | null {
  const type = contentType?.split(';')[0]?.trim().toLowerCase();
  return type ? type : null;
}

export interface GuardOptions extends EdgeOptions {
  /** Media types a route takes besides JSON, by path (multipart uploads, WebVTT captions). */
  bodyTypes?: (path: string, method: string) => readonly string[];
  /**
   * Routes another site posts to by design (a SAML IdP's assertion to the ACS): no origin check, since what protects
   * them is their own signed content and the browser's transaction cookie.
   */
  crossSite?: (path: string, method: string) => boolean;
  /** How the service answers a refusal (its own error shape). */
  refuse: (
    c: Context,
    status: 403 | 415,
    code: 'FORBIDDEN' | 'UNSUPPORTED_MEDIA_TYPE',
    /** Swedish, for people. */
    message: string,
    /** The same in English, for a client that shows the reader's language. */
    en: string,
  ) => Response;
}

/**
 * The edge middleware: remembers the proxy settings for edgeOf(), and on every state-changing request refuses a
 * foreign origin (403) and any body that is not JSON (415), except the media types a route names. A request without
 * a body and without a Content-Type (logout, close) needs none.
 */
export function edgeGuard(options: GuardOptions): MiddlewareHandler {
  return async (c, next) => {
    edgeOptions.set(c.req.raw, options);
    const method = c.req.method.toUpperCase();
    if (SAFE_METHODS.has(method)) return next();
    const verdict = csrfVerdict(
      {
        origin: c.req.header('origin'),
        secFetchSite: c.req.header('sec-fetch-site'),
        referer: c.req.header('referer'),
      },
      edgeOf(c).origin,
      options.allowedOrigins,
    );
    if (verdict === 'cross-origin' && !options.crossSite?.(c.req.path, method))
      return options.refuse(
        c,
        403,
        'FORBIDDEN',
        'Begäran kommer från en annan webbplats och avvisas.',
        'This request comes from another site and is refused.',
      );
    const type = mediaTypeOf(c.req.header('content-type'));
    const hasBody =
      type !== null ||
      (c.req.header('content-length') ?? '0') !== '0' ||
      c.req.header('transfer-encoding') !== undefined;
    if (hasBody) {
      const accepted = ['application/json', ...(options.bodyTypes?.(c.req.path, method) ?? [])];
      if (type === null || !accepted.includes(type))
        return options.refuse(
          c,
          415,
          'UNSUPPORTED_MEDIA_TYPE',
          `Skicka innehållet som ${accepted.join(' eller ')}.`,
          `Send the body as ${accepted.join(' or ')}.`,
        );
    }
    return next();
  };
}

export interface PageSecurity {
  /** Extra sources for connect-src (e.g. a media server's WebSocket on another origin). */
  connectSrc?: readonly string[];
  /** Who may frame the page: 'none' (default) or a list of origins, '*' for an embeddable player. */
  frameAncestors?: 'none' | readonly string[];
}

/**
 * The Content-Security-Policy of the services' pages: scripts only from our own files (Vite's built bundles, no inline
 * script), media and workers also from blob: (hls.js feeds MediaSource from blob URLs and runs a blob worker). Inline
 * styles are allowed: Svelte writes style attributes for style: directives.
 */
export function contentSecurityPolicy(page: PageSecurity = {}): string {
  const ancestors =
    page.frameAncestors === undefined || page.frameAncestors === 'none'
      ? "'none'"
      : page.frameAncestors.join(' ');
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "media-src 'self' blob:",
    "worker-src 'self' blob:",
    ['connect-src', "'self'", ...(page.connectSrc ?? [])].join(' '),
    "font-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    `frame-ancestors ${ancestors}`,
  ].join('; ');
}

/**
 * Security headers on every answer (pages, API, files): the CSP, no sniffing, no referrer to other sites, no framing
 * unless the page says so, HSTS when the browser came over TLS.
 */
export function securityHeaders(
  page: (path: string) => PageSecurity = () => ({}),
): MiddlewareHandler {
  return async (c, next) => {
    await next();
    const security = page(c.req.path);
    const h = c.res.headers;
    h.set('Content-Security-Policy', contentSecurityPolicy(security));
    h.set('X-Content-Type-Options', 'nosniff');
    h.set('Referrer-Policy', 'same-origin');
    h.set('Cross-Origin-Opener-Policy', 'same-origin');
    h.set('X-Permitted-Cross-Domain-Policies', 'none');
    if (security.frameAncestors === undefined || security.frameAncestors === 'none')
      h.set('X-Frame-Options', 'DENY');
    if (isSecureRequest(c)) h.set('Strict-Transport-Security', 'max-age=31536000');
  };
}

/** The socket.io handshake's Origin is ours (or none: not a browser); for Server({ allowRequest }). */
export function handshakeOriginAllowed(
  request: {
    headers: Record<string, string | string[] | undefined>;
    socket: { remoteAddress?: string | undefined; encrypted?: boolean };
  },
  options: EdgeOptions,
): boolean {
  const header = (name: string) => {
    const v = request.headers[name];
    return Array.isArray(v) ? v.join(',') : v;
  };
  const origin = header('origin');
  if (origin === undefined) return true;
  const own = forwarded(
    {
      peer: request.socket.remoteAddress ?? null,
      header,
      protocol: request.socket.encrypted === true ? 'https' : 'http',
    },
    options.trustedProxies,
  ).origin;
  return csrfVerdict({ origin }, own, options.allowedOrigins) === 'same-origin';
}
