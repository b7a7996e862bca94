// A signed head of a sitting's event log (issue 11 item 4): the position and hash of the chain, signed with Ed25519 by
// a key the database does not hold, so a log rewritten inside the database no longer matches what was published.
import { z } from 'zod';

export const LOG_HEAD_FORMAT = 'council-log-head/v1';

const hex = (bytes: number) => z.string().regex(new RegExp(`^[0-9a-f]{${bytes * 2}}$`));

export const signedHeadSchema = z.object({
  format: z.literal(LOG_HEAD_FORMAT),
  sittingId: z.string().min(1).max(64),
  seq: z.number().int().nonnegative(),
  /** SHA-256 of the event at `seq` (hex), which chains every event before it. */
  hash: hex(32),
  signedAt: z.string(),
  /** First 16 hex digits of SHA-256 over the raw public key: which key signed. */
  keyId: hex(8),
  /** Ed25519 signature (hex) over the canonical JSON of the other fields but `signature`. */
  signature: hex(64),
});

/**
 * A signed log head as published on the public view, `/api/public/sittings/:id/log-head` and the open data.
 * @example signedHeadSchema.parse(await (await fetch('/api/public/sittings/kf-2026-12-14/log-head')).json())
 */
export type SignedHead = z.infer<typeof signedHeadSchema>;
