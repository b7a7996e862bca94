// What the public sees of the debate module (filled in by its issue).
import type { PublicSittingView } from '@council/shared';
import type { SittingState } from '../sitting/types.ts';

export function debatePublic(_state: SittingState, _closedSession: boolean): Partial<Pick<PublicSittingView, 'floor' | 'queue'>> {
  return {};
}
