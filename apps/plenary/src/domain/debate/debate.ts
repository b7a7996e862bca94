// The debate module: commands, decide, evolve (filled in by its issue).
import { reject, type CommandOf } from '@council/shared';
import type { DomainModule } from '../sitting/types.ts';

type DebateCommand = CommandOf<'debatePlaceholder'>;

export const debateModule: DomainModule<DebateCommand> = {
  commandTypes: ['debatePlaceholder'],
  decide: () => reject('INVALID_STATE', 'Not available yet.'),
  evolve: (state) => state,
};
