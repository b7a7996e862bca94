// The minutes document (R24, KL 5 kap. 67 §) as a pure function of the sitting's state: heading, who decided, and per §
// the documents, speakers, proposals, proposition order, divisions with voting lists, decision, reservations, jäv,
// function checks and secret-ballot results. Every renderer (HTML, PDF, DOCX, CSV, open data) reads this and only this.
import { NO_ALTERNATIVE, type VoteChoice } from '@council/shared';
import { attendanceRecord, itemNumber } from '../attendance/record.ts';
import { kindLabel } from '../decision/decision.ts';
import type { Proposal, Step } from '../decision/state.ts';
import { divisionRecord } from '../decision/tally.ts';
import type { AgendaItemState, SittingState } from '../sitting/types.ts';
import { minutesOf } from './state.ts';
import { secretBallotOf } from '../secret-ballot/state.ts';
import { swedishLocal } from './time.ts';

export const MINUTES_FORMAT = 'council-minutes/v1';

export interface MinutesPerson {
  personId: string;
  name: string;
  /** Party abbreviation, null for officials. */
  party: string | null;
}

export interface ServiceLine {
  seatNumber: number | null;
  /** The elected member this person stood in for; null on their own seat. */
  forMember: MinutesPerson | null;
  /** Paragraph (or agenda) numbers served. */
  items: number[];
  range: string;
  from: string;
  to: string | null;
  remote: boolean;
}

export interface ServingEntry extends MinutesPerson {
  role: 'member' | 'substitute';
  remote: boolean;
  lines: ServiceLine[];
  recused: number[];
  techFailure: boolean;
  /** The line as the minutes print it, e.g. "ersättare för Anna Berg (S) §§ 3–7". */
  text: string;
}

export interface TechFailureEntry extends MinutesPerson {
  at: string;
  time: string;
  cause: 'timeout' | 'recurring';
  reason: string | null;
}

export type VoteMark = 'JA' | 'NEJ' | 'AVSTÅR' | 'EJ RÖSTAT';

export interface MinutesVote extends MinutesPerson {
  choice: VoteMark;
}

export interface MinutesDivision {
  /** Votering 1, 2 … within the paragraph. */
  number: number;
  id: string;
  kind: 'counter' | 'main';
  question: string;
  /** Proposal ids (or 'no') JA and NEJ stood for. */
  yesId: string;
  noId: string;
  yes: string;
  no: string;
  mode: 'devices' | 'rollCall';
  status: 'open' | 'tied' | 'closed' | 'invalidated';
  openedAt: string;
  closedAt: string | null;
  counts: { yes: number; no: number; abstain: number; absent: number };
  castingVote: 'yes' | 'no' | null;
  result: 'yes' | 'no' | null;
  /** In Swedish: "JA 31, NEJ 28, AVSTÅR 1, EJ RÖSTAT 1: fullmäktige har beslutat enligt …". */
  resultText: string;
  votes: MinutesVote[];
}

export interface MinutesProposal {
  id: string;
  number: number;
  kind: Proposal['kind'];
  kindLabel: string;
  by: MinutesPerson;
  text: string;
  supporters: MinutesPerson[];
  withdrawn: boolean;
  /** When the proposal was made. */
  at: string;
  /** "Yrkande 2 (avslag), Per Holm (M)". */
  label: string;
}

export interface MinutesStep {
  kind: Step['kind'];
  /** Proposal ids, or 'no' for avslag. */
  alternativeIds: string[];
  alternatives: string[];
  method: Step['method'];
  winnerId: string | null;
  winner: string | null;
}

export interface MinutesFunctionCheck {
  at: string;
  time: string;
  status: 'running' | 'complete' | 'incomplete' | 'overridden';
  required: number;
  confirmed: number;
  missing: MinutesPerson[];
  overrideReason: string | null;
}

export interface MinutesFailure extends MinutesPerson {
  kind: string;
  at: string;
  time: string;
  outcome: 'open' | 'restored' | 'replaced';
}

export interface MinutesSpeaker extends MinutesPerson {
  order: number;
  kind: 'speech' | 'reply' | 'answer' | 'point_of_order';
  kindLabel: string;
  at: string;
  time: string;
  remote: boolean;
  /** For a reply or answer: whom it answered. */
  replyTo: string | null;
  cutOff: boolean;
  /** R14: the chair's reason for cutting the speaker off. */
  cutOffReason: string | null;
}

export interface MinutesSecretBallot {
  questionId: string;
  counts: { eligible: number; cast: number; valid: number; blank: number; invalid: number };
  result: string[];
  boardRoot: string;
  /** Plenary's verifier re-checked the board (and how many checks passed); null when the desk entered the result. */
  verified: { electionId: string; checks: number } | null;
  /** Set when the desk cancelled the ballot: nothing was counted. */
  cancelledReason?: string;
}

export interface MinutesParagraph {
  /** "§ 3": the section name verify-log reports. */
  section: string;
  paragraph: number;
  itemId: string;
  agendaPosition: number;
  title: string;
  caseNumber: string;
  confidential: boolean;
  outcome: 'decided' | 'referred' | 'tabled';
  description: { text: string; edited: boolean };
  documents: { title: string; url: string; handedOut: boolean }[];
  speakers: MinutesSpeaker[];
  proposals: MinutesProposal[];
  propositionOrder: { approved: boolean; steps: MinutesStep[] } | null;
  functionChecks: MinutesFunctionCheck[];
  failures: MinutesFailure[];
  /** R10: participants muted by the chair or the secretary during the item. */
  mutes: (MinutesPerson & {
    time: string;
    until: string | null;
    reason: string;
    by: string | null;
  })[];
  divisions: MinutesDivision[];
  /** R18, R19: rounds voided and taken again, with the reason and the division voided (its number), if any. */
  roundsTakenAgain: { at: string; time: string; reason: string; division: number | null }[];
  secretBallots: MinutesSecretBallot[];
  decision: { text: string; edited: boolean; generated: string; at: string; time: string };
  reservations: (MinutesPerson & { reason: string | null })[];
  recusals: MinutesPerson[];
  /** Set on the item where the adjusters were chosen. */
  adjustersChosen: MinutesPerson[] | null;
}

export interface MinutesDocument {
  format: typeof MINUTES_FORMAT;
  sittingId: string;
  body: { id: string; name: string; kind: 'council' | 'board' };
  parties: { id: string; abbreviation: string; name: string }[];
  title: string;
  date: string;
  scheduledStart: string;
  openedAt: string | null;
  closedAt: string | null;
  startTime: string | null;
  endTime: string | null;
  room: string;
  remoteReason: string | null;
  adjournments: {
    since: string;
    until: string | null;
    from: string;
    to: string | null;
    reason: string;
  }[];
  attendance: {
    serving: ServingEntry[];
    techFailureMembers: TechFailureEntry[];
    substitutesPresent: MinutesPerson[];
    others: { personId: string; name: string; title: string }[];
    absentMembers: MinutesPerson[];
  };
  adjustment: {
    chair: MinutesPerson | null;
    adjusters: MinutesPerson[];
    place: string;
    date: string;
    paragraph: number | null;
  } | null;
  paragraphs: MinutesParagraph[];
  /** Agenda items not taken to a decision (not handled, or still under way). */
  notDecided: { itemId: string; position: number; title: string }[];
}

const voteMark: Record<VoteChoice, VoteMark> = { yes: 'JA', no: 'NEJ', abstain: 'AVSTÅR' };

const turnLabel: Record<MinutesSpeaker['kind'], string> = {
  speech: 'anförande',
  reply: 'replik',
  answer: 'svar på replik',
  point_of_order: 'ordningsfråga',
};

export function personOf(state: SittingState, personId: string): MinutesPerson {
  const p = state.roster.people.find((x) => x.id === personId);
  const granted = state.debate.granted.find((g) => g.personId === personId);
  const party = p?.partyId
    ? (state.roster.parties.find((x) => x.id === p.partyId)?.abbreviation ?? p.partyId)
    : null;
  return { personId, name: p?.name ?? granted?.name ?? personId, party };
}

export function personLabel(p: MinutesPerson): string {
  return p.party ? `${p.name} (${p.party})` : p.name;
}

/** The person serving as chair of the body (the roster's chair role). */
export function chairPersonId(state: SittingState): string | null {
  return state.roster.people.find((p) => p.roles.includes('chair'))?.id ?? null;
}

function proposalLabel(state: SittingState, proposal: Proposal): string {
  return `Yrkande ${proposal.number} (${kindLabel[proposal.kind]}), ${personLabel(personOf(state, proposal.by))}`;
}

function alternativeLabel(state: SittingState, id: string): string {
  if (id === NO_ALTERNATIVE) return 'avslag';
  const p = state.decision.proposals[id];
  return p ? proposalLabel(state, p) : id;
}

function divisionsOf(state: SittingState, itemId: string): MinutesDivision[] {
  const out: MinutesDivision[] = [];
  for (const id of state.decision.divisionIds) {
    const division = state.decision.divisions[id];
    if (!division || division.itemId !== itemId) continue;
    const record = divisionRecord(state, division);
    const yes = alternativeLabel(state, division.yes);
    const no = alternativeLabel(state, division.no);
    const c = record.counts;
    const counted = `JA ${c.yes}, NEJ ${c.no}, AVSTÅR ${c.abstain}, EJ RÖSTAT ${c.absent}`;
    let resultText = counted;
    if (division.status === 'invalidated')
      resultText = `${counted}. Voteringen förklarades ogiltig och togs om.`;
    else if (division.result) {
      const winner = division.result === 'yes' ? yes : no;
      const casting = division.castingVote ? ' genom ordförandens utslagsröst' : '';
      resultText = `${counted}. ${division.kind === 'counter' ? 'Motförslag' : 'Beslut'} enligt ${winner}${casting}.`;
    }
    out.push({
      number: out.length + 1,
      id,
      kind: division.kind,
      question: division.question,
      yesId: division.yes,
      noId: division.no,
      yes,
      no,
      mode: division.mode,
      status: division.status,
      openedAt: division.openedAt,
      closedAt: division.closedAt,
      counts: c,
      castingVote: division.castingVote,
      result: division.result,
      resultText,
      votes: record.rows.map((r) => ({
        ...personOf(state, r.memberId),
        choice: r.choice ? voteMark[r.choice] : 'EJ RÖSTAT',
      })),
    });
  }
  return out;
}

function within(at: string, from: string | null, to: string | null): boolean {
  return from !== null && at >= from && (to === null || at <= to);
}

function paragraphOf(state: SittingState, item: AgendaItemState): MinutesParagraph | null {
  const d = state.decision.items[item.id];
  const decision = d?.decision;
  if (!decision || item.paragraph === null) return null;
  const m = minutesOf(state);
  const prose = m.prose[item.id] ?? {};
  const proposals: MinutesProposal[] = (d.proposalIds ?? [])
    .map((id) => state.decision.proposals[id])
    .filter((p): p is Proposal => p !== undefined)
    .map((p) => ({
      id: p.id,
      number: p.number,
      kind: p.kind,
      kindLabel: kindLabel[p.kind],
      by: personOf(state, p.by),
      text: p.text,
      supporters: p.supporters.map((s) => personOf(state, s)),
      withdrawn: p.status === 'withdrawn',
      at: p.at,
      label: proposalLabel(state, p),
    }));
  const turns = state.debate.turns.filter((t) => t.itemId === item.id);
  const speakers: MinutesSpeaker[] = turns.map((t, i) => {
    const replied = t.replyTo ? state.debate.turns.find((x) => x.id === t.replyTo) : undefined;
    return {
      ...personOf(state, t.personId),
      order: i + 1,
      kind: t.kind,
      kindLabel: turnLabel[t.kind],
      at: t.startedAt,
      time: swedishLocal(t.startedAt).time,
      remote: t.remote,
      replyTo: replied ? personLabel(personOf(state, replied.personId)) : null,
      cutOff: t.cutOff !== null,
      cutOffReason: t.cutOff?.reason ?? null,
    };
  });
  const functionChecks = state.attendance.functionChecks
    .filter((c) => c.itemId === item.id)
    .map((c) => ({
      at: c.startedAt,
      time: swedishLocal(c.startedAt).time,
      status: c.status,
      required: c.required.length,
      confirmed: c.confirmed.length,
      missing: c.missing.map((p) => personOf(state, p)),
      overrideReason: c.overrideReason,
    }));
  const failures = state.attendance.failures
    .filter((f) => within(f.lostAt, item.startedAt, decision.at))
    .map((f) => ({
      ...personOf(state, f.personId),
      kind: f.kind,
      at: f.lostAt,
      time: swedishLocal(f.lostAt).time,
      outcome: f.outcome,
    }));
  const generated = decision.wording;
  const divisions = divisionsOf(state, item.id);
  const adjusters = m.adjusters;
  return {
    section: `§ ${item.paragraph}`,
    paragraph: item.paragraph,
    itemId: item.id,
    agendaPosition: item.position,
    title: item.title,
    caseNumber: item.caseNumber,
    confidential: item.confidential,
    outcome: decision.outcome,
    description: {
      text: prose.description ?? item.description,
      edited: prose.description !== undefined,
    },
    documents: [
      ...item.documents.map((x) => ({ title: x.title, url: x.url, handedOut: false })),
      ...item.handedOut.map((x) => ({ title: x.title, url: x.url, handedOut: true })),
    ],
    speakers,
    proposals,
    propositionOrder: d.order
      ? {
          approved: d.order.approved,
          steps: d.steps.map((s) => ({
            kind: s.kind,
            alternativeIds: s.alternatives,
            alternatives: s.alternatives.map((a) => alternativeLabel(state, a)),
            method: s.method,
            winnerId: s.winner,
            winner: s.winner ? alternativeLabel(state, s.winner) : null,
          })),
        }
      : null,
    functionChecks,
    failures,
    mutes: state.debate.muteLog
      .filter((x) => within(x.at, item.startedAt, decision.at))
      .map((x) => ({
        ...personOf(state, x.personId),
        time: swedishLocal(x.at).time,
        until: x.until ? swedishLocal(x.until).time : null,
        reason: x.reason,
        by: x.by ? personLabel(personOf(state, x.by)) : null,
      })),
    divisions,
    roundsTakenAgain: (m.invalidatedRounds ?? [])
      .filter((r) => r.itemId === item.id)
      .map((r) => ({
        at: r.at,
        time: swedishLocal(r.at).time,
        reason: r.reason,
        division: divisions.find((x) => x.id === r.divisionId)?.number ?? null,
      })),
    secretBallots: [
      ...m.ballots
        .filter((b) => b.itemId === item.id)
        .map((b) => ({
          questionId: b.questionId,
          counts: b.counts,
          result: b.result,
          boardRoot: b.boardRoot,
          verified: b.verified ?? null,
        })),
      // A cancelled secret ballot is an ending too: the minutes say so, with the reason (issue 13, item 7).
      ...secretBallotOf(state)
        .ballots.filter((b) => b.itemId === item.id && b.status === 'cancelled')
        .map((b) => ({
          questionId: b.questionId,
          counts: { eligible: b.eligible.length, cast: b.cast, valid: 0, blank: 0, invalid: 0 },
          result: [],
          boardRoot: '',
          verified: null,
          cancelledReason: b.cancelledReason ?? '',
        })),
    ],
    decision: {
      text: prose.decision ?? generated,
      edited: prose.decision !== undefined,
      generated,
      at: decision.at,
      time: swedishLocal(decision.at).time,
    },
    reservations: d.reservations.map((r) => ({ ...personOf(state, r.memberId), reason: r.reason })),
    recusals: (state.attendance.recusals[item.id] ?? []).map((p) => personOf(state, p)),
    adjustersChosen:
      adjusters && adjusters.itemId === item.id
        ? adjusters.personIds.map((p) => personOf(state, p))
        : null,
  };
}

function attendanceOf(state: SittingState): MinutesDocument['attendance'] {
  const record = attendanceRecord(state);
  const seatNumber = (seatId: string) =>
    state.roster.seats.find((s) => s.id === seatId)?.number ?? null;
  const serving: ServingEntry[] = [];
  const substitutesPresent: MinutesPerson[] = [];
  for (const e of record.entries) {
    const person = personOf(state, e.personId);
    if (e.presentNotServing) {
      if (e.role === 'substitute') substitutesPresent.push(person);
      continue;
    }
    const lines: ServiceLine[] = e.lines.map((l) => ({
      seatNumber: seatNumber(l.seatId),
      forMember: l.forMemberId ? personOf(state, l.forMemberId) : null,
      items: l.items.map((i) => itemNumber(state, i)),
      range: l.range,
      from: l.from,
      to: l.to,
      remote: l.remote,
    }));
    const parts: string[] = [];
    for (const l of lines) {
      if (l.items.length === 0) continue;
      parts.push(
        l.forMember ? `ersättare för ${personLabel(l.forMember)} ${l.range}` : `${l.range}`,
      );
    }
    if (e.remote) parts.push('på distans');
    if (e.recusedItems.length > 0)
      parts.push(`jäv ${e.recusedItems.map((i) => `§ ${itemNumber(state, i)}`).join(', ')}`);
    if (e.techFailure)
      parts.push(`teknikfelsledamot från kl. ${swedishLocal(e.techFailure.at).time}`);
    serving.push({
      ...person,
      role: e.role,
      remote: e.remote,
      lines,
      recused: e.recusedItems.map((i) => itemNumber(state, i)),
      techFailure: e.techFailure !== null,
      text: parts.join(', '),
    });
  }
  const techFailureMembers = Object.entries(state.attendance.techFailureDetails).map(
    ([personId, t]) => ({
      ...personOf(state, personId),
      at: t.at,
      time: swedishLocal(t.at).time,
      cause: t.cause,
      reason: t.reason,
    }),
  );
  const secretaries = state.roster.people.filter((p) => p.roles.includes('secretary'));
  const others = [
    ...secretaries.map((p) => ({ personId: p.id, name: p.name, title: 'sekreterare' })),
    ...state.debate.granted.map((g) => ({ personId: g.personId, name: g.name, title: g.title })),
  ];
  const memberIds = new Set(state.roster.seats.map((s) => s.memberId));
  // Seat order (docs/minutes.md): a substitute stands after the member whose seat they served, not by party.
  const firstSeat = (e: ServingEntry) =>
    Math.min(...e.lines.map((l) => l.seatNumber ?? Number.MAX_SAFE_INTEGER));
  const rank = (e: ServingEntry) => (e.role === 'member' ? 0 : 1);
  serving.sort((x, y) => firstSeat(x) - firstSeat(y) || rank(x) - rank(y));
  return {
    serving,
    techFailureMembers,
    substitutesPresent,
    others,
    absentMembers: record.absent.filter((p) => memberIds.has(p)).map((p) => personOf(state, p)),
  };
}

/** The minutes of the sitting as the state stands: a preview while it runs, the draft once closed. */
export function buildMinutes(state: SittingState): MinutesDocument {
  const s = state.sitting;
  const m = minutesOf(state);
  const paragraphs = [...state.items]
    .filter((i) => i.paragraph !== null)
    .sort((a, b) => (a.paragraph ?? 0) - (b.paragraph ?? 0))
    .map((i) => paragraphOf(state, i))
    .filter((p): p is MinutesParagraph => p !== null);
  const chairId = chairPersonId(state);
  const adjustersItem = m.adjusters?.itemId
    ? state.items.find((i) => i.id === m.adjusters?.itemId)
    : undefined;
  return {
    format: MINUTES_FORMAT,
    sittingId: s.id,
    body: { id: state.roster.body.id, name: state.roster.body.name, kind: state.roster.body.kind },
    parties: state.roster.parties.map((p) => ({
      id: p.id,
      abbreviation: p.abbreviation,
      name: p.name,
    })),
    title: s.title,
    date: swedishLocal(s.openedAt ?? s.startsAt).date,
    scheduledStart: s.startsAt,
    openedAt: s.openedAt,
    closedAt: s.closedAt,
    startTime: s.openedAt ? swedishLocal(s.openedAt).time : null,
    endTime: s.closedAt ? swedishLocal(s.closedAt).time : null,
    room: s.room,
    remoteReason: s.remoteReason,
    adjournments: s.adjournments.map((a) => ({
      since: a.since,
      until: a.until,
      from: swedishLocal(a.since).time,
      to: a.until ? swedishLocal(a.until).time : null,
      reason: a.reason,
    })),
    attendance: attendanceOf(state),
    adjustment: m.adjusters
      ? {
          chair: chairId ? personOf(state, chairId) : null,
          adjusters: m.adjusters.personIds.map((p) => personOf(state, p)),
          place: m.adjusters.place,
          date: m.adjusters.date,
          paragraph: adjustersItem?.paragraph ?? null,
        }
      : null,
    paragraphs,
    notDecided: state.items
      .filter((i) => i.paragraph === null)
      .map((i) => ({ itemId: i.id, position: i.position, title: i.title })),
  };
}
