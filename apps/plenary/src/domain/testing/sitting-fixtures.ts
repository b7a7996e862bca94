// The first event of a test sitting: the council's roster and agenda, as the import writes it (SittingScheduled).
import type { CouncilImport } from '@council/shared';
import type { DomainEvent } from '../sitting/types.ts';

export function scheduledEvent(council: CouncilImport): DomainEvent {
  const sitting = council.sittings[0];
  if (!sitting) throw new Error('the council has no sitting');
  return {
    type: 'SittingScheduled',
    payload: {
      sitting: {
        id: sitting.id,
        title: sitting.title,
        startsAt: sitting.startsAt,
        room: sitting.room,
        remoteReason: sitting.remoteReason,
      },
      roster: {
        body: council.body,
        parties: council.parties,
        people: council.people,
        seats: council.seats,
        substitutes: council.substitutes,
      },
      items: sitting.items,
    },
  };
}
