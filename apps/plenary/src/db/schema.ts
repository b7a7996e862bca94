// Plenary's tables (drizzle). Rules live in domain/; this file only says what is stored.
import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  customType,
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
  /** How § numbers run: on through the calendar year (the usual), or from § 1 in every sitting. */
  paragraphSeries: text('paragraph_series', { enum: ['year', 'sitting'] })
    .notNull()
    .default('year'),
  /** The mandate period, YYYY-MM-DD (null: not entered). */
  mandateFrom: text('mandate_from'),
  mandateTo: text('mandate_to'),
});

/** Electoral districts (valkretsar) of a body that has them. */
export const district = pgTable('district', {
  id: text('id').primaryKey(),
  bodyId: text('body_id')
    .notNull()
    .references(() => body.id),
  name: text('name').notNull(),
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
  /** Where the notice (kallelse) is sent; never part of a sitting's roster or any projection. */
  email: text('email'),
  /** A deactivated account cannot sign in; the person stays in past sittings. */
  active: boolean('active').notNull().default(true),
  /** Set with a temporary password: the person chooses their own at the next sign-in. */
  mustChangePassword: boolean('must_change_password').notNull().default(false),
  /** The hash is the demo password: cleared on a start without the demo. */
  demoPassword: boolean('demo_password').notNull().default(false),
  lastLoginAt: timestamp('last_login_at', { withTimezone: true, mode: 'string' }),
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
    districtId: text('district_id').references(() => district.id),
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
    districtId: text('district_id').references(() => district.id),
  },
  (t) => [
    primaryKey({ columns: [t.bodyId, t.personId] }),
    unique('substitute_order').on(t.bodyId, t.partyId, t.districtId, t.order).nullsNotDistinct(),
  ],
);

/**
 * A member leaving mid-term and the successor taking the seat from a date (the county board's new count). The seat's
 * holder on a day is the latest succession from that day or before, else the seat's elected member.
 */
export const seatSuccession = pgTable(
  'seat_succession',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    seatId: text('seat_id')
      .notNull()
      .references(() => seat.id),
    memberId: text('member_id')
      .notNull()
      .references(() => person.id),
    /** YYYY-MM-DD: the first day the successor holds the seat. */
    fromDate: text('from_date').notNull(),
    reason: text('reason').notNull().default(''),
  },
  (t) => [unique('seat_succession_day').on(t.seatId, t.fromDate)],
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
    /** ärende, motion, medborgarförslag, interpellation, fråga, val, anmälan (AgendaItemKind). */
    kind: text('kind').notNull().default('matter'),
    details: jsonb('details').$type<Record<string, unknown>>().notNull().default({}),
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

/**
 * Signed heads of the log (issue 11 item 4): one per committed batch and one at each minutes lock. Append-only
 * (triggers), and a row must name an event that exists with that hash. The signing key is never in the database.
 */
export const sittingHeadSignature = pgTable(
  'sitting_head_signature',
  {
    sittingId: text('sitting_id')
      .notNull()
      .references(() => sitting.id),
    seq: integer('seq').notNull(),
    hash: text('hash').notNull(),
    signedAt: text('signed_at').notNull(),
    keyId: text('key_id').notNull(),
    signature: text('signature').notNull(),
  },
  (t) => [primaryKey({ columns: [t.sittingId, t.seq] })],
);

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
    /** How the person signed in (password, oidc, saml) and the level the provider reported (acr): step-up acts and
     * the minutes' adjustment block read them (issue 17). */
    method: text('method').notNull().default('password'),
    acr: text('acr'),
  },
  (t) => [index('auth_session_person').on(t.personId)],
);

/**
 * Failed sign-ins per account and per address (rate-limiter-flexible's Drizzle store, issue 11 item 6): in the
 * service's own database so the count holds across every plenary process.
 */
export const loginThrottle = pgTable('login_throttle', {
  key: text('key').primaryKey(),
  points: integer('points').notNull().default(0),
  expire: timestamp('expire', { withTimezone: true, mode: 'date' }),
});

/** Service keys (e.g. the Ed25519 key that signs eligible rolls for the ballot service). */
export const serviceKey = pgTable('service_key', {
  name: text('name').primaryKey(),
  secret: text('secret').notNull(),
  publicKey: text('public_key').notNull(),
  createdAt: bigint('created_at', { mode: 'number' }).notNull(),
});

/** One-time links to set a password (only the SHA-256 of the token is kept). */
export const passwordReset = pgTable('password_reset', {
  tokenHash: text('token_hash').primaryKey(),
  personId: text('person_id')
    .notNull()
    .references(() => person.id),
  createdBy: text('created_by').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true, mode: 'string' }).notNull(),
  expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'string' }).notNull(),
  usedAt: timestamp('used_at', { withTimezone: true, mode: 'string' }),
});

/** The office's record of every change to accounts and the council: who, when, what. Only ever appended. */
export const officeChange = pgTable(
  'office_change',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    at: timestamp('at', { withTimezone: true, mode: 'string' }).notNull(),
    actorId: text('actor_id').notNull(),
    subject: text('subject').notNull(),
    action: text('action').notNull(),
    detail: jsonb('detail').$type<Record<string, unknown>>().notNull().default({}),
  },
  (t) => [index('office_change_subject').on(t.subject)],
);

const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({
  dataType: () => 'bytea',
});

/** Files the office uploads (R02, R08): stored in the database with their SHA-256, never a typed address. */
export const storedFile = pgTable(
  'stored_file',
  {
    id: text('id').primaryKey(),
    sittingId: text('sitting_id')
      .notNull()
      .references(() => sitting.id),
    /** null for the notice itself. */
    itemId: text('item_id'),
    title: text('title').notNull(),
    filename: text('filename').notNull(),
    mediaType: text('media_type').notNull(),
    size: integer('size').notNull(),
    sha256: text('sha256').notNull(),
    content: bytea('content').notNull(),
    uploadedBy: text('uploaded_by').notNull(),
    uploadedAt: timestamp('uploaded_at', { withTimezone: true, mode: 'string' }).notNull(),
  },
  (t) => [index('stored_file_sitting').on(t.sittingId)],
);

/** The digital notice board (anslagstavla, KL 8 kap. 9–12 §§): notices of sittings and adjusted minutes. */
export const noticeBoardPosting = pgTable(
  'notice_board_posting',
  {
    id: text('id').primaryKey(),
    sittingId: text('sitting_id')
      .notNull()
      .references(() => sitting.id),
    kind: text('kind', { enum: ['notice', 'minutes'] }).notNull(),
    title: text('title').notNull(),
    /** Swedish dates YYYY-MM-DD. */
    postedOn: text('posted_on').notNull(),
    removedOn: text('removed_on').notNull(),
    postedAt: timestamp('posted_at', { withTimezone: true, mode: 'string' }).notNull(),
    fileId: text('file_id'),
  },
  (t) => [unique('notice_board_sitting_kind').on(t.sittingId, t.kind)],
);

/** Each e-mail of a notice: to whom, when, and the SMTP server's answer. */
export const noticeDispatch = pgTable(
  'notice_dispatch',
  {
    sittingId: text('sitting_id')
      .notNull()
      .references(() => sitting.id),
    personId: text('person_id')
      .notNull()
      .references(() => person.id),
    email: text('email').notNull(),
    sentAt: timestamp('sent_at', { withTimezone: true, mode: 'string' }).notNull(),
    messageId: text('message_id'),
    error: text('error'),
  },
  (t) => [primaryKey({ columns: [t.sittingId, t.personId, t.sentAt] })],
);

/**
 * A person's identity at the municipality's identity provider (issue 17): the issuer and the value of the claim that
 * identifies them (`sub`, or e.g. an employee number). Sign-in finds the person here; an unknown identity never
 * becomes an account.
 */
export const personIdentity = pgTable(
  'person_identity',
  {
    issuer: text('issuer').notNull(),
    subject: text('subject').notNull(),
    personId: text('person_id')
      .notNull()
      .references(() => person.id),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'string' })
      .notNull()
      .default(sql`now()`),
  },
  (t) => [
    primaryKey({ columns: [t.issuer, t.subject] }),
    index('person_identity_person').on(t.personId),
  ],
);
