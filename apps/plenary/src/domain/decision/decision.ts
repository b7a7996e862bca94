// The decision module: commands, decide, evolve (filled in by its issue).
import { reject, type CommandOf } from '@council/shared';
import type { DomainModule } from '../sitting/types.ts';

type DecisionCommand = CommandOf<'decisionPlaceholder'>;

export const decisionModule: DomainModule<DecisionCommand> = {
  commandTypes: ['decisionPlaceholder'],
  decide: () => reject('INVALID_STATE', 'Not available yet.'),
  evolve: (state) => state,
};
