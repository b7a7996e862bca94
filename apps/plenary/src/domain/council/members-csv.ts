// Parses the members CSV (docs/import-format.md): people with their seat or call-in order. `;` or `,` separated.
import {
  emailSchema,
  identityLinkSchema,
  personSchema,
  type Person,
  type Seat,
  type Substitute,
} from '@council/shared';
import type { ImportError } from './validate-import.ts';

const identitySubjectSchema = identityLinkSchema.shape.subject;

const columns = ['id', 'name', 'party', 'username', 'roles', 'seat', 'substitute_order'] as const;

/** Split one CSV line, honouring "quoted; fields" and doubled quotes. */
export function splitCsvLine(line: string, delimiter: string): string[] {
  const out: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === delimiter) {
      out.push(field);
      field = '';
    } else field += c;
  }
  out.push(field);
  return out.map((f) => f.trim());
}

export interface MembersCsv {
  people: Person[];
  seats: Seat[];
  substitutes: Substitute[];
  /** From the optional `email` column: where the notice is sent. */
  contacts: { personId: string; email: string }[];
  /** From the optional `identity` column: the person's value of the identifying claim at the identity provider. */
  identities: { personId: string; subject: string }[];
}

export function parseMembersCsv(text: string): MembersCsv | { errors: ImportError[] } {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const headerLine = lines[0] ?? '';
  const delimiter = headerLine.includes(';') ? ';' : ',';
  const header = splitCsvLine(headerLine, delimiter).map((h) => h.toLowerCase());
  const missing = columns.filter((c) => !header.includes(c));
  if (missing.length > 0)
    return {
      errors: [{ path: 'row 1 (header)', message: `missing column(s): ${missing.join(', ')}` }],
    };
  const errors: ImportError[] = [];
  const result: MembersCsv = {
    people: [],
    seats: [],
    substitutes: [],
    contacts: [],
    identities: [],
  };
  lines.slice(1).forEach((line, index) => {
    if (line.trim() === '') return;
    const row = index + 2;
    const cells = splitCsvLine(line, delimiter);
    const get = (c: (typeof columns)[number]) => cells[header.indexOf(c)] ?? '';
    const party = get('party') || null;
    const parsed = personSchema.safeParse({
      id: get('id'),
      name: get('name'),
      partyId: party,
      username: get('username').toLowerCase(),
      roles: get('roles')
        .split(/[|\s]+/)
        .filter(Boolean),
    });
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const field = String(issue.path[0] ?? '');
        const column = { partyId: 'party' }[field] ?? field;
        errors.push({ path: `row ${row}, column ${column}`, message: issue.message });
      }
      return;
    }
    const p = parsed.data;
    result.people.push(p);
    const email = header.includes('email') ? (cells[header.indexOf('email')] ?? '') : '';
    if (email !== '') {
      const e = emailSchema.safeParse(email);
      if (e.success) result.contacts.push({ personId: p.id, email: e.data });
      else
        errors.push({
          path: `row ${row}, column email`,
          message: `'${email}' is not an e-mail address`,
        });
    }
    const identity = header.includes('identity') ? (cells[header.indexOf('identity')] ?? '') : '';
    if (identity !== '') {
      const s = identitySubjectSchema.safeParse(identity);
      if (s.success) result.identities.push({ personId: p.id, subject: s.data });
      else
        errors.push({
          path: `row ${row}, column identity`,
          message: s.error.issues[0]?.message ?? 'not an identity',
        });
    }
    // Optional `district` column: the valkrets (its id from the body file's districts).
    const district = header.includes('district') ? (cells[header.indexOf('district')] ?? '') : '';
    const districtId = district === '' ? {} : { districtId: district };
    const seat = get('seat');
    const order = get('substitute_order');
    if (seat !== '') {
      const n = Number(seat);
      if (!Number.isInteger(n) || n < 1)
        errors.push({ path: `row ${row}, column seat`, message: `'${seat}' is not a seat number` });
      else if (!party)
        errors.push({ path: `row ${row}, column party`, message: 'a seat needs a party' });
      else
        result.seats.push({
          id: `seat-${n}`,
          number: n,
          partyId: party,
          memberId: p.id,
          ...districtId,
        });
    }
    if (order !== '') {
      const n = Number(order);
      if (!Number.isInteger(n) || n < 1)
        errors.push({
          path: `row ${row}, column substitute_order`,
          message: `'${order}' is not a position`,
        });
      else if (!party)
        errors.push({ path: `row ${row}, column party`, message: 'a substitute needs a party' });
      else result.substitutes.push({ personId: p.id, partyId: party, order: n, ...districtId });
    }
  });
  return errors.length > 0 ? { errors } : result;
}
