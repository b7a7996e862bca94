// The office's hand edits of a council (issue 14): one change at a time, each checked against the whole council and
// recorded (who, when, what). Sittings already scheduled keep the roster they froze; only later ones see a change.
import { z } from 'zod';
import {
  districtSchema,
  emailSchema,
  isoDate,
  partySchema,
  personSchema,
  seatSchema,
} from './council.ts';
import { freeText, idText } from './text.ts';

const id = idText();

export const councilEditSchema = z.discriminatedUnion('type', [
  /** The body's name, mandate period and § series. */
  z.strictObject({
    type: z.literal('setBody'),
    name: freeText(120, { min: 1 }),
    mandateFrom: isoDate.nullable(),
    mandateTo: isoDate.nullable(),
    paragraphSeries: z.enum(['year', 'sitting']),
  }),
  z.strictObject({ type: z.literal('putParty'), party: partySchema }),
  /** A person of the council (new or changed); the e-mail is where the notice goes. */
  z.strictObject({
    type: z.literal('putPerson'),
    person: personSchema,
    email: emailSchema.nullable(),
  }),
  z.strictObject({ type: z.literal('putSeat'), seat: seatSchema }),
  /** A party's substitutes (in a district, where the council has them) in call-in order, first called first. */
  z.strictObject({
    type: z.literal('setSubstitutes'),
    partyId: id,
    districtId: id.nullable(),
    personIds: z.array(id).max(200),
  }),
  z.strictObject({ type: z.literal('putDistrict'), district: districtSchema }),
  /** A member leaves mid-term: the successor holds the seat from the given day. */
  z.strictObject({
    type: z.literal('recordSuccession'),
    seatId: id,
    memberId: id,
    fromDate: isoDate,
    reason: freeText(300).default(''),
  }),
]);
export type CouncilEdit = z.infer<typeof councilEditSchema>;
export type CouncilEditInput = z.input<typeof councilEditSchema>;

export interface Succession {
  seatId: string;
  memberId: string;
  fromDate: string;
  reason: string;
}
