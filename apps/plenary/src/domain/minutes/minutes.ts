// The minutes module (R24): the secretary's prose edits, adjusters, approvals by the chair and the adjusters, the lock
// with the document's SHA-256 and the log position, secret-ballot results, and corrections as new linked documents.
import { reject, type CommandOf, type Rejection } from '@council/shared';
import { addDays, swedishDate } from '../attendance/working-days.ts';
import { requireDesk } from '../sitting/roles.ts';
import type {
  DecideContext,
  Decision,
  DomainModule,
  EventRecord,
  SittingState,
} from '../sitting/types.ts';
import { buildMinutes, chairPersonId } from './document.ts';
import type { MinutesEvent } from './events.ts';
import { minutesSha256, sectionHashes } from './hash.ts';
import { minutesOf, type MinutesState } from './state.ts';
import { stepUpRefusal } from '../sign-in/step-up.ts';

export const minutesCommandTypes = [
  'editMinutesProse',
  'chooseAdjusters',
  'approveMinutes',
  'recordSecretBallotResult',
  'issueMinutesCorrection',
] as const;

type MinutesCommand = CommandOf<(typeof minutesCommandTypes)[number]>;

/** The notice of adjustment stays posted at least three weeks (KL 8 kap. 12 §). */
export const NOTICE_DAYS = 21;

const lockedMessage = [
  'Protokollet är justerat och kan inte ändras: utfärda en rättelse.',
  'The minutes are adjusted and cannot change: issue a correction.',
] as const;

function notLocked(state: SittingState): Rejection | null {
  return minutesOf(state).lock ? reject('INVALID_STATE', ...lockedMessage) : null;
}

/** Who must approve: the chair, then each adjuster. */
export function requiredApprovers(
  state: SittingState,
): { personId: string; as: 'chair' | 'adjuster' }[] {
  const adjusters = minutesOf(state).adjusters?.personIds ?? [];
  const chairId = chairPersonId(state);
  return [
    ...(chairId ? [{ personId: chairId, as: 'chair' as const }] : []),
    ...adjusters.map((personId) => ({ personId, as: 'adjuster' as const })),
  ];
}

/** The approvals still standing: given to the minutes exactly as they read now. */
export function currentApprovals(
  state: SittingState,
  sha256 = minutesSha256(buildMinutes(state)),
): string[] {
  return minutesOf(state)
    .approvals.filter((a) => a.sha256 === sha256)
    .map((a) => a.personId);
}

function decide(state: SittingState, command: MinutesCommand, ctx: DecideContext): Decision {
  const m = minutesOf(state);
  switch (command.type) {
    case 'editMinutesProse': {
      const denied = requireDesk(ctx.actor) ?? notLocked(state);
      if (denied) return denied;
      const item = state.items.find((i) => i.id === command.itemId);
      if (!item)
        return reject(
          'NOT_FOUND',
          `Det finns inget ärende ${command.itemId}.`,
          `There is no such item.`,
        );
      if (command.field === 'decision' && !state.decision.items[item.id]?.decision)
        return reject(
          'INVALID_STATE',
          'Ärendet är inte avgjort än.',
          'The item is not decided yet.',
        );
      return [
        {
          type: 'MinutesProseEdited',
          payload: { itemId: item.id, field: command.field, text: command.text },
        },
      ];
    }
    case 'chooseAdjusters': {
      const denied = requireDesk(ctx.actor) ?? notLocked(state);
      if (denied) return denied;
      const ids = command.personIds;
      if (new Set(ids).size !== ids.length)
        return reject(
          'INVALID_INPUT',
          'En justerare står två gånger.',
          'An adjuster is listed twice.',
        );
      const chairId = chairPersonId(state);
      for (const id of ids) {
        const p = state.roster.people.find((x) => x.id === id);
        if (!p || !(p.roles.includes('member') || p.roles.includes('substitute')))
          return reject(
            'INVALID_INPUT',
            `${id} är inte ledamot eller ersättare.`,
            `${id} is not a member or substitute.`,
          );
        if (id === chairId)
          return reject(
            'INVALID_INPUT',
            'Ordföranden justerar redan.',
            'The chair adjusts in any case.',
          );
      }
      // The minutes can only be adjusted once written: never on a day before the sitting was held.
      const held = swedishDate(state.sitting.openedAt ?? state.sitting.startsAt);
      if (command.date < held)
        return reject(
          'INVALID_INPUT',
          `Justeringen kan inte ske före sammanträdet (${held}).`,
          `The adjustment date is before the sitting.`,
        );
      if (command.itemId !== null && !state.items.some((i) => i.id === command.itemId))
        return reject(
          'NOT_FOUND',
          `Det finns inget ärende ${command.itemId}.`,
          `There is no such item.`,
        );
      return [
        {
          type: 'AdjustersChosen',
          payload: {
            personIds: ids,
            itemId: command.itemId,
            place: command.place,
            date: command.date,
          },
        },
      ];
    }
    case 'approveMinutes': {
      const denied = notLocked(state);
      if (denied) return denied;
      if (state.sitting.status !== 'closed')
        return reject(
          'INVALID_STATE',
          'Protokollet justeras när sammanträdet är avslutat.',
          'The minutes are adjusted after the sitting closes.',
        );
      if (!m.adjusters)
        return reject(
          'INVALID_STATE',
          'Inga justerare är valda.',
          'No adjusters have been chosen.',
        );
      const required = requiredApprovers(state);
      const me = required.find((r) => r.personId === ctx.actor.personId);
      if (!me)
        return reject(
          'FORBIDDEN',
          'Bara ordföranden och justerarna justerar protokollet.',
          'Only the chair and the adjusters approve the minutes.',
        );
      const doc = buildMinutes(state);
      const sha256 = minutesSha256(doc);
      const standing = currentApprovals(state, sha256);
      if (standing.includes(me.personId))
        return reject(
          'CONFLICT',
          'Du har redan justerat protokollet.',
          'You have already approved the minutes.',
        );
      // Justering is the law's act: it may need e-legitimation, and how the approver signed in goes with it.
      const weak = stepUpRefusal(ctx.stepUp, 'approveMinutes', ctx.actor.signIn, ctx.now);
      if (weak) return weak;
      const signIn = ctx.actor.signIn;
      const events: MinutesEvent[] = [
        {
          type: 'MinutesApproved',
          payload: { personId: me.personId, as: me.as, sha256, ...(signIn ? { signIn } : {}) },
        },
      ];
      if (required.every((r) => r.personId === me.personId || standing.includes(r.personId))) {
        const noticePostedOn = swedishDate(ctx.now);
        events.push({
          type: 'MinutesLocked',
          payload: {
            sha256,
            sections: sectionHashes(doc),
            logHeadSeq: state.seq,
            noticePostedOn,
            noticeRemovedOn: addDays(noticePostedOn, NOTICE_DAYS),
          },
        });
      }
      return events;
    }
    case 'recordSecretBallotResult': {
      const denied = requireDesk(ctx.actor) ?? notLocked(state);
      if (denied) return denied;
      if (!state.items.some((i) => i.id === command.itemId))
        return reject(
          'NOT_FOUND',
          `Det finns inget ärende ${command.itemId}.`,
          `There is no such item.`,
        );
      const c = command.counts;
      if (c.valid + c.blank + c.invalid !== c.cast || c.cast > c.eligible)
        return reject(
          'INVALID_INPUT',
          'Giltiga, blanka och ogiltiga ska bli avgivna, högst de röstberättigade.',
          'Counts do not add up.',
        );
      if (m.ballots.some((b) => b.questionId === command.questionId))
        return reject('CONFLICT', 'Resultatet är redan infört.', 'The result is already recorded.');
      return [{ type: 'SecretBallotResultRecorded', payload: { ...command, counts: c } }];
    }
    case 'issueMinutesCorrection': {
      const denied = requireDesk(ctx.actor);
      if (denied) return denied;
      if (!m.lock)
        return reject(
          'INVALID_STATE',
          'Protokollet är inte justerat: redigera det i stället.',
          'The minutes are not adjusted yet: edit them instead.',
        );
      return [
        {
          type: 'MinutesCorrectionIssued',
          payload: {
            correctionId: ctx.newId(),
            paragraph: command.paragraph,
            text: command.text,
            correctsSha256: m.lock.sha256,
          },
        },
      ];
    }
  }
}

function evolveMinutes(m: MinutesState, event: EventRecord): MinutesState {
  switch (event.type) {
    case 'MinutesProseEdited': {
      const { itemId, field, text } = event.payload;
      const current = { ...m.prose[itemId] };
      if (text === null) delete current[field];
      else current[field] = text;
      return { ...m, prose: { ...m.prose, [itemId]: current } };
    }
    case 'AdjustersChosen':
      return { ...m, adjusters: { ...event.payload, at: event.at } };
    case 'MinutesApproved':
      return {
        ...m,
        approvals: [
          ...m.approvals.filter((a) => a.personId !== event.payload.personId),
          { ...event.payload, at: event.at },
        ],
      };
    case 'MinutesLocked':
      return { ...m, lock: { ...event.payload, seq: event.seq, at: event.at } };
    case 'RoundInvalidated':
      return {
        ...m,
        invalidatedRounds: [...(m.invalidatedRounds ?? []), { ...event.payload, at: event.at }],
      };
    case 'SecretBallotVerified':
      return {
        ...m,
        verifiedBallots: {
          ...m.verifiedBallots,
          [event.payload.questionId]: {
            electionId: event.payload.electionId,
            checks: event.payload.checks,
          },
        },
      };
    case 'SecretBallotResultRecorded':
      return {
        ...m,
        ballots: [
          ...m.ballots,
          {
            ...event.payload,
            at: event.at,
            verified: m.verifiedBallots[event.payload.questionId] ?? null,
          },
        ],
      };
    case 'MinutesCorrectionIssued': {
      const { correctionId, ...rest } = event.payload;
      return {
        ...m,
        corrections: [
          ...m.corrections,
          { id: correctionId, ...rest, at: event.at, by: event.actorId },
        ],
      };
    }
    default:
      return m;
  }
}

function evolve(state: SittingState, event: EventRecord): SittingState {
  const before = minutesOf(state);
  const after = evolveMinutes(before, event);
  return after === before && state.minutes ? state : { ...state, minutes: after };
}

export const minutesModule: DomainModule<MinutesCommand> = {
  commandTypes: minutesCommandTypes,
  decide,
  evolve,
};
