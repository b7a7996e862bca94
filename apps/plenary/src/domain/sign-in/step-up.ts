// Step-up (issue 17, R21): acts that carry the law's weight — approving the minutes (justering) and a member's
// secret-ballot issuance — can require a stronger sign-in than the one that opens the app. The level a person signed in
// with travels with their actor and is recorded with the act.
import { reject, type Rejection } from '@council/shared';

export type SignInMethod = 'password' | 'oidc' | 'saml';

/** How the person behind a session signed in: the method, the level the provider reported (OIDC acr, SAML
 * AuthnContextClassRef), and when. */
export interface SignIn {
  method: SignInMethod;
  acr: string | null;
  at: string;
}

export type StepUpAct = 'approveMinutes' | 'secretBallotIssuance';

export interface StepUpPolicy {
  /** Levels that are strong enough (e.g. http://id.elegnamnden.se/loa/1.0/loa3); empty: no step-up asked. */
  acrValues: readonly string[];
  /** Acts that need one of them. */
  acts: readonly StepUpAct[];
  /** Minutes a strong sign-in counts for these acts (default 12 hours: the session's own life). */
  maxAgeMinutes?: number;
}

export const STEP_UP_ACTS: readonly StepUpAct[] = ['approveMinutes', 'secretBallotIssuance'];

const WHAT: Record<StepUpAct, string> = {
  approveMinutes: 'justera protokollet',
  secretBallotIssuance: 'hämta din röstsedel i den slutna omröstningen',
};

/** The refusal when `signIn` is not strong enough for `act` under `policy`, or null when it is. */
export function stepUpRefusal(
  policy: StepUpPolicy | undefined,
  act: StepUpAct,
  signIn: SignIn | undefined,
  now: string,
): Rejection | null {
  if (!policy || policy.acrValues.length === 0 || !policy.acts.includes(act)) return null;
  const strong = signIn?.acr != null && policy.acrValues.includes(signIn.acr);
  const fresh =
    signIn !== undefined &&
    Date.parse(now) - Date.parse(signIn.at) <= (policy.maxAgeMinutes ?? 12 * 60) * 60_000;
  if (strong && fresh) return null;
  return reject(
    'STEP_UP_REQUIRED',
    `För att ${WHAT[act]} behöver du logga in med e-legitimation (till exempel BankID eller Freja).`,
  );
}

const WORDS = {
  sv: {
    none: 'inloggningssätt inte registrerat',
    password: 'lösenord',
    oidc: 'kommunens identitetstjänst (OpenID Connect)',
    saml: 'kommunens identitetstjänst (SAML)',
    loa: 'tillitsnivå',
    level: 'nivå',
  },
  en: {
    none: 'sign-in method not recorded',
    password: 'password',
    oidc: "the municipality's identity provider (OpenID Connect)",
    saml: "the municipality's identity provider (SAML)",
    loa: 'level of assurance',
    level: 'level',
  },
} as const;

/** A sign-in level in words, for the minutes' adjustment block: the method, and the level where one was reported. */
export function describeSignIn(
  signIn: SignIn | null | undefined,
  lang: 'sv' | 'en' = 'sv',
): string {
  const w = WORDS[lang];
  if (!signIn) return w.none;
  const method = w[signIn.method];
  if (!signIn.acr) return method;
  // The Swedish e-identification board's levels (…/loa/1.0/loa3) are named by their number.
  const loa = /\/loa(\d)$/i.exec(signIn.acr) ?? /^urn:.*:loa(\d)$/i.exec(signIn.acr);
  return loa ? `${method}, ${w.loa} ${loa[1]}` : `${method}, ${w.level} ${signIn.acr}`;
}
