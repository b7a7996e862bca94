// The attendance module: commands, decide, evolve (filled in by its issue).
import { reject, type CommandOf } from '@council/shared';
import type { DomainModule } from '../sitting/types.ts';

type AttendanceCommand = CommandOf<'attendancePlaceholder'>;

export const attendanceModule: DomainModule<AttendanceCommand> = {
  commandTypes: ['attendancePlaceholder'],
  decide: () => reject('INVALID_STATE', 'Not available yet.'),
  evolve: (state) => state,
};
