// Sign-in through the municipality's identity provider over SAML 2.0 (issue 17), for providers that offer only SAML:
// an AuthnRequest by HTTP-Redirect, the provider's Response posted back to the assertion consumer service, its
// assertion's signature checked against the provider's certificate (an unsigned assertion is refused), audience,
// timestamps and InResponseTo checked, the AuthnContextClassRef checked against the levels allowed. A person is found
// by the NameID (or a configured attribute) in person_identity; an unknown identity is refused, never made an account.
import { randomBytes } from 'node:crypto';
import { SAML, ValidateInResponseTo, type Profile } from '@node-saml/node-saml';
import type { PlenaryDb } from '../../db/client.ts';
import { personForIdentity } from '../../db/identity.repo.ts';
import { safeReturnTo } from './oidc.ts';

export interface SamlOptions {
  /** The provider's single sign-on address (HTTP-Redirect binding). */
  entryPoint: string;
  /** The provider's entity id: assertions from anyone else are refused; also the issuer of linked identities. */
  idpIssuer: string;
  /** The provider's signing certificate(s), PEM; several while it rotates its key. */
  idpCert: string | string[];
  /** Our entity id (the audience the provider must name). */
  entityId: string;
  /** The assertion consumer service registered at the provider: https://<host>/api/auth/saml/acs */
  callbackUrl: string;
  /** `nameID` (default) or the name of an attribute that identifies a person. */
  claim: string;
  /** AuthnContextClassRef values accepted at sign-in; empty: any. They are also asked for. */
  acrValues: readonly string[];
  /** Levels a step-up asks for and accepts (before justering or a secret-ballot issuance). */
  stepUpAcrValues?: readonly string[];
  /** Milliseconds of clock skew tolerated on the assertion's timestamps (default 30 s). */
  clockSkewMs?: number;
}

/** What the browser keeps between the redirect and the post back (a cookie). */
export interface SamlTransaction {
  requestId: string;
  returnTo: string;
  stepUp?: boolean;
}

export type SamlOutcome =
  | { ok: true; personId: string; acr: string | null }
  | { ok: false; reason: 'not-registered' | 'acr' | 'failed'; detail: string };

/** The AuthnContextClassRef of the assertion's AuthnStatement (xml2js shape), or null. */
function authnContextOf(profile: Profile): string | null {
  type Node = Record<string, unknown>;
  const first = (v: unknown): Node | undefined =>
    Array.isArray(v) && typeof v[0] === 'object' && v[0] !== null ? (v[0] as Node) : undefined;
  const assertion = profile.getAssertion?.();
  const statement = first((assertion?.Assertion as Node | undefined)?.AuthnStatement);
  const context = first(statement?.AuthnContext);
  const ref = Array.isArray(context?.AuthnContextClassRef) ? context.AuthnContextClassRef[0] : null;
  if (typeof ref === 'string') return ref;
  const text = (ref as Node | null)?._;
  return typeof text === 'string' ? text.trim() : null;
}

export function createSaml(options: SamlOptions, deps: { db: PlenaryDb }) {
  /** One SAML object per sign-in: its request id is the one we keep in the browser's cookie and check on return. */
  const saml = (requestId: string | null, up: boolean) =>
    new SAML({
      entryPoint: options.entryPoint,
      issuer: options.entityId,
      audience: options.entityId,
      callbackUrl: options.callbackUrl,
      idpCert: options.idpCert,
      idpIssuer: options.idpIssuer,
      wantAssertionsSigned: true,
      // Providers sign the assertion; the envelope around it need not be signed as well.
      wantAuthnResponseSigned: false,
      signatureAlgorithm: 'sha256',
      acceptedClockSkewMs: options.clockSkewMs ?? 30_000,
      identifierFormat: null,
      ...((up ? options.stepUpAcrValues : options.acrValues)?.length
        ? { authnContext: [...((up ? options.stepUpAcrValues : options.acrValues) ?? [])] }
        : { disableRequestedAuthnContext: true }),
      // A step-up is a new sign-in now, not the provider's remembered session.
      forceAuthn: up,
      // InResponseTo is checked against the browser's own transaction below (any node can receive the post).
      validateInResponseTo: ValidateInResponseTo.never,
      ...(requestId ? { generateUniqueId: () => requestId } : {}),
    });

  return {
    issuer: options.idpIssuer,
    /** Our metadata for the provider: entity id, the ACS address, that we want signed assertions. */
    metadata(): string {
      return saml(null, false).generateServiceProviderMetadata(null, null);
    },
    async start(
      returnTo?: string,
      stepUp = false,
    ): Promise<{ url: string; transaction: SamlTransaction }> {
      const up = stepUp && (options.stepUpAcrValues?.length ?? 0) > 0;
      // NCName: an id must not start with a digit.
      const requestId = `_${randomBytes(20).toString('hex')}`;
      const transaction: SamlTransaction = {
        requestId,
        returnTo: safeReturnTo(returnTo),
        ...(up ? { stepUp: true } : {}),
      };
      const url = await saml(requestId, up).getAuthorizeUrlAsync(requestId, undefined, {});
      return { url, transaction };
    },
    /** The post back: check the response and its signed assertion, find the person. */
    async finish(
      body: { SAMLResponse: string; RelayState?: string | undefined },
      transaction: SamlTransaction,
    ): Promise<SamlOutcome> {
      let profile: Profile | null;
      try {
        ({ profile } = await saml(null, transaction.stepUp === true).validatePostResponseAsync({
          SAMLResponse: body.SAMLResponse,
        }));
      } catch (error) {
        return {
          ok: false,
          reason: 'failed',
          detail: error instanceof Error ? error.message : String(error),
        };
      }
      if (!profile) return { ok: false, reason: 'failed', detail: 'no assertion' };
      // The answer must be to this browser's own request (no unsolicited or replayed responses).
      const inResponseTo = typeof profile.inResponseTo === 'string' ? profile.inResponseTo : null;
      if (inResponseTo !== transaction.requestId || body.RelayState !== transaction.requestId)
        return {
          ok: false,
          reason: 'failed',
          detail: `the response answers ${inResponseTo ?? 'no request'}, not this browser's`,
        };
      const acr = authnContextOf(profile);
      const accepted = transaction.stepUp ? (options.stepUpAcrValues ?? []) : options.acrValues;
      if (accepted.length > 0 && (!acr || !accepted.includes(acr)))
        return { ok: false, reason: 'acr', detail: `AuthnContextClassRef ${acr ?? 'none'}` };
      const value = options.claim === 'nameID' ? profile.nameID : profile[options.claim];
      if (typeof value !== 'string' || value.length === 0)
        return { ok: false, reason: 'failed', detail: `the assertion has no '${options.claim}'` };
      const personId = await personForIdentity(deps.db, options.idpIssuer, value);
      if (!personId) return { ok: false, reason: 'not-registered', detail: value };
      return { ok: true, personId, acr };
    },
  };
}

export type SamlSignIn = ReturnType<typeof createSaml>;
