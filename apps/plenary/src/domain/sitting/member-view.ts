// What a signed-in member or the desk receives of a sitting's state. Confidential documents reach only those allowed (R13).
import type { Actor, SittingState } from './types.ts';
import { isDesk } from './roles.ts';
import { mayTakePartRemotely } from '../attendance/selectors.ts';

export function memberView(state: SittingState, actor: Actor): SittingState {
  if (isDesk(actor)) return state;
  return {
    ...state,
    // Passwords never live in state; people carry only names, parties and roles. Confidential item documents are
    // withheld unless the person may read that item's documents now.
    items: state.items.map((i) =>
      i.confidential && !mayReadConfidential(state, actor, i.id)
        ? { ...i, documents: [], handedOut: [] }
        : i,
    ),
  };
}

/**
 * R13: who may read a confidential item's documents. Before the sitting, the body's members and substitutes (the notice,
 * R02). From the opening: those present in the room, and remote participants only where the chair allowed it for the item.
 * Never the public, never someone who is not present.
 */
export function mayReadConfidential(
  state: SittingState,
  actor: Actor,
  itemId: string | null = null,
): boolean {
  if (isDesk(actor)) return true;
  const inRoster =
    state.roster.seats.some((s) => s.memberId === actor.personId) ||
    state.roster.substitutes.some((s) => s.personId === actor.personId);
  if (!inRoster) return false;
  if (state.sitting.status === 'scheduled') return true;
  const presence = state.attendance.presence[actor.personId];
  if (!presence) return false;
  if (presence.mode === 'room') return true;
  return itemId !== null && mayTakePartRemotely(state, itemId);
}
