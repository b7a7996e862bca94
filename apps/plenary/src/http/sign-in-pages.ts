// The pages and queries both identity-provider flows share (OIDC, SAML): a clear page in Swedish first, English below,
// for a sign-in that did not go through, and the start query (where to return to, whether it is a step-up).
import type { Context } from 'hono';
import { getCookie } from 'hono/cookie';
import { z } from 'zod';
import { SESSION_COOKIE, type Auth } from '../app/auth.ts';
import type { SignInMethod } from '../domain/sign-in/step-up.ts';
import { setSessionCookie } from './auth.routes.ts';

export const startQuery = z.object({
  returnTo: z.string().max(500).optional(),
  stepUp: z.enum(['1', 'true']).optional(),
});

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

/** A page for a sign-in that did not go through: Swedish first, English below; never a session. */
export function signInPage(title: string, text: string, english: string): string {
  return `<!doctype html><html lang="sv"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<meta name="viewport" content="width=device-width, initial-scale=1"></head>
<body style="font-family: system-ui, sans-serif; max-width: 40rem; margin: 3rem auto; line-height: 1.5">
<h1>${escapeHtml(title)}</h1><p>${escapeHtml(text)}</p><p lang="en">${escapeHtml(english)}</p>
<p><a href="/">Till startsidan</a></p></body></html>`;
}

export const PAGES = {
  'not-registered': [
    'Du är inte registrerad',
    'Inloggningen hos kommunens identitetstjänst lyckades, men din identitet är inte kopplad till någon ledamot, ersättare eller tjänsteperson i systemet. Kontakta kansliet så kopplar de din identitet till ditt konto.',
    'You signed in at the identity provider, but your identity is not linked to anyone in this system. Ask the council office to link it.',
  ],
  acr: [
    'Inloggningen räcker inte',
    'Du loggade in med en metod som inte räcker här. Logga in igen med e-legitimation (till exempel BankID eller Freja).',
    'The sign-in method you used is not strong enough here. Sign in again with an e-identity.',
  ],
  failed: [
    'Inloggningen kunde inte slutföras',
    'Inloggningen avbröts eller gick inte att kontrollera (den kan ha tagit för lång tid eller öppnats i en annan flik). Försök igen från inloggningssidan.',
    'The sign-in could not be completed or checked. Try again from the sign-in page.',
  ],
} as const;

/** A provider flow's transaction, kept in the browser as base64url JSON; anything else reads as no sign-in under way. */
export function readTransactionCookie<T>(raw: string | undefined, schema: z.ZodType<T>): T | null {
  if (!raw) return null;
  try {
    const parsed = schema.safeParse(JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export const writeTransactionCookie = (transaction: unknown): string =>
  Buffer.from(JSON.stringify(transaction)).toString('base64url');

/** The provider vouched for the person: a session of that method and level, replacing any weaker one (a step-up). */
export async function startProviderSession(
  c: Context,
  auth: Auth,
  personId: string,
  how: { method: SignInMethod; acr: string | null },
): Promise<void> {
  const previous = getCookie(c, SESSION_COOKIE);
  if (previous) await auth.logout(previous);
  setSessionCookie(c, await auth.startSession(personId, how));
}
