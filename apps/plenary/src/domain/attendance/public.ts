// What the public sees of attendance: how many serve and whether there is quorum.
import type { PublicSittingView } from '@council/shared';
import type { SittingState } from '../sitting/types.ts';
import { hasQuorum, servingPersonIds } from './selectors.ts';

export function attendancePublic(
  state: SittingState,
): Partial<Pick<PublicSittingView, 'serving' | 'quorum'>> {
  return { serving: servingPersonIds(state).length, quorum: hasQuorum(state) };
}
