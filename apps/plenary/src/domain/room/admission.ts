// Who plenary lets into the sitting's video room (R09, R13, R12): the presidium and secretary, members and substitutes
// approved to take part remotely (they publish), members in the chamber on a second device (they watch). The public never
// joins (the webcast is their way in). During a closed item a remote member not allowed in it is held waiting, as is a
// member recused from the item.
import { isDesk } from '../sitting/roles.ts';
import type { Actor, SittingState } from '../sitting/types.ts';
import { isRecused, mayTakePartRemotely } from '../attendance/selectors.ts';

export type RoomAccess =
  | {
      admitted: true;
      /** Publishes camera and microphone (a remote participant); else watches only. */
      publish: boolean;
      kind: 'desk' | 'remote' | 'chamber';
    }
  | {
      admitted: false;
      /** Held waiting (closed item, jäv): admitted again when the item ends. Else refused outright. */
      held: boolean;
      reason: string;
    };

function inRoster(state: SittingState, personId: string): boolean {
  return (
    state.roster.seats.some((s) => s.memberId === personId) ||
    state.roster.substitutes.some((s) => s.personId === personId)
  );
}

/** A member or substitute the chair approved to take part remotely (R01), or marked remote at the roll call. */
export function isRemoteParticipant(state: SittingState, personId: string): boolean {
  return (
    state.attendance.remote.includes(personId) ||
    state.attendance.applications[personId]?.status === 'approved'
  );
}

export function roomAccess(state: SittingState, actor: Actor): RoomAccess {
  if (state.sitting.status === 'closed')
    return {
      admitted: false,
      held: false,
      reason: 'Sammanträdet är avslutat.',
    };
  if (isDesk(actor)) return { admitted: true, publish: false, kind: 'desk' };
  const personId = actor.personId;
  if (!inRoster(state, personId))
    return {
      admitted: false,
      held: false,
      reason:
        'Endast organets ledamöter, ersättare och presidiet deltar i videorummet; följ webbsändningen.',
    };
  if (isRemoteParticipant(state, personId)) {
    if (!mayTakePartRemotely(state))
      return {
        admitted: false,
        held: true,
        reason: 'Ett slutet ärende behandlas; distansdeltagare väntar tills det är avslutat.',
      };
    if (isRecused(state, personId))
      return {
        admitted: false,
        held: true,
        reason: 'Du har anmält jäv i ärendet; du släpps in igen när det är avslutat.',
      };
    return { admitted: true, publish: true, kind: 'remote' };
  }
  if (state.attendance.presence[personId]?.mode === 'room')
    return { admitted: true, publish: false, kind: 'chamber' };
  return {
    admitted: false,
    held: false,
    reason: 'Du deltar i salen, inte på distans; ansök om distansdeltagande först.',
  };
}

/** Someone in the room, or waiting to come back to it, under a key the caller chooses (their device's connection). */
export interface RoomOccupant {
  key: string;
  actor: Actor;
}

export interface RoomChanges {
  /** In the room and no longer admitted: taken out now. `held`: they wait and are let back when it ends. */
  out: { key: string; held: boolean; reason: string }[];
  /** Waiting and admitted again: given a new pass. */
  back: string[];
  /** Waiting, and now refused outright (the sitting closed): they stop waiting. */
  refused: { key: string; reason: string }[];
}

/**
 * Who must leave the room and who may come back after a change of the sitting: everyone already in the room is judged
 * again, not only the next one asking for a pass (R13 closed item, R12 jäv, a seat or approval that ended).
 */
export function roomChanges(
  state: SittingState,
  inRoom: readonly RoomOccupant[],
  waiting: readonly RoomOccupant[],
): RoomChanges {
  const changes: RoomChanges = { out: [], back: [], refused: [] };
  for (const o of inRoom) {
    const access = roomAccess(state, o.actor);
    if (!access.admitted)
      changes.out.push({ key: o.key, held: access.held, reason: access.reason });
  }
  for (const o of waiting) {
    const access = roomAccess(state, o.actor);
    if (access.admitted) changes.back.push(o.key);
    else if (!access.held) changes.refused.push({ key: o.key, reason: access.reason });
  }
  return changes;
}

/**
 * Whose media the webcast takes from the room (Janus `rtp_forward`): the one with the floor, when they take part
 * remotely and are in the room. Nobody during a confidential item (R13) — not even a remote member allowed in it — nor
 * when the sitting is not open; the chamber speaks for itself.
 */
export function webcastForward(state: SittingState): string | null {
  const floor = state.debate.floor;
  if (floor === null || state.sitting.status !== 'open') return null;
  const itemId = state.sitting.currentItemId;
  if (itemId !== null && state.items.find((i) => i.id === itemId)?.confidential === true)
    return null;
  if (!isRemoteParticipant(state, floor.personId)) return null;
  const access = roomAccess(state, { personId: floor.personId, roles: ['member'] });
  return access.admitted && access.kind === 'remote' ? floor.personId : null;
}
