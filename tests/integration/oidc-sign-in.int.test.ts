// Issue 17: sign-in through a REAL OpenID Connect provider (oidc-provider, in-process on a free port): code + PKCE,
// state, nonce, ID-token signature and expiry, acr. A linked member signs in and votes; an unknown identity, a wrong
// state or nonce, an expired ID token and a too-weak acr each get a clear Swedish page and no session; sign-out ends
// the session and points at the provider's end-session address; passwords can be turned off.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { DEMO_PASSWORD, DEMO_SITTING_ID } from '../../apps/plenary/src/app/demo-council.ts';
import { createPlenaryService, type PlenaryService } from '../../apps/plenary/src/service.ts';
import { importCouncilCsv } from '../../apps/plenary/src/app/council-import.ts';
import { linkIdentity } from '../../apps/plenary/src/db/identity.repo.ts';
import { memberId, questionPut, secretary } from '../support/division.ts';
import type { TestPlenary } from '../support/plenary.ts';
import { REDIRECT, startIdp, throughProvider, type TestIdp } from '../support/oidc-idp.ts';
import { sessionOf } from '../support/session-cookie.ts';

describe('OpenID Connect sign-in against a real provider', () => {
  let idp: TestIdp;
  let service: PlenaryService;
  let dir: string;
  const callback = (url: URL, cookie: string) =>
    service.app.request(`${url.pathname}${url.search}`, { headers: { cookie } });

  beforeAll(async () => {
    idp = await startIdp();
    dir = mkdtempSync(join(tmpdir(), 'oidc-'));
    service = await createPlenaryService({
      dataDir: join(dir, 'plenary'),
      seedDemo: true,
      log: () => undefined,
      oidc: {
        issuer: idp.issuer,
        clientId: 'council',
        clientSecret: 'council-secret',
        redirectUri: REDIRECT,
        claim: 'sub',
        acrValues: ['urn:se:loa3'],
        allowHttp: true,
        clockToleranceSeconds: 0,
        postLogoutRedirectUri: 'http://plenary.test/',
      },
    });
    await linkIdentity(service.db, {
      issuer: idp.issuer,
      subject: 'sub-ledamot05',
      personId: memberId(5),
    });
  }, 120_000);
  afterAll(async () => {
    await service.close();
    await idp.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('R21: a linked member signs in through the provider and votes; sign-out ends the session', async () => {
    const { yes, no } = await questionPut({ service } as unknown as TestPlenary);
    const started = await service.engine.execute(
      DEMO_SITTING_ID,
      { type: 'startDivision', yes, no, mode: 'devices' },
      secretary,
    );
    if (!started.ok) throw new Error(started.error.message);
    const divisionId = String(started.data.events[0]?.payload.divisionId);

    idp.next = { accountId: 'sub-ledamot05', acr: 'urn:se:loa3' };
    const { callback: back, oidcCookie } = await throughProvider(service, '/member');
    const res = await callback(back, oidcCookie);
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('/member');
    const session = sessionOf(res);
    expect(session).not.toBeNull();
    const me = await service.app.request('/api/auth/me', { headers: { cookie: session ?? '' } });
    expect(await me.json()).toMatchObject({ personId: memberId(5) });

    const vote = await service.app.request(`/api/sittings/${DEMO_SITTING_ID}/commands`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        cookie: session ?? '',
        origin: 'http://localhost',
      },
      body: JSON.stringify({ type: 'castVote', divisionId, memberId: memberId(5), choice: 'yes' }),
    });
    expect(vote.status).toBe(200);
    const { events } = (await vote.json()) as {
      events: { type: string; actorId: string; payload: Record<string, unknown> }[];
    };
    expect(events[0]).toMatchObject({
      type: 'VoteCast',
      actorId: memberId(5),
      payload: { divisionId, memberId: memberId(5), choice: 'yes' },
    });

    // The same callback a second time: the code is spent and the transaction cookie gone.
    expect((await callback(back, oidcCookie)).status).toBe(400);

    const out = await service.app.request('/api/auth/oidc/logout', {
      method: 'POST',
      headers: { cookie: session ?? '', origin: 'http://localhost' },
    });
    const { redirect } = (await out.json()) as { redirect: string | null };
    expect(redirect).toMatch(new RegExp(`^${idp.issuer}/session/end\\?`));
    expect(
      (await service.app.request('/api/auth/me', { headers: { cookie: session ?? '' } })).status,
    ).toBe(401);
  }, 120_000);

  it('an identity linked to no one gets the Swedish "not registered" page, no session and no new account', async () => {
    idp.next = { accountId: 'sub-stranger', acr: 'urn:se:loa3' };
    const before = (await service.app.request('/api/public/sittings')).status;
    const { callback: back, oidcCookie } = await throughProvider(service);
    const res = await callback(back, oidcCookie);
    expect(res.status).toBe(403);
    expect(await res.text()).toContain('Du är inte registrerad');
    expect(sessionOf(res)).toBeNull();
    expect(before).toBe(200);
  });

  it('the office links an identity (administrator only); the person can then sign in with it', async () => {
    const login = async (username: string) => {
      const res = await service.app.request('/api/auth/login', {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: 'http://localhost' },
        body: JSON.stringify({ username, password: DEMO_PASSWORD }),
      });
      return (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    };
    const put = (cookie: string, body: unknown) =>
      service.app.request('/api/office/identities', {
        method: 'PUT',
        headers: { 'content-type': 'application/json', cookie, origin: 'http://localhost' },
        body: JSON.stringify(body),
      });
    const link = { personId: memberId(6), issuer: idp.issuer, subject: 'sub-ledamot06' };
    expect((await put(await login('ledamot05'), link)).status).toBe(403);
    const admin = await login('admin');
    expect((await put(admin, { ...link, personId: 'nobody' })).status).toBe(404);
    expect((await put(admin, { ...link, subject: 'a\u0000b' })).status).toBe(400);
    const linked = await put(admin, link);
    expect(await linked.json()).toEqual({ identities: [link] });
    idp.next = { accountId: 'sub-ledamot06', acr: 'urn:se:loa3' };
    const { callback: back, oidcCookie } = await throughProvider(service);
    const res = await callback(back, oidcCookie);
    const me = await service.app.request('/api/auth/me', {
      headers: { cookie: sessionOf(res) ?? '' },
    });
    expect(await me.json()).toMatchObject({ personId: memberId(6) });
  });

  it('the import links identities: a CSV identity column with the provider named once in the JSON file', async () => {
    const board = {
      body: { id: 'bn-oidc', name: 'Byggnadsnämnden', kind: 'board' },
      parties: [{ id: 'M', abbreviation: 'M', name: 'Moderaterna', color: '#1b49dd' }],
    };
    const csv = [
      'id;name;party;username;roles;seat;substitute_order;identity',
      'bno-1;Greta Lind;M;greta.oidc;member|chair;1;;greta.lind@kommun.se',
      'bno-2;Olle Berg;M;olle.oidc;member;2;;',
    ].join('\n');
    // Without the provider the identities mean nothing: refused, nothing stored.
    const refused = await importCouncilCsv(service.db, board, csv);
    expect(refused).toEqual({
      ok: false,
      errors: [{ path: 'identityIssuer', message: expect.stringContaining('identityIssuer') }],
    });
    expect(
      await importCouncilCsv(service.db, { ...board, identityIssuer: idp.issuer }, csv),
    ).toMatchObject({
      ok: true,
      people: 2,
    });
    // The same identity twice is refused by a second import (one identity names one person).
    const again = await importCouncilCsv(
      service.db,
      { ...board, body: { ...board.body, id: 'bn-oidc-2' }, identityIssuer: idp.issuer },
      csv.replaceAll('bno-', 'bnx-').replaceAll('.oidc', '.x'),
    );
    expect(again).toMatchObject({
      ok: false,
      errors: [
        { path: 'identities[0].subject', message: expect.stringContaining('already linked') },
      ],
    });
    idp.next = { accountId: 'greta.lind@kommun.se', acr: 'urn:se:loa3' };
    const { callback: back, oidcCookie } = await throughProvider(service);
    const res = await callback(back, oidcCookie);
    const me = await service.app.request('/api/auth/me', {
      headers: { cookie: sessionOf(res) ?? '' },
    });
    expect(await me.json()).toMatchObject({ personId: 'bno-1' });
  });

  it('the provider rotates its signing key: the next ID token, with a new kid, is checked against the new key', async () => {
    const signIn = async () => {
      idp.next = { accountId: 'sub-ledamot05', acr: 'urn:se:loa3' };
      const { callback: back, oidcCookie } = await throughProvider(service);
      const res = await callback(back, oidcCookie);
      const me = await service.app.request('/api/auth/me', {
        headers: { cookie: sessionOf(res) ?? '' },
      });
      return me.status;
    };
    const kidOf = async () =>
      ((await (await fetch(`${idp.issuer}/jwks`)).json()) as { keys: { kid: string }[] }).keys[0]
        ?.kid;
    const before = await kidOf();
    expect(await signIn()).toBe(200);
    const after = await idp.rotateKey();
    expect(after).not.toBe(before);
    // Within a minute of the last fetch the cached keys stand (openid-client's guard against being made to fetch them
    // for every forged kid): the sign-in is refused with the clear page, never accepted on the old key.
    expect(await signIn()).toBe(401);
    // A minute on, the unknown kid makes plenary fetch the keys again and the new key is used.
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      vi.setSystemTime(Date.now() + 61_000);
      expect(await signIn()).toBe(200);
    } finally {
      vi.useRealTimers();
    }
  });

  it('a wrong state or nonce is refused with a clear page and no session', async () => {
    idp.next = { accountId: 'sub-ledamot05', acr: 'urn:se:loa3' };
    const a = await throughProvider(service);
    a.callback.searchParams.set('state', 'not-the-state');
    const wrongState = await callback(a.callback, a.oidcCookie);
    expect(wrongState.status).toBe(400);
    expect(await wrongState.text()).toContain('Inloggningen kunde inte slutföras');
    expect(sessionOf(wrongState)).toBeNull();

    const b = await throughProvider(service);
    const raw = b.oidcCookie.slice('council_oidc='.length);
    const tx = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as { nonce: string };
    const forged = Buffer.from(JSON.stringify({ ...tx, nonce: 'another-nonce' })).toString(
      'base64url',
    );
    const wrongNonce = await callback(b.callback, `council_oidc=${forged}`);
    expect(wrongNonce.status).toBe(400);
    expect(sessionOf(wrongNonce)).toBeNull();
    // No cookie at all (another browser) is refused too.
    expect((await callback(b.callback, '')).status).toBe(400);
  });

  it('an expired ID token is refused', async () => {
    // A second service whose clock runs 5 s ahead of the provider's: the provider's 1-second ID token has expired
    // by the time plenary checks it (tolerance 0).
    const logged: string[] = [];
    const late = await createPlenaryService({
      dataDir: join(dir, 'late'),
      seedDemo: true,
      log: (m) => logged.push(m),
      oidc: {
        issuer: idp.issuer,
        clientId: 'council',
        clientSecret: 'council-secret',
        redirectUri: REDIRECT,
        claim: 'sub',
        acrValues: [],
        allowHttp: true,
        clockToleranceSeconds: 0,
        clockSkewSeconds: 5,
      },
    });
    idp.next = { accountId: 'sub-ledamot05', acr: 'urn:se:loa3' };
    idp.idTokenTtl = 1;
    try {
      await linkIdentity(late.db, {
        issuer: idp.issuer,
        subject: 'sub-ledamot05',
        personId: memberId(5),
      });
      const { callback: back, oidcCookie } = await throughProvider(late);
      const res = await late.app.request(`${back.pathname}${back.search}`, {
        headers: { cookie: oidcCookie },
      });
      expect(res.status).toBe(400);
      expect(await res.text()).toContain('Inloggningen kunde inte slutföras');
      expect(sessionOf(res)).toBeNull();
      expect(logged.join('\n')).toMatch(/sign-in refused \(failed\): .*(exp|expired|timestamp)/i);
    } finally {
      idp.idTokenTtl = 300;
      await late.close();
    }
  }, 60_000);

  it('a sign-in weaker than the acr required is refused with its own page', async () => {
    idp.next = { accountId: 'sub-ledamot05', acr: 'urn:se:loa2' };
    const { callback: back, oidcCookie } = await throughProvider(service);
    const res = await callback(back, oidcCookie);
    expect(res.status).toBe(403);
    expect(await res.text()).toContain('Inloggningen räcker inte');
    expect(sessionOf(res)).toBeNull();
  });
});

describe('passwords turned off', () => {
  it('refuses password sign-in with a clear message, and says which methods there are', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'nopw-'));
    const service = await createPlenaryService({
      dataDir: join(dir, 'plenary'),
      seedDemo: true,
      log: () => undefined,
      passwordLogin: false,
    });
    try {
      const res = await service.app.request('/api/auth/login', {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: 'http://localhost' },
        body: JSON.stringify({ username: 'ledamot05', password: DEMO_PASSWORD }),
      });
      expect(res.status).toBe(403);
      expect(await res.text()).toContain('Inloggning med lösenord är avstängd');
      expect(await (await service.app.request('/api/auth/methods')).json()).toEqual({
        password: false,
        oidc: false,
        saml: false,
      });
    } finally {
      await service.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
