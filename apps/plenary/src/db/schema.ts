// Plenary's tables (drizzle). Rules live in domain/; this file only says what is stored.
import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
} from 'drizzle-orm/pg-core';

export const body = pgTable('body', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  kind: text('kind', { enum: ['council', 'board'] }).notNull(),
  crossPartyOrder: jsonb('cross_party_order')
    .$type<Record<string, string[]>>()
    .notNull()
    .default({}),
});

export const party = pgTable('party', {
  id: text('id').primaryKey(),
  abbreviation: text('abbreviation').notNull(),
  name: text('name').notNull(),
  color: text('color').notNull(),
});

export const person = pgTable('person', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  partyId: text('party_id').references(() => party.id),
  username: text('username').notNull().unique(),
  /** scrypt$N$r$p$salt$hash — never the password itself. */
  passwordHash: text('password_hash'),
  roles: text('roles').array().notNull(),
});

export const seat = pgTable(
  'seat',
  {
    id: text('id').primaryKey(),
    bodyId: text('body_id')
      .notNull()
      .references(() => body.id),
    number: integer('number').notNull(),
    partyId: text('party_id')
      .notNull()
      .references(() => party.id),
    memberId: text('member_id')
      .notNull()
      .references(() => person.id),
  },
  (t) => [
    unique('seat_body_number').on(t.bodyId, t.number),
    unique('seat_body_member').on(t.bodyId, t.memberId),
  ],
);

export const substitute = pgTable(
  'substitute',
  {
    bodyId: text('body_id')
      .notNull()
      .references(() => body.id),
    personId: text('person_id')
      .notNull()
      .references(() => person.id),
    partyId: text('party_id')
      .notNull()
      .references(() => party.id),
    order: integer('call_order').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.bodyId, t.personId] }),
    unique('substitute_order').on(t.bodyId, t.partyId, t.order),
  ],
);

export const sitting = pgTable('sitting', {
  id: text('id').primaryKey(),
  bodyId: text('body_id')
    .notNull()
    .references(() => body.id),
  title: text('title').notNull(),
  startsAt: timestamp('starts_at', { withTimezone: true, mode: 'string' }).notNull(),
  room: text('room').notNull(),
  remoteReason: text('remote_reason'),
});

export const agendaItem = pgTable(
  'agenda_item',
  {
    id: text('id').notNull(),
    sittingId: text('sitting_id')
      .notNull()
      .references(() => sitting.id),
    position: integer('position').notNull(),
    title: text('title').notNull(),
    caseNumber: text('case_number').notNull().default(''),
    description: text('description').notNull().default(''),
    confidential: boolean('confidential').notNull().default(false),
    documents: jsonb('documents').$type<{ title: string; url: string }[]>().notNull().default([]),
  },
  (t) => [
    primaryKey({ columns: [t.sittingId, t.id] }),
    unique('agenda_item_position').on(t.sittingId, t.position),
  ],
);

/** The append-only, hash-chained log. Triggers in the migration refuse UPDATE and DELETE. */
export const sittingEvent = pgTable(
  'sitting_event',
  {
    sittingId: text('sitting_id')
      .notNull()
      .references(() => sitting.id),
    seq: integer('seq').notNull(),
    type: text('type').notNull(),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull(),
    actorId: text('actor_id'),
    at: text('at').notNull(),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [primaryKey({ columns: [t.sittingId, t.seq] }), unique('sitting_event_hash').on(t.hash)],
);

/** The log's head and the read model derived from it, written in the same transaction as the events. */
export const sittingHead = pgTable('sitting_head', {
  sittingId: text('sitting_id')
    .primaryKey()
    .references(() => sitting.id),
  seq: integer('seq').notNull(),
  hash: text('hash').notNull(),
  state: jsonb('state').$type<Record<string, unknown>>().notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'string' })
    .notNull()
    .default(sql`now()`),
});

export const authSession = pgTable(
  'auth_session',
  {
    /** SHA-256 of the cookie token: a stolen table does not yield live sessions. */
    tokenHash: text('token_hash').primaryKey(),
    personId: text('person_id')
      .notNull()
      .references(() => person.id),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'string' }).notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'string' }).notNull(),
  },
  (t) => [index('auth_session_person').on(t.personId)],
);

/** Service keys (e.g. the Ed25519 key that signs eligible rolls for the ballot service). */
export const serviceKey = pgTable('service_key', {
  name: text('name').primaryKey(),
  secret: text('secret').notNull(),
  publicKey: text('public_key').notNull(),
  createdAt: bigint('created_at', { mode: 'number' }).notNull(),
});
