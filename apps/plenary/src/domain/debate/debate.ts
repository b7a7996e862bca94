// The debate module: speaker list, replies and answers, points of order, advisory timers (R07), mutes (R10), cut-offs (R14).
import { reject, type CommandOf, type DebateConfig, type Rejection } from '@council/shared';
import { isRemote, personParty } from '../attendance/selectors.ts';
import { requireChair, requireDesk, requireSelfOrDesk } from '../sitting/roles.ts';
import type {
  DecideContext,
  Decision,
  DomainEvent,
  DomainModule,
  EventRecord,
  SittingState,
} from '../sitting/types.ts';
import type { DebateEvent } from './events.ts';
import {
  findTurn,
  groupBounds,
  groupOf,
  insertAt,
  insertIndex,
  kindLabelEn,
  knownPerson,
  limitFor,
  mayHaveFloor,
  replyToAnswer,
  secondsBetween,
  speakerName,
} from './speaker-list.ts';
import type { DebateState, Turn } from './state.ts';

export const debateCommandTypes = [
  'requestFloor',
  'removeFloorRequest',
  'moveFloorRequest',
  'giveFloor',
  'endFloor',
  'cutOffSpeaker',
  'configureDebate',
  'setPartyPots',
  'closeSpeakerList',
  'reopenSpeakerList',
  'grantRightToSpeak',
  'revokeRightToSpeak',
  'muteParticipant',
  'unmuteParticipant',
] as const;

type DebateCommand = CommandOf<(typeof debateCommandTypes)[number]>;

/** The debate runs only in an open sitting with a current item. */
function requireDebate(state: SittingState): Rejection | null {
  const { status, currentItemId } = state.sitting;
  if (status === 'adjourned')
    return reject('ADJOURNED', 'Sammanträdet är ajournerat.', 'The sitting is adjourned.');
  if (status !== 'open')
    return reject('INVALID_STATE', 'Sammanträdet pågår inte.', 'The sitting is not in progress.');
  if (!currentItemId)
    return reject('INVALID_STATE', 'Inget ärende behandlas ännu.', 'No item is being handled yet.');
  return null;
}

function ended(
  turn: Turn,
  now: string,
): { turnId: string; durationSeconds: number; overrunSeconds: number } {
  const durationSeconds = secondsBetween(turn.startedAt, now);
  const overrunSeconds =
    turn.limitSeconds === null ? 0 : Math.max(0, durationSeconds - turn.limitSeconds);
  return { turnId: turn.id, durationSeconds, overrunSeconds };
}

function requestFloor(
  state: SittingState,
  command: DebateCommand & { type: 'requestFloor' },
  ctx: DecideContext,
): Decision {
  const personId = command.personId ?? ctx.actor.personId;
  const denied =
    requireSelfOrDesk(ctx.actor, personId) ?? requireDebate(state) ?? mayHaveFloor(state, personId);
  if (denied) return denied;
  const { debate } = state;
  const itemId = state.sitting.currentItemId ?? '';
  const name = speakerName(state, personId);
  if (debate.queue.some((e) => e.personId === personId && e.kind === command.kind))
    return reject(
      'CONFLICT',
      `${name} har redan begärt ordet för detta.`,
      `${name} has already asked for ${kindLabelEn[command.kind]}.`,
    );
  let replyTo: string | null = null;
  switch (command.kind) {
    case 'speech':
      if (debate.listClosed?.itemId === itemId)
        return reject(
          'INVALID_STATE',
          'Talarlistan är stängd (streck i debatten).',
          'The speaker list is closed (streck i debatten).',
        );
      break;
    case 'reply': {
      const speech = findTurn(debate, debate.currentSpeechId);
      if (!speech)
        return reject(
          'INVALID_STATE',
          'Det finns inget anförande att replikera på.',
          'There is no speech to reply to yet.',
        );
      if (speech.personId === personId)
        return reject(
          'INVALID_STATE',
          'Du kan inte replikera på ditt eget anförande; begär genmäle.',
          'You cannot reply to your own speech; ask for an answer (genmäle).',
        );
      const made = [...debate.turns, ...(debate.floor ? [debate.floor] : [])].filter(
        (t) => t.kind === 'reply' && t.replyTo === speech.id && t.personId === personId,
      ).length;
      if (made >= debate.config.repliesPerMemberPerSpeech)
        return reject(
          'INVALID_STATE',
          `${name} har använt sina ${debate.config.repliesPerMemberPerSpeech} repliker på anförandet.`,
          `${name} has used all ${debate.config.repliesPerMemberPerSpeech} replies to this speech.`,
        );
      replyTo = speech.id;
      break;
    }
    case 'answer': {
      const speech = findTurn(debate, debate.currentSpeechId);
      if (!speech || speech.personId !== personId)
        return reject(
          'INVALID_STATE',
          'Endast den som höll anförandet kan ge genmäle.',
          'Only the speaker of the current speech can answer a reply.',
        );
      const reply = replyToAnswer(debate);
      if (!reply)
        return reject(
          'INVALID_STATE',
          'Det finns ingen replik att bemöta.',
          'There is no reply to answer.',
        );
      replyTo = reply.id;
      break;
    }
    case 'point_of_order':
      break;
  }
  return [
    {
      type: 'FloorRequested',
      payload: {
        entryId: ctx.newId(),
        itemId,
        kind: command.kind,
        personId,
        replyTo,
        addedBy: personId === ctx.actor.personId ? null : ctx.actor.personId,
      },
    },
  ];
}

function giveFloor(
  state: SittingState,
  command: DebateCommand & { type: 'giveFloor' },
  ctx: DecideContext,
): Decision {
  const denied = requireDesk(ctx.actor) ?? requireDebate(state);
  if (denied) return denied;
  const { debate } = state;
  const head = debate.queue[0];
  if (!head)
    return reject('INVALID_STATE', 'Ingen har begärt ordet.', 'Nobody has asked for the floor.');
  const entry = command.entryId ? debate.queue.find((e) => e.id === command.entryId) : head;
  if (!entry)
    return reject(
      'NOT_FOUND',
      'Begäran finns inte längre i talarlistan.',
      'That request is no longer in the speaker list.',
    );
  if (groupOf(entry.kind) > groupOf(head.kind))
    return reject(
      'INVALID_STATE',
      ...(head.kind === 'point_of_order'
        ? (['En ordningsfråga går före.', 'A point of order goes first.'] as [string, string])
        : ([
            'Repliker går före nästa anförande.',
            'Replies go before the next speech: give them the floor or remove them first.',
          ] as [string, string])),
    );
  const cannot = mayHaveFloor(state, entry.personId);
  if (cannot) return cannot;
  const remote = isRemote(state, entry.personId);
  const name = speakerName(state, entry.personId);
  if (!command.seenAndHeard && remote)
    return reject(
      'INVALID_STATE',
      `Bekräfta att ${name} syns och hörs innan ordet ges.`,
      `Confirm that ${name} is seen and heard before giving the floor.`,
    );
  const events: DebateEvent[] = [];
  if (debate.floor) events.push({ type: 'FloorEnded', payload: ended(debate.floor, ctx.now) });
  // The limit is computed after the previous turn ended so a party pot counts it.
  const after = events.length ? applyLocal(state, events, ctx) : state;
  events.push({
    type: 'FloorGiven',
    payload: {
      turnId: ctx.newId(),
      entryId: entry.id,
      itemId: entry.itemId,
      kind: entry.kind,
      personId: entry.personId,
      partyId: personParty(state, entry.personId),
      replyTo: entry.replyTo,
      limitSeconds: limitFor(after, entry.kind, entry.personId, entry.itemId),
      seenAndHeard: command.seenAndHeard,
      remote,
    },
  });
  return events;
}

function applyLocal(
  state: SittingState,
  events: readonly DebateEvent[],
  ctx: DecideContext,
): SittingState {
  return events.reduce<SittingState>(
    (s, e) => evolve(s, { ...e, seq: s.seq + 1, at: ctx.now, actorId: ctx.actor.personId }),
    state,
  );
}

function decide(state: SittingState, command: DebateCommand, ctx: DecideContext): Decision {
  if (state.sitting.status === 'closed')
    return reject('INVALID_STATE', 'Sammanträdet är avslutat.', 'The sitting is closed.');
  const { debate } = state;
  switch (command.type) {
    case 'requestFloor':
      return requestFloor(state, command, ctx);
    case 'removeFloorRequest': {
      const entry = debate.queue.find((e) => e.id === command.entryId);
      if (!entry)
        return reject(
          'NOT_FOUND',
          'Begäran finns inte längre i talarlistan.',
          'That request is no longer in the speaker list.',
        );
      const denied = requireSelfOrDesk(ctx.actor, entry.personId);
      if (denied) return denied;
      return [
        {
          type: 'FloorRequestRemoved',
          payload: {
            entryId: entry.id,
            personId: entry.personId,
            byDesk: entry.personId !== ctx.actor.personId,
          },
        },
      ];
    }
    case 'moveFloorRequest': {
      const denied = requireDesk(ctx.actor);
      if (denied) return denied;
      const entry = debate.queue.find((e) => e.id === command.entryId);
      if (!entry)
        return reject(
          'NOT_FOUND',
          'Begäran finns inte längre i talarlistan.',
          'That request is no longer in the speaker list.',
        );
      const { first, last } = groupBounds(debate.queue, entry.kind);
      if (command.toIndex < first || command.toIndex > last)
        return reject(
          'INVALID_STATE',
          'Ordningsfrågor står först och repliker före nästa anförande.',
          'Points of order stay first and replies stay before the next speech.',
        );
      if (debate.queue[command.toIndex]?.id === entry.id) return [];
      return [
        { type: 'FloorRequestMoved', payload: { entryId: entry.id, toIndex: command.toIndex } },
      ];
    }
    case 'giveFloor':
      return giveFloor(state, command, ctx);
    case 'endFloor': {
      const denied = requireDesk(ctx.actor);
      if (denied) return denied;
      if (!debate.floor)
        return reject('INVALID_STATE', 'Ingen har ordet.', 'Nobody has the floor.');
      return [{ type: 'FloorEnded', payload: ended(debate.floor, ctx.now) }];
    }
    case 'cutOffSpeaker': {
      const denied = requireChair(ctx.actor);
      if (denied) return denied;
      const floor = debate.floor;
      if (!floor) return reject('INVALID_STATE', 'Ingen har ordet.', 'Nobody has the floor.');
      return [
        {
          type: 'SpeakerCutOff',
          payload: { ...ended(floor, ctx.now), personId: floor.personId, reason: command.reason },
        },
        // The sound must stop too, so the protected data goes no further (R14 with R10).
        ...(debate.muted.some((m) => m.personId === floor.personId)
          ? []
          : [
              {
                type: 'ParticipantMuted' as const,
                payload: { personId: floor.personId, reason: command.reason },
              },
            ]),
      ];
    }
    case 'configureDebate': {
      const denied = requireDesk(ctx.actor);
      if (denied) return denied;
      return [
        {
          type: 'DebateConfigured',
          payload: { config: mergeConfig(debate.config, command.config) },
        },
      ];
    }
    case 'setPartyPots': {
      const denied = requireDesk(ctx.actor) ?? requireDebate(state);
      if (denied) return denied;
      const unknown = Object.keys(command.pots ?? {}).filter(
        (p) => !state.roster.parties.some((party) => party.id === p),
      );
      if (unknown.length)
        return reject(
          'NOT_FOUND',
          `Okänt parti: ${unknown.join(', ')}.`,
          `Unknown party: ${unknown.join(', ')}.`,
        );
      return [
        {
          type: 'PartyPotsSet',
          payload: { itemId: state.sitting.currentItemId ?? '', pots: command.pots },
        },
      ];
    }
    case 'closeSpeakerList': {
      const denied = requireDesk(ctx.actor) ?? requireDebate(state);
      if (denied) return denied;
      const itemId = state.sitting.currentItemId ?? '';
      if (debate.listClosed?.itemId === itemId)
        return reject(
          'CONFLICT',
          'Talarlistan är redan stängd.',
          'The speaker list is already closed.',
        );
      const entitled = debate.queue.filter((e) => e.kind === 'speech').map((e) => e.personId);
      return [{ type: 'SpeakerListClosed', payload: { itemId, entitled } }];
    }
    case 'reopenSpeakerList': {
      const denied = requireDesk(ctx.actor);
      if (denied) return denied;
      if (!debate.listClosed)
        return reject('INVALID_STATE', 'Talarlistan är öppen.', 'The speaker list is open.');
      return [{ type: 'SpeakerListReopened', payload: { itemId: debate.listClosed.itemId } }];
    }
    case 'grantRightToSpeak': {
      const denied = requireDesk(ctx.actor);
      if (denied) return denied;
      if (debate.granted.some((g) => g.personId === command.personId))
        return reject(
          'CONFLICT',
          'Personen har redan yttranderätt.',
          'They already have the right to speak.',
        );
      const person = state.roster.people.find((p) => p.id === command.personId);
      const name = command.name ?? person?.name;
      if (!name)
        return reject(
          'INVALID_INPUT',
          'Ange namnet på den som får yttranderätt.',
          'Give the name of the person granted the right to speak.',
        );
      return [
        {
          type: 'RightToSpeakGranted',
          payload: { personId: command.personId, name, title: command.title ?? '' },
        },
      ];
    }
    case 'revokeRightToSpeak': {
      const denied = requireDesk(ctx.actor);
      if (denied) return denied;
      if (!debate.granted.some((g) => g.personId === command.personId))
        return reject(
          'NOT_FOUND',
          'Personen har inte fått yttranderätt.',
          'They have not been granted the right to speak.',
        );
      return [{ type: 'RightToSpeakRevoked', payload: { personId: command.personId } }];
    }
    case 'muteParticipant': {
      const denied = requireDesk(ctx.actor);
      if (denied) return denied;
      if (!knownPerson(state, command.personId))
        return reject(
          'NOT_FOUND',
          `Personen finns inte.`,
          `There is no person ${command.personId}.`,
        );
      if (debate.muted.some((m) => m.personId === command.personId))
        return reject('CONFLICT', 'Redan avstängd.', 'Already muted.');
      return [
        {
          type: 'ParticipantMuted',
          payload: { personId: command.personId, reason: command.reason },
        },
      ];
    }
    case 'unmuteParticipant': {
      const denied = requireDesk(ctx.actor);
      if (denied) return denied;
      if (!debate.muted.some((m) => m.personId === command.personId))
        return reject('INVALID_STATE', 'Inte avstängd.', 'Not muted.');
      return [{ type: 'ParticipantUnmuted', payload: { personId: command.personId } }];
    }
  }
}

function mergeConfig(base: DebateConfig, change: Partial<DebateConfig>): DebateConfig {
  return {
    firstSpeechSeconds: change.firstSpeechSeconds ?? base.firstSpeechSeconds,
    laterSpeechSeconds: change.laterSpeechSeconds ?? base.laterSpeechSeconds,
    replySeconds: change.replySeconds ?? base.replySeconds,
    answerSeconds: change.answerSeconds ?? base.answerSeconds,
    pointOfOrderSeconds: change.pointOfOrderSeconds ?? base.pointOfOrderSeconds,
    repliesPerMemberPerSpeech: change.repliesPerMemberPerSpeech ?? base.repliesPerMemberPerSpeech,
  };
}

function closeFloor(
  debate: DebateState,
  turnId: string,
  at: string,
  durationSeconds: number,
  overrunSeconds: number,
  cutOff: Turn['cutOff'],
): DebateState {
  const floor = debate.floor;
  if (!floor || floor.id !== turnId) return debate;
  return {
    ...debate,
    floor: null,
    turns: [...debate.turns, { ...floor, endedAt: at, durationSeconds, overrunSeconds, cutOff }],
  };
}

function evolveDebate(state: SittingState, event: EventRecord): DebateState {
  const debate = state.debate;
  switch (event.type) {
    case 'FloorRequested': {
      const p = event.payload;
      const entry = {
        id: p.entryId,
        itemId: p.itemId,
        kind: p.kind,
        personId: p.personId,
        replyTo: p.replyTo,
        requestedAt: event.at,
        addedBy: p.addedBy,
      };
      return { ...debate, queue: insertAt(debate.queue, insertIndex(debate.queue, p.kind), entry) };
    }
    case 'FloorRequestRemoved':
      return { ...debate, queue: debate.queue.filter((e) => e.id !== event.payload.entryId) };
    case 'FloorRequestMoved': {
      const entry = debate.queue.find((e) => e.id === event.payload.entryId);
      if (!entry) return debate;
      const rest = debate.queue.filter((e) => e.id !== entry.id);
      return { ...debate, queue: insertAt(rest, event.payload.toIndex, entry) };
    }
    case 'FloorGiven': {
      const p = event.payload;
      const turn: Turn = {
        id: p.turnId,
        itemId: p.itemId,
        kind: p.kind,
        personId: p.personId,
        partyId: p.partyId,
        replyTo: p.replyTo,
        startedAt: event.at,
        endedAt: null,
        limitSeconds: p.limitSeconds,
        seenAndHeard: p.seenAndHeard,
        remote: p.remote,
        durationSeconds: null,
        overrunSeconds: null,
        cutOff: null,
      };
      return {
        ...debate,
        queue: debate.queue.filter((e) => e.id !== p.entryId),
        floor: turn,
        currentSpeechId: p.kind === 'speech' ? p.turnId : debate.currentSpeechId,
      };
    }
    case 'FloorEnded': {
      const p = event.payload;
      return closeFloor(debate, p.turnId, event.at, p.durationSeconds, p.overrunSeconds, null);
    }
    case 'SpeakerCutOff': {
      const p = event.payload;
      return closeFloor(debate, p.turnId, event.at, p.durationSeconds, p.overrunSeconds, {
        reason: p.reason,
        by: event.actorId,
      });
    }
    case 'DebateConfigured':
      return { ...debate, config: event.payload.config };
    case 'PartyPotsSet':
      return {
        ...debate,
        partyPots: event.payload.pots
          ? { itemId: event.payload.itemId, seconds: event.payload.pots }
          : null,
      };
    case 'SpeakerListClosed':
      return {
        ...debate,
        listClosed: {
          itemId: event.payload.itemId,
          at: event.at,
          entitled: event.payload.entitled,
        },
      };
    case 'SpeakerListReopened':
      return { ...debate, listClosed: null };
    case 'RightToSpeakGranted':
      return { ...debate, granted: [...debate.granted, event.payload] };
    case 'RightToSpeakRevoked':
      return {
        ...debate,
        granted: debate.granted.filter((g) => g.personId !== event.payload.personId),
      };
    case 'ParticipantMuted': {
      const mute = {
        personId: event.payload.personId,
        at: event.at,
        reason: event.payload.reason,
        by: event.actorId,
      };
      return {
        ...debate,
        muted: [...debate.muted, mute],
        muteLog: [...debate.muteLog, { ...mute, until: null }],
      };
    }
    case 'ParticipantUnmuted': {
      const { personId } = event.payload;
      return {
        ...debate,
        muted: debate.muted.filter((m) => m.personId !== personId),
        muteLog: debate.muteLog.map((m) =>
          m.personId === personId && m.until === null ? { ...m, until: event.at } : m,
        ),
      };
    }
    case 'ItemStarted':
      // A new item starts a new speaker list: requests, the closed list and pots belong to the item left.
      return { ...debate, queue: [], currentSpeechId: null, listClosed: null, partyPots: null };
    default:
      return debate;
  }
}

function evolve(state: SittingState, event: EventRecord): SittingState {
  const debate = evolveDebate(state, event);
  return debate === state.debate ? state : { ...state, debate };
}

/**
 * Follow-ups to others' events: moving to another item or closing the sitting ends the turn on the floor with its time;
 * a member who declares jäv on the current item (R12) leaves the speaker list and, if speaking, the floor.
 */
function react(
  state: SittingState,
  events: readonly DomainEvent[],
  ctx: DecideContext,
): DomainEvent[] {
  const { floor, queue } = state.debate;
  const out: DomainEvent[] = [];
  const boundary = events.some(
    (e) =>
      (e.type === 'ItemStarted' && e.payload.itemId !== floor?.itemId) ||
      e.type === 'SittingClosed',
  );
  const recused = new Set(
    events.flatMap((e) =>
      e.type === 'RecusalDeclared' && e.payload.itemId === state.sitting.currentItemId
        ? [e.payload.personId]
        : [],
    ),
  );
  if (floor && (boundary || recused.has(floor.personId)))
    out.push({ type: 'FloorEnded', payload: ended(floor, ctx.now) });
  for (const e of queue)
    if (recused.has(e.personId))
      out.push({
        type: 'FloorRequestRemoved',
        payload: { entryId: e.id, personId: e.personId, byDesk: false },
      });
  return out;
}

export const debateModule: DomainModule<DebateCommand> = {
  commandTypes: debateCommandTypes,
  decide,
  evolve,
  react,
};
