// The council as the office keeps it between imports: one hand edit at a time, checked against the whole council
// (the import's own checks), and the roster a sitting on a given day freezes (who holds each seat that day).
import type {
  Body,
  CouncilEdit,
  District,
  Party,
  Person,
  Role,
  Seat,
  Substitute,
  Succession,
} from '@council/shared';
import type { Roster } from '../sitting/types.ts';
import { checkCouncil, type ImportError } from './validate-import.ts';

export interface CouncilPerson extends Person {
  email: string | null;
  active: boolean;
}

/** Roles that belong to the sitting without a seat: the desk, the election committee, the administrator. */
const staffRoles: readonly Role[] = ['secretary', 'committee', 'admin'];

/** The council of one body as stored: the elected seats, their successions, substitutes, districts. */
export interface CouncilRecord {
  body: Body;
  parties: Party[];
  /** Everyone with an account (the pick list for seats, substitutes and successors); the body's own are referenced. */
  people: CouncilPerson[];
  seats: Seat[];
  substitutes: Substitute[];
  districts: District[];
  successions: Succession[];
}

/** Who holds the seat on a day: the latest successor from that day or before, else the elected member. */
export function holderOn(c: Pick<CouncilRecord, 'successions'>, seat: Seat, day: string): string {
  const latest = c.successions
    .filter((s) => s.seatId === seat.id && s.fromDate <= day)
    .sort((a, b) => a.fromDate.localeCompare(b.fromDate))
    .at(-1);
  return latest?.memberId ?? seat.memberId;
}

/** The seats as they stand on a day. */
export function seatsOn(c: CouncilRecord, day: string): Seat[] {
  return [...c.seats]
    .sort((a, b) => a.number - b.number)
    .map((s) => ({ ...s, memberId: holderOn(c, s, day) }));
}

/** The roster a sitting on `day` freezes: seat holders that day, substitutes who hold no seat, active people only. */
export function rosterOn(c: CouncilRecord, day: string): Roster {
  const seats = seatsOn(c, day);
  const seated = new Set(seats.map((s) => s.memberId));
  const active = new Set(c.people.filter((p) => p.active).map((p) => p.id));
  const substitutes = c.substitutes
    .filter((s) => !seated.has(s.personId) && active.has(s.personId))
    .sort(
      (a, b) =>
        a.partyId.localeCompare(b.partyId) ||
        (a.districtId ?? '').localeCompare(b.districtId ?? '') ||
        a.order - b.order,
    );
  const serving = new Set([...seated, ...substitutes.map((s) => s.personId)]);
  const people = c.people
    .filter((p) => p.active)
    .filter((p) => serving.has(p.id) || p.roles.some((r) => staffRoles.includes(r)))
    .map(({ email: _email, active: _active, ...p }) => p);
  return {
    body: c.body,
    parties: c.parties,
    people,
    seats,
    substitutes,
    ...(c.districts.length > 0 ? { districts: c.districts } : {}),
  };
}

/** A day inside the mandate period (or no period entered). */
export function withinMandate(body: Body, day: string): boolean {
  return (
    (!body.mandateFrom || day >= body.mandateFrom) && (!body.mandateTo || day <= body.mandateTo)
  );
}

function withRole(c: CouncilRecord, personId: string, role: Role): CouncilPerson[] {
  return c.people.map((p) =>
    p.id === personId && !p.roles.includes(role) ? { ...p, roles: [...p.roles, role] } : p,
  );
}

export type EditResult = { council: CouncilRecord } | { errors: ImportError[] };

/** Apply one edit and check the council that results; nothing is changed when it has errors. */
export function applyCouncilEdit(c: CouncilRecord, edit: CouncilEdit): EditResult {
  const next = apply(c, edit);
  if ('errors' in next) return next;
  // The import's checks over this body's people (people are shared between bodies: another body's chair is not ours).
  const ours = new Set([
    ...next.seats.map((s) => s.memberId),
    ...next.substitutes.map((s) => s.personId),
    ...next.successions.map((s) => s.memberId),
    ...(edit.type === 'putPerson' ? [edit.person.id] : []),
  ]);
  const errors = [
    ...checkCouncil({ ...next, people: next.people.filter((p) => ours.has(p.id)) }),
    ...checkSuccessions(next),
  ];
  return errors.length > 0 ? { errors } : { council: next };
}

function apply(c: CouncilRecord, edit: CouncilEdit): CouncilRecord | { errors: ImportError[] } {
  switch (edit.type) {
    case 'setBody': {
      const { mandateFrom: _from, mandateTo: _to, ...rest } = c.body;
      return {
        ...c,
        body: {
          ...rest,
          name: edit.name,
          paragraphSeries: edit.paragraphSeries,
          ...(edit.mandateFrom ? { mandateFrom: edit.mandateFrom } : {}),
          ...(edit.mandateTo ? { mandateTo: edit.mandateTo } : {}),
        },
      };
    }
    case 'putParty':
      return { ...c, parties: upsert(c.parties, edit.party, (p) => p.id) };
    case 'putPerson': {
      const old = c.people.find((p) => p.id === edit.person.id);
      return {
        ...c,
        people: upsert(
          c.people,
          { ...edit.person, email: edit.email, active: old?.active ?? true },
          (p) => p.id,
        ),
      };
    }
    case 'putSeat':
      return { ...c, seats: upsert(c.seats, edit.seat, (s) => s.id) };
    case 'putDistrict':
      return { ...c, districts: upsert(c.districts, edit.district, (d) => d.id) };
    case 'setSubstitutes': {
      const districtId = edit.districtId ?? undefined;
      const same = (s: Substitute) =>
        s.partyId === edit.partyId && (s.districtId ?? undefined) === districtId;
      const twice = edit.personIds.find((p, i) => edit.personIds.indexOf(p) !== i);
      if (twice)
        return {
          errors: [
            {
              path: 'personIds',
              message: `'${twice}' står två gånger i listan.`,
            },
          ],
        };
      const listed = new Set(edit.personIds);
      let people = c.people;
      for (const p of edit.personIds) people = withRole({ ...c, people }, p, 'substitute');
      return {
        ...c,
        people,
        substitutes: [
          // A person is a substitute once per body: listing them here moves them from another list.
          ...c.substitutes.filter((s) => !same(s) && !listed.has(s.personId)),
          ...edit.personIds.map((personId, i) => ({
            personId,
            partyId: edit.partyId,
            order: i + 1,
            ...(districtId ? { districtId } : {}),
          })),
        ],
      };
    }
    case 'recordSuccession': {
      const seat = c.seats.find((s) => s.id === edit.seatId);
      if (!seat)
        return {
          errors: [{ path: 'seatId', message: `Det finns inget mandat ${edit.seatId}.` }],
        };
      const before = holderOn(c, seat, edit.fromDate);
      if (before === edit.memberId)
        return {
          errors: [
            {
              path: 'memberId',
              message: 'Efterträdaren har redan mandatet den dagen.',
            },
          ],
        };
      return {
        ...c,
        people: withRole(c, edit.memberId, 'member'),
        successions: [
          ...c.successions.filter(
            (s) => !(s.seatId === edit.seatId && s.fromDate === edit.fromDate),
          ),
          {
            seatId: edit.seatId,
            memberId: edit.memberId,
            fromDate: edit.fromDate,
            reason: edit.reason,
          },
        ],
      };
    }
  }
}

/** A successor exists, is inside the mandate period, and holds no other seat on any day from then. */
function checkSuccessions(c: CouncilRecord): ImportError[] {
  const errors: ImportError[] = [];
  const people = new Set(c.people.map((p) => p.id));
  c.successions.forEach((s, i) => {
    const path = `successions[${i}]`;
    if (!people.has(s.memberId))
      errors.push({ path: `${path}.memberId`, message: `no person '${s.memberId}'` });
    if (!withinMandate(c.body, s.fromDate))
      errors.push({
        path: `${path}.fromDate`,
        message: `${s.fromDate} ligger utanför mandatperioden.`,
      });
  });
  // Every day a holder changes, nobody may hold two seats.
  const days = [...new Set(['0000-00-00', ...c.successions.map((s) => s.fromDate)])];
  for (const day of days) {
    const held = new Map<string, number>();
    for (const seat of c.seats) {
      const holder = holderOn(c, seat, day);
      const other = held.get(holder);
      if (other !== undefined)
        errors.push({
          path: `seats.${seat.id}`,
          message: `${holder} skulle ha både mandat ${other} och ${seat.number} från ${day === '0000-00-00' ? 'början' : day}.`,
        });
      else held.set(holder, seat.number);
    }
  }
  return errors;
}

function upsert<T>(rows: readonly T[], row: T, key: (t: T) => string): T[] {
  const k = key(row);
  return rows.some((r) => key(r) === k)
    ? rows.map((r) => (key(r) === k ? row : r))
    : [...rows, row];
}
