// Registrar store: knows identities (who was issued a signature), never ballots. A separate database from the box.
import type {
  EncryptedShare,
  Manifest,
  ManifestSignature,
  Board,
  SignedEligibleRoll,
} from '@council/shared';
import { jsonb, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';

export const question = pgTable('question', {
  id: text('id').primaryKey(),
  electionId: text('election_id').notNull().unique(),
  status: text('status', { enum: ['pending', 'open', 'closing', 'closed'] }).notNull(),
  manifest: jsonb('manifest').$type<Manifest>().notNull(),
  roll: jsonb('roll').$type<SignedEligibleRoll>().notNull(),
  /** Fresh per question; hex. */
  blsSecretKey: text('bls_secret_key').notNull(),
  registrarSecretKey: text('registrar_secret_key').notNull(),
  /** The payload key exists only as these committee-encrypted shares. */
  encryptedShares: jsonb('encrypted_shares').$type<EncryptedShare[]>().notNull(),
  manifestSignatures: jsonb('manifest_signatures').$type<ManifestSignature[]>().notNull(),
  board: jsonb('board').$type<Board>(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/** One row per member who received a blind signature: the primary key is the "first request only" rule. */
export const issuance = pgTable(
  'issuance',
  {
    questionId: text('question_id')
      .notNull()
      .references(() => question.id),
    memberId: text('member_id').notNull(),
    blinded: text('blinded').notNull(),
    blindSignature: text('blind_signature').notNull(),
    answerSignature: text('answer_signature').notNull(),
    /**
     * The member's own signed request (issue 13, item 3): their key as plenary's log registered it, and the Ed25519
     * signature over {electionId, memberId, blinded, memberKey}. Empty only in rows stored before requests were signed.
     */
    memberKey: text('member_key').notNull().default(''),
    requestSignature: text('request_signature').notNull().default(''),
  },
  (t) => [primaryKey({ columns: [t.questionId, t.memberId] })],
);
