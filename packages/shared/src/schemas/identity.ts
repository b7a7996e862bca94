// Links between a person and their identity at the municipality's identity provider (issue 17): set by the office.
import { z } from 'zod';
import { freeText, idText } from './text.ts';

/**
 * One identity: the provider's issuer URL and the value of the identifying claim (OIDC_CLAIM, `sub` by default).
 * @example identityLinkSchema.parse({ personId: 'ledamot-05', issuer: 'https://login.example.se', subject: '19650101-1234' })
 */
export const identityLinkSchema = z.strictObject({
  personId: idText(),
  issuer: z.url().max(500),
  subject: freeText(500, { min: 1, trim: true }),
});
export type IdentityLink = z.infer<typeof identityLinkSchema>;

export const identityUnlinkSchema = identityLinkSchema.omit({ personId: true });
