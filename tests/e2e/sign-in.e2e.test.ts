// Issue 17 in Chromium: a member signs in through the municipality's identity provider (a REAL OpenID Connect provider,
// oidc-provider in the test) and votes; the chair's justering is refused after a plain sign-in, the chair steps up with
// e-legitimation at the provider and comes back to approve, and the minutes' adjustment block says how each signed in.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_SITTING_ID } from '../../apps/plenary/src/app/demo-council.ts';
import { linkIdentity } from '../../apps/plenary/src/db/identity.repo.ts';
import { chair, exec, memberId, questionPut } from '../support/division.ts';
import { e2eAvailable, startE2E, type E2E } from '../support/e2e.ts';
import { runMinutesScript, scriptClock } from '../support/minutes.ts';
import { startIdp, type TestIdp } from '../support/oidc-idp.ts';
import { freePort } from '../support/postgres-cluster.ts';

const LOA2 = 'urn:se:loa2';
const LOA3 = 'urn:se:loa3';

/** A plenary with the web shell behind a provider that knows its callback (so the port is chosen first). */
async function startWithProvider(options: { clock?: () => Date; stepUp?: boolean } = {}) {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const idp = await startIdp({
    redirectUris: [`${base}/api/auth/oidc/callback`],
    postLogoutRedirectUris: [`${base}/`],
  });
  const e2e = await startE2E({
    ...(options.clock ? { clock: options.clock } : {}),
    plenary: {
      port,
      oidc: {
        issuer: idp.issuer,
        clientId: 'council',
        clientSecret: 'council-secret',
        redirectUri: `${base}/api/auth/oidc/callback`,
        claim: 'sub',
        acrValues: [LOA2, LOA3],
        allowHttp: true,
        postLogoutRedirectUri: `${base}/`,
      },
      ...(options.stepUp ? { stepUp: { acrValues: [LOA3], acts: ['approveMinutes'] } } : {}),
    },
  });
  const link = (personId: string) =>
    linkIdentity(e2e.plenary.service.db, {
      issuer: idp.issuer,
      subject: `sub-${personId}`,
      personId,
    });
  return { e2e, idp, link };
}

/** A fresh browser context at `path`, signed in through the provider's button on the sign-in page. */
async function signInThroughProvider(e2e: E2E, path: string) {
  const { page } = await e2e.user(undefined, path);
  await page.getByTestId('sign-in-provider').click({ timeout: 20_000 });
  await page.waitForURL(`**${path}`, { timeout: 30_000 });
  return page;
}

describe.runIf(e2eAvailable())('sign-in through the identity provider (Chromium)', () => {
  describe('a member signs in and votes', () => {
    let e2e: E2E;
    let idp: TestIdp;
    beforeAll(async () => {
      ({ e2e, idp } = await startWithProvider().then(async (s) => {
        await s.link(memberId(5));
        return s;
      }));
    }, 180_000);
    afterAll(async () => {
      await e2e?.stop();
      await idp?.stop();
    });

    it('R21: the sign-in page offers the municipality’s login; through it the member votes as themself', async () => {
      const { yes, no } = await questionPut(e2e.plenary);
      const [started] = await exec(e2e.plenary, {
        type: 'startDivision',
        yes,
        no,
        mode: 'devices',
      });
      const divisionId = String(started?.payload['divisionId']);

      idp.next = { accountId: `sub-${memberId(5)}`, acr: LOA2 };
      const page = await signInThroughProvider(e2e, '/member');
      // No password was typed: the app knows who this is from the provider.
      expect(await page.getByLabel(/Lösenord/).count()).toBe(0);
      await page.getByRole('button', { name: 'JA', exact: true }).click({ timeout: 20_000 });
      // The log holds the vote, cast by the member themself.
      const desk = await e2e.plenary.login('sekreterare');
      const votes = async () => {
        const res = await fetch(
          `${e2e.plenary.url}/api/sittings/${DEMO_SITTING_ID}/events?since=0`,
          {
            headers: { cookie: desk },
          },
        );
        const { events } = (await res.json()) as {
          events: { type: string; actorId: string | null; payload: Record<string, unknown> }[];
        };
        return events
          .filter((e) => e.type === 'VoteCast' && e.payload['divisionId'] === divisionId)
          .map((e) => ({ actorId: e.actorId, ...e.payload }));
      };
      await expect
        .poll(votes, { timeout: 20_000 })
        .toEqual([
          expect.objectContaining({ actorId: memberId(5), memberId: memberId(5), choice: 'yes' }),
        ]);
      const me = await page.evaluate(async () => {
        const res = await fetch('/api/auth/me');
        return (await res.json()) as { personId: string };
      });
      expect(me.personId).toBe(memberId(5));
      await e2e.shot(page, 'sign-in-oidc-member-voted');

      // An identity linked to no one gets the Swedish page, and no session.
      idp.next = { accountId: 'sub-stranger', acr: LOA2 };
      const { page: stranger } = await e2e.user(undefined, '/member');
      await stranger.getByTestId('sign-in-provider').click();
      await expect
        .poll(() => stranger.getByText('Du är inte registrerad').count(), { timeout: 20_000 })
        .toBe(1);
      const anonymous = await stranger.evaluate(async () => (await fetch('/api/auth/me')).status);
      expect(anonymous).toBe(401);
      await e2e.shot(stranger, 'sign-in-oidc-not-registered');
    }, 180_000);
  });

  describe('justering with step-up', () => {
    let e2e: E2E;
    let idp: TestIdp;
    const clock = scriptClock();
    beforeAll(async () => {
      const s = await startWithProvider({ clock: () => clock.now, stepUp: true });
      ({ e2e, idp } = s);
      for (const n of [1, 20, 44]) await s.link(memberId(n));
      await runMinutesScript({ service: e2e.plenary.service, clock });
      clock.advance(2 * 86_400);
    }, 180_000);
    afterAll(async () => {
      await e2e?.stop();
      await idp?.stop();
    });

    it('R24: a plain sign-in cannot approve; the chair steps up at the provider, approves, and the minutes record how', async () => {
      expect(chair.personId).toBe(memberId(1));
      idp.next = { accountId: `sub-${memberId(1)}`, acr: LOA2 };
      const page = await signInThroughProvider(e2e, '/member');
      page.on('dialog', (d) => void d.accept());
      await page.getByTestId('approve-minutes').click({ timeout: 20_000 });
      const stepUp = page.getByTestId('step-up');
      await stepUp.waitFor({ timeout: 20_000 });
      expect(await page.getByText('logga in med e-legitimation', { exact: false }).count()).toBe(1);
      await e2e.shot(page, 'sign-in-step-up-asked');

      // At the provider the chair now uses e-legitimation; the browser comes back to the same page.
      idp.next = { accountId: `sub-${memberId(1)}`, acr: LOA3 };
      await stepUp.click();
      await page.waitForURL('**/member', { timeout: 30_000 });
      await page.getByTestId('approve-minutes').click({ timeout: 20_000 });
      await expect
        .poll(() => page.getByText(/Du har justerat protokollet/).count(), { timeout: 20_000 })
        .toBe(1);

      for (const n of [20, 44]) {
        idp.next = { accountId: `sub-${memberId(n)}`, acr: LOA3 };
        const adjuster = await signInThroughProvider(e2e, '/member');
        adjuster.on('dialog', (d) => void d.accept());
        await adjuster.getByTestId('approve-minutes').click({ timeout: 20_000 });
        await expect
          .poll(
            () =>
              adjuster.getByText(/Du har justerat protokollet|justerat av alla och låst/).count(),
            {
              timeout: 20_000,
            },
          )
          .toBe(1);
      }

      const res = await page.goto(`/api/sittings/${DEMO_SITTING_ID}/minutes.html`);
      expect(res?.status()).toBe(200);
      const text = (await page.textContent('body')) ?? '';
      expect(text).toContain('Justerat protokoll');
      expect(text).toContain('Inloggad med');
      // Each of the three, at the level the provider reported (urn:se:loa3 in words).
      expect(
        text.match(/kommunens identitetstjänst \(OpenID Connect\), tillitsnivå 3/g),
      ).toHaveLength(3);
      await e2e.shot(page, 'sign-in-step-up-minutes');
    }, 240_000);
  });
});
