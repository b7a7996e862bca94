// HTTP calls of the web shell. Every answer is either the data or a Rejection with a message for people.
import {
  oneLanguage,
  rejectionSchema,
  type Ack,
  type Command,
  type Login,
  type Me,
  type PublicSittingView,
  type Rejection,
} from '@council/shared';
import { i18n } from '../i18n/i18n.svelte.ts';

export async function call<T>(method: string, url: string, body?: unknown): Promise<Ack<T>> {
  try {
    const res = await fetch(url, {
      method,
      credentials: 'same-origin',
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? null : JSON.stringify(body),
    });
    if (res.status === 204) return { ok: true, data: undefined as T };
    const json: unknown = await res.json();
    if (res.ok) return { ok: true, data: json as T };
    const parsed = rejectionSchema.safeParse(json);
    const error = parsed.success ? parsed.data : networkError(`HTTP ${res.status}`);
    // One language per person: the server writes its refusals in both; the reader gets theirs.
    return { ok: false, error: { ...error, message: oneLanguage(error.message, i18n.lang) } };
  } catch {
    const error = networkError('network');
    return { ok: false, error: { ...error, message: oneLanguage(error.message, i18n.lang) } };
  }
}

function networkError(detail: string): Rejection {
  return {
    code: 'INTERNAL',
    message: `Ingen kontakt med servern (${detail}). / No contact with the server.`,
  };
}

export interface SittingSummary {
  id: string;
  title: string;
  bodyName: string;
  startsAt: string;
  room: string;
  status: 'scheduled' | 'open' | 'adjourned' | 'closed';
}

export const api = {
  login: (body: Login) => call<Me>('POST', '/api/auth/login', body),
  /** Which ways in the deployment offers: passwords, the identity provider (OIDC), SAML. */
  signInMethods: () =>
    call<{ password: boolean; oidc: boolean; saml?: boolean }>('GET', '/api/auth/methods'),
  logout: () => call<void>('POST', '/api/auth/logout'),
  me: () => call<Me>('GET', '/api/auth/me'),
  sittings: () => call<{ sittings: SittingSummary[] }>('GET', '/api/public/sittings'),
  publicView: (id: string) =>
    call<PublicSittingView>('GET', `/api/public/sittings/${encodeURIComponent(id)}`),
  command: (sittingId: string, command: Command) =>
    call<{ seq: number }>(
      'POST',
      `/api/sittings/${encodeURIComponent(sittingId)}/commands`,
      command,
    ),
};
