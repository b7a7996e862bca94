// What the public sees of the debate (R07, R25): who has the floor and the speaker list; nothing during a confidential item (R13).
import type { PublicSittingView, PublicSpeaker } from '@council/shared';
import { isRemote, personParty } from '../attendance/selectors.ts';
import type { SittingState } from '../sitting/types.ts';
import { findTurn, partyPotsRemaining, speakerName } from './speaker-list.ts';

function speaker(state: SittingState, personId: string): PublicSpeaker {
  const partyId = personParty(state, personId);
  const party = state.roster.parties.find((p) => p.id === partyId);
  return {
    memberId: personId,
    name: speakerName(state, personId),
    party: party?.abbreviation ?? partyId,
    remote: isRemote(state, personId),
  };
}

export function debatePublic(
  state: SittingState,
  closedSession: boolean,
): Partial<Pick<PublicSittingView, 'floor' | 'queue' | 'partyPots'>> {
  if (closedSession) return { floor: null, queue: [] };
  const pots = partyPotsRemaining(state);
  const { floor, queue } = state.debate;
  const replyTo = floor ? findTurn(state.debate, floor.replyTo) : null;
  return {
    floor: floor
      ? {
          kind: floor.kind,
          speaker: speaker(state, floor.personId),
          replyTo: replyTo ? speaker(state, replyTo.personId) : null,
          startedAt: floor.startedAt,
          limitSeconds: floor.limitSeconds,
        }
      : null,
    queue: queue.map((e) => ({ kind: e.kind, speaker: speaker(state, e.personId) })),
    ...(pots
      ? {
          partyPots: Object.entries(pots).map(([partyId, remainingSeconds]) => ({
            party: state.roster.parties.find((p) => p.id === partyId)?.abbreviation ?? partyId,
            remainingSeconds,
          })),
        }
      : {}),
  };
}
