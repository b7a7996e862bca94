// Who is looking, and which closed items (R13) they may read: the one rule every projection of a sitting applies.
import type { Actor, SittingState } from '../sitting/types.ts';
import { isDesk } from '../sitting/roles.ts';
import { isRecused, mayTakePartRemotely } from '../attendance/selectors.ts';

/** A signed-in person (their roles add up), or null: the public, anyone not signed in, the webcast, open data. */
export type Viewer = Actor | null;

/** The public: what anyone may read, signed in or not. */
export const PUBLIC: Viewer = null;

/** Shown instead of a closed item's title to those who may not read it. */
export const CLOSED_ITEM_TITLE = 'Ärende med sekretess';
/** Shown instead of the reason for an adjournment during a closed item. */
export const CLOSED_ADJOURNMENT_REASON = 'Ajournering under ärende med sekretess';

/** The chair and the secretary lead the sitting (R03) and read every item. Nobody else does by role alone. */
export function readsEverything(viewer: Viewer): boolean {
  return viewer !== null && isDesk(viewer);
}

/** A member or substitute of the body in this sitting's frozen roster. */
export function onRoster(state: SittingState, viewer: Viewer): boolean {
  if (viewer === null) return false;
  return (
    state.roster.seats.some((s) => s.memberId === viewer.personId) ||
    state.roster.substitutes.some((s) => s.personId === viewer.personId)
  );
}

/** The minutes before adjustment are for the body and the desk; everyone else waits for the adjusted minutes. */
export function mayReadDraftMinutes(state: SittingState, viewer: Viewer): boolean {
  return readsEverything(viewer) || onRoster(state, viewer);
}

/**
 * R13: who may read an item. Anyone reads an item that is not confidential. A confidential item: the chair and the
 * secretary; before the sitting, the body's members and substitutes (the notice, R02); from the opening, those of them
 * present in the room, and those remote only where the chair allowed remote participation in the item. Never the public,
 * never a role that is not on the roster (administrator, election committee), never someone who is not present, never
 * a member recused from the item (R12).
 */
export function mayReadItem(state: SittingState, viewer: Viewer, itemId: string): boolean {
  const item = state.items.find((i) => i.id === itemId);
  if (!item?.confidential) return true;
  if (readsEverything(viewer)) return true;
  if (!onRoster(state, viewer) || viewer === null) return false;
  // R12: a member with jäv leaves the item, its closed content included, from the moment they declare it.
  if (isRecused(state, viewer.personId, itemId)) return false;
  if (state.sitting.status === 'scheduled') return true;
  const presence = state.attendance.presence[viewer.personId];
  if (!presence) return false;
  if (presence.mode === 'room') return true;
  return mayTakePartRemotely(state, itemId);
}

/** The confidential items this viewer may not read. */
export function hiddenItems(state: SittingState, viewer: Viewer): Set<string> {
  const out = new Set<string>();
  if (readsEverything(viewer)) return out;
  for (const i of state.items)
    if (i.confidential && !mayReadItem(state, viewer, i.id)) out.add(i.id);
  return out;
}
