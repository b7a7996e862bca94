// The only reader of process.env for plenary, parsed with zod.
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { parseTrustedProxies, type EdgeOptions } from '@council/node-server/edge';

/** A comma-separated list in one variable, trimmed, empty items dropped. */
const commaList = (fallback: string) =>
  z
    .string()
    .default(fallback)
    .transform((v) =>
      v
        .split(',')
        .map((x) => x.trim())
        .filter(Boolean),
    );

const schema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  DATA_DIR: z.string().default('./data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be postgres://…')
    .optional(),
  /** The Ed25519 key that signs the log's heads: keep it outside DATA_DIR and the database's backups. */
  LOG_SIGNING_KEY_FILE: z.string().min(1).default('./keys/log-signing.pem'),
  /** false when DATABASE_URL's role is not the tables' owner: migrate with `npm run db:migrate` (docs/security.md). */
  DATABASE_MIGRATE: z
    .enum(['true', 'false'])
    .default('true')
    .transform((v) => v === 'true'),
  /** Sign-in through the municipality's identity provider over OpenID Connect (docs/sign-in.md). */
  OIDC_ISSUER: z.url().optional(),
  OIDC_CLIENT_ID: z.string().min(1).optional(),
  OIDC_CLIENT_SECRET: z.string().min(1).optional(),
  /** The callback registered at the provider: https://<host>/api/auth/oidc/callback */
  OIDC_REDIRECT_URI: z.url().optional(),
  /** The ID-token claim that identifies a person in person_identity. */
  OIDC_CLAIM: z.string().min(1).default('sub'),
  /** Comma-separated acr values accepted at sign-in (empty: any). */
  OIDC_ACR_VALUES: commaList(''),
  OIDC_POST_LOGOUT_REDIRECT_URI: z.url().optional(),
  /** Sign-in through a SAML 2.0 identity provider (docs/sign-in.md): its SSO address, entity id and signing cert. */
  SAML_ENTRY_POINT: z.url().optional(),
  SAML_IDP_ISSUER: z.string().min(1).optional(),
  /** The provider's signing certificate: PEM text, or a path to a PEM file. */
  SAML_IDP_CERT: z.string().min(1).optional(),
  /** Our entity id (default: the ACS address's origin + /api/auth/saml/metadata). */
  SAML_ENTITY_ID: z.string().min(1).optional(),
  /** The assertion consumer service registered at the provider: https://<host>/api/auth/saml/acs */
  SAML_CALLBACK_URL: z.url().optional(),
  /** `nameID` or the attribute that identifies a person in person_identity. */
  SAML_CLAIM: z.string().min(1).default('nameID'),
  /** Comma-separated AuthnContextClassRef values accepted at sign-in (empty: any). */
  SAML_ACR_VALUES: commaList(''),
  /** Step-up (issue 17): comma-separated levels (OIDC acr / SAML AuthnContextClassRef) the acts in STEP_UP_ACTS need. */
  STEP_UP_ACR_VALUES: commaList(''),
  /** Which acts need them: approveMinutes (justering), secretBallotIssuance; default both. */
  STEP_UP_ACTS: commaList('approveMinutes,secretBallotIssuance').pipe(
    z.array(z.enum(['approveMinutes', 'secretBallotIssuance'])),
  ),
  /** Minutes a step-up sign-in counts for those acts (default 720: the session's life). */
  STEP_UP_MAX_AGE_MINUTES: z.coerce.number().int().min(1).max(720).default(720),
  /** false: password sign-in is refused (a deployment with an identity provider). */
  PASSWORD_LOGIN: z
    .enum(['true', 'false'])
    .default('true')
    .transform((v) => v === 'true'),
  SEED_DEMO: z
    .enum(['true', 'false'])
    .default('true')
    .transform((v) => v === 'true'),
  /** SMTP server for the notice (kallelse): smtp://user:pass@host:587 or smtps://…; unset = no e-mail. */
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'must be smtp://… or smtps://…')
    .optional(),
  MAIL_FROM: z.string().min(3).default('Kansliet <kansliet@localhost>'),
  /** R09: the sitting's video room on Janus and coturn; off: plenary runs without it. */
  VIDEO_ROOM: z.enum(['auto', 'off']).default('auto'),
  JANUS_PATH: z.string().min(1).optional(),
  TURNSERVER_PATH: z.string().min(1).optional(),
  /** Interfaces Janus gathers ICE candidates on ("lo" for a machine-local demo); unset: all. */
  JANUS_ICE_ENFORCE_LIST: z.string().min(1).optional(),
  /** The host name browsers reach coturn by (default 127.0.0.1) and the address it listens on. */
  TURN_HOST: z.string().min(1).optional(),
  TURN_LISTEN_IP: z.string().min(1).optional(),
  /** Addresses or CIDR ranges of the reverse proxies whose X-Forwarded-Proto/Host/For are believed (docs/security.md). */
  TRUSTED_PROXIES: z
    .string()
    .default('')
    .refine((v) => {
      try {
        parseTrustedProxies(v);
        return true;
      } catch {
        return false;
      }
    }, 'must be IP addresses or CIDR ranges (or "loopback"), comma-separated'),
  /** Comma-separated origins besides the request's own that may send state-changing requests. */
  ALLOWED_ORIGINS: z
    .string()
    .default('')
    .transform((v) =>
      v
        .split(',')
        .map((x) => x.trim().replace(/\/+$/, ''))
        .filter(Boolean),
    ),
  /** R15: a remote member's heartbeat older than this is a lost connection. */
  ATTENDANCE_HEARTBEAT_TIMEOUT_MS: z.coerce.number().int().min(1000).max(60_000).default(5000),
  /** Tests only: a file of milliseconds added to this process's clock (app/offset-clock.ts). Never in production. */
  TEST_CLOCK_OFFSET_FILE: z.string().min(1).optional(),
});

export type PlenaryEnvVars = z.infer<typeof schema>;

/** The OpenID Connect settings, when the issuer, client id and callback are all given. */
export function oidcOptionsOf(env: PlenaryEnvVars) {
  if (!env.OIDC_ISSUER || !env.OIDC_CLIENT_ID || !env.OIDC_REDIRECT_URI) return undefined;
  return {
    issuer: env.OIDC_ISSUER,
    clientId: env.OIDC_CLIENT_ID,
    clientSecret: env.OIDC_CLIENT_SECRET,
    redirectUri: env.OIDC_REDIRECT_URI,
    claim: env.OIDC_CLAIM,
    acrValues: env.OIDC_ACR_VALUES,
    stepUpAcrValues: env.STEP_UP_ACR_VALUES,
    postLogoutRedirectUri: env.OIDC_POST_LOGOUT_REDIRECT_URI,
  };
}

/** The SAML settings, when the provider's address, entity id and certificate and our ACS are all given. */
export function samlOptionsOf(env: PlenaryEnvVars) {
  if (!env.SAML_ENTRY_POINT || !env.SAML_IDP_ISSUER || !env.SAML_IDP_CERT || !env.SAML_CALLBACK_URL)
    return undefined;
  const cert = env.SAML_IDP_CERT.includes('-----BEGIN')
    ? env.SAML_IDP_CERT
    : readFileSync(env.SAML_IDP_CERT, 'utf8');
  return {
    entryPoint: env.SAML_ENTRY_POINT,
    idpIssuer: env.SAML_IDP_ISSUER,
    idpCert: cert,
    entityId: env.SAML_ENTITY_ID ?? new URL('/api/auth/saml/metadata', env.SAML_CALLBACK_URL).href,
    callbackUrl: env.SAML_CALLBACK_URL,
    claim: env.SAML_CLAIM,
    acrValues: env.SAML_ACR_VALUES,
    stepUpAcrValues: env.STEP_UP_ACR_VALUES,
  };
}

/** The step-up policy, when levels are configured. */
export function stepUpOf(env: PlenaryEnvVars) {
  if (env.STEP_UP_ACR_VALUES.length === 0) return undefined;
  return {
    acrValues: env.STEP_UP_ACR_VALUES,
    acts: env.STEP_UP_ACTS,
    maxAgeMinutes: env.STEP_UP_MAX_AGE_MINUTES,
  };
}

/** The video room's media-server options from the environment (false: switched off). */
export function videoOptions(env: PlenaryEnvVars) {
  if (env.VIDEO_ROOM === 'off') return false as const;
  return {
    janusPath: env.JANUS_PATH,
    turnserverPath: env.TURNSERVER_PATH,
    iceEnforceList: env.JANUS_ICE_ENFORCE_LIST,
    turnHost: env.TURN_HOST,
    turnListenIp: env.TURN_LISTEN_IP,
  };
}

/** The edge settings every service hosted here shares (issue 11 item 6). */
export function edgeOptionsOf(env: PlenaryEnvVars): EdgeOptions {
  return {
    trustedProxies: parseTrustedProxies(env.TRUSTED_PROXIES),
    allowedOrigins: env.ALLOWED_ORIGINS,
  };
}

export function readEnv(env: NodeJS.ProcessEnv = process.env): PlenaryEnvVars {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n');
    throw new Error(`Invalid environment:\n${lines}`);
  }
  return parsed.data;
}
