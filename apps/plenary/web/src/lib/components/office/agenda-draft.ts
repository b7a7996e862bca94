// An agenda item as the office's editor holds it (every field a control, kind-specific ones kept when the kind changes)
// and its way to and from the agenda item the server takes.
import type { AgendaItemInput, AgendaItemKind } from '@council/shared';
import type { OfficeSitting } from '../../api/office.ts';

export interface AgendaDraft {
  key: number;
  /** The item's id on a scheduled sitting's agenda; absent for an item added in the editor. */
  id?: string;
  kind: AgendaItemKind;
  title: string;
  caseNumber: string;
  askedBy: string;
  answeredBy: string;
  electionMode: 'open' | 'secret';
  confidential: boolean;
}

let nextKey = 1;

export function blankDraft(kind: AgendaItemKind = 'matter'): AgendaDraft {
  return {
    key: nextKey++,
    kind,
    title: '',
    caseNumber: '',
    askedBy: '',
    answeredBy: '',
    electionMode: 'open',
    confidential: false,
  };
}

export function draftOf(item: OfficeSitting['items'][number]): AgendaDraft {
  return {
    key: nextKey++,
    id: item.id,
    kind: item.kind,
    title: item.title,
    caseNumber: item.caseNumber,
    askedBy: item.details?.askedBy ?? '',
    answeredBy: item.details?.answeredBy ?? '',
    electionMode: item.details?.electionMode ?? 'open',
    confidential: item.confidential,
  };
}

export function itemOf(d: AgendaDraft, id: string): AgendaItemInput {
  const details =
    d.kind === 'interpellation' || d.kind === 'question'
      ? {
          ...(d.askedBy ? { askedBy: d.askedBy } : {}),
          ...(d.answeredBy.trim() ? { answeredBy: d.answeredBy.trim() } : {}),
        }
      : d.kind === 'election'
        ? { electionMode: d.electionMode }
        : undefined;
  return {
    id,
    title: d.title.trim(),
    kind: d.kind,
    ...(details && Object.keys(details).length > 0 ? { details } : {}),
    caseNumber: d.caseNumber.trim(),
    description: '',
    confidential: d.confidential,
    documents: [],
  };
}

/** Ids for an amended agenda: kept items keep theirs, added ones get the next free `p<n>`. */
export function itemsOf(drafts: readonly AgendaDraft[]): AgendaItemInput[] {
  const taken = new Set(drafts.flatMap((d) => (d.id ? [d.id] : [])));
  let n = 0;
  const fresh = () => {
    do n++;
    while (taken.has(`p${n}`));
    taken.add(`p${n}`);
    return `p${n}`;
  };
  return drafts.map((d) => itemOf(d, d.id ?? fresh()));
}
