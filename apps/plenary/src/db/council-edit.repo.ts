// Reads a body's council as the office keeps it, and writes one hand edit (the rules are in domain/council/edit.ts).
import { and, asc, eq, isNull } from 'drizzle-orm';
import type { CouncilEdit, Role } from '@council/shared';
import type { CouncilRecord } from '../domain/council/edit.ts';
import type { PlenaryDb, PlenaryTx } from './client.ts';
import { body, district, party, person, seat, seatSuccession, substitute } from './schema.ts';

const knownRoles: readonly Role[] = [
  'member',
  'substitute',
  'chair',
  'secretary',
  'committee',
  'admin',
];

export async function loadCouncil(
  db: PlenaryDb | PlenaryTx,
  bodyId: string,
): Promise<CouncilRecord | null> {
  const [bodies, parties, seats, substitutes, districts, successions, people] = await Promise.all([
    db.select().from(body).where(eq(body.id, bodyId)),
    db.select().from(party).orderBy(asc(party.id)),
    db.select().from(seat).where(eq(seat.bodyId, bodyId)).orderBy(asc(seat.number)),
    db
      .select()
      .from(substitute)
      .where(eq(substitute.bodyId, bodyId))
      .orderBy(asc(substitute.partyId), asc(substitute.districtId), asc(substitute.order)),
    db.select().from(district).where(eq(district.bodyId, bodyId)).orderBy(asc(district.id)),
    db
      .select({
        seatId: seatSuccession.seatId,
        memberId: seatSuccession.memberId,
        fromDate: seatSuccession.fromDate,
        reason: seatSuccession.reason,
      })
      .from(seatSuccession)
      .innerJoin(seat, eq(seat.id, seatSuccession.seatId))
      .where(eq(seat.bodyId, bodyId))
      .orderBy(asc(seatSuccession.fromDate)),
    db.select().from(person).orderBy(asc(person.name)),
  ]);
  const b = bodies[0];
  if (!b) return null;
  return {
    body: {
      id: b.id,
      name: b.name,
      kind: b.kind,
      crossPartyOrder: b.crossPartyOrder,
      paragraphSeries: b.paragraphSeries,
      ...(b.mandateFrom ? { mandateFrom: b.mandateFrom } : {}),
      ...(b.mandateTo ? { mandateTo: b.mandateTo } : {}),
    },
    parties,
    people: people.map((p) => ({
      id: p.id,
      name: p.name,
      partyId: p.partyId,
      username: p.username,
      roles: knownRoles.filter((r) => p.roles.includes(r)),
      email: p.email,
      active: p.active,
    })),
    seats: seats.map((s) => ({
      id: s.id,
      number: s.number,
      partyId: s.partyId,
      memberId: s.memberId,
      ...(s.districtId ? { districtId: s.districtId } : {}),
    })),
    substitutes: substitutes.map((s) => ({
      personId: s.personId,
      partyId: s.partyId,
      order: s.order,
      ...(s.districtId ? { districtId: s.districtId } : {}),
    })),
    districts: districts.map((d) => ({ id: d.id, name: d.name })),
    successions,
  };
}

/** Write one edit already checked against the council (`after` is the council it results in). */
export async function writeCouncilEdit(
  tx: PlenaryTx,
  bodyId: string,
  edit: CouncilEdit,
  after: CouncilRecord,
): Promise<void> {
  switch (edit.type) {
    case 'setBody':
      await tx
        .update(body)
        .set({
          name: edit.name,
          paragraphSeries: edit.paragraphSeries,
          mandateFrom: edit.mandateFrom,
          mandateTo: edit.mandateTo,
        })
        .where(eq(body.id, bodyId));
      return;
    case 'putParty':
      await tx
        .insert(party)
        .values(edit.party)
        .onConflictDoUpdate({
          target: party.id,
          set: {
            abbreviation: edit.party.abbreviation,
            name: edit.party.name,
            color: edit.party.color,
          },
        });
      return;
    case 'putPerson': {
      const p = edit.person;
      await tx
        .insert(person)
        .values({ ...p, email: edit.email })
        .onConflictDoUpdate({
          target: person.id,
          set: {
            name: p.name,
            partyId: p.partyId,
            username: p.username,
            roles: p.roles,
            email: edit.email,
          },
        });
      return;
    }
    case 'putSeat': {
      const s = edit.seat;
      const row = { ...s, bodyId, districtId: s.districtId ?? null };
      await tx
        .insert(seat)
        .values(row)
        .onConflictDoUpdate({
          target: seat.id,
          set: {
            number: s.number,
            partyId: s.partyId,
            memberId: s.memberId,
            districtId: row.districtId,
          },
        });
      return;
    }
    case 'putDistrict':
      await tx
        .insert(district)
        .values({ ...edit.district, bodyId })
        .onConflictDoUpdate({ target: district.id, set: { name: edit.district.name } });
      return;
    case 'setSubstitutes': {
      await tx
        .delete(substitute)
        .where(
          and(
            eq(substitute.bodyId, bodyId),
            eq(substitute.partyId, edit.partyId),
            edit.districtId === null
              ? isNull(substitute.districtId)
              : eq(substitute.districtId, edit.districtId),
          ),
        );
      for (const personId of edit.personIds)
        await tx
          .delete(substitute)
          .where(and(eq(substitute.bodyId, bodyId), eq(substitute.personId, personId)));
      const rows = after.substitutes.filter((s) => edit.personIds.includes(s.personId));
      if (rows.length > 0)
        await tx
          .insert(substitute)
          .values(rows.map((s) => ({ ...s, bodyId, districtId: s.districtId ?? null })));
      await syncRoles(tx, after, edit.personIds);
      return;
    }
    case 'recordSuccession':
      await tx
        .insert(seatSuccession)
        .values({
          seatId: edit.seatId,
          memberId: edit.memberId,
          fromDate: edit.fromDate,
          reason: edit.reason,
        })
        .onConflictDoUpdate({
          target: [seatSuccession.seatId, seatSuccession.fromDate],
          set: { memberId: edit.memberId, reason: edit.reason },
        });
      await syncRoles(tx, after, [edit.memberId]);
      return;
  }
}

/** Roles the edit gave (a substitute listed, a successor seated). */
async function syncRoles(tx: PlenaryTx, after: CouncilRecord, ids: readonly string[]) {
  for (const id of ids) {
    const p = after.people.find((x) => x.id === id);
    if (p) await tx.update(person).set({ roles: p.roles }).where(eq(person.id, id));
  }
}
