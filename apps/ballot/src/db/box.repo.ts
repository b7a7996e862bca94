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
    /**
     * Store a ballot while the election is open. The share lock on the election row makes close (an update of
     * that row) wait for casts in flight, so no ballot lands after the board is read.
     */
    async insertBallot(b: Ballot): Promise<'inserted' | 'duplicate' | 'closed'> {
      return db.transaction(async (tx) => {
        const [e] = await tx
          .select({ status: boxElection.status })
          .from(boxElection)
          .where(eq(boxElection.electionId, b.electionId))
          .for('share');
        if (e?.status !== 'open') return 'closed';
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
        return r.length === 1 ? 'inserted' : 'duplicate';
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
