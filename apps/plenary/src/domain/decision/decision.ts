// The decision module: proposals, proposition order, acclamation with the gavel window (R11), divisions with casting
// vote (R20), identity and eligibility of voters (R21), function check and quorum per round (R19), void rounds (R18),
// decisions only at the sitting (R23) with § numbers, reservations (R24).
import {
  isRejection,
  NO_ALTERNATIVE,
  reject,
  type CommandOf,
  type Rejection,
  type VoteChoice,
} from '@council/shared';
import {
  functionCheckPassed,
  hasQuorum,
  isRecused,
  isServing,
  isTechFailureMember,
  personName,
  personParty,
  seatServedBy,
  servingPersonIds,
  transmissionLostSince,
} from '../attendance/selectors.ts';
import { requireChair, requireDesk, requireSelfOrDesk } from '../sitting/roles.ts';
import type {
  DecideContext,
  Decision,
  DomainEvent,
  DomainModule,
  EventRecord,
  SittingState,
} from '../sitting/types.ts';
import type { DecisionEvent } from './events.ts';
import {
  emptyDeliberation,
  inProgress,
  voteOf,
  voteShard,
  type DecisionState,
  type Division,
  type ItemDeliberation,
  type Proposal,
  type Step,
  type Tally,
} from './state.ts';

export const decisionCommandTypes = [
  'makeProposal',
  'supportProposal',
  'withdrawProposal',
  'setPropositionOrder',
  'approvePropositionOrder',
  'putQuestion',
  'announceAcclamation',
  'demandDivision',
  'strikeGavel',
  'applyMinorityReferral',
  'startDivision',
  'castVote',
  'recordRollCallVote',
  'closeDivision',
  'castCastingVote',
  'invalidateRound',
  'recordDecision',
  'announceReservation',
  'addReservationReason',
] as const;

type DecisionCommand = CommandOf<(typeof decisionCommandTypes)[number]>;

const formalKinds = new Set(['referBack', 'table']);
const materialKinds = new Set(['approve', 'reject', 'amend']);

export const kindLabel: Record<Proposal['kind'], string> = {
  approve: 'bifall',
  reject: 'avslag',
  amend: 'ändring',
  referBack: 'återremiss',
  table: 'bordläggning',
  addition: 'tillägg',
};

// ---------------------------------------------------------------- guards

function sittingOpen(state: SittingState): Rejection | null {
  switch (state.sitting.status) {
    case 'open':
      return null;
    case 'adjourned':
      return reject(
        'ADJOURNED',
        'Sammanträdet är ajournerat: återuppta först.',
        'The sitting is adjourned: resume it first.',
      );
    case 'closed':
      return reject(
        'INVALID_STATE',
        'Sammanträdet är avslutat: beslut fattas bara vid sammanträdet.',
        'The sitting is closed.',
      );
    default:
      return reject('INVALID_STATE', 'Sammanträdet är inte öppnat.', 'The sitting is not open.');
  }
}

function currentDeliberation(state: SittingState): ItemDeliberation | Rejection {
  const itemId = state.sitting.currentItemId;
  if (!itemId) return reject('INVALID_STATE', 'Inget ärende pågår.', 'No item is being handled.');
  const d = state.decision.items[itemId] ?? emptyDeliberation(itemId);
  if (d.decision)
    return reject('INVALID_STATE', 'Ärendet är redan avgjort.', 'The item is already decided.');
  return d;
}

/** R19 and quorum: every decision round needs a passed function check and a quorate assembly. */
function decisionRound(state: SittingState): Rejection | null {
  if (!functionCheckPassed(state))
    return reject(
      'INVALID_STATE',
      'Teknisk funktionskontroll saknas för ärendet: gör den före beslutet.',
      'Run the technical function check before the decision (R19).',
    );
  if (!hasQuorum(state))
    return reject('NO_QUORUM', 'Fullmäktige är inte beslutsfört.', 'There is no quorum.');
  return null;
}

/** Only serving, non-recused, non-teknikfelsledamot members propose, support, demand a division and vote. */
function participant(state: SittingState, memberId: string): Rejection | null {
  if (isTechFailureMember(state, memberId))
    return reject(
      'FORBIDDEN',
      'En teknikfelsledamot får närvara och yttra sig men inte yrka eller rösta.',
      'A member replaced after a technical failure may not propose or vote (R16).',
    );
  if (isRecused(state, memberId))
    return reject(
      'RECUSED',
      'Du har anmält jäv i ärendet.',
      'You have a conflict of interest in this item.',
    );
  if (!isServing(state, memberId))
    return reject('NOT_SERVING', 'Du tjänstgör inte.', 'You are not serving.');
  return null;
}

function currentStep(d: ItemDeliberation): Step | null {
  return d.steps[d.current] ?? null;
}

function openDivisionOf(state: SittingState, d: ItemDeliberation): Division | null {
  const step = currentStep(d);
  const last = step?.divisionIds.at(-1);
  const division = last ? state.decision.divisions[last] : undefined;
  return division && inProgress(division) ? division : null;
}

function noDivision(divisionId: string): Rejection {
  return reject(
    'NOT_FOUND',
    `Det finns ingen votering ${divisionId}.`,
    `There is no division ${divisionId}.`,
  );
}

// ---------------------------------------------------------------- labels

export function alternativeLabel(
  state: SittingState,
  itemId: string,
  key: string,
  step: Step | null,
): string {
  if (key === NO_ALTERNATIVE) {
    const first = step?.alternatives[0];
    const p = first ? state.decision.proposals[first] : undefined;
    if (p && formalKinds.has(p.kind)) return 'ärendet avgörs i dag';
    if (p?.kind === 'addition') return 'avslag på tilläggsyrkandet';
    return 'avslag';
  }
  const p = state.decision.proposals[key];
  if (!p || p.itemId !== itemId) return key;
  return `yrkande ${p.number}, ${kindLabel[p.kind]} (${personName(state, p.by)}, ${personParty(state, p.by)})`;
}

// ---------------------------------------------------------------- decide

function decide(state: SittingState, command: DecisionCommand, ctx: DecideContext): Decision {
  // Written reasons for a reservation may be added after the sitting, until the minutes are adjusted.
  if (command.type === 'addReservationReason') return addReservationReason(state, command, ctx);
  if (command.type === 'announceReservation') return announceReservation(state, command, ctx);
  const closed = sittingOpen(state);
  if (closed) return closed;
  const d = currentDeliberation(state);
  if (isRejection(d)) return d;
  const itemId = d.itemId;

  switch (command.type) {
    case 'makeProposal': {
      const denied =
        requireSelfOrDesk(ctx.actor, command.memberId) ?? participant(state, command.memberId);
      if (denied) return denied;
      if (d.order?.approved) return locked();
      return [
        {
          type: 'ProposalMade',
          payload: {
            proposalId: ctx.newId(),
            itemId,
            memberId: command.memberId,
            kind: command.kind,
            text: command.text,
          },
        },
      ];
    }
    case 'supportProposal': {
      const denied =
        requireSelfOrDesk(ctx.actor, command.memberId) ?? participant(state, command.memberId);
      if (denied) return denied;
      const p = activeProposal(state, itemId, command.proposalId);
      if (isRejection(p)) return p;
      if (d.order?.approved) return locked();
      if (p.by === command.memberId || p.supporters.includes(command.memberId))
        return reject(
          'CONFLICT',
          'Du står redan bakom yrkandet.',
          'You already stand behind this proposal.',
        );
      return [
        { type: 'ProposalSupported', payload: { proposalId: p.id, memberId: command.memberId } },
      ];
    }
    case 'withdrawProposal': {
      const denied = requireSelfOrDesk(ctx.actor, command.memberId);
      if (denied) return denied;
      const p = activeProposal(state, itemId, command.proposalId);
      if (isRejection(p)) return p;
      if (p.by !== command.memberId)
        return reject(
          'FORBIDDEN',
          'Bara den som yrkat kan ta tillbaka yrkandet.',
          'Only the proposer can withdraw it.',
        );
      if (d.order?.approved) return locked();
      return [
        { type: 'ProposalWithdrawn', payload: { proposalId: p.id, memberId: command.memberId } },
      ];
    }
    case 'setPropositionOrder': {
      const denied = requireDesk(ctx.actor);
      if (denied) return denied;
      if (d.order?.approved) return locked();
      const invalid = validateOrder(state, d, command);
      if (invalid) return invalid;
      return [
        {
          type: 'PropositionOrderSet',
          payload: {
            itemId,
            formal: command.formal,
            material: command.material,
            additions: command.additions,
          },
        },
      ];
    }
    case 'approvePropositionOrder': {
      const denied = requireDesk(ctx.actor);
      if (denied) return denied;
      if (!d.order)
        return reject(
          'INVALID_STATE',
          'Ange propositionsordningen först.',
          'Set the proposition order first.',
        );
      if (d.order.approved)
        return reject(
          'CONFLICT',
          'Propositionsordningen är redan godkänd.',
          'The order is already approved.',
        );
      return [{ type: 'PropositionOrderApproved', payload: { itemId } }];
    }
    case 'putQuestion': {
      const denied = requireDesk(ctx.actor) ?? decisionRound(state);
      if (denied) return denied;
      if (!d.order?.approved)
        return reject(
          'INVALID_STATE',
          'Församlingen har inte godkänt propositionsordningen.',
          'The proposition order is not approved.',
        );
      const step = currentStep(d);
      if (step && step.stage !== 'resolved')
        return reject(
          'INVALID_STATE',
          'Den pågående frågan är inte avgjord.',
          'The current question is not decided yet.',
        );
      if (formalPassed(d))
        return reject(
          'INVALID_STATE',
          'Ett formellt yrkande har bifallits.',
          'A formal proposal was carried.',
        );
      const next = d.current + 1;
      if (next >= d.steps.length)
        return reject('INVALID_STATE', 'Alla frågor är avgjorda.', 'Every question is decided.');
      return [{ type: 'QuestionPut', payload: { itemId, step: next } }];
    }
    case 'announceAcclamation': {
      const denied = requireChair(ctx.actor) ?? decisionRound(state);
      if (denied) return denied;
      const step = currentStep(d);
      if (!step || (step.stage !== 'put' && step.stage !== 'acclaimed'))
        return reject('INVALID_STATE', 'Ställ frågan först.', 'Put the question first.');
      if (step.acclamation && step.divisionIds.length > 0)
        return reject(
          'INVALID_STATE',
          'Votering pågår om frågan.',
          'A division is under way on this question.',
        );
      if (!step.remaining.includes(command.winner))
        return reject(
          'INVALID_INPUT',
          'Det förslaget finns inte i frågan.',
          'That alternative is not in this question.',
        );
      const gavelFrom = new Date(
        Date.parse(ctx.now) + state.decision.gavelWindowSeconds * 1000,
      ).toISOString();
      return [
        {
          type: 'AcclamationAnnounced',
          payload: { itemId, step: d.current, winner: command.winner, gavelFrom },
        },
      ];
    }
    case 'demandDivision': {
      const denied =
        requireSelfOrDesk(ctx.actor, command.memberId) ?? participant(state, command.memberId);
      if (denied) return denied;
      const step = currentStep(d);
      if (!step || (step.stage !== 'put' && step.stage !== 'acclaimed'))
        return reject(
          'INVALID_STATE',
          'Ingen fråga är ställd just nu.',
          'No question is being put.',
        );
      if (step.divisionDemandedBy.includes(command.memberId))
        return reject(
          'CONFLICT',
          'Du har redan begärt votering.',
          'You already demanded a division.',
        );
      return [
        {
          type: 'DivisionDemanded',
          payload: { itemId, step: d.current, memberId: command.memberId },
        },
      ];
    }
    case 'strikeGavel': {
      const denied = requireChair(ctx.actor) ?? decisionRound(state);
      if (denied) return denied;
      const step = currentStep(d);
      if (!step || step.stage !== 'acclaimed' || !step.acclamation)
        return reject(
          'INVALID_STATE',
          'Ordföranden har inte funnit något beslut ännu.',
          'Announce the finding by acclamation first.',
        );
      if (step.divisionDemandedBy.length > 0)
        return reject(
          'CONFLICT',
          'Votering är begärd: genomför voteringen.',
          'A division was demanded: hold it.',
        );
      if (step.divisionIds.some((id) => state.decision.divisions[id]?.status !== 'invalidated'))
        return reject(
          'CONFLICT',
          'Voteringen har börjat: avgör frågan med huvudvoteringen.',
          'Divisions have begun: finish with the main division.',
        );
      const lostAtGavel = lostDuringRound(state, d, step.acclamation.at, null);
      if (lostAtGavel) return lostAtGavel;
      if (Date.parse(ctx.now) < Date.parse(step.acclamation.gavelFrom))
        return reject(
          'INVALID_STATE',
          `Vänta till ${step.acclamation.gavelFrom} så att ledamöterna hinner begära votering.`,
          `Wait so members can demand a division (R11).`,
        );
      return [
        {
          type: 'GavelStruck',
          payload: { itemId, step: d.current, winner: step.acclamation.winner },
        },
      ];
    }
    case 'applyMinorityReferral': {
      const denied = requireDesk(ctx.actor);
      if (denied) return denied;
      if (state.roster.body.kind !== 'council')
        return reject(
          'INVALID_STATE',
          'Minoritetsåterremiss finns bara i fullmäktige.',
          'Minority referral applies only in a council.',
        );
      const step = currentStep(d);
      const p = activeProposal(state, itemId, command.proposalId);
      if (isRejection(p)) return p;
      if (p.kind !== 'referBack')
        return reject(
          'INVALID_INPUT',
          'Yrkandet gäller inte återremiss.',
          'That is not a referral.',
        );
      if (
        !step ||
        step.alternatives[0] !== p.id ||
        step.stage === 'resolved' ||
        step.stage === 'division' ||
        step.stage === 'pending'
      )
        return reject(
          'INVALID_STATE',
          'Ställ frågan om återremiss först.',
          'Put the referral question first.',
        );
      const present = servingPersonIds(state).length;
      const demandedBy = [p.by, ...p.supporters].filter((m) => isServing(state, m));
      if (demandedBy.length * 3 < present)
        return reject(
          'INVALID_STATE',
          `Återremissen har stöd av ${demandedBy.length} av ${present} närvarande; minst en tredjedel krävs.`,
          `At least a third of those present must demand it.`,
        );
      return [
        {
          type: 'MinorityReferralGranted',
          payload: { itemId, step: d.current, proposalId: p.id, demandedBy, present },
        },
      ];
    }
    case 'startDivision':
      return startDivision(state, d, command, ctx);
    case 'castVote': {
      if (command.memberId !== ctx.actor.personId)
        return reject(
          'FORBIDDEN',
          'Bara ledamoten själv kan rösta.',
          'Only the member can cast their own vote (R21).',
        );
      return vote(state, command.divisionId, command.memberId, command.choice, false);
    }
    case 'recordRollCallVote': {
      const denied = requireDesk(ctx.actor);
      if (denied) return denied;
      return vote(state, command.divisionId, command.memberId, command.choice, true);
    }
    case 'closeDivision': {
      const denied = requireDesk(ctx.actor) ?? decisionRound(state);
      if (denied) return denied;
      const division = state.decision.divisions[command.divisionId];
      if (!division) return noDivision(command.divisionId);
      if (division.status !== 'open')
        return reject(
          'INVALID_STATE',
          'Voteringen är redan stängd.',
          'The division is already closed.',
        );
      const lost = lostDuringRound(state, d, division.openedAt, division.id);
      if (lost) return lost;
      const { yes, no, abstain } = division.counts;
      const result = yes > no ? 'yes' : no > yes ? 'no' : 'tie';
      return [
        {
          type: 'DivisionClosed',
          payload: {
            divisionId: division.id,
            yes,
            no,
            abstain,
            absent: division.eligibleOrder.length - division.voted,
            result,
          },
        },
      ];
    }
    case 'castCastingVote': {
      const denied = requireChair(ctx.actor);
      if (denied) return denied;
      const division = state.decision.divisions[command.divisionId];
      if (!division) return noDivision(command.divisionId);
      if (division.status !== 'tied')
        return reject(
          'INVALID_STATE',
          'Utslagsröst gäller bara vid lika röstetal.',
          'A casting vote only breaks a tie.',
        );
      return [
        {
          type: 'CastingVoteCast',
          payload: {
            divisionId: division.id,
            memberId: ctx.actor.personId,
            choice: command.choice,
          },
        },
      ];
    }
    case 'invalidateRound': {
      const denied = requireDesk(ctx.actor);
      if (denied) return denied;
      const step = currentStep(d);
      if (!step || (step.stage !== 'acclaimed' && step.stage !== 'division'))
        return reject(
          'INVALID_STATE',
          'Ingen beslutsomgång pågår.',
          'No decision round is under way.',
        );
      const division = openDivisionOf(state, d);
      return [
        {
          type: 'RoundInvalidated',
          payload: {
            itemId,
            step: d.current,
            divisionId: division?.id ?? null,
            reason: command.reason,
          },
        },
      ];
    }
    case 'recordDecision': {
      const denied = requireDesk(ctx.actor);
      if (denied) return denied;
      const outcome = outcomeOf(state, d);
      if (isRejection(outcome)) return outcome;
      return [
        {
          type: 'DecisionRecorded',
          payload: {
            itemId,
            paragraph: state.sitting.nextParagraph,
            wording: command.wording,
            outcome,
          },
        },
      ];
    }
  }
}

/**
 * R18: a serving member lost transmission (video included) while the question was put or the vote taken: the round
 * does not stand; it is voided and taken again.
 */
function lostDuringRound(
  state: SittingState,
  d: ItemDeliberation,
  since: string,
  divisionId: string | null,
): DomainEvent[] | null {
  const lost = transmissionLostSince(state, since);
  if (lost.length === 0) return null;
  const names = [...new Set(lost.map((f) => personName(state, f.personId)))].join(', ');
  return [
    {
      type: 'RoundInvalidated',
      payload: {
        itemId: d.itemId,
        step: d.current,
        divisionId,
        // Shown to the members as it stands: plain Swedish, no rule code (the rule is in the event's type and the log).
        reason: `Överföringen bröts för ${names} medan beslutet fattades.`,
      },
    },
  ];
}

function locked(): Rejection {
  return reject(
    'INVALID_STATE',
    'Propositionsordningen är godkänd: yrkandena kan inte längre ändras.',
    'The proposition order is approved: proposals can no longer change.',
  );
}

function activeProposal(
  state: SittingState,
  itemId: string,
  proposalId: string,
): Proposal | Rejection {
  const p = state.decision.proposals[proposalId];
  if (!p || p.itemId !== itemId)
    return reject(
      'NOT_FOUND',
      'Yrkandet finns inte i det här ärendet.',
      'No such proposal on this item.',
    );
  if (p.status !== 'active')
    return reject('INVALID_STATE', 'Yrkandet är återtaget.', 'The proposal was withdrawn.');
  return p;
}

function validateOrder(
  state: SittingState,
  d: ItemDeliberation,
  order: { formal: string[]; material: string[]; additions: string[] },
): Rejection | null {
  const active = d.proposalIds
    .map((id) => state.decision.proposals[id])
    .filter((p): p is Proposal => p?.status === 'active');
  if (active.length === 0)
    return reject('INVALID_STATE', 'Det finns inga yrkanden.', 'There are no proposals.');
  const listed = [...order.formal, ...order.material, ...order.additions];
  if (new Set(listed).size !== listed.length)
    return reject('INVALID_INPUT', 'Ett yrkande står två gånger.', 'A proposal is listed twice.');
  const groups: [string[], Set<string>, string][] = [
    [order.formal, formalKinds, 'formella (återremiss, bordläggning)'],
    [order.material, materialKinds, 'materiella'],
    // An avslag listed right after an addition is the no-side of that addition's question.
    [order.additions, new Set(['addition', 'reject']), 'tillägg'],
  ];
  for (const [ids, kinds, name] of groups)
    for (const id of ids) {
      const p = active.find((a) => a.id === id);
      if (!p)
        return reject(
          'INVALID_INPUT',
          `Yrkandet ${id} finns inte eller är återtaget.`,
          `Proposal ${id} is not active.`,
        );
      if (!kinds.has(p.kind))
        return reject('INVALID_INPUT', `Yrkande ${p.number} hör inte till gruppen ${name}.`);
    }
  const additionKinds = order.additions.map((id) => active.find((a) => a.id === id)?.kind);
  const strayReject = additionKinds.findIndex(
    (k, i) => k === 'reject' && additionKinds[i - 1] !== 'addition',
  );
  if (strayReject >= 0)
    return reject(
      'INVALID_INPUT',
      'Ett avslagsyrkande bland tilläggen ska stå direkt efter det tilläggsyrkande det gäller.',
      'An avslag among the additions must follow the addition it opposes.',
    );
  const missing = active.filter((p) => !listed.includes(p.id));
  if (missing.length > 0)
    return reject(
      'INVALID_INPUT',
      `Yrkande ${missing.map((p) => p.number).join(', ')} saknas i ordningen.`,
      `Every active proposal must be in the order.`,
    );
  return null;
}

function formalPassed(d: ItemDeliberation): Step | null {
  return (
    d.steps.find(
      (s) =>
        s.kind === 'formal' &&
        s.stage === 'resolved' &&
        s.winner !== null &&
        s.winner !== NO_ALTERNATIVE,
    ) ?? null
  );
}

function outcomeOf(
  state: SittingState,
  d: ItemDeliberation,
): 'decided' | 'referred' | 'tabled' | Rejection {
  const passed = formalPassed(d);
  if (passed) {
    const p = passed.winner ? state.decision.proposals[passed.winner] : undefined;
    return p?.kind === 'table' ? 'tabled' : 'referred';
  }
  const active = d.proposalIds.some((id) => state.decision.proposals[id]?.status === 'active');
  // An item without proposals (e.g. a report laid on the table) is decided on the chair's summary.
  if (!active && !d.order) return 'decided';
  if (!d.order?.approved)
    return reject(
      'INVALID_STATE',
      'Propositionsordningen är inte godkänd.',
      'The proposition order is not approved.',
    );
  if (d.steps.some((s) => s.stage !== 'resolved'))
    return reject(
      'INVALID_STATE',
      'Alla frågor är inte avgjorda.',
      'Not every question is decided yet.',
    );
  return 'decided';
}

function startDivision(
  state: SittingState,
  d: ItemDeliberation,
  command: CommandOf<'startDivision'>,
  ctx: DecideContext,
): Decision {
  const denied = requireDesk(ctx.actor) ?? decisionRound(state);
  if (denied) return denied;
  const step = currentStep(d);
  if (!step || (step.stage !== 'put' && step.stage !== 'acclaimed'))
    return reject(
      'INVALID_STATE',
      'Ställ frågan först, eller stäng den pågående voteringen.',
      'Put the question first.',
    );
  const { yes, no } = command;
  if (yes === no || !step.remaining.includes(yes) || !step.remaining.includes(no))
    return reject(
      'INVALID_INPUT',
      'JA och NEJ måste vara två olika förslag i frågan.',
      'Yes and no must be two alternatives of the question.',
    );
  let kind: 'counter' | 'main' = 'main';
  if (step.remaining.length > 2) {
    // Kontrapropositionsvotering: the main proposal waits; the others meet until one stands against it.
    const main = step.acclamation?.winner;
    if (!main)
      return reject(
        'INVALID_STATE',
        'Med fler än två förslag: ange huvudförslaget genom acklamation först.',
        'With more than two, find the main proposal by acclamation first.',
      );
    if (yes === main || no === main)
      return reject(
        'INVALID_INPUT',
        'Huvudförslaget deltar inte i kontrapropositionsvoteringen.',
        'The main proposal does not take part in the counter-proposal division.',
      );
    kind = 'counter';
  }
  const eligible = servingPersonIds(state)
    .filter((m) => !isRecused(state, m) && !isTechFailureMember(state, m))
    .map((memberId) => ({
      memberId,
      partyId: personParty(state, memberId),
      seat: seatNumber(state, memberId),
    }))
    .sort((a, b) => a.seat - b.seat)
    .map(({ memberId, partyId }) => ({ memberId, partyId }));
  const question = `JA: ${alternativeLabel(state, d.itemId, yes, step)} — NEJ: ${alternativeLabel(state, d.itemId, no, step)}`;
  return [
    {
      type: 'DivisionStarted',
      payload: {
        divisionId: ctx.newId(),
        itemId: d.itemId,
        step: d.current,
        kind,
        yes,
        no,
        mode: command.mode,
        question,
        eligible,
      },
    },
  ];
}

function seatNumber(state: SittingState, memberId: string): number {
  const seatId = seatServedBy(state, memberId);
  return state.roster.seats.find((s) => s.id === seatId)?.number ?? Number.MAX_SAFE_INTEGER;
}

function chairOf(state: SittingState): string | null {
  return state.roster.people.find((p) => p.roles.includes('chair'))?.id ?? null;
}

/** One vote: O(1) checks against the division's frozen roll (R21), replaced until close, never counted twice. */
function vote(
  state: SittingState,
  divisionId: string,
  memberId: string,
  choice: VoteChoice,
  rollCall: boolean,
): Decision {
  const division = state.decision.divisions[divisionId];
  if (!division) return noDivision(divisionId);
  if (division.status !== 'open')
    return reject(
      'INVALID_STATE',
      'Voteringen är stängd: rösten räknades inte.',
      'The division is closed: the vote was not counted.',
    );
  if (rollCall !== (division.mode === 'rollCall'))
    return reject(
      'INVALID_STATE',
      ...(rollCall
        ? ([
            'Voteringen sker på ledamöternas enheter.',
            'This division is voted on the members’ devices.',
          ] as [string, string])
        : ([
            'Voteringen sker med namnupprop: svara när du ropas upp.',
            'This is a roll-call division: answer when called.',
          ] as [string, string])),
    );
  const denied = participant(state, memberId);
  if (denied) return denied;
  if (!(memberId in division.eligible))
    return reject(
      'NOT_SERVING',
      'Du tjänstgjorde inte när voteringen började.',
      'You were not serving when the division started.',
    );
  if (rollCall) {
    // The chair answers last: members called before may stay silent (they are recorded as absent), so the chair's
    // answer ends the call and no one else is recorded after it.
    const chair = chairOf(state);
    if (
      chair !== null &&
      memberId !== chair &&
      chair in division.eligible &&
      voteOf(division, chair) !== null
    )
      return reject(
        'INVALID_STATE',
        'Ordföranden har röstat sist: uppropet är avslutat.',
        'The chair has voted last: the roll call is over.',
      );
  }
  if (voteOf(division, memberId) === choice) return [];
  return [{ type: 'VoteCast', payload: { divisionId, memberId, choice, rollCall } }];
}

function announceReservation(
  state: SittingState,
  command: CommandOf<'announceReservation'>,
  ctx: DecideContext,
): Decision {
  const denied = requireSelfOrDesk(ctx.actor, command.memberId);
  if (denied) return denied;
  if (state.sitting.status === 'closed')
    return reject(
      'INVALID_STATE',
      'Reservationer anmäls innan sammanträdet avslutas.',
      'Reservations are announced before the sitting closes.',
    );
  const d = state.decision.items[command.itemId];
  if (!d?.decision)
    return reject('INVALID_STATE', 'Ärendet är inte avgjort.', 'The item is not decided yet.');
  const tookPart =
    d.steps.some((s) =>
      s.divisionIds.some(
        (id) => state.decision.divisions[id]?.eligible[command.memberId] !== undefined,
      ),
    ) || seatServedBy(state, command.memberId) !== null;
  if (
    !tookPart ||
    isRecused(state, command.memberId, command.itemId) ||
    isTechFailureMember(state, command.memberId)
  )
    return reject(
      'NOT_SERVING',
      'Bara den som deltog i beslutet kan reservera sig.',
      'Only those who took part in the decision can enter a reservation.',
    );
  if (d.reservations.some((r) => r.memberId === command.memberId))
    return reject(
      'CONFLICT',
      'Reservationen är redan anmäld.',
      'The reservation is already entered.',
    );
  return [
    {
      type: 'ReservationAnnounced',
      payload: { itemId: command.itemId, memberId: command.memberId },
    },
  ];
}

function addReservationReason(
  state: SittingState,
  command: CommandOf<'addReservationReason'>,
  ctx: DecideContext,
): Decision {
  const denied = requireSelfOrDesk(ctx.actor, command.memberId);
  if (denied) return denied;
  const d = state.decision.items[command.itemId];
  if (!d?.reservations.some((r) => r.memberId === command.memberId))
    return reject(
      'NOT_FOUND',
      'Anmäl reservationen vid sammanträdet först.',
      'Announce the reservation at the sitting first.',
    );
  return [
    {
      type: 'ReservationReasonAdded',
      payload: { itemId: command.itemId, memberId: command.memberId, text: command.text },
    },
  ];
}

// ---------------------------------------------------------------- evolve

function withItem(
  state: SittingState,
  itemId: string,
  f: (d: ItemDeliberation) => ItemDeliberation,
): SittingState {
  const d = state.decision.items[itemId] ?? emptyDeliberation(itemId);
  return {
    ...state,
    decision: { ...state.decision, items: { ...state.decision.items, [itemId]: f(d) } },
  };
}

function withStep(
  state: SittingState,
  itemId: string,
  index: number,
  f: (s: Step) => Step,
): SittingState {
  return withItem(state, itemId, (d) => ({
    ...d,
    steps: d.steps.map((s, i) => (i === index ? f(s) : s)),
  }));
}

function withProposal(state: SittingState, id: string, f: (p: Proposal) => Proposal): SittingState {
  const p = state.decision.proposals[id];
  if (!p) return state;
  return {
    ...state,
    decision: { ...state.decision, proposals: { ...state.decision.proposals, [id]: f(p) } },
  };
}

function withDivision(state: SittingState, id: string, f: (x: Division) => Division): SittingState {
  const x = state.decision.divisions[id];
  if (!x) return state;
  return {
    ...state,
    decision: { ...state.decision, divisions: { ...state.decision.divisions, [id]: f(x) } },
  };
}

/** A proposal change before approval voids a set order: the chair sets it again. */
function clearUnapprovedOrder(d: ItemDeliberation): ItemDeliberation {
  return d.order && !d.order.approved ? { ...d, order: null } : d;
}

/** Additions in order, each with the avslag proposal set against it (or plain avslag). */
function additionPairs(state: DecisionState, additions: string[]): [string, string][] {
  const out: [string, string][] = [];
  for (const id of additions) {
    const last = out.at(-1);
    if (state.proposals[id]?.kind === 'reject' && last) last[1] = id;
    else out.push([id, NO_ALTERNATIVE]);
  }
  return out;
}

function stepsOf(
  state: DecisionState,
  order: { formal: string[]; material: string[]; additions: string[] },
): Step[] {
  const step = (kind: Step['kind'], alternatives: string[]): Step => ({
    kind,
    alternatives,
    remaining: alternatives,
    stage: 'pending',
    acclamation: null,
    voidedAcclamation: null,
    divisionDemandedBy: [],
    divisionIds: [],
    winner: null,
    method: null,
  });
  return [
    // Referral and tabling are each tried on their own, never against each other.
    ...order.formal.map((id) => step('formal', [id, NO_ALTERNATIVE])),
    ...(order.material.length === 1
      ? [step('material', [order.material[0] ?? '', NO_ALTERNATIVE])]
      : order.material.length > 1
        ? [step('material', order.material)]
        : []),
    ...additionPairs(state, order.additions).map((pair) => step('addition', pair)),
  ];
}

const zeroTally = (): Tally => ({ yes: 0, no: 0, abstain: 0 });

function applyVote(x: Division, memberId: string, choice: VoteChoice): Division {
  const shard = voteShard(memberId);
  const previous = x.votes[shard]?.[memberId] ?? null;
  const party = x.eligible[memberId] ?? '';
  const counts = { ...x.counts };
  const partyTally = { ...(x.byParty[party] ?? zeroTally()) };
  if (previous) {
    counts[previous]--;
    partyTally[previous]--;
  }
  counts[choice]++;
  partyTally[choice]++;
  return {
    ...x,
    votes: { ...x.votes, [shard]: { ...x.votes[shard], [memberId]: choice } },
    voted: previous ? x.voted : x.voted + 1,
    counts,
    byParty: { ...x.byParty, [party]: partyTally },
  };
}

/** A division's outcome reaches its question: a counter division eliminates the loser, the main one decides. */
function settleDivision(state: SittingState, x: Division, result: 'yes' | 'no'): SittingState {
  const winner = result === 'yes' ? x.yes : x.no;
  const loser = result === 'yes' ? x.no : x.yes;
  return withStep(state, x.itemId, x.step, (s) =>
    x.kind === 'counter'
      ? { ...s, stage: 'acclaimed', remaining: s.remaining.filter((r) => r !== loser) }
      : { ...s, stage: 'resolved', winner, method: 'division' },
  );
}

function evolve(state: SittingState, event: EventRecord): SittingState {
  const e = event;
  switch (e.type) {
    case 'ProposalMade': {
      const { proposalId, itemId, memberId, kind, text } = e.payload;
      const d = state.decision.items[itemId] ?? emptyDeliberation(itemId);
      const proposal: Proposal = {
        id: proposalId,
        itemId,
        number: d.proposalIds.length + 1,
        kind,
        text,
        by: memberId,
        recordedBy: e.actorId !== null && e.actorId !== memberId ? e.actorId : null,
        supporters: [],
        status: 'active',
        at: e.at,
      };
      const next = {
        ...state,
        decision: {
          ...state.decision,
          proposals: { ...state.decision.proposals, [proposalId]: proposal },
        },
      };
      return withItem(next, itemId, (x) =>
        clearUnapprovedOrder({ ...x, proposalIds: [...x.proposalIds, proposalId] }),
      );
    }
    case 'ProposalSupported':
      return withProposal(state, e.payload.proposalId, (p) => ({
        ...p,
        supporters: [...p.supporters, e.payload.memberId],
      }));
    case 'ProposalWithdrawn': {
      const next = withProposal(state, e.payload.proposalId, (p) => ({
        ...p,
        status: 'withdrawn',
      }));
      const itemId = state.decision.proposals[e.payload.proposalId]?.itemId;
      return itemId ? withItem(next, itemId, clearUnapprovedOrder) : next;
    }
    case 'PropositionOrderSet': {
      const { itemId, formal, material, additions } = e.payload;
      return withItem(state, itemId, (d) => ({
        ...d,
        order: { formal, material, additions, approved: false },
      }));
    }
    case 'PropositionOrderApproved':
      return withItem(state, e.payload.itemId, (d) =>
        d.order
          ? {
              ...d,
              order: { ...d.order, approved: true },
              steps: stepsOf(state.decision, d.order),
              current: -1,
            }
          : d,
      );
    case 'QuestionPut':
      return withStep(
        withItem(state, e.payload.itemId, (d) => ({ ...d, current: e.payload.step })),
        e.payload.itemId,
        e.payload.step,
        (s) => ({
          ...s,
          stage: 'put',
        }),
      );
    case 'AcclamationAnnounced':
      return withStep(state, e.payload.itemId, e.payload.step, (s) => ({
        ...s,
        stage: 'acclaimed',
        acclamation: { winner: e.payload.winner, at: e.at, gavelFrom: e.payload.gavelFrom },
        voidedAcclamation: null,
      }));
    case 'DivisionDemanded':
      return withStep(state, e.payload.itemId, e.payload.step, (s) => ({
        ...s,
        divisionDemandedBy: [...s.divisionDemandedBy, e.payload.memberId],
      }));
    case 'GavelStruck':
      return withStep(state, e.payload.itemId, e.payload.step, (s) => ({
        ...s,
        stage: 'resolved',
        winner: e.payload.winner,
        method: 'acclamation',
      }));
    case 'MinorityReferralGranted':
      return withStep(state, e.payload.itemId, e.payload.step, (s) => ({
        ...s,
        stage: 'resolved',
        winner: e.payload.proposalId,
        method: 'minority',
      }));
    case 'DivisionStarted': {
      const p = e.payload;
      const eligible: Record<string, string> = {};
      const eligibleByParty: Record<string, number> = {};
      const byParty: Record<string, Tally> = {};
      for (const m of p.eligible) {
        eligible[m.memberId] = m.partyId;
        eligibleByParty[m.partyId] = (eligibleByParty[m.partyId] ?? 0) + 1;
        byParty[m.partyId] = zeroTally();
      }
      const division: Division = {
        id: p.divisionId,
        itemId: p.itemId,
        step: p.step,
        kind: p.kind,
        yes: p.yes,
        no: p.no,
        mode: p.mode,
        question: p.question,
        status: 'open',
        eligible,
        eligibleOrder: p.eligible.map((m) => m.memberId),
        eligibleByParty,
        votes: {},
        voted: 0,
        counts: zeroTally(),
        byParty,
        openedAt: e.at,
        closedAt: null,
        castingVote: null,
        result: null,
        voidReason: null,
      };
      const next: SittingState = {
        ...state,
        decision: {
          ...state.decision,
          divisions: { ...state.decision.divisions, [p.divisionId]: division },
          divisionIds: [...state.decision.divisionIds, p.divisionId],
        },
      };
      return withStep(next, p.itemId, p.step, (s) => ({
        ...s,
        stage: 'division',
        divisionIds: [...s.divisionIds, p.divisionId],
      }));
    }
    case 'VoteCast':
      return withDivision(state, e.payload.divisionId, (x) =>
        applyVote(x, e.payload.memberId, e.payload.choice),
      );
    case 'DivisionClosed': {
      const { result } = e.payload;
      const next = withDivision(state, e.payload.divisionId, (x) => ({
        ...x,
        status: result === 'tie' ? 'tied' : 'closed',
        closedAt: e.at,
        result: result === 'tie' ? null : result,
      }));
      const x = next.decision.divisions[e.payload.divisionId];
      return x && result !== 'tie' ? settleDivision(next, x, result) : next;
    }
    case 'CastingVoteCast': {
      const next = withDivision(state, e.payload.divisionId, (x) => ({
        ...x,
        status: 'closed',
        castingVote: e.payload.choice,
        result: e.payload.choice,
      }));
      const x = next.decision.divisions[e.payload.divisionId];
      return x ? settleDivision(next, x, e.payload.choice) : next;
    }
    case 'RoundInvalidated': {
      const { itemId, step, divisionId } = e.payload;
      const next = divisionId
        ? withDivision(state, divisionId, (x) => ({
            ...x,
            status: 'invalidated',
            closedAt: e.at,
            voidReason: e.payload.reason,
          }))
        : state;
      // The round is taken again from the putting of the question.
      // A void division is held again (the demand stands); a void acclamation is put again from the start.
      return withStep(next, itemId, step, (s) =>
        divisionId
          ? { ...s, stage: s.acclamation ? 'acclaimed' : 'put' }
          : {
              ...s,
              stage: 'put',
              acclamation: null,
              voidedAcclamation: { reason: e.payload.reason, at: e.at },
              divisionDemandedBy: [],
            },
      );
    }
    case 'DecisionRecorded': {
      const { itemId, paragraph, wording, outcome } = e.payload;
      const next = withItem(state, itemId, (d) => ({
        ...d,
        decision: { paragraph, wording, outcome, at: e.at },
      }));
      const status = outcome;
      return {
        ...next,
        sitting: { ...next.sitting, nextParagraph: paragraph + 1 },
        items: next.items.map((i) => (i.id === itemId ? { ...i, status, paragraph } : i)),
      };
    }
    case 'ReservationAnnounced':
      return withItem(state, e.payload.itemId, (d) => ({
        ...d,
        reservations: [...d.reservations, { memberId: e.payload.memberId, at: e.at, reason: null }],
      }));
    case 'ReservationReasonAdded':
      return withItem(state, e.payload.itemId, (d) => ({
        ...d,
        reservations: d.reservations.map((r) =>
          r.memberId === e.payload.memberId ? { ...r, reason: e.payload.text } : r,
        ),
      }));
    default:
      return state;
  }
}

/** Decision events are the decision module's own: this narrows the sitting's event union for callers. */
export function isDecisionEvent(e: DomainEvent): e is DecisionEvent {
  return (decisionEventTypes as readonly string[]).includes(e.type);
}

export const decisionEventTypes = [
  'ProposalMade',
  'ProposalSupported',
  'ProposalWithdrawn',
  'PropositionOrderSet',
  'PropositionOrderApproved',
  'QuestionPut',
  'AcclamationAnnounced',
  'DivisionDemanded',
  'GavelStruck',
  'MinorityReferralGranted',
  'DivisionStarted',
  'VoteCast',
  'DivisionClosed',
  'CastingVoteCast',
  'RoundInvalidated',
  'DecisionRecorded',
  'ReservationAnnounced',
  'ReservationReasonAdded',
] as const satisfies readonly DecisionEvent['type'][];

export const decisionModule: DomainModule<DecisionCommand> = {
  commandTypes: decisionCommandTypes,
  decide,
  evolve,
};
