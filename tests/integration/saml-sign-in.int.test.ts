// Issue 17: sign-in through a SAML 2.0 identity provider (a test IdP on a free port that signs its assertions with
// its own RSA key, tests/support/saml-idp.ts) with @node-saml/node-saml: SP metadata at a stable address; a linked
// member signs in; every way an answer can be wrong — unsigned, tampered after signing, signed by another key,
// expired, for another audience, unsolicited, an unknown person, too weak a level, no sign-in under way, garbage — gets
// a clear Swedish page and no session; a step-up asks for a fresh sign-in at the higher level.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPlenaryService, type PlenaryService } from '../../apps/plenary/src/service.ts';
import { linkIdentity } from '../../apps/plenary/src/db/identity.repo.ts';
import { formFields, startSamlIdp, type SamlIdp, type SamlNext } from '../support/saml-idp.ts';
import { sessionOf } from '../support/session-cookie.ts';

const SP = 'http://plenary.test/api/auth/saml/metadata';
const ACS = 'http://plenary.test/api/auth/saml/acs';

describe('SAML 2.0 sign-in against a test IdP', () => {
  let idp: SamlIdp;
  let service: PlenaryService;
  let dir: string;
  const logged: string[] = [];

  /** The browser's round trip: start at plenary, get the IdP's form, post it to the ACS with the cookie it holds. */
  async function signIn(
    next: SamlNext,
    options: { stepUp?: boolean; cookie?: boolean; body?: Record<string, string> } = {},
  ): Promise<Response> {
    idp.next = next;
    const start = await service.app.request(
      `/api/auth/saml/start?returnTo=%2Fmember${options.stepUp ? '&stepUp=1' : ''}`,
    );
    expect(start.status).toBe(302);
    const cookie = (start.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    expect(cookie).toMatch(/^council_saml=/);
    const location = start.headers.get('location') ?? '';
    expect(location.startsWith(idp.ssoUrl)).toBe(true);
    const form = formFields(await (await fetch(location)).text());
    expect(form.action).toBe(ACS);
    return service.app.request('/api/auth/saml/acs', {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        // As a browser posts the IdP's form: from the IdP's site.
        origin: new URL(idp.ssoUrl).origin,
        'sec-fetch-site': 'cross-site',
        ...(options.cookie === false ? {} : { cookie }),
      },
      body: new URLSearchParams(
        options.body ?? { SAMLResponse: form.SAMLResponse, RelayState: form.RelayState },
      ).toString(),
    });
  }

  beforeAll(async () => {
    idp = await startSamlIdp({ audience: SP });
    dir = mkdtempSync(join(tmpdir(), 'saml-'));
    service = await createPlenaryService({
      dataDir: join(dir, 'plenary'),
      seedDemo: true,
      log: (m) => logged.push(m),
      saml: {
        entryPoint: idp.ssoUrl,
        idpIssuer: idp.entityId,
        idpCert: idp.cert,
        entityId: SP,
        callbackUrl: ACS,
        claim: 'nameID',
        acrValues: ['urn:se:loa2', 'urn:se:loa3'],
      },
      stepUp: { acrValues: ['urn:se:loa3'], acts: ['approveMinutes'] },
    });
    await linkIdentity(service.db, {
      issuer: idp.entityId,
      subject: 'saml-ledamot07',
      personId: 'ledamot-07',
    });
  }, 120_000);
  afterAll(async () => {
    await service.close();
    await idp.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('publishes the SP metadata at a stable address: entity id, ACS, signed assertions wanted', async () => {
    const res = await service.app.request('/api/auth/saml/metadata');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/samlmetadata\+xml/);
    const xml = await res.text();
    expect(xml).toContain(`entityID="${SP}"`);
    expect(xml).toMatch(new RegExp(`AssertionConsumerService[^>]*Location="${ACS}"`));
    expect(xml).toContain('WantAssertionsSigned="true"');
    expect((await (await service.app.request('/api/auth/methods')).json()) as unknown).toEqual({
      password: true,
      oidc: false,
      saml: true,
    });
  });

  it('R21: a linked member signs in; the session knows it came from SAML and at which level', async () => {
    const res = await signIn({ nameID: 'saml-ledamot07', acr: 'urn:se:loa2' });
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('/member');
    const session = sessionOf(res);
    expect(session).not.toBeNull();
    const me = await service.app.request('/api/auth/me', { headers: { cookie: session ?? '' } });
    expect(((await me.json()) as { personId: string }).personId).toBe('ledamot-07');
    const person = await service.auth.personForToken(session?.split('=')[1]);
    expect(person?.signIn).toMatchObject({ method: 'saml', acr: 'urn:se:loa2' });
    // The request asked for the accepted levels and did not force a new sign-in.
    expect(idp.lastRequest?.authnContext).toEqual(['urn:se:loa2', 'urn:se:loa3']);
    expect(idp.lastRequest?.forceAuthn).toBe(false);
  });

  it('a step-up asks the IdP for a fresh sign-in at the higher level and accepts only that', async () => {
    const weak = await signIn({ nameID: 'saml-ledamot07', acr: 'urn:se:loa2' }, { stepUp: true });
    expect(idp.lastRequest?.forceAuthn).toBe(true);
    expect(idp.lastRequest?.authnContext).toEqual(['urn:se:loa3']);
    expect(weak.status).toBe(403);
    expect(await weak.text()).toContain('Inloggningen räcker inte');
    expect(sessionOf(weak)).toBeNull();
    const strong = await signIn({ nameID: 'saml-ledamot07', acr: 'urn:se:loa3' }, { stepUp: true });
    expect(strong.status).toBe(302);
    const person = await service.auth.personForToken(sessionOf(strong)?.split('=')[1]);
    expect(person?.signIn).toMatchObject({ method: 'saml', acr: 'urn:se:loa3' });
  });

  const refusals: [string, SamlNext, 400 | 403, string, RegExp][] = [
    [
      'an unsigned assertion',
      { nameID: 'saml-ledamot07', acr: 'urn:se:loa3', fault: 'unsigned' },
      400,
      'Inloggningen kunde inte slutföras',
      /signature/i,
    ],
    [
      'an assertion changed after signing',
      { nameID: 'saml-ledamot07', acr: 'urn:se:loa3', fault: 'tampered' },
      400,
      'Inloggningen kunde inte slutföras',
      /signature/i,
    ],
    [
      'an assertion signed by another key',
      { nameID: 'saml-ledamot07', acr: 'urn:se:loa3', fault: 'other-key' },
      400,
      'Inloggningen kunde inte slutföras',
      /signature/i,
    ],
    [
      'an expired assertion',
      { nameID: 'saml-ledamot07', acr: 'urn:se:loa3', fault: 'expired' },
      400,
      'Inloggningen kunde inte slutföras',
      /expired|NotOnOrAfter/i,
    ],
    [
      'an assertion for another audience',
      { nameID: 'saml-ledamot07', acr: 'urn:se:loa3', fault: 'audience' },
      400,
      'Inloggningen kunde inte slutföras',
      /audience/i,
    ],
    [
      'an answer to a request this browser did not make',
      { nameID: 'saml-ledamot07', acr: 'urn:se:loa3', fault: 'unsolicited' },
      400,
      'Inloggningen kunde inte slutföras',
      /answers _not-a-request-of-yours/,
    ],
    [
      'an identity linked to no one',
      { nameID: 'saml-stranger', acr: 'urn:se:loa3' },
      403,
      'Du är inte registrerad',
      /\(not-registered\): saml-stranger/,
    ],
    [
      'a level weaker than those accepted',
      { nameID: 'saml-ledamot07', acr: 'urn:se:loa1' },
      403,
      'Inloggningen räcker inte',
      /\(acr\): AuthnContextClassRef urn:se:loa1/,
    ],
  ];
  for (const [what, next, status, page, reason] of refusals)
    it(`refuses ${what} with its page and no session`, async () => {
      logged.length = 0;
      const res = await signIn(next);
      // Refused for its own reason, not for another that happens to give the same page.
      expect(logged.join('\n')).toMatch(reason);
      expect(res.status).toBe(status);
      expect(await res.text()).toContain(page);
      expect(sessionOf(res)).toBeNull();
    });

  it('refuses a post without a sign-in under way, and a garbage body, with no session', async () => {
    const noCookie = await signIn(
      { nameID: 'saml-ledamot07', acr: 'urn:se:loa3' },
      { cookie: false },
    );
    expect(noCookie.status).toBe(400);
    expect(sessionOf(noCookie)).toBeNull();
    const bodies: Record<string, string>[] = [
      { SAMLResponse: '%%%not base64%%%' },
      { SAMLResponse: 'PHg+PC94Pg==' },
      {},
    ];
    for (const body of bodies) {
      const res = await signIn({ nameID: 'saml-ledamot07', acr: 'urn:se:loa3' }, { body });
      expect(res.status).toBe(400);
      expect(sessionOf(res)).toBeNull();
    }
  });
});
