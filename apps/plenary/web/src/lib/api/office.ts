// HTTP calls of the council office (/kansli).
import type { AccountCreate, AccountRow, AccountUpdate, PasswordSet } from '@council/shared';
import { call } from './http.ts';

const enc = encodeURIComponent;

export const officeApi = {
  accounts: () => call<{ accounts: AccountRow[] }>('GET', '/api/office/accounts'),
  createAccount: (a: AccountCreate) => call<{ id: string }>('POST', '/api/office/accounts', a),
  updateAccount: (id: string, u: AccountUpdate) =>
    call<{ id: string }>('PATCH', `/api/office/accounts/${enc(id)}`, u),
  setPassword: (id: string, how: PasswordSet) =>
    call<{ link: string | null; expiresAt: string | null }>(
      'POST',
      `/api/office/accounts/${enc(id)}/password`,
      how,
    ),
  setActive: (id: string, active: boolean) =>
    call<{ active: boolean }>(
      'POST',
      `/api/office/accounts/${enc(id)}/${active ? 'activate' : 'deactivate'}`,
    ),
  changeOwnPassword: (current: string, next: string) =>
    call<{ id: string }>('POST', '/api/auth/password', { current, next }),
  resetWithLink: (token: string, password: string) =>
    call<{ id: string }>('POST', '/api/auth/reset', { token, password }),
};
