// The secret ballot in a sitting (R22): open from the current item with the roll frozen from attendance (R06), live counts,
// and the verified result. The ballot service holds the ballots; the sitting log holds the roll hash, counts and board root.
import { reject, type CommandOf, type Rejection, type SecretBallotCounts } from '@council/shared';
// The fingerprint the log records is the one the verifier's --expect-committee compares: one function for both.
import { keyFingerprint } from '../../../../ballot/src/verifier/log-anchors.ts';
import { isValidSigningKey } from '../../../../ballot/src/crypto/signing.ts';
import { hexToBytes } from '@noble/hashes/utils.js';
import {
  hasQuorum,
  isServing,
  personName,
  personParty,
  servingPersonIds,
} from '../attendance/selectors.ts';
import { isDesk, requireDesk } from '../sitting/roles.ts';
import type {
  Actor,
  DecideContext,
  Decision,
  DomainEvent,
  DomainModule,
  EventRecord,
  SittingState,
} from '../sitting/types.ts';
import type { CommitteeEnrolment, EligibleMember, SecretBallotEvent } from './events.ts';
import {
  findBallot,
  openBallot,
  secretBallotOf,
  type SecretBallotRecord,
  type SecretBallotState,
  voterKeyOf,
} from './state.ts';

export const secretBallotCommandTypes = [
  'openSecretBallot',
  'enrolSecretBallotCommittee',
  'registerSecretBallotVoterKey',
  'updateSecretBallotCounts',
  'cancelSecretBallot',
] as const;
type SecretBallotCommand = CommandOf<(typeof secretBallotCommandTypes)[number]>;

/** Below this many eligible voters the committee is warned that the vote may be inferred (anonymity set). */
export const SMALL_ANONYMITY_SET = 10;
/** Below this many serving, a secret ballot cannot keep anyone's vote secret in any useful sense. */
export const FEW_SERVING = 3;

/** The election committee (valberedning / rösträknare) or the desk. */
export function requireDeskOrCommittee(actor: Actor): Rejection | null {
  return isDesk(actor) || actor.roles.includes('committee')
    ? null
    : reject(
        'FORBIDDEN',
        'Endast rösträknarna eller presidiet kan göra detta.',
        'Only the election committee or the desk can do this.',
      );
}

/** Warnings for the committee: few serving, or a small anonymity set (eligible, and cast once known). */
export function ballotWarnings(eligible: number, cast: number | null = null): string[] {
  const out: string[] = [];
  if (eligible < FEW_SERVING)
    out.push(`Färre än ${FEW_SERVING} tjänstgör (${eligible}): valhemligheten kan inte skyddas.`);
  else if (eligible < SMALL_ANONYMITY_SET)
    out.push(`Få röstberättigade (${eligible}): hur var och en röstat kan gå att sluta sig till.`);
  if (cast !== null && cast > 0 && cast < FEW_SERVING)
    out.push(`Endast ${cast} röster avgavs: resultatet kan röja hur de röstat.`);
  return out;
}

/** The roll plenary freezes and signs when a question opens: who serves on the current item now. */
export function freezeRoll(state: SittingState): EligibleMember[] {
  return servingPersonIds(state)
    .slice()
    .sort()
    .map((memberId) => ({
      memberId,
      name: personName(state, memberId),
      party: personParty(state, memberId),
    }));
}

/** Why a secret ballot cannot be opened now on the current item, or null. */
export function cannotOpen(state: SittingState, actor: Actor, itemId: string): Rejection | null {
  const denied = requireDeskOrCommittee(actor);
  if (denied) return denied;
  if (state.sitting.status !== 'open')
    return reject('INVALID_STATE', 'Sammanträdet pågår inte.', 'The sitting is not in progress.');
  if (state.sitting.currentItemId !== itemId)
    return reject(
      'INVALID_STATE',
      'Sluten omröstning hålls bara i det pågående ärendet.',
      'A secret ballot is held only on the current item.',
    );
  const open = openBallot(state);
  if (open)
    return reject(
      'CONFLICT',
      `En sluten omröstning pågår redan (${open.title}).`,
      `A secret ballot is already open.`,
    );
  if (servingPersonIds(state).length < 1)
    return reject(
      'NO_QUORUM',
      'Ingen tjänstgör: förrätta upprop först.',
      'Nobody serves: call the roll first.',
    );
  // An election is a decision: like any decision it needs more than half of the members serving.
  if (!hasQuorum(state))
    return reject('NO_QUORUM', 'Fullmäktige är inte beslutsfört.', 'There is no quorum.');
  return null;
}

function decide(state: SittingState, command: SecretBallotCommand, ctx: DecideContext): Decision {
  switch (command.type) {
    case 'openSecretBallot': {
      const denied = cannotOpen(state, ctx.actor, command.itemId);
      if (denied) return denied;
      if (findBallot(state, command.questionId))
        return reject('CONFLICT', 'Frågan finns redan.', 'The question already exists.');
      const roll = freezeRoll(state);
      const given = [...command.eligible].sort();
      if (given.length !== roll.length || given.some((id, i) => id !== roll[i]?.memberId))
        return reject(
          'CONFLICT',
          'Vilka som tjänstgör har ändrats: skapa frågan igen.',
          'Who serves has changed: create the question again.',
        );
      // The anchors name the committee enrolled in this log, every key by its owner's own session (issue 13).
      const enrolled = enrolledCommittee(state);
      if (!enrolled)
        return reject(
          'INVALID_STATE',
          'Tre rösträknare ska anmäla sina nycklar först.',
          'Three election committee members must enrol their keys first.',
        );
      const named = command.committee;
      if (
        named.length !== enrolled.length ||
        named.some(
          (c, i) => c.memberId !== enrolled[i]?.personId || c.publicKey !== enrolled[i]?.publicKey,
        )
      )
        return reject(
          'CONFLICT',
          'Manifestet namnger inte de anmälda rösträknarna.',
          'The manifest does not name the enrolled committee.',
        );
      return [
        {
          type: 'SecretBallotOpened',
          payload: {
            questionId: command.questionId,
            itemId: command.itemId,
            title: command.title,
            ballotType: command.ballotType,
            eligible: roll,
            rollHash: command.rollHash,
            frozenAt: command.frozenAt,
            warnings: ballotWarnings(roll.length),
            electionId: command.electionId,
            plenaryKey: command.plenaryKey,
            committee: enrolled.map((e) => ({
              memberId: e.personId,
              name: e.name,
              fingerprint: keyFingerprint(e.publicKey),
            })),
          },
        },
      ];
    }
    case 'enrolSecretBallotCommittee': {
      if (!ctx.actor.roles.includes('committee'))
        return reject(
          'FORBIDDEN',
          'Endast rösträknarna anmäler nycklar.',
          'Only election committee members enrol keys.',
        );
      if (state.sitting.status === 'closed')
        return reject('INVALID_STATE', 'Sammanträdet är avslutat.', 'The sitting is closed.');
      return [
        {
          type: 'SecretBallotCommitteeEnrolled',
          payload: {
            personId: ctx.actor.personId,
            name: personName(state, ctx.actor.personId),
            publicKey: command.publicKey,
            lotCommitment: command.lotCommitment,
          },
        },
      ];
    }
    case 'registerSecretBallotVoterKey': {
      // The rights table already holds the member to themself and serving; checked here too, as the rule's own.
      if (command.memberId !== ctx.actor.personId)
        return reject(
          'FORBIDDEN',
          'Du kan bara anmäla din egen nyckel.',
          'You can only register your own key.',
        );
      if (state.sitting.status === 'closed')
        return reject('INVALID_STATE', 'Sammanträdet är avslutat.', 'The sitting is closed.');
      if (!isServing(state, command.memberId))
        return reject(
          'NOT_SERVING',
          'Endast den som tjänstgör anmäler en röstnyckel.',
          'Only a serving member registers a voting key.',
        );
      if (!isValidSigningKey(hexToBytes(command.publicKey)))
        return reject(
          'INVALID_INPUT',
          'Nyckeln är inte en giltig Ed25519-nyckel.',
          'The key is not a valid Ed25519 public key.',
        );
      if (voterKeyOf(state, command.memberId) === command.publicKey) return [];
      return [
        {
          type: 'SecretBallotVoterKeyRegistered',
          payload: { personId: command.memberId, publicKey: command.publicKey },
        },
      ];
    }
    case 'cancelSecretBallot': {
      const denied = requireDesk(ctx.actor);
      if (denied) return denied;
      const b = findBallot(state, command.questionId);
      if (!b)
        return reject(
          'NOT_FOUND',
          'Det finns ingen sådan sluten omröstning.',
          'There is no such secret ballot.',
        );
      if (b.status !== 'open')
        return reject(
          'INVALID_STATE',
          'Omröstningen är redan avslutad.',
          'The ballot is already finished.',
        );
      return [
        {
          type: 'SecretBallotCancelled',
          payload: { questionId: command.questionId, reason: command.reason },
        },
      ];
    }
    case 'updateSecretBallotCounts': {
      const denied = requireDeskOrCommittee(ctx.actor);
      if (denied) return denied;
      const b = findBallot(state, command.questionId);
      if (!b)
        return reject(
          'NOT_FOUND',
          'Det finns ingen sådan sluten omröstning.',
          'There is no such secret ballot.',
        );
      if (b.status !== 'open') return [];
      // R22 invariant: ballots ≤ issued ≤ eligible; counts never go down.
      if (command.cast > command.issued || command.issued > b.eligible.length)
        return reject(
          'INVALID_INPUT',
          'Avgivna ≤ utdelade ≤ röstberättigade.',
          'Cast ≤ issued ≤ eligible.',
        );
      if (command.issued < b.issued || command.cast < b.cast)
        return reject('CONFLICT', 'Räkningen kan inte minska.', 'Counts cannot go down.');
      if (command.issued === b.issued && command.cast === b.cast) return [];
      return [
        {
          type: 'SecretBallotCountsUpdated',
          payload: { questionId: command.questionId, issued: command.issued, cast: command.cast },
        },
      ];
    }
  }
}

export interface VerifiedResult {
  questionId: string;
  electionId: string;
  boardRoot: string;
  /** Counts from the verified board; `eligible` must match the frozen roll. */
  counts: SecretBallotCounts & { issued: number };
  /** Lines for the minutes: each candidate or answer with its votes, the elected marked. */
  lines: string[];
  resultText: string;
  checks: number;
  /** The board's manifest.rollHash: must be the roll this sitting froze. */
  rollHash: string;
  itemId: string;
}

/**
 * The events that record a verified result (not a client command: the use case calls this after the verifier accepted
 * the board). Refused when the board is not for the roll and item this sitting froze, or the counts break the invariant.
 */
export function recordVerifiedResult(
  state: SittingState,
  actor: Actor,
  r: VerifiedResult,
): DomainEvent[] | Rejection {
  const denied = requireDeskOrCommittee(actor);
  if (denied) return denied;
  const b = findBallot(state, r.questionId);
  if (!b)
    return reject(
      'NOT_FOUND',
      'Det finns ingen sådan sluten omröstning.',
      'There is no such secret ballot.',
    );
  if (b.status !== 'open' || b.result)
    return reject('CONFLICT', 'Resultatet är redan infört.', 'The result is already recorded.');
  if (r.rollHash !== b.rollHash || r.itemId !== b.itemId)
    return reject(
      'CONFLICT',
      'Valsedelstavlan gäller inte den röstlängd som frystes här.',
      'The board is not for the roll frozen in this sitting.',
    );
  if (b.electionId !== undefined && r.electionId !== b.electionId)
    return reject(
      'CONFLICT',
      'Valsedelstavlan gäller inte det val som öppnades här (val-id).',
      'The board is not the election opened in this sitting.',
    );
  const c = r.counts;
  if (
    c.eligible !== b.eligible.length ||
    c.cast > c.issued ||
    c.issued > c.eligible ||
    c.valid + c.blank + c.invalid !== c.cast
  )
    return reject(
      'CONFLICT',
      'Räkningen på tavlan går inte ihop.',
      'The board counts do not add up.',
    );
  return [
    {
      type: 'SecretBallotCountsUpdated',
      payload: { questionId: r.questionId, issued: c.issued, cast: c.cast },
    },
    {
      type: 'SecretBallotVerified',
      payload: {
        questionId: r.questionId,
        electionId: r.electionId,
        boardRoot: r.boardRoot,
        resultText: r.resultText,
        checks: r.checks,
      },
    },
    {
      type: 'SecretBallotResultRecorded',
      payload: {
        itemId: b.itemId,
        questionId: r.questionId,
        counts: {
          eligible: c.eligible,
          cast: c.cast,
          valid: c.valid,
          blank: c.blank,
          invalid: c.invalid,
        },
        result: r.lines,
        boardRoot: r.boardRoot,
      },
    },
  ];
}

/** The events for a tie the close reported (issue 13, item 7); none when this tie is already the one waited on. */
export function tieFound(
  state: SittingState,
  actor: Actor,
  tie: { questionId: string; context: string; tied: string[] },
): DomainEvent[] | Rejection {
  const denied = requireDeskOrCommittee(actor);
  if (denied) return denied;
  const b = findBallot(state, tie.questionId);
  if (!b)
    return reject(
      'NOT_FOUND',
      'Det finns ingen sådan sluten omröstning.',
      'There is no such secret ballot.',
    );
  if (b.status !== 'open')
    return reject('INVALID_STATE', 'Omröstningen är avslutad.', 'The ballot is finished.');
  if (b.tie?.context === tie.context && b.tie.tied.join('\u0000') === tie.tied.join('\u0000'))
    return [];
  return [{ type: 'SecretBallotTieFound', payload: tie }];
}

/**
 * The desk records the draw held in the room for the tie the close is waiting on (issue 13, item 7). The order must be
 * exactly the tied entries; the ballot service accepts it only when a committee seed is missing.
 */
export function recordPhysicalDraw(
  state: SittingState,
  actor: Actor,
  draw: { questionId: string; context: string; order: string[] },
): DomainEvent[] | Rejection {
  const denied = requireDesk(actor);
  if (denied) return denied;
  const b = findBallot(state, draw.questionId);
  if (!b)
    return reject(
      'NOT_FOUND',
      'Det finns ingen sådan sluten omröstning.',
      'There is no such secret ballot.',
    );
  if (b.status !== 'open' || !b.tie)
    return reject(
      'INVALID_STATE',
      'Ingen lottning väntar för denna omröstning.',
      'No draw is awaited for this ballot.',
    );
  if (b.tie.context !== draw.context)
    return reject(
      'CONFLICT',
      `Lottningen gäller ${b.tie.context}, inte ${draw.context}.`,
      `The draw awaited is another one.`,
    );
  const same =
    draw.order.length === b.tie.tied.length &&
    [...draw.order].sort().join('\u0000') === [...b.tie.tied].sort().join('\u0000');
  if (!same)
    return reject(
      'INVALID_INPUT',
      `Ordningen ska omfatta just de lika: ${b.tie.tied.join(', ')}.`,
      `The order must list exactly the tied entries.`,
    );
  return [{ type: 'SecretBallotDrawRecorded', payload: draw }];
}

function update(
  s: SecretBallotState,
  questionId: string,
  f: (b: SecretBallotRecord) => SecretBallotRecord,
): SecretBallotState {
  return { ...s, ballots: s.ballots.map((b) => (b.questionId === questionId ? f(b) : b)) };
}

/** The committee for the next question: the three most recently enrolled members, or null when fewer enrolled. */
export function enrolledCommittee(state: SittingState): CommitteeEnrolment[] | null {
  const enrolled = secretBallotOf(state).enrolled;
  return enrolled.length >= 3 ? enrolled.slice(-3) : null;
}

function isOwnEvent(event: EventRecord): event is Extract<EventRecord, SecretBallotEvent> {
  return (
    event.type === 'SecretBallotOpened' ||
    event.type === 'SecretBallotCommitteeEnrolled' ||
    event.type === 'SecretBallotVoterKeyRegistered' ||
    event.type === 'SecretBallotCountsUpdated' ||
    event.type === 'SecretBallotCancelled' ||
    event.type === 'SecretBallotTieFound' ||
    event.type === 'SecretBallotDrawRecorded' ||
    event.type === 'SecretBallotVerified'
  );
}

function evolveSlice(s: SecretBallotState, event: EventRecord): SecretBallotState {
  if (isOwnEvent(event)) {
    switch (event.type) {
      case 'SecretBallotCommitteeEnrolled':
        return {
          ...s,
          enrolled: [
            ...(s.enrolled ?? []).filter((e) => e.personId !== event.payload.personId),
            event.payload,
          ],
        };
      case 'SecretBallotVoterKeyRegistered':
        return {
          ...s,
          voterKeys: [
            ...(s.voterKeys ?? []).filter((k) => k.personId !== event.payload.personId),
            event.payload,
          ],
        };
      case 'SecretBallotOpened':
        return {
          ...s,
          // Committee keys and seeds are per question: the enrolment is consumed (members' voting keys stay).
          enrolled: [],
          ballots: [
            ...s.ballots,
            {
              ...event.payload,
              openedAt: event.at,
              openedBy: event.actorId,
              status: 'open',
              issued: 0,
              cast: 0,
              result: null,
            },
          ],
        };
      case 'SecretBallotCancelled':
        return update(s, event.payload.questionId, (b) => ({
          ...b,
          status: 'cancelled',
          cancelledReason: event.payload.reason,
        }));
      case 'SecretBallotTieFound': {
        const { questionId, ...tie } = event.payload;
        return update(s, questionId, (b) => ({ ...b, tie }));
      }
      case 'SecretBallotDrawRecorded': {
        const { questionId, ...draw } = event.payload;
        return update(s, questionId, (b) => ({
          ...b,
          tie: null,
          draws: [...(b.draws ?? []), draw],
        }));
      }
      case 'SecretBallotCountsUpdated':
        return update(s, event.payload.questionId, (b) => ({
          ...b,
          issued: event.payload.issued,
          cast: event.payload.cast,
        }));
      case 'SecretBallotVerified': {
        const p = event.payload;
        return update(s, p.questionId, (b) => ({
          ...b,
          result: {
            electionId: p.electionId,
            boardRoot: p.boardRoot,
            resultText: p.resultText,
            lines: [],
            counts: { eligible: b.eligible.length, cast: b.cast, valid: 0, blank: 0, invalid: 0 },
          },
        }));
      }
    }
  }
  if (event.type === 'SecretBallotResultRecorded') {
    const p = event.payload;
    // The minutes' event closes the ballot whether plenary verified it (SecretBallotVerified first) or the desk entered it.
    return update(s, p.questionId, (b) => ({
      ...b,
      status: 'closed',
      cast: p.counts.cast,
      result: {
        electionId: b.result?.electionId ?? '',
        boardRoot: p.boardRoot,
        resultText: b.result?.resultText ?? p.result.join('; '),
        lines: p.result,
        counts: p.counts,
      },
    }));
  }
  return s;
}

export const secretBallotModule: DomainModule<SecretBallotCommand> = {
  commandTypes: secretBallotCommandTypes,
  decide,
  evolve(state, event) {
    const before = secretBallotOf(state);
    const after = evolveSlice(before, event);
    return after === before && state.secretBallot ? state : { ...state, secretBallot: after };
  },
};

/** Whether the ballot was verified by plenary (not only entered by the desk). */
export function isVerified(b: SecretBallotRecord): boolean {
  return b.result !== null && b.result.electionId !== '';
}
