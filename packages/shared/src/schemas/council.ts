// The council model: bodies, parties, people, seats, substitutes with call-in order, sittings, agenda items.
// Used by the import (CSV/JSON), the demo seed and the sitting's first event (the roster snapshot).
import { z } from 'zod';
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
});
export type Seat = z.infer<typeof seatSchema>;

export const substituteSchema = z.strictObject({
  personId: id,
  partyId: id,
  /** Call-in order within the party (inkallelseordning), 1 first. */
  order: z.number().int().positive(),
});
export type Substitute = z.infer<typeof substituteSchema>;

export const bodySchema = z.strictObject({
  id,
  name: freeText(120, { min: 1 }),
  kind: z.enum(bodyKinds),
  /**
   * Boards only: the council's decided cross-party order per party, e.g. { M: ['M','KD','L','C'] }.
   * A council uses the same party only.
   */
  crossPartyOrder: z.record(id, z.array(id)).default({}),
});
export type Body = z.infer<typeof bodySchema>;

export const documentSchema = z.strictObject({
  title: freeText(200, { min: 1 }),
  url: linkUrl(),
});
export type AgendaDocument = z.infer<typeof documentSchema>;

export const agendaItemSchema = z.strictObject({
  id,
  title: freeText(300, { min: 1 }),
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
  parties: z.array(partySchema).min(1),
  people: z.array(personSchema).min(1),
  seats: z.array(seatSchema).min(1),
  substitutes: z.array(substituteSchema).default([]),
  sittings: z.array(sittingInputSchema).default([]),
});
export type CouncilImport = z.infer<typeof councilImportSchema>;
