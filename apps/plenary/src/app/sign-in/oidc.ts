// Sign-in through the municipality's identity provider over OpenID Connect (issue 17, R21): authorization code with
// PKCE, state and nonce, discovery, ID-token signatures checked against the provider's keys (fetched again when it
// rotates them), the acr the provider reports checked against those allowed. A person is found by the configured
// claim in person_identity; an unknown identity is refused, never made an account.
import * as client from 'openid-client';
import type { PlenaryDb } from '../../db/client.ts';
import { personForIdentity } from '../../db/identity.repo.ts';

export interface OidcOptions {
  issuer: string;
  clientId: string;
  clientSecret?: string | undefined;
  /** The callback address registered at the provider: https://<host>/api/auth/oidc/callback */
  redirectUri: string;
  /** The claim that identifies a person (`sub`, or a stable claim such as an employee number). */
  claim: string;
  /** acr values accepted at sign-in; empty: any. The first is asked for. */
  acrValues: readonly string[];
  /** Levels asked for by a step-up sign-in (before justering or a secret-ballot issuance); empty: no step-up. */
  stepUpAcrValues?: readonly string[];
  scope?: string;
  /** Plain http to the provider (tests on localhost only). */
  allowHttp?: boolean;
  /** Seconds of clock skew tolerated on the ID token's exp/iat (default 30). */
  clockToleranceSeconds?: number;
  /** Seconds this server's clock is ahead of the provider's (a host whose clock is off). */
  clockSkewSeconds?: number;
  /** Where to go after the provider's sign-out. */
  postLogoutRedirectUri?: string | undefined;
}

/** What the browser keeps between the redirect to the provider and the callback (an httpOnly cookie). */
export interface OidcTransaction {
  state: string;
  nonce: string;
  verifier: string;
  returnTo: string;
  /** A step-up: the provider is asked for a fresh sign-in at one of the step-up levels, and only those pass. */
  stepUp?: boolean;
}

export type OidcOutcome =
  | { ok: true; personId: string; acr: string | null; idToken: string }
  | { ok: false; reason: 'not-registered' | 'acr' | 'failed'; detail: string };

/** Only paths of this site, so the callback cannot be turned into an open redirect. */
export function safeReturnTo(value: string | undefined): string {
  return value && /^\/(?!\/)[\w\-./?=&%#]*$/.test(value) ? value : '/member';
}

export function createOidc(options: OidcOptions, deps: { db: PlenaryDb }) {
  let config: Promise<client.Configuration> | null = null;
  // Discovery on first use, and again after a failure: the provider may be down when the service starts.
  const configuration = (): Promise<client.Configuration> => {
    config ??= client
      .discovery(
        new URL(options.issuer),
        options.clientId,
        {
          ...(options.clientSecret ? { client_secret: options.clientSecret } : {}),
          [client.clockTolerance]: options.clockToleranceSeconds ?? 30,
          [client.clockSkew]: options.clockSkewSeconds ?? 0,
        },
        options.clientSecret ? client.ClientSecretBasic(options.clientSecret) : client.None(),
        {
          execute: [
            ...(options.allowHttp ? [client.allowInsecureRequests] : []),
            // The ID token's signature is checked against the provider's JWKS, cached up to 5 minutes and fetched again
            // for an unknown kid once the cached copy is a minute old (docs/sign-in.md: key rotation).
            client.enableNonRepudiationChecks,
          ],
        },
      )
      .catch((error: unknown) => {
        config = null;
        throw error;
      });
    return config;
  };

  return {
    issuer: options.issuer,
    /** The address to send the browser to, and what to keep for the callback. */
    async start(
      returnTo?: string,
      stepUp = false,
    ): Promise<{ url: string; transaction: OidcTransaction }> {
      const cfg = await configuration();
      const verifier = client.randomPKCECodeVerifier();
      const up = stepUp && (options.stepUpAcrValues?.length ?? 0) > 0;
      const transaction: OidcTransaction = {
        state: client.randomState(),
        nonce: client.randomNonce(),
        verifier,
        returnTo: safeReturnTo(returnTo),
        ...(up ? { stepUp: true } : {}),
      };
      const acrValues = up ? (options.stepUpAcrValues ?? []) : options.acrValues;
      const url = client.buildAuthorizationUrl(cfg, {
        redirect_uri: options.redirectUri,
        scope: options.scope ?? 'openid',
        code_challenge: await client.calculatePKCECodeChallenge(verifier),
        code_challenge_method: 'S256',
        state: transaction.state,
        nonce: transaction.nonce,
        ...(acrValues[0] ? { acr_values: acrValues.join(' ') } : {}),
        // A step-up is a new sign-in now, not the provider's remembered session.
        ...(up ? { prompt: 'login', max_age: '0' } : {}),
      });
      return { url: url.href, transaction };
    },
    /** The callback: exchange the code, validate the ID token, find the person. */
    async finish(callbackUrl: URL, transaction: OidcTransaction): Promise<OidcOutcome> {
      let claims: client.IDToken | undefined;
      let idToken = '';
      try {
        const cfg = await configuration();
        const tokens = await client.authorizationCodeGrant(cfg, callbackUrl, {
          pkceCodeVerifier: transaction.verifier,
          expectedState: transaction.state,
          expectedNonce: transaction.nonce,
          idTokenExpected: true,
        });
        claims = tokens.claims();
        idToken = tokens.id_token ?? '';
      } catch (error) {
        return {
          ok: false,
          reason: 'failed',
          detail: error instanceof Error ? error.message : String(error),
        };
      }
      if (!claims) return { ok: false, reason: 'failed', detail: 'no ID token' };
      const acr = typeof claims.acr === 'string' ? claims.acr : null;
      const accepted = transaction.stepUp ? (options.stepUpAcrValues ?? []) : options.acrValues;
      if (accepted.length > 0 && (!acr || !accepted.includes(acr)))
        return { ok: false, reason: 'acr', detail: `acr ${acr ?? 'none'} is not allowed` };
      const value = claims[options.claim];
      if (typeof value !== 'string' || value.length === 0)
        return {
          ok: false,
          reason: 'failed',
          detail: `the ID token has no '${options.claim}' claim`,
        };
      const personId = await personForIdentity(deps.db, options.issuer, value);
      if (!personId) return { ok: false, reason: 'not-registered', detail: value };
      return { ok: true, personId, acr, idToken };
    },
    /** The provider's sign-out address (RP-initiated logout), when it has one. */
    async endSessionUrl(idTokenHint: string | undefined): Promise<string | null> {
      const cfg = await configuration();
      if (!cfg.serverMetadata().end_session_endpoint) return null;
      return client.buildEndSessionUrl(cfg, {
        ...(idTokenHint ? { id_token_hint: idTokenHint } : {}),
        ...(options.postLogoutRedirectUri
          ? { post_logout_redirect_uri: options.postLogoutRedirectUri }
          : {}),
      }).href;
    },
  };
}

export type Oidc = ReturnType<typeof createOidc>;
