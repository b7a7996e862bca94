// Amending a scheduled sitting's agenda (the office, before the sitting opens): the whole agenda after one change, with
// each item's documents kept where they were attached (they reach the notice and the minutes through their item).
import { canonicalJson, reject, type AgendaItemInput, type Rejection } from '@council/shared';
import type { SittingState } from './types.ts';

export function amendAgenda(
  state: SittingState,
  items: readonly AgendaItemInput[],
): AgendaItemInput[] | Rejection {
  if (state.sitting.status !== 'scheduled')
    return reject(
      'INVALID_STATE',
      'Sammanträdet har öppnats: dagordningen kan inte längre ändras i kansliet (ordföranden leder nu ärendenas ordning).',
      'The sitting has opened: the agenda can no longer be changed in the office.',
    );
  const seen = new Set<string>();
  for (const [n, item] of items.entries()) {
    if (seen.has(item.id))
      return reject(
        'INVALID_INPUT',
        `Punkt ${n + 1} har samma id (${item.id}) som en annan punkt.`,
        `Two items share the id ${item.id}.`,
      );
    seen.add(item.id);
  }
  for (const old of state.items)
    if (!seen.has(old.id) && old.documents.length > 0)
      return reject(
        'INVALID_STATE',
        `Punkt ${old.position} ”${old.title}” har handlingar: ta bort dem innan punkten tas bort.`,
        `The item has documents: remove them first.`,
      );
  const before = new Map(state.items.map((i) => [i.id, i]));
  // Documents come from the log, never from the request: no address typed by hand joins an item.
  const next = items.map((item) => ({ ...item, documents: before.get(item.id)?.documents ?? [] }));
  const changes = agendaChanges(state.items, next);
  if (
    changes.added.length + changes.removed.length + changes.edited.length === 0 &&
    !changes.reordered
  )
    return reject('INVALID_INPUT', 'Dagordningen är oförändrad.', 'The agenda is unchanged.');
  return next;
}

export interface AgendaChanges {
  added: string[];
  removed: string[];
  edited: string[];
  reordered: boolean;
}

/** What one amendment changed, for the office's record (who, when, what). */
export function agendaChanges(
  before: readonly AgendaItemInput[],
  after: readonly AgendaItemInput[],
): AgendaChanges {
  const old = new Map(before.map((i) => [i.id, i]));
  const now = new Set(after.map((i) => i.id));
  const kept = after.filter((i) => old.has(i.id)).map((i) => i.id);
  const keptBefore = before.filter((i) => now.has(i.id)).map((i) => i.id);
  return {
    added: after.filter((i) => !old.has(i.id)).map((i) => i.id),
    removed: before.filter((i) => !now.has(i.id)).map((i) => i.id),
    edited: after
      .filter((i) => {
        const o = old.get(i.id);
        return o !== undefined && canonicalJson(asComparable(o)) !== canonicalJson(asComparable(i));
      })
      .map((i) => i.id),
    reordered: kept.join('\n') !== keptBefore.join('\n'),
  };
}

function asComparable(i: AgendaItemInput) {
  return {
    title: i.title,
    kind: i.kind ?? 'matter',
    details: i.details ?? {},
    caseNumber: i.caseNumber,
    description: i.description,
    confidential: i.confidential,
  };
}
