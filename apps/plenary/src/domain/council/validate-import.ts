// Cross-reference checks on an imported council that a schema alone cannot make; each error names row and field.
import type { CouncilImport } from '@council/shared';

/** What the structural checks need: the council without its sittings (an import, or the council as edited). */
export type CouncilShape = Pick<
  CouncilImport,
  'body' | 'parties' | 'people' | 'seats' | 'substitutes' | 'districts' | 'contacts'
>;

export interface ImportError {
  /** e.g. "seats[3].memberId" or "members.csv row 7, column party". */
  path: string;
  message: string;
}

export interface Existing {
  personIds: ReadonlySet<string>;
  usernames: ReadonlySet<string>;
  /** Identities already linked to someone, as identityKey(issuer, subject). */
  identities?: ReadonlySet<string>;
  bodyIds: ReadonlySet<string>;
  sittingIds: ReadonlySet<string>;
}

function duplicates<T>(
  items: readonly T[],
  key: (t: T) => string,
  path: (i: number) => string,
  what: string,
): ImportError[] {
  const seen = new Map<string, number>();
  const errors: ImportError[] = [];
  items.forEach((item, i) => {
    const k = key(item);
    const first = seen.get(k);
    if (first !== undefined)
      errors.push({
        path: path(i),
        message: `${what} '${k}' appears twice (first at row ${first + 1})`,
      });
    else seen.set(k, i);
  });
  return errors;
}

/** One identity at one provider, as a set key (issuer URLs hold no spaces). */
export const identityKey = (issuer: string, subject: string) => `${issuer} ${subject}`;

function checkIdentities(data: CouncilImport, existing: Existing): ImportError[] {
  const people = new Set(data.people.map((p) => p.id));
  const list = data.identities ?? [];
  const errors = duplicates(
    list,
    (l) => identityKey(l.issuer, l.subject),
    (i) => `identities[${i}].subject`,
    'identity',
  );
  list.forEach((l, i) => {
    if (!people.has(l.personId))
      errors.push({ path: `identities[${i}].personId`, message: `no person '${l.personId}'` });
    if (existing.identities?.has(identityKey(l.issuer, l.subject)))
      errors.push({
        path: `identities[${i}].subject`,
        message: `identity '${l.subject}' at ${l.issuer} is already linked to someone`,
      });
  });
  return errors;
}

export function validateCouncilImport(data: CouncilImport, existing: Existing): ImportError[] {
  const errors = checkCouncil(data);
  errors.push(...checkIdentities(data, existing));
  errors.push(
    ...duplicates(
      data.sittings,
      (s) => s.id,
      (i) => `sittings[${i}].id`,
      'sitting id',
    ),
  );
  if (existing.bodyIds.has(data.body.id))
    errors.push({ path: 'body.id', message: `body '${data.body.id}' already exists` });
  data.people.forEach((p, i) => {
    if (existing.personIds.has(p.id))
      errors.push({ path: `people[${i}].id`, message: `person '${p.id}' already exists` });
    if (existing.usernames.has(p.username))
      errors.push({ path: `people[${i}].username`, message: `username '${p.username}' is taken` });
  });
  data.sittings.forEach((s, i) => {
    if (s.bodyId !== data.body.id)
      errors.push({ path: `sittings[${i}].bodyId`, message: `must be '${data.body.id}'` });
    if (existing.sittingIds.has(s.id))
      errors.push({ path: `sittings[${i}].id`, message: `sitting '${s.id}' already exists` });
    errors.push(
      ...duplicates(
        s.items,
        (it) => it.id,
        (j) => `sittings[${i}].items[${j}].id`,
        'item id',
      ),
    );
  });
  return errors;
}

/** The council's own consistency (parties, people, seats, substitutes, districts), for an import and after each edit. */
export function checkCouncil(data: CouncilShape): ImportError[] {
  const errors: ImportError[] = [];
  const districts = data.districts ?? [];
  const districtIds = new Set(districts.map((d) => d.id));
  const partyIds = new Set(data.parties.map((p) => p.id));
  const people = new Map(data.people.map((p) => [p.id, p]));

  errors.push(
    ...duplicates(
      data.parties,
      (p) => p.id,
      (i) => `parties[${i}].id`,
      'party id',
    ),
  );
  errors.push(
    ...duplicates(
      data.people,
      (p) => p.id,
      (i) => `people[${i}].id`,
      'person id',
    ),
  );
  errors.push(
    ...duplicates(
      data.people,
      (p) => p.username,
      (i) => `people[${i}].username`,
      'username',
    ),
  );
  errors.push(
    ...duplicates(
      data.seats,
      (s) => String(s.number),
      (i) => `seats[${i}].number`,
      'seat number',
    ),
  );
  errors.push(
    ...duplicates(
      data.seats,
      (s) => s.memberId,
      (i) => `seats[${i}].memberId`,
      'member',
    ),
  );
  errors.push(
    ...duplicates(
      data.substitutes,
      (s) => `${s.partyId}${s.districtId ? `/${s.districtId}` : ''} #${s.order}`,
      (i) => `substitutes[${i}].order`,
      'call-in position',
    ),
  );
  errors.push(
    ...duplicates(
      districts,
      (d) => d.id,
      (i) => `districts[${i}].id`,
      'district id',
    ),
  );
  data.people.forEach((p, i) => {
    if (p.partyId !== null && !partyIds.has(p.partyId))
      errors.push({ path: `people[${i}].partyId`, message: `no party '${p.partyId}'` });
  });
  // In a council the chair (ordförande) is one of its elected members: a chair without a seat is a typing error.
  const seated = new Set(data.seats.map((s) => s.memberId));
  if (data.body.kind === 'council')
    data.people.forEach((p, i) => {
      if (p.roles.includes('chair') && !seated.has(p.id))
        errors.push({
          path: `people[${i}].roles`,
          message: `'${p.id}' is chair but holds no seat: the council's chair is one of its members`,
        });
    });
  (data.contacts ?? []).forEach((c, i) => {
    if (!people.has(c.personId))
      errors.push({ path: `contacts[${i}].personId`, message: `no person '${c.personId}'` });
  });
  data.seats.forEach((s, i) => {
    if (!partyIds.has(s.partyId))
      errors.push({ path: `seats[${i}].partyId`, message: `no party '${s.partyId}'` });
    const member = people.get(s.memberId);
    if (!member)
      errors.push({ path: `seats[${i}].memberId`, message: `no person '${s.memberId}'` });
    else if (!member.roles.includes('member'))
      errors.push({
        path: `seats[${i}].memberId`,
        message: `'${s.memberId}' lacks the role member`,
      });
  });
  data.substitutes.forEach((s, i) => {
    if (!partyIds.has(s.partyId))
      errors.push({ path: `substitutes[${i}].partyId`, message: `no party '${s.partyId}'` });
    const sub = people.get(s.personId);
    if (!sub)
      errors.push({ path: `substitutes[${i}].personId`, message: `no person '${s.personId}'` });
    else if (!sub.roles.includes('substitute'))
      errors.push({
        path: `substitutes[${i}].personId`,
        message: `'${s.personId}' lacks the role substitute`,
      });
  });
  Object.entries(data.body.crossPartyOrder).forEach(([partyId, order]) => {
    if (data.body.kind === 'council')
      errors.push({
        path: `body.crossPartyOrder.${partyId}`,
        message: 'a council takes substitutes from the same party only',
      });
    for (const p of [partyId, ...order])
      if (!partyIds.has(p))
        errors.push({ path: `body.crossPartyOrder.${partyId}`, message: `no party '${p}'` });
  });
  if (data.body.mandateFrom && data.body.mandateTo && data.body.mandateTo < data.body.mandateFrom)
    errors.push({ path: 'body.mandateTo', message: 'the mandate period ends before it begins' });
  const inDistrict = (row: { districtId?: string | undefined }, path: string) => {
    if (row.districtId !== undefined && !districtIds.has(row.districtId))
      errors.push({ path, message: `no district '${row.districtId}'` });
  };
  data.seats.forEach((s, i) => inDistrict(s, `seats[${i}].districtId`));
  data.substitutes.forEach((s, i) => inDistrict(s, `substitutes[${i}].districtId`));
  return errors;
}
