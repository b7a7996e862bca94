import { describe, expect, it } from 'vitest';
import { describeSignIn, stepUpRefusal, type StepUpPolicy } from './step-up.ts';

const LOA3 = 'http://id.elegnamnden.se/loa/1.0/loa3';
const policy: StepUpPolicy = { acrValues: [LOA3], acts: ['approveMinutes'] };
const now = '2026-12-02T12:00:00.000Z';

describe('step-up', () => {
  it('asks nothing without a policy, without levels, or for an act it does not name', () => {
    expect(stepUpRefusal(undefined, 'approveMinutes', undefined, now)).toBeNull();
    expect(
      stepUpRefusal({ acrValues: [], acts: ['approveMinutes'] }, 'approveMinutes', undefined, now),
    ).toBeNull();
    expect(stepUpRefusal(policy, 'secretBallotIssuance', undefined, now)).toBeNull();
  });

  it('refuses a password sign-in, an unknown sign-in and a weaker level, in Swedish', () => {
    for (const signIn of [
      undefined,
      { method: 'password' as const, acr: null, at: now },
      { method: 'oidc' as const, acr: 'http://id.elegnamnden.se/loa/1.0/loa2', at: now },
    ]) {
      const r = stepUpRefusal(policy, 'approveMinutes', signIn, now);
      expect(r?.code).toBe('STEP_UP_REQUIRED');
      expect(r?.message).toMatch(/justera protokollet.*e-legitimation/);
    }
  });

  it('accepts the level asked for while it is fresh, and not after maxAgeMinutes', () => {
    const signIn = { method: 'saml' as const, acr: LOA3, at: '2026-12-02T11:30:00.000Z' };
    expect(stepUpRefusal(policy, 'approveMinutes', signIn, now)).toBeNull();
    expect(
      stepUpRefusal({ ...policy, maxAgeMinutes: 15 }, 'approveMinutes', signIn, now)?.code,
    ).toBe('STEP_UP_REQUIRED');
  });

  it('describes the sign-in for the minutes', () => {
    expect(describeSignIn({ method: 'oidc', acr: LOA3, at: now })).toBe(
      'kommunens identitetstjänst (OpenID Connect), tillitsnivå 3',
    );
    expect(describeSignIn({ method: 'password', acr: null, at: now })).toBe('lösenord');
    expect(describeSignIn({ method: 'saml', acr: 'urn:x:strong', at: now })).toBe(
      'kommunens identitetstjänst (SAML), nivå urn:x:strong',
    );
    expect(describeSignIn(null)).toBe('inloggningssätt inte registrerat');
    expect(describeSignIn({ method: 'oidc', acr: 'urn:se:loa3', at: now }, 'en')).toBe(
      "the municipality's identity provider (OpenID Connect), level of assurance 3",
    );
  });
});
