// The council's hand edits in the page: the server's and the shared schema's objections in the reader's language under the
// field they concern, and each recorded change told as a sentence (who, when, what) for the page's change list.
import { oneLanguage } from '@council/shared';
import type { CouncilChange, CouncilView } from '../../api/office.ts';
import { i18n, t } from '../../i18n/i18n.svelte.ts';
import { stockholmWhen } from '../../stockholm-time.ts';

export interface Issue {
  path: string;
  message: string;
}

/** Field → message; the key '' holds what belongs to no one field (shown by the form's button). */
export type FieldErrors = Record<string, string>;

/** The field a path names: "people[3].username" → "person.username", "successions[0].fromDate" → "fromDate". */
function fieldOf(path: string): string {
  const p = path;
  let m = /^people\[\d+\]\.(\w+)$/.exec(p);
  if (m) return `person.${m[1]}`;
  m = /^seats\[\d+\]\.(\w+)$/.exec(p);
  if (m) return `seat.${m[1]}`;
  m = /^successions\[\d+\]\.(\w+)$/.exec(p);
  if (m) return m[1] ?? '';
  if (/^seats\./.test(p)) return 'memberId';
  if (/^substitutes\[\d+\]/.test(p)) return 'personIds';
  if (p === 'body.mandateTo' || p === 'body.mandateFrom') return p.slice(5);
  if (/^personIds(\.\d+)?$/.test(p)) return 'personIds';
  return p;
}

/** The reader's half of a bilingual message (issue 15), or the import's known English checks in the reader's words. */
function readable(message: string): string {
  const one = oneLanguage(message, i18n.lang);
  if (one !== message) return one;
  const patterns: [RegExp, (m: RegExpExecArray) => string][] = [
    [/^no person '(.+)'$/, (m) => t('edit.err.noPerson', { id: m[1] ?? '' })],
    [/^no party '(.+)'$/, (m) => t('edit.err.noParty', { id: m[1] ?? '' })],
    [/^no district '(.+)'$/, (m) => t('edit.err.noDistrict', { id: m[1] ?? '' })],
    [/^'(.+)' lacks the role member$/, (m) => t('edit.err.notMember', { id: m[1] ?? '' })],
    [/^'(.+)' lacks the role substitute$/, (m) => t('edit.err.notSubstitute', { id: m[1] ?? '' })],
    [/is chair but holds no seat/, () => t('edit.err.chairNoSeat')],
    [/mandate period ends before it begins/, () => t('edit.err.mandateOrder')],
    [/^username '(.+)' is taken$/, (m) => t('edit.err.usernameTaken', { id: m[1] ?? '' })],
    [/^(.+) '(.+)' appears twice/, (m) => t('edit.err.twice', { id: m[2] ?? '' })],
  ];
  for (const [re, say] of patterns) {
    const m = re.exec(message);
    if (m) return say(m);
  }
  return message;
}

/** The server's objections (the council's checks), each under its field; the first per field is kept. */
export function serverErrors(issues: readonly Issue[], fields: readonly string[]): FieldErrors {
  const out: FieldErrors = {};
  for (const i of issues) {
    const f = fieldOf(i.path);
    const key = fields.includes(f) ? f : '';
    const text = readable(i.message);
    out[key] = out[key] ? (key === '' ? `${out[key]} ${text}` : out[key]) : text;
  }
  return out;
}

/** The shared schema's objections (input the page can check itself) in Swedish, per field. */
export function schemaErrors(issues: readonly Issue[], fields: readonly string[]): FieldErrors {
  const out: FieldErrors = {};
  for (const i of issues) {
    const f = fieldOf(i.path);
    const key = fields.includes(f) ? f : '';
    const last = f.split('.').pop() ?? '';
    const said = t(`edit.field.${last}`);
    out[key] ??= said === `edit.field.${last}` ? t('edit.err.field') : said;
  }
  return out;
}

/** One recorded change as the page lists it: when, who, and what in a sentence. */
export function describeChange(c: CouncilChange, council: CouncilView): string {
  const name = (id: unknown) =>
    typeof id === 'string' ? (council.people.find((p) => p.id === id)?.name ?? id) : '';
  const party = (id: unknown) =>
    typeof id === 'string'
      ? (council.parties.find((p) => p.id === id)?.abbreviation ?? id)
      : t('edit.noParty');
  const district = (id: unknown) =>
    typeof id === 'string' ? (council.districts.find((d) => d.id === id)?.name ?? id) : '';
  const seatNo = (id: unknown) => council.seats.find((s) => s.id === id)?.number ?? String(id);
  const d = c.detail;
  const obj = (x: unknown): Record<string, unknown> =>
    typeof x === 'object' && x !== null ? Object.fromEntries(Object.entries(x)) : {};
  const str = (x: unknown) => (typeof x === 'string' || typeof x === 'number' ? String(x) : '');
  let what: string;
  switch (c.action) {
    case 'council.imported':
      what = t('edit.log.imported', { seats: str(d['seats']), people: str(d['people']) });
      break;
    case 'council.setBody':
      what = t('edit.log.setBody', {
        name: str(d['name']),
        from: str(d['mandateFrom']) || '…',
        to: str(d['mandateTo']) || '…',
        series: t(`edit.series.${str(d['paragraphSeries'])}`),
      });
      break;
    case 'council.putParty': {
      const p = obj(d['party']);
      what = t('edit.log.putParty', { abbr: str(p['abbreviation']), name: str(p['name']) });
      break;
    }
    case 'council.putPerson': {
      const p = obj(d['person']);
      const roles = Array.isArray(p['roles']) ? p['roles'].map((r) => t(`role.${str(r)}`)) : [];
      what = t('edit.log.putPerson', {
        name: str(p['name']),
        party: party(p['partyId']),
        roles: roles.join(', '),
      });
      break;
    }
    case 'council.putSeat': {
      const s = obj(d['seat']);
      what = t('edit.log.putSeat', {
        n: str(s['number']),
        party: party(s['partyId']),
        name: name(s['memberId']),
      });
      break;
    }
    case 'council.putDistrict':
      what = t('edit.log.putDistrict', { name: str(obj(d['district'])['name']) });
      break;
    case 'council.setSubstitutes': {
      const ids = Array.isArray(d['personIds']) ? d['personIds'] : [];
      what = t('edit.log.setSubstitutes', {
        party: party(d['partyId']),
        district: d['districtId'] ? ` · ${district(d['districtId'])}` : '',
        list: ids.length
          ? ids.map((id, i) => `${i + 1}. ${name(id)}`).join(', ')
          : t('edit.log.noSubstitutes'),
      });
      break;
    }
    case 'council.recordSuccession':
      what = t('edit.log.recordSuccession', {
        n: String(seatNo(d['seatId'])),
        name: name(d['memberId']),
        from: str(d['fromDate']),
        reason: str(d['reason']) ? ` (${str(d['reason'])})` : '',
      });
      break;
    default:
      what = c.action;
  }
  return `${stockholmWhen(c.at)} · ${name(c.actorId)} · ${what}`;
}
