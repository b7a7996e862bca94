// Ballot-box repository (drizzle only; no rules). Stores only what the board publishes; nothing links a ballot to a person.
import type { Db } from '@council/db';
import type { Ballot } from '@council/shared';
import { count, eq } from 'drizzle-orm';
import type { BoxSchema } from './schema.ts';
import { ballot, boxElection } from './box.schema.ts';

export type BoxDb = Db<BoxSchema>;
export type BoxElectionRow = typeof boxElection.$inferSelect;

export function boxRepo(db: BoxDb) {
  return {
    async insertElection(row: typeof boxElection.$inferInsert): Promise<void> {
      await db.insert(boxElection).values(row).onConflictDoNothing();
    },
    async getElection(electionId: string): Promise<BoxElectionRow | undefined> {
      const [row] = await db
        .select()
        .from(boxElection)
        .where(eq(boxElection.electionId, electionId));
      return row;
    },
    async setStatus(electionId: string, status: BoxElectionRow['status']): Promise<void> {
      await db.update(boxElection).set({ status }).where(eq(boxElection.electionId, electionId));
    },
    /** Store one ballot while the election is open (a round of one). */
    async insertBallot(b: Ballot): Promise<'inserted' | 'duplicate' | 'closed'> {
      const [r] = await this.insertRound([b]);
      return r ?? 'closed';
    },
    /**
     * Store one mix round in one transaction, in the order given (the round is already shuffled), so row order in the
     * box database says nothing about arrival within the round. The share locks make a close wait for the round.
     */
    async insertRound(round: readonly Ballot[]): Promise<('inserted' | 'duplicate' | 'closed')[]> {
      return db.transaction(async (tx) => {
        const open = new Map<string, boolean>();
        const out: ('inserted' | 'duplicate' | 'closed')[] = [];
        for (const b of round) {
          let isOpen = open.get(b.electionId);
          if (isOpen === undefined) {
            const [e] = await tx
              .select({ status: boxElection.status })
              .from(boxElection)
              .where(eq(boxElection.electionId, b.electionId))
              .for('share');
            isOpen = e?.status === 'open';
            open.set(b.electionId, isOpen);
          }
          if (!isOpen) {
            out.push('closed');
            continue;
          }
          const r = await tx
            .insert(ballot)
            .values({
              electionId: b.electionId,
              nonce: b.nonce,
              signature: b.signature,
              payload: b.payload,
            })
            .onConflictDoNothing()
            .returning({ nonce: ballot.nonce });
          out.push(r.length === 1 ? 'inserted' : 'duplicate');
        }
        return out;
      });
    },
    async countBallots(electionId: string): Promise<number> {
      const [row] = await db
        .select({ n: count() })
        .from(ballot)
        .where(eq(ballot.electionId, electionId));
      return row?.n ?? 0;
    },
    /** Unordered: the board sorts by SHA-256(nonce). */
    async listBallots(electionId: string): Promise<Ballot[]> {
      const rows = await db.select().from(ballot).where(eq(ballot.electionId, electionId));
      return rows.map((r) => ({
        electionId: r.electionId,
        nonce: r.nonce,
        signature: r.signature,
        payload: { epk: r.payload.epk, iv: r.payload.iv, ct: r.payload.ct },
      }));
    },
  };
}
export type BoxRepo = ReturnType<typeof boxRepo>;
