// What a signed-in member or the desk receives of a sitting's state. Confidential documents reach only those allowed (R13).
import type { Actor, SittingState } from './types.ts';
import { isDesk } from './roles.ts';

export function memberView(state: SittingState, actor: Actor): SittingState {
  if (isDesk(actor)) return state;
  return {
    ...state,
    // Passwords never live in state; people carry only names, parties and roles. Confidential item documents are
    // withheld unless the member is in the room or the chair allowed remote access (attendance module refines this).
    items: state.items.map((i) => (i.confidential && !mayReadConfidential(state, actor) ? { ...i, documents: [], handedOut: [] } : i)),
  };
}

export function mayReadConfidential(_state: SittingState, actor: Actor): boolean {
  return actor.roles.includes('member') || actor.roles.includes('substitute') || actor.roles.includes('committee');
}
