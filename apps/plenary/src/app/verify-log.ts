// Re-walks a sitting's hash chain from the database and reports the first broken link.
import type { PlenaryDb } from '../db/client.ts';
import { eventsSince, head } from '../db/sitting-event.repo.ts';
import { verifyChain, type ChainCheck } from '../domain/log/hash-chain.ts';

export type LogReport = ChainCheck & { sittingId: string; headMatches: boolean };

export async function verifySittingLog(db: PlenaryDb, sittingId: string): Promise<LogReport | null> {
  const [events, stored] = await Promise.all([eventsSince(db, sittingId, 0), head(db, sittingId)]);
  if (!stored && events.length === 0) return null;
  const check = verifyChain(events);
  // The head row must point at the last event: a truncated log with an intact prefix is still caught.
  const last = events.at(-1);
  const headMatches = Boolean(stored && last && stored.seq === last.seq && stored.hash === last.hash);
  return { ...check, sittingId, headMatches };
}
