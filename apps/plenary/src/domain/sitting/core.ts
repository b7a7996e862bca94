// The sitting itself: open, move between items, adjourn and resume (R15), close, hand out documents (R08).
import { isRejection, reject, type CommandOf } from '@council/shared';
import { divisionInProgress } from '../decision/state.ts';
import { amendAgenda } from './agenda.ts';
import { requireDesk } from './roles.ts';
import type {
  AgendaItemState,
  Decision,
  DomainModule,
  EventRecord,
  SittingState,
} from './types.ts';

type SittingCommand = CommandOf<
  | 'openSitting'
  | 'startItem'
  | 'adjourn'
  | 'resume'
  | 'closeSitting'
  | 'handOutDocument'
  | 'attachDocument'
  | 'detachDocument'
  | 'amendAgenda'
>;

function decide(
  state: SittingState,
  command: SittingCommand,
  ctx: Parameters<DomainModule<SittingCommand>['decide']>[2],
): Decision {
  const denied = requireDesk(ctx.actor);
  if (denied) return denied;
  const { status } = state.sitting;
  if (status === 'closed')
    return reject('INVALID_STATE', 'Sammanträdet är avslutat.', 'The sitting is closed.');
  switch (command.type) {
    case 'openSitting':
      if (status !== 'scheduled')
        return reject(
          'INVALID_STATE',
          'Sammanträdet är redan öppnat.',
          'The sitting is already open.',
        );
      return [
        {
          type: 'SittingOpened',
          payload: command.firstParagraph ? { firstParagraph: command.firstParagraph } : {},
        },
      ];
    case 'startItem': {
      if (status === 'scheduled')
        return reject('INVALID_STATE', 'Öppna sammanträdet först.', 'Open the sitting first.');
      if (status === 'adjourned')
        return reject(
          'ADJOURNED',
          'Sammanträdet är ajournerat: återuppta först.',
          'The sitting is adjourned: resume it first.',
        );
      const item = state.items.find((i) => i.id === command.itemId);
      if (!item)
        return reject(
          'NOT_FOUND',
          `Det finns inget ärende ${command.itemId}.`,
          `There is no agenda item ${command.itemId}.`,
        );
      if (item.id === state.sitting.currentItemId)
        return reject('INVALID_STATE', 'Ärendet pågår redan.', 'That item is already current.');
      if (item.status !== 'pending')
        return reject(
          'INVALID_STATE',
          `Ärendet är redan behandlat.`,
          `Item ${item.position} is already handled.`,
        );
      // A vote in progress must be closed (or the tie broken) first: leaving the item would strand its division.
      if (divisionInProgress(state.decision, state.sitting.currentItemId))
        return reject(
          'INVALID_STATE',
          'En votering pågår i ärendet: avsluta den först.',
          'A division is in progress on the current item: close it first.',
        );
      return [
        {
          type: 'ItemStarted',
          payload: { itemId: item.id, previousItemId: state.sitting.currentItemId },
        },
      ];
    }
    case 'adjourn':
      if (status !== 'open')
        return reject(
          'INVALID_STATE',
          'Endast ett pågående sammanträde kan ajourneras.',
          'Only an open sitting can be adjourned.',
        );
      return [
        {
          type: 'SittingAdjourned',
          payload: { reason: command.reason, resumesAt: command.resumesAt },
        },
      ];
    case 'resume':
      if (status !== 'adjourned')
        return reject(
          'INVALID_STATE',
          'Sammanträdet är inte ajournerat.',
          'The sitting is not adjourned.',
        );
      return [{ type: 'SittingResumed', payload: {} }];
    case 'closeSitting':
      if (status === 'scheduled')
        return reject(
          'INVALID_STATE',
          'Sammanträdet har inte öppnats.',
          'The sitting was never opened.',
        );
      return [{ type: 'SittingClosed', payload: {} }];
    case 'attachDocument': {
      const item = state.items.find((i) => i.id === command.itemId);
      if (!item)
        return reject(
          'NOT_FOUND',
          `Det finns inget ärende ${command.itemId}.`,
          `There is no agenda item ${command.itemId}.`,
        );
      if (status !== 'scheduled')
        return reject(
          'INVALID_STATE',
          'Sammanträdet har börjat: dela ut handlingen i stället.',
          'The sitting has begun: hand the document out instead.',
        );
      return [
        { type: 'DocumentAttached', payload: { itemId: item.id, document: command.document } },
      ];
    }
    case 'detachDocument': {
      const item = state.items.find((i) => i.id === command.itemId);
      if (!item)
        return reject(
          'NOT_FOUND',
          `Det finns inget ärende ${command.itemId}.`,
          `There is no agenda item ${command.itemId}.`,
        );
      if (status !== 'scheduled')
        return reject(
          'INVALID_STATE',
          'Sammanträdet har börjat: utdelade handlingar ligger kvar.',
          'The sitting has begun: a document handed out stays.',
        );
      if (!item.documents.some((d) => d.url === command.url))
        return reject(
          'NOT_FOUND',
          'Ärendet har ingen sådan handling.',
          'The item has no such document.',
        );
      return [{ type: 'DocumentDetached', payload: { itemId: item.id, url: command.url } }];
    }
    case 'amendAgenda': {
      const amended = amendAgenda(state, command.items);
      return isRejection(amended)
        ? amended
        : [{ type: 'AgendaAmended', payload: { items: amended } }];
    }
    case 'handOutDocument': {
      const item = state.items.find((i) => i.id === command.itemId);
      if (!item)
        return reject(
          'NOT_FOUND',
          `Det finns inget ärende ${command.itemId}.`,
          `There is no agenda item ${command.itemId}.`,
        );
      return [
        { type: 'DocumentHandedOut', payload: { itemId: item.id, document: command.document } },
      ];
    }
  }
}

function mapItem(
  state: SittingState,
  itemId: string,
  f: (item: AgendaItemState) => AgendaItemState,
): AgendaItemState[] {
  return state.items.map((i) => (i.id === itemId ? f(i) : i));
}

function evolve(state: SittingState, event: EventRecord): SittingState {
  switch (event.type) {
    case 'SittingScheduled': {
      const { sitting, roster, items } = event.payload;
      return {
        ...state,
        sitting: { ...state.sitting, ...sitting },
        roster,
        items: items.map((item, index) => ({
          ...item,
          position: index + 1,
          status: 'pending',
          paragraph: null,
          startedAt: null,
          handedOut: [],
        })),
      };
    }
    case 'AgendaAmended': {
      const before = new Map(state.items.map((i) => [i.id, i]));
      return {
        ...state,
        items: event.payload.items.map((item, index) => ({
          ...item,
          position: index + 1,
          status: 'pending',
          paragraph: null,
          startedAt: null,
          handedOut: before.get(item.id)?.handedOut ?? [],
        })),
      };
    }
    case 'SittingOpened':
      return {
        ...state,
        sitting: {
          ...state.sitting,
          status: 'open',
          openedAt: event.at,
          nextParagraph: event.payload.firstParagraph ?? state.sitting.nextParagraph,
        },
      };
    case 'ItemStarted': {
      const items = state.items.map((i) => {
        if (i.id === event.payload.itemId)
          return { ...i, status: 'current' as const, startedAt: event.at };
        // An item left without a decision goes back to pending so it can be taken up again.
        if (i.id === event.payload.previousItemId && i.status === 'current')
          return { ...i, status: 'pending' as const };
        return i;
      });
      return {
        ...state,
        items,
        sitting: { ...state.sitting, currentItemId: event.payload.itemId },
      };
    }
    case 'SittingAdjourned':
      return {
        ...state,
        sitting: {
          ...state.sitting,
          status: 'adjourned',
          adjournments: [
            ...state.sitting.adjournments,
            {
              since: event.at,
              until: null,
              reason: event.payload.reason,
              resumesAt: event.payload.resumesAt,
              itemId: state.sitting.currentItemId,
            },
          ],
        },
      };
    case 'SittingResumed':
      return {
        ...state,
        sitting: {
          ...state.sitting,
          status: 'open',
          adjournments: state.sitting.adjournments.map((a) =>
            a.until === null ? { ...a, until: event.at } : a,
          ),
        },
      };
    case 'SittingClosed':
      return {
        ...state,
        sitting: {
          ...state.sitting,
          status: 'closed',
          closedAt: event.at,
          adjournments: state.sitting.adjournments.map((a) =>
            a.until === null ? { ...a, until: event.at } : a,
          ),
        },
      };
    case 'DocumentHandedOut':
      return {
        ...state,
        items: mapItem(state, event.payload.itemId, (i) => ({
          ...i,
          handedOut: [...i.handedOut, event.payload.document],
        })),
      };
    case 'DocumentAttached':
      return {
        ...state,
        items: mapItem(state, event.payload.itemId, (i) => ({
          ...i,
          documents: [...i.documents, event.payload.document],
        })),
      };
    case 'DocumentDetached':
      return {
        ...state,
        items: mapItem(state, event.payload.itemId, (i) => ({
          ...i,
          documents: i.documents.filter((d) => d.url !== event.payload.url),
        })),
      };
    default:
      return state;
  }
}

export const sittingModule: DomainModule<SittingCommand> = {
  commandTypes: [
    'openSitting',
    'startItem',
    'adjourn',
    'resume',
    'closeSitting',
    'handOutDocument',
    'attachDocument',
    'detachDocument',
    'amendAgenda',
  ],
  decide,
  evolve,
};
