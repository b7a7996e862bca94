// What the public sees of the attendance module (filled in by its issue).
import type { PublicSittingView } from '@council/shared';
import type { SittingState } from '../sitting/types.ts';

export function attendancePublic(_state: SittingState): Partial<Pick<PublicSittingView, 'serving' | 'quorum'>> {
  return {};
}
