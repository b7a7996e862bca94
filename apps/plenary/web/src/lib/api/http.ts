// HTTP calls of the web shell. Every answer is either the data or a Rejection with a message for people.
import {
  rejectionSchema,
  rejectionText,
  type Ack,
  type Command,
  type Login,
  type Me,
  type PublicSittingView,
  type Rejection,
} from '@council/shared';
import { i18n } from '../i18n/i18n.svelte.ts';

/**
 * One HTTP call answered as an Ack, never thrown: the JSON answer is the data when `accepted` says so (by default a
 * 2xx; the office's import and hand edits also answer their refused rows as data), else the server's Rejection, else
 * `failed` with the status. The server writes refusals in both languages; the reader gets theirs.
 */
export async function request<T>(
  url: string,
  init: RequestInit,
  accepted: (res: Response, json: unknown) => boolean = (res) => res.ok,
  failed?: string,
): Promise<Ack<T>> {
  const refused = (error: Rejection): Ack<T> => ({
    ok: false,
    error: { ...error, message: rejectionText(error, i18n.lang) },
  });
  try {
    const res = await fetch(url, { credentials: 'same-origin', ...init });
    if (res.status === 204) return { ok: true, data: undefined as T };
    const json: unknown = await res.json();
    if (accepted(res, json)) return { ok: true, data: json as T };
    const parsed = rejectionSchema.safeParse(json);
    if (parsed.success) return refused(parsed.data);
    return refused(
      failed === undefined
        ? networkError(`HTTP ${res.status}`)
        : { code: 'INTERNAL', message: `${failed} (HTTP ${res.status}).` },
    );
  } catch {
    return refused(networkError('network'));
  }
}

/** A JSON call; `init` adds to it (the ballot service's bearer token, `credentials: 'omit'`, an abort signal). */
export function call<T>(
  method: string,
  url: string,
  body?: unknown,
  init: RequestInit = {},
): Promise<Ack<T>> {
  return request<T>(url, {
    method,
    ...init,
    headers: {
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(init.headers ?? {}),
    },
    body: body === undefined ? null : JSON.stringify(body),
  });
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
