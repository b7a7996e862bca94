// Writes and reads the council model (bodies, parties, people, seats, substitutes, sittings, agenda items).
import { asc, eq } from 'drizzle-orm';
import type { CouncilImport, SittingInput } from '@council/shared';
import { identityKey } from '../domain/council/validate-import.ts';
import type { PlenaryDb, PlenaryTx } from './client.ts';
import {
  agendaItem,
  body,
  district,
  party,
  person,
  personIdentity,
  seat,
  sitting,
  sittingHead,
  substitute,
} from './schema.ts';

export async function insertCouncil(
  tx: PlenaryTx,
  data: CouncilImport,
  passwordHashes: Map<string, string>,
): Promise<void> {
  await tx
    .insert(body)
    .values(data.body)
    .onConflictDoUpdate({
      target: body.id,
      set: {
        name: data.body.name,
        kind: data.body.kind,
        crossPartyOrder: data.body.crossPartyOrder,
        paragraphSeries: data.body.paragraphSeries ?? 'year',
        mandateFrom: data.body.mandateFrom ?? null,
        mandateTo: data.body.mandateTo ?? null,
      },
    });
  for (const p of data.parties)
    await tx
      .insert(party)
      .values(p)
      .onConflictDoUpdate({
        target: party.id,
        set: { abbreviation: p.abbreviation, name: p.name, color: p.color },
      });
  const emails = new Map((data.contacts ?? []).map((c) => [c.personId, c.email]));
  if (data.people.length > 0)
    await tx.insert(person).values(
      data.people.map((p) => ({
        ...p,
        passwordHash: passwordHashes.get(p.id) ?? null,
        email: emails.get(p.id) ?? null,
      })),
    );
  if (data.identities && data.identities.length > 0)
    await tx.insert(personIdentity).values(data.identities);
  if (data.districts && data.districts.length > 0)
    await tx.insert(district).values(data.districts.map((d) => ({ ...d, bodyId: data.body.id })));
  await tx.insert(seat).values(data.seats.map((s) => ({ ...s, bodyId: data.body.id })));
  if (data.substitutes.length > 0)
    await tx
      .insert(substitute)
      .values(data.substitutes.map((s) => ({ ...s, bodyId: data.body.id })));
}

export async function insertSitting(tx: PlenaryTx, input: SittingInput): Promise<void> {
  await tx.insert(sitting).values({
    id: input.id,
    bodyId: input.bodyId,
    title: input.title,
    startsAt: input.startsAt,
    room: input.room,
    remoteReason: input.remoteReason,
  });
  await tx
    .insert(agendaItem)
    .values(input.items.map((item, i) => ({ ...item, sittingId: input.id, position: i + 1 })));
}

export async function existingIds(db: PlenaryDb | PlenaryTx) {
  const [people, bodies, sittings, identities] = await Promise.all([
    db.select({ id: person.id, username: person.username }).from(person),
    db.select({ id: body.id }).from(body),
    db.select({ id: sitting.id }).from(sitting),
    db
      .select({ issuer: personIdentity.issuer, subject: personIdentity.subject })
      .from(personIdentity),
  ]);
  return {
    personIds: new Set(people.map((p) => p.id)),
    usernames: new Set(people.map((p) => p.username)),
    bodyIds: new Set(bodies.map((b) => b.id)),
    sittingIds: new Set(sittings.map((s) => s.id)),
    identities: new Set(identities.map((i) => identityKey(i.issuer, i.subject))),
  };
}

export async function usernameOwner(db: PlenaryDb | PlenaryTx, username: string) {
  const rows = await db.select({ id: person.id }).from(person).where(eq(person.username, username));
  return rows[0]?.id ?? null;
}

export async function listSittings(db: PlenaryDb) {
  return db
    .select({
      id: sitting.id,
      title: sitting.title,
      startsAt: sitting.startsAt,
      room: sitting.room,
      bodyId: sitting.bodyId,
      bodyName: body.name,
      seq: sittingHead.seq,
    })
    .from(sitting)
    .innerJoin(body, eq(body.id, sitting.bodyId))
    .leftJoin(sittingHead, eq(sittingHead.sittingId, sitting.id))
    .orderBy(asc(sitting.startsAt));
}

export async function countBodies(db: PlenaryDb): Promise<number> {
  const rows = await db.select({ id: body.id }).from(body);
  return rows.length;
}
