// Registrar repository (drizzle only; no rules).
import type { Db } from '@council/db';
import type {
  Board,
  BoardIssuance,
  ManifestSignature,
  QuestionStatus,
  SignedIssuance,
} from '@council/shared';
import { and, asc, count, eq } from 'drizzle-orm';
import type { RegistrarSchema } from './schema.ts';
import { issuance, question } from './registrar.schema.ts';

export type QuestionRow = typeof question.$inferSelect;
export type RegistrarDb = Db<RegistrarSchema>;

export function registrarRepo(db: RegistrarDb) {
  return {
    async insertQuestion(row: typeof question.$inferInsert): Promise<boolean> {
      const r = await db
        .insert(question)
        .values(row)
        .onConflictDoNothing()
        .returning({ id: question.id });
      return r.length === 1;
    },
    async getQuestion(id: string): Promise<QuestionRow | undefined> {
      const [row] = await db.select().from(question).where(eq(question.id, id));
      return row;
    },
    /**
     * Add one committee signature under a row lock (two members approving at once must not lose one);
     * returns the signatures after the update, or null when the question is no longer pending.
     */
    async addSignature(
      id: string,
      sig: ManifestSignature,
      complete: (all: ManifestSignature[]) => boolean,
    ): Promise<{ signatures: ManifestSignature[]; opened: boolean } | null> {
      return db.transaction(async (tx) => {
        const [row] = await tx
          .select({ status: question.status, signatures: question.manifestSignatures })
          .from(question)
          .where(eq(question.id, id))
          .for('update');
        if (row?.status !== 'pending') return null;
        const signatures = [...row.signatures.filter((s) => s.memberId !== sig.memberId), sig];
        const opened = complete(signatures);
        await tx
          .update(question)
          .set({ manifestSignatures: signatures, status: opened ? 'open' : 'pending' })
          .where(eq(question.id, id));
        return { signatures, opened };
      });
    },
    async setStatus(id: string, status: QuestionStatus): Promise<void> {
      await db.update(question).set({ status }).where(eq(question.id, id));
    },
    async saveBoard(id: string, board: Board): Promise<void> {
      await db.update(question).set({ board, status: 'closed' }).where(eq(question.id, id));
    },
    /** 'duplicate' when this member already has a signature for the question (primary key). */
    async insertIssuance(
      questionId: string,
      s: BoardIssuance,
    ): Promise<'inserted' | 'duplicate' | 'closed'> {
      const [r] = await this.insertIssuanceRound([{ questionId, issuance: s }]);
      return r ?? 'closed';
    },
    /**
     * Store one issuance round in one transaction, in the order given (already shuffled), so row order and xmin in the
     * registrar database say only which round a member was issued in. Rows for a question no longer open are refused
     * ('closed'); the share lock makes a close wait for a round being stored.
     */
    async insertIssuanceRound(
      round: readonly { questionId: string; issuance: BoardIssuance }[],
    ): Promise<('inserted' | 'duplicate' | 'closed')[]> {
      return db.transaction(async (tx) => {
        const open = new Map<string, boolean>();
        const out: ('inserted' | 'duplicate' | 'closed')[] = [];
        for (const { questionId, issuance: s } of round) {
          let isOpen = open.get(questionId);
          if (isOpen === undefined) {
            const [q] = await tx
              .select({ status: question.status })
              .from(question)
              .where(eq(question.id, questionId))
              .for('share');
            isOpen = q?.status === 'open';
            open.set(questionId, isOpen);
          }
          if (!isOpen) {
            out.push('closed');
            continue;
          }
          const r = await tx
            .insert(issuance)
            .values({
              questionId,
              memberId: s.answer.memberId,
              blinded: s.answer.blinded,
              blindSignature: s.answer.blindSignature,
              answerSignature: s.signature,
              memberKey: s.memberKey,
              requestSignature: s.requestSignature,
            })
            .onConflictDoNothing()
            .returning({ memberId: issuance.memberId });
          out.push(r.length === 1 ? 'inserted' : 'duplicate');
        }
        return out;
      });
    },
    async getIssuance(
      questionId: string,
      memberId: string,
      electionId: string,
    ): Promise<SignedIssuance | undefined> {
      const [r] = await db
        .select()
        .from(issuance)
        .where(and(eq(issuance.questionId, questionId), eq(issuance.memberId, memberId)));
      return r
        ? {
            answer: {
              electionId,
              memberId: r.memberId,
              blinded: r.blinded,
              blindSignature: r.blindSignature,
            },
            signature: r.answerSignature,
          }
        : undefined;
    },
    async countIssued(questionId: string): Promise<number> {
      const [row] = await db
        .select({ n: count() })
        .from(issuance)
        .where(eq(issuance.questionId, questionId));
      return row?.n ?? 0;
    },
    async listIssuance(questionId: string, electionId: string): Promise<BoardIssuance[]> {
      const rows = await db
        .select()
        .from(issuance)
        .where(eq(issuance.questionId, questionId))
        .orderBy(asc(issuance.memberId));
      return rows.map((r) => ({
        answer: {
          electionId,
          memberId: r.memberId,
          blinded: r.blinded,
          blindSignature: r.blindSignature,
        },
        signature: r.answerSignature,
        memberKey: r.memberKey,
        requestSignature: r.requestSignature,
      }));
    },
  };
}
export type RegistrarRepo = ReturnType<typeof registrarRepo>;
