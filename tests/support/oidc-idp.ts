// A REAL OpenID Connect provider for tests (oidc-provider 8.8.1, in-process on a free port), and what a browser does
// between plenary and it. Who signs in next, and at which level (acr), is set by the test.
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';
import { expect } from 'vitest';

export const REDIRECT = 'http://plenary.test/api/auth/oidc/callback';

export interface TestIdp {
  issuer: string;
  /** Who the next interaction signs in, and with which acr. */
  next: { accountId: string; acr: string };
  /** Seconds an ID token lives. */
  idTokenTtl: number;
  /** Rotate the provider's signing key: ID tokens from now on carry a new kid (returned). */
  rotateKey(): Promise<string>;
  stop(): Promise<void>;
}

export async function startIdp(
  options: {
    /** Where the provider may send the browser back: plenary's callback (the default: the in-process address). */
    redirectUris?: string[];
    postLogoutRedirectUris?: string[];
  } = {},
): Promise<TestIdp> {
  const server: Server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const idp: TestIdp = {
    issuer,
    next: { accountId: 'sub-ledamot05', acr: 'urn:se:loa3' },
    idTokenTtl: 300,
    rotateKey: () => Promise.reject(new Error('not started')),
    stop: () => new Promise((r) => server.close(() => r())),
  };
  // Each signing key is its own provider behind the same issuer: rotating swaps in one with a new key (and kid).
  const makeProvider = () => {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const jwk = {
      ...privateKey.export({ format: 'jwk' }),
      kid: randomUUID(),
      use: 'sig',
      alg: 'RS256',
    };
    return new Provider(issuer, {
      jwks: { keys: [jwk] },
      clients: [
        {
          client_id: 'council',
          client_secret: 'council-secret',
          redirect_uris: options.redirectUris ?? [REDIRECT],
          post_logout_redirect_uris: options.postLogoutRedirectUris ?? ['http://plenary.test/'],
          response_types: ['code'],
          grant_types: ['authorization_code'],
        },
      ],
      pkce: { required: () => true },
      acrValues: ['urn:se:loa2', 'urn:se:loa3'],
      findAccount: (_ctx, id) => ({ accountId: id, claims: () => ({ sub: id }) }),
      interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
      features: { devInteractions: { enabled: false }, rpInitiatedLogout: { enabled: true } },
      ttl: { IdToken: () => idp.idTokenTtl },
      cookies: { keys: ['test-cookie-key'] },
    });
  };
  let provider = makeProvider();
  let callback = provider.callback();
  idp.rotateKey = async () => {
    provider = makeProvider();
    callback = provider.callback();
    const res = await fetch(`${issuer}/jwks`);
    const { keys } = (await res.json()) as { keys: { kid: string }[] };
    return keys[0]?.kid ?? '';
  };
  server.on('request', (req, res) => {
    if (!req.url?.startsWith('/interaction/')) return void callback(req, res);
    // The person "signs in" at the provider: who and how strongly is set by the test.
    void (async () => {
      const details = await provider.interactionDetails(req, res);
      if (details.prompt.name === 'login')
        return provider.interactionFinished(
          req,
          res,
          { login: { accountId: idp.next.accountId, acr: idp.next.acr } },
          { mergeWithLastSubmission: false },
        );
      const grant = new provider.Grant({
        accountId: details.session?.accountId ?? '',
        clientId: String(details.params.client_id),
      });
      grant.addOIDCScope('openid');
      return provider.interactionFinished(
        req,
        res,
        { consent: { grantId: await grant.save() } },
        { mergeWithLastSubmission: true },
      );
    })().catch((error: unknown) => {
      res.statusCode = 500;
      res.end(String(error));
    });
  });
  return idp;
}

/** What a browser does: start at plenary, follow the provider's redirects with its cookies, stop at the callback. */
export async function throughProvider(
  service: { app: { request(path: string, init?: RequestInit): Response | Promise<Response> } },
  returnTo = '/member',
  options: { stepUp?: boolean; cookie?: string } = {},
): Promise<{ callback: URL; oidcCookie: string; authorizeUrl: string }> {
  const start = await service.app.request(
    `/api/auth/oidc/start?returnTo=${encodeURIComponent(returnTo)}${options.stepUp ? '&stepUp=1' : ''}`,
    options.cookie ? { headers: { cookie: options.cookie } } : undefined,
  );
  expect(start.status).toBe(302);
  const oidcCookie = (start.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const jar = new Map<string, string>();
  let next = start.headers.get('location') ?? '';
  const authorizeUrl = next;
  expect(next).toMatch(/code_challenge_method=S256/);
  for (let hops = 0; hops < 10 && !next.startsWith(REDIRECT); hops++) {
    const res = await fetch(next, {
      redirect: 'manual',
      headers: { cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; ') },
    });
    for (const c of res.headers.getSetCookie()) {
      const [pair = ''] = c.split(';');
      const at = pair.indexOf('=');
      jar.set(pair.slice(0, at), pair.slice(at + 1));
    }
    const location = res.headers.get('location');
    if (!location) throw new Error(`the provider stopped at ${next}: ${res.status}`);
    next = new URL(location, next).href;
  }
  return { callback: new URL(next), oidcCookie, authorizeUrl };
}
