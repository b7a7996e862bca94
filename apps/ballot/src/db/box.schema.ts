// Ballot box store: knows no identities. No timestamp, serial or identity column may ever be added here (schema test).
// In production this is a separate PostgreSQL cluster: row metadata (ctid, xmin) leaks insertion order to its operator.
import type { EncryptedPayload } from '@council/shared';
import { jsonb, pgTable, primaryKey, text, unique } from 'drizzle-orm/pg-core';

export const boxElection = pgTable('box_election', {
  electionId: text('election_id').primaryKey(),
  questionId: text('question_id').notNull().unique(),
  blsPublicKey: text('bls_public_key').notNull(),
  boxSecretKey: text('box_secret_key').notNull(),
  status: text('status', { enum: ['pending', 'open', 'closed'] }).notNull(),
});

export const ballot = pgTable(
  'ballot',
  {
    electionId: text('election_id')
      .notNull()
      .references(() => boxElection.electionId),
    nonce: text('nonce').notNull(),
    signature: text('signature').notNull(),
    payload: jsonb('payload').$type<EncryptedPayload>().notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.electionId, t.nonce] }),
    unique('ballot_election_signature_unique').on(t.electionId, t.signature),
  ],
);
