// The council model: bodies, parties, people, seats, substitutes with call-in order, sittings, agenda items.
// Used by the import (CSV/JSON), the demo seed and the sitting's first event (the roster snapshot).
import { z } from 'zod';
import { identityLinkSchema } from './identity.ts';
import { freeText, idText, linkUrl } from './text.ts';

const id = idText();

export const roles = ['member', 'substitute', 'chair', 'secretary', 'committee', 'admin'] as const;
export type Role = (typeof roles)[number];

export const bodyKinds = ['council', 'board'] as const;
export type BodyKind = (typeof bodyKinds)[number];

export const partySchema = z.strictObject({
  id,
  abbreviation: freeText(12, { min: 1 }),
  name: freeText(120, { min: 1 }),
  color: z.string().regex(/^#[0-9a-fA-F]{6}$/, 'a colour like #1f6feb'),
});
export type Party = z.infer<typeof partySchema>;

export const personSchema = z.strictObject({
  id,
  name: freeText(120, { min: 1 }),
  partyId: id.nullable(),
  username: z
    .string()
    .min(2)
    .max(64)
    .regex(/^[a-z0-9._-]+$/, 'lower-case letters, digits, . _ -'),
  roles: z.array(z.enum(roles)).min(1),
});
export type Person = z.infer<typeof personSchema>;

export const seatSchema = z.strictObject({
  id,
  number: z.number().int().positive(),
  partyId: id,
  /** The elected member (ledamot) holding the seat. */
  memberId: id,
  /** The electoral district (valkrets) the seat was won in, where the council has districts. */
  districtId: id.optional(),
});
export type Seat = z.infer<typeof seatSchema>;

export const substituteSchema = z.strictObject({
  personId: id,
  partyId: id,
  /** Call-in order within the party (inkallelseordning), 1 first; per district where the council has districts. */
  order: z.number().int().positive(),
  /** The valkrets the substitute was elected in: they stand in only for the party's seats of that district. */
  districtId: id.optional(),
});
export type Substitute = z.infer<typeof substituteSchema>;

/** An electoral district (valkrets) of a council that has several (vallagen 4 kap.). */
export const districtSchema = z.strictObject({ id, name: freeText(120, { min: 1 }) });
export type District = z.infer<typeof districtSchema>;

/** A calendar day, YYYY-MM-DD. */
export const isoDate = z.iso.date();

export const bodySchema = z.strictObject({
  id,
  name: freeText(120, { min: 1 }),
  kind: z.enum(bodyKinds),
  /**
   * Boards only: the council's decided cross-party order per party, e.g. { M: ['M','KD','L','C'] }.
   * A council uses the same party only.
   */
  crossPartyOrder: z.record(id, z.array(id)).default({}),
  /** § numbers run on through the calendar year (the usual, "§§ 71–85"; absent = 'year') or from § 1 each sitting. */
  paragraphSeries: z.enum(['year', 'sitting']).optional(),
  /** The mandate period (mandatperiod), e.g. 2022-10-15 – 2026-10-14: sittings are scheduled inside it. */
  mandateFrom: isoDate.optional(),
  mandateTo: isoDate.optional(),
});
export type Body = z.infer<typeof bodySchema>;

/** Where the notice is e-mailed (kallelse); kept apart from the roster so no projection ever carries it. */
export const emailSchema = z.email('en e-postadress').max(254);

export const documentSchema = z.strictObject({
  title: freeText(200, { min: 1 }),
  url: linkUrl(),
});
export type AgendaDocument = z.infer<typeof documentSchema>;

/**
 * What an item is, which shapes how it is handled: ärende (with case number), motion, medborgarförslag,
 * interpellation (asker and answering commissioner), fråga, val (open or secret), anmälan/information (no decision).
 */
export const agendaItemKinds = [
  'matter',
  'motion',
  'citizenProposal',
  'interpellation',
  'question',
  'election',
  'report',
] as const;
export type AgendaItemKind = (typeof agendaItemKinds)[number];

export const agendaItemDetailsSchema = z.strictObject({
  /** Interpellation or fråga: the member who asks (person id). */
  askedBy: id.optional(),
  /** Interpellation or fråga: the commissioner who answers (name and title). */
  answeredBy: z.string().min(1).max(200).optional(),
  /** Val: held openly or by secret ballot (R22). */
  electionMode: z.enum(['open', 'secret']).optional(),
});

export const agendaItemSchema = z.strictObject({
  id,
  title: freeText(300, { min: 1 }),
  /** Absent = 'matter' (items scheduled before kinds existed). */
  kind: z.enum(agendaItemKinds).optional(),
  details: agendaItemDetailsSchema.optional(),
  caseNumber: freeText(40).default(''),
  description: freeText(5000).default(''),
  /** R13: confidential items are never webcast; remote members only if the chair allows. */
  confidential: z.boolean().default(false),
  documents: z.array(documentSchema).default([]),
});
export type AgendaItemInput = z.infer<typeof agendaItemSchema>;

export const sittingInputSchema = z.strictObject({
  id,
  bodyId: id,
  title: freeText(200, { min: 1 }),
  startsAt: z.iso.datetime({ offset: true }),
  /** R03: the physical room where the presidium and secretary are. */
  room: freeText(200, { min: 1 }),
  /** R02: the reason remote participation is allowed, stated in the notice; null = no remote. */
  remoteReason: freeText(1000).nullable().default(null),
  items: z.array(agendaItemSchema).min(1),
});
export type SittingInput = z.infer<typeof sittingInputSchema>;

/** A whole council as imported from JSON (docs/import-format.md). */
export const councilImportSchema = z.strictObject({
  body: bodySchema,
  /** E-mail addresses for the notice, by person id (the CSV's optional `email` column). */
  contacts: z.array(z.strictObject({ personId: id, email: emailSchema })).optional(),
  /**
   * Who each person is at the identity provider (issue 17): the issuer and the value of the identifying claim. A person
   * signs in through the provider only when linked; an unlinked identity gets the "not registered" page.
   */
  identities: z.array(identityLinkSchema).optional(),
  parties: z.array(partySchema).min(1),
  people: z.array(personSchema).min(1),
  seats: z.array(seatSchema).min(1),
  substitutes: z.array(substituteSchema).default([]),
  /** Valkretsar, where the council has them: seats and substitutes then name theirs. */
  districts: z.array(districtSchema).optional(),
  sittings: z.array(sittingInputSchema).default([]),
});
export type CouncilImport = z.infer<typeof councilImportSchema>;
