// What the public sees of the decision module (filled in by its issue).
import type { PublicSittingView } from '@council/shared';
import type { SittingState } from '../sitting/types.ts';

export function decisionPublic(_state: SittingState, _closedSession: boolean): Partial<Pick<PublicSittingView, 'votes' | 'decisions' | 'ballots'>> {
  return {};
}
