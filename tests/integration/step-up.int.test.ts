// Issue 17: step-up where the law's acts need it. With STEP_UP_ACR_VALUES set, the chair's and the adjusters'
// approval of the minutes (justering) needs a fresh sign-in at that level through the identity provider (a REAL
// oidc-provider here); a password or a weaker sign-in is refused with a Swedish message and the way to step up; the
// level each approver used is recorded with the approval (who, when, how) and printed in the adjustment block of every
// format of the minutes.
import { execFileSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StoredEvent } from '@council/shared';
import { DEMO_SITTING_ID } from '../../apps/plenary/src/app/demo-council.ts';
import { linkIdentity } from '../../apps/plenary/src/db/identity.repo.ts';
import type { MinutesView } from '../../apps/plenary/src/app/minutes/view.ts';
import { runMinutesScript, startMinutesService, type MinutesService } from '../support/minutes.ts';
import { REDIRECT, startIdp, throughProvider, type TestIdp } from '../support/oidc-idp.ts';
import { findProgram, requireProgram } from '../support/requires.ts';
import { sessionOf } from '../support/session-cookie.ts';

const base = `/api/sittings/${DEMO_SITTING_ID}`;
const LOA2 = 'urn:se:loa2';
const LOA3 = 'urn:se:loa3';

const pdftotext = findProgram('pdftotext');
requireProgram('pdftotext (poppler-utils)', pdftotext !== null, 'apt-get install poppler-utils');

describe('step-up for the minutes’ approval (justering)', () => {
  let idp: TestIdp;
  let m: MinutesService;

  /** Sign in through the provider as `subject` at `acr`; with `stepUp`, as the step-up from `cookie`. */
  async function signIn(
    subject: string,
    acr: string,
    options: { stepUp?: boolean; cookie?: string } = {},
  ): Promise<{ res: Response; authorizeUrl: string }> {
    idp.next = { accountId: subject, acr };
    const { callback, oidcCookie, authorizeUrl } = await throughProvider(
      m.service,
      '/desk',
      options,
    );
    const res = await m.service.app.request(`${callback.pathname}${callback.search}`, {
      headers: { cookie: [oidcCookie, options.cookie].filter(Boolean).join('; ') },
    });
    return { res, authorizeUrl };
  }

  beforeAll(async () => {
    idp = await startIdp();
    m = await startMinutesService({
      oidc: {
        issuer: idp.issuer,
        clientId: 'council',
        clientSecret: 'council-secret',
        redirectUri: REDIRECT,
        claim: 'sub',
        // Plain sign-in accepts both levels; justering needs the higher one.
        acrValues: [LOA2, LOA3],
        allowHttp: true,
      },
      stepUp: { acrValues: [LOA3], acts: ['approveMinutes', 'secretBallotIssuance'] },
    });
    for (const [subject, personId] of [
      ['sub-chair', 'ledamot-01'],
      ['sub-adj1', 'ledamot-20'],
      ['sub-adj2', 'ledamot-44'],
    ] as const)
      await linkIdentity(m.service.db, { issuer: idp.issuer, subject, personId });
    await runMinutesScript(m);
    m.clock.advance(4 * 86_400);
  }, 180_000);
  afterAll(async () => {
    await m.stop();
    await idp.stop();
  });

  it('refuses a password and a weaker sign-in, steps up at the provider, and records the level in the minutes', async () => {
    // A password session is not enough for justering: refused with the reason and what to do, nothing recorded.
    const password = await m.login('ordforande');
    const refused = await m.command({ type: 'approveMinutes' }, password);
    expect(refused.status).toBe(403);
    const body = (await refused.json()) as { code: string; message: string };
    expect(body.code).toBe('STEP_UP_REQUIRED');
    expect(body.message).toMatch(/justera protokollet.*e-legitimation/);

    // Signed in through the provider at the lower level: the app opens, justering does not.
    const weak = await signIn('sub-chair', LOA2);
    expect(weak.res.status).toBe(302);
    const weakSession = sessionOf(weak.res);
    expect(weakSession).not.toBeNull();
    expect((await m.command({ type: 'approveMinutes' }, weakSession ?? '')).status).toBe(403);

    // The step-up asks the provider for a new sign-in at the step-up level; answering it weaker gets no session.
    const tooWeak = await signIn('sub-chair', LOA2, { stepUp: true, cookie: weakSession ?? '' });
    const asked = new URL(tooWeak.authorizeUrl);
    expect(asked.searchParams.get('acr_values')).toBe(LOA3);
    expect(asked.searchParams.get('prompt')).toBe('login');
    expect(asked.searchParams.get('max_age')).toBe('0');
    expect(tooWeak.res.status).toBe(403);
    expect(await tooWeak.res.text()).toContain('Inloggningen räcker inte');
    expect(sessionOf(tooWeak.res)).toBeNull();

    // Stepped up: the old session ends, the new one approves.
    const strong = await signIn('sub-chair', LOA3, { stepUp: true, cookie: weakSession ?? '' });
    expect(strong.res.status).toBe(302);
    const chair = sessionOf(strong.res) ?? '';
    expect((await m.get('/api/auth/me', weakSession ?? '')).status).toBe(401);
    expect((await m.command({ type: 'approveMinutes' }, chair)).status).toBe(200);

    for (const subject of ['sub-adj1', 'sub-adj2']) {
      const up = await signIn(subject, LOA3, { stepUp: true });
      expect((await m.command({ type: 'approveMinutes' }, sessionOf(up.res) ?? '')).status).toBe(
        200,
      );
    }

    // Who, when and how: in the log, in the view, and in the adjustment block of every format.
    const events = (await (await m.get(`${base}/events`, chair)).json()) as {
      events: StoredEvent[];
    };
    const approvals = events.events.filter((e) => e.type === 'MinutesApproved');
    expect(approvals.map((e) => [e.payload.personId, e.payload.signIn])).toEqual([
      ['ledamot-01', { method: 'oidc', acr: LOA3, at: expect.any(String) }],
      ['ledamot-20', { method: 'oidc', acr: LOA3, at: expect.any(String) }],
      ['ledamot-44', { method: 'oidc', acr: LOA3, at: expect.any(String) }],
    ]);
    const view = (await (await m.get(`${base}/minutes`, chair)).json()) as MinutesView;
    expect(view.status).toBe('locked');
    expect(view.approvals.every((a) => a.signIn?.acr === LOA3)).toBe(true);
    const html = await (await m.get(`/api/public/sittings/${DEMO_SITTING_ID}/minutes.html`)).text();
    expect(html).toContain('Inloggad med');
    expect(
      html.match(/kommunens identitetstjänst \(OpenID Connect\), tillitsnivå 3/g),
    ).toHaveLength(3);
    const en = await (await m.get(`${base}/minutes.html?lang=en`, chair)).text();
    expect(en).toContain('Signed in with');
    expect(en).toContain('identity provider (OpenID Connect), level of assurance 3');
    if (pdftotext) {
      const file = join(tmpdir(), `step-up-${process.pid}.pdf`);
      writeFileSync(
        file,
        Buffer.from(await (await m.get(`${base}/minutes.pdf`, chair)).arrayBuffer()),
      );
      const text = execFileSync(pdftotext, ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
      rmSync(file);
      expect(text.replace(/\s+/g, ' ')).toMatch(/Inloggad med/);
      expect(text.replace(/\s+/g, ' ')).toMatch(/tillitsnivå 3/);
    }
  });
});
