// HTTP calls of the council office (/kansli) and the public notice board (/anslagstavla).
import {
  type AccountCreate,
  type AccountRow,
  type AccountUpdate,
  type Ack,
  type AgendaItemKind,
  type Body,
  type CouncilEditInput,
  type Party,
  type PasswordSet,
  type Role,
  type SittingInput,
} from '@council/shared';
import { call, request } from './http.ts';

const enc = encodeURIComponent;

/** A row or field the import refused, as the server names it ("row 18, column seat"). */
export interface ImportError {
  path: string;
  message: string;
}
export type ImportAnswer =
  | { ok: true; people: number; seats: number; substitutes: number; sittings: number }
  | { ok: false; errors: ImportError[] };

export interface CouncilView {
  body: Body;
  parties: Party[];
  people: {
    id: string;
    name: string;
    partyId: string | null;
    username: string;
    roles: Role[];
    email: string | null;
    active: boolean;
  }[];
  seats: { id: string; number: number; partyId: string; memberId: string; districtId?: string }[];
  substitutes: { personId: string; partyId: string; order: number; districtId?: string }[];
  districts: { id: string; name: string }[];
  successions: { seatId: string; memberId: string; fromDate: string; reason: string }[];
  today: string;
  holdersToday: Record<string, string>;
  /** The council's change record, newest first: who, when, what. */
  changes: CouncilChange[];
}

export interface CouncilChange {
  at: string;
  actorId: string;
  action: string;
  detail: Record<string, unknown>;
}

export type EditAnswer = { ok: true } | { ok: false; errors: ImportError[] };

export interface StoredFile {
  id: string;
  itemId: string | null;
  title: string;
  filename: string;
  mediaType: string;
  size: number;
  sha256: string;
  uploadedAt: string;
}

export interface OfficeSitting {
  id: string;
  title: string;
  bodyId: string;
  bodyName: string;
  startsAt: string;
  room: string;
  remoteReason: string | null;
  status: 'scheduled' | 'open' | 'adjourned' | 'closed';
  items: {
    id: string;
    position: number;
    title: string;
    kind: AgendaItemKind;
    caseNumber: string;
    confidential: boolean;
    paragraph: number | null;
    details?: { askedBy?: string; answeredBy?: string; electionMode?: 'open' | 'secret' };
    documents: { title: string; url: string }[];
  }[];
  files: StoredFile[];
}

export interface NoticeStatus {
  posting: { postedOn: string; removedOn: string; url: string | null } | null;
  deliveries: {
    personId: string;
    email: string;
    sentAt: string;
    ok: boolean;
    error: string | null;
  }[];
}

export interface NoticeSent {
  posting: { postedOn: string; removedOn: string };
  noticeUrl: string;
  sent: string[];
  failed: { personId: string; error: string }[];
  missing: string[];
}

export interface Posting {
  id: string;
  kind: 'notice' | 'minutes';
  sittingId: string;
  title: string;
  postedOn: string;
  removedOn: string;
  url: string | null;
}

/** A multipart upload (the documents route takes a form, not JSON). */
const upload = <T>(url: string, form: FormData) =>
  request<T>(url, { method: 'POST', body: form }, (res) => res.ok, 'Uppladdningen misslyckades');

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

  /**
   * The import answers 400 with `{ ok: false, errors }` for refused rows: that is an answer to show, not a failure of
   * the call, so it is read whatever the status.
   */
  importCouncil(
    upload:
      { format: 'json'; council: unknown } | { format: 'csv'; body: unknown; members: string },
  ): Promise<Ack<ImportAnswer>> {
    return request<ImportAnswer>(
      '/api/office/council/import',
      {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(upload),
      },
      (_res, json) => typeof json === 'object' && json !== null && 'ok' in json,
      'Importen misslyckades',
    );
  },
  bodies: () => call<{ bodies: string[] }>('GET', '/api/office/bodies'),
  council: (bodyId: string) => call<CouncilView>('GET', `/api/office/council/${enc(bodyId)}`),
  /** One hand edit; refused checks answer 400 with `{ ok: false, errors }`, an answer to show like the import's. */
  editCouncil: (bodyId: string, edit: CouncilEditInput): Promise<Ack<EditAnswer>> =>
    request<EditAnswer>(
      `/api/office/council/${enc(bodyId)}/changes`,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(edit),
      },
      (_res, json) => typeof json === 'object' && json !== null && 'ok' in json,
      'Ändringen misslyckades',
    ),
  sittings: () => call<{ sittings: OfficeSitting[] }>('GET', '/api/office/sittings'),
  schedule: (s: Omit<SittingInput, 'id'>) =>
    call<{ id: string }>('POST', '/api/office/sittings', s),
  amendAgenda: (sittingId: string, items: SittingInput['items']) =>
    call<{ seq: number }>('PUT', `/api/office/sittings/${enc(sittingId)}/agenda`, {
      items: items.map(({ documents: _documents, ...rest }) => rest),
    }),
  uploadFile: (sittingId: string, itemId: string, file: File, title: string) => {
    const form = new FormData();
    form.set('file', file);
    form.set('title', title);
    return upload<{ id: string; sha256: string; size: number; mediaType: string }>(
      `/api/office/sittings/${enc(sittingId)}/items/${enc(itemId)}/files`,
      form,
    );
  },
  removeFile: (sittingId: string, fileId: string) =>
    call<{ removed: string }>(
      'DELETE',
      `/api/office/sittings/${enc(sittingId)}/files/${enc(fileId)}`,
    ),
  noticeStatus: (sittingId: string) =>
    call<NoticeStatus>('GET', `/api/office/sittings/${enc(sittingId)}/notice`),
  sendNotice: (sittingId: string) =>
    call<NoticeSent>('POST', `/api/office/sittings/${enc(sittingId)}/notice`),
  board: () => call<{ postings: Posting[] }>('GET', '/api/public/anslagstavla'),
};
