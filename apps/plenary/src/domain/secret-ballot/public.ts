// What the public sees of secret ballots (R22, R25): live counts (eligible, issued, cast), then the verified result.
// Never a choice; nothing of a confidential item, and nothing while one is being handled (R13).
import type { PublicSittingView } from '@council/shared';
import type { SittingState } from '../sitting/types.ts';
import { secretBallotOf } from './state.ts';

export function secretBallotPublic(
  state: SittingState,
  closedSession: boolean,
): Pick<PublicSittingView, 'ballots'> {
  if (closedSession) return { ballots: [] };
  const confidential = new Set(state.items.filter((i) => i.confidential).map((i) => i.id));
  return {
    ballots: secretBallotOf(state)
      .ballots.filter((b) => !confidential.has(b.itemId))
      .map((b) => ({
        id: b.questionId,
        itemId: b.itemId,
        title: b.title,
        status: b.status === 'open' ? 'open' : 'closed',
        eligible: b.eligible.length,
        issued: b.issued,
        cast: b.cast,
        result:
          b.status === 'cancelled'
            ? `Avbruten: ${b.cancelledReason ?? ''}`
            : b.result && b.status === 'closed'
              ? b.result.resultText
              : null,
      })),
  };
}
