// Open data of a finished sitting (R24, R25): our own record (council-record/v1, JSON Schema published) and the
// Popolo conventions (organizations, persons, memberships, events, motions, vote_events with counts and votes).
// Confidential items (R13) appear only as closed, with no content. Mapping: docs/open-data.md.
import { sittingRecordSchema, type SignedHead, type SittingRecord } from '@council/shared';
import type {
  MinutesDocument,
  MinutesParagraph,
  MinutesPerson,
  VoteMark,
} from '../../domain/minutes/document.ts';
import type { MinutesView } from './view.ts';

const person = (p: MinutesPerson) => ({ id: p.personId, name: p.name, party: p.party });

/** The log's anchor published with the record (issue 11 item 4): the signing key and the sitting's signed heads. */
export interface LogAnchor {
  publicKey: string;
  keyId: string;
  heads: readonly SignedHead[];
}

export function sittingRecord(view: MinutesView, anchor?: LogAnchor): SittingRecord {
  const doc = view.document;
  const lock = view.lock;
  const record: SittingRecord = {
    format: 'council-record/v1',
    sitting: {
      id: doc.sittingId,
      body: doc.body,
      title: doc.title,
      date: doc.date,
      openedAt: doc.openedAt,
      closedAt: doc.closedAt,
      room: doc.room,
      remoteReason: doc.remoteReason,
      adjournments: doc.adjournments.map((a) => ({
        since: a.since,
        until: a.until,
        reason: a.reason,
      })),
    },
    minutes: {
      status: lock ? 'locked' : 'draft',
      sha256: lock?.sha256 ?? null,
      logHeadSeq: lock?.logHeadSeq ?? null,
      logHeadHash: lock?.logHeadHash ?? null,
      noticePostedOn: lock?.noticePostedOn ?? null,
      adjusters: (doc.adjustment?.adjusters ?? []).map(person),
    },
    attendance: doc.attendance.serving.map((s) => ({
      ...person(s),
      role: s.role,
      remote: s.remote,
      techFailure: s.techFailure,
      served: s.lines.map((l) => ({
        seatNumber: l.seatNumber,
        forMemberId: l.forMember?.personId ?? null,
        paragraphs: l.items,
      })),
      text: s.text,
    })),
    absentMembers: doc.attendance.absentMembers.map(person),
    paragraphs: doc.paragraphs.map((p) =>
      p.confidential ? { paragraph: p.paragraph, closed: true as const } : openParagraph(p),
    ),
    ...(anchor
      ? {
          log: {
            publicKey: anchor.publicKey,
            keyId: anchor.keyId,
            head: anchor.heads.at(-1) ?? null,
            lock: (lock && anchor.heads.find((h) => h.seq === lock.seq)) ?? null,
          },
        }
      : {}),
  };
  // The published schema is the contract: never serve a record that breaks it.
  return sittingRecordSchema.parse(record);
}

function openParagraph(p: MinutesParagraph): SittingRecord['paragraphs'][number] {
  return {
    paragraph: p.paragraph,
    closed: false,
    title: p.title,
    caseNumber: p.caseNumber,
    outcome: p.outcome,
    description: p.description.text,
    documents: p.documents.map((d) => ({ title: d.title, url: d.url })),
    speakers: p.speakers.map((s) => ({ ...person(s), order: s.order, kind: s.kind, at: s.at })),
    proposals: p.proposals.map((x) => ({
      id: x.id,
      number: x.number,
      kind: x.kind,
      text: x.text,
      by: person(x.by),
      supporters: x.supporters.map(person),
      withdrawn: x.withdrawn,
    })),
    divisions: p.divisions.map((d) => ({
      id: d.id,
      number: d.number,
      yes: d.yes,
      no: d.no,
      counts: d.counts,
      result: d.result,
      castingVote: d.castingVote,
      status: d.status,
      votes: d.votes.map((v) => ({ ...person(v), choice: v.choice })),
    })),
    secretBallots: p.secretBallots,
    decision: p.decision.text,
    decidedAt: p.decision.at,
    reservations: p.reservations.map((r) => ({ ...person(r), reason: r.reason })),
    recusals: p.recusals.map(person),
  };
}

// ---------------------------------------------------------------- Popolo

export type PopoloOption = 'yes' | 'no' | 'abstain' | 'not voting';

const popoloOption: Record<VoteMark, PopoloOption> = {
  JA: 'yes',
  NEJ: 'no',
  AVSTÅR: 'abstain',
  'EJ RÖSTAT': 'not voting',
};

export interface Popolo {
  meta: {
    format: string;
    source: string;
    sitting: string;
    minutes: { status: 'draft' | 'locked'; sha256: string | null };
  };
  organizations: { id: string; name: string; classification: string; parent_id?: string }[];
  persons: { id: string; name: string }[];
  memberships: {
    id: string;
    person_id: string;
    organization_id: string;
    on_behalf_of_id?: string;
    role: string;
    label?: string;
    start_date?: string;
    end_date?: string;
  }[];
  events: {
    id: string;
    name: string;
    organization_id: string;
    classification: string;
    start_date: string | null;
    end_date: string | null;
    location: string;
  }[];
  motions: {
    id: string;
    organization_id: string;
    legislative_session_id: string;
    identifier: string;
    text: string;
    classification: string;
    creator_id?: string;
    date?: string;
    requirement?: string;
    result?: 'pass' | 'fail';
  }[];
  vote_events: {
    id: string;
    organization_id: string;
    legislative_session_id: string;
    identifier: string;
    motion_id: string;
    start_date: string;
    end_date: string | null;
    result?: 'pass' | 'fail';
    counts: { option: PopoloOption; value: number }[];
    votes: { voter_id: string; option: PopoloOption; group_id?: string }[];
  }[];
}

function partyOrgId(doc: MinutesDocument, abbreviation: string): string {
  return `${doc.body.id}/party/${abbreviation}`;
}

export function popolo(view: MinutesView): Popolo {
  const doc = view.document;
  const orgId = doc.body.id;
  const persons = new Map<string, string>();
  const parties = new Set<string>();
  const seen = (p: MinutesPerson) => {
    persons.set(p.personId, p.name);
    if (p.party) parties.add(p.party);
  };
  const memberships: Popolo['memberships'] = [];
  for (const s of doc.attendance.serving) {
    seen(s);
    s.lines.forEach((l, i) => {
      memberships.push({
        id: `${doc.sittingId}/${s.personId}/${i + 1}`,
        person_id: s.personId,
        organization_id: orgId,
        ...(s.party ? { on_behalf_of_id: partyOrgId(doc, s.party) } : {}),
        role: s.role === 'member' ? 'ledamot' : 'ersättare',
        label: l.forMember ? `ersättare för ${l.forMember.name} ${l.range}` : `ledamot ${l.range}`,
        start_date: l.from,
        ...(l.to ? { end_date: l.to } : {}),
      });
    });
  }
  const motions: Popolo['motions'] = [];
  const voteEvents: Popolo['vote_events'] = [];
  for (const p of doc.paragraphs) {
    if (p.confidential) {
      motions.push({
        id: `${doc.sittingId}/p${p.paragraph}`,
        organization_id: orgId,
        legislative_session_id: doc.sittingId,
        identifier: `§ ${p.paragraph}`,
        text: 'closed',
        classification: 'closed',
      });
      continue;
    }
    const winners = new Set(
      (p.propositionOrder?.steps ?? [])
        .map((s) => s.winnerId)
        .filter((w): w is string => w !== null),
    );
    const decided = (p.propositionOrder?.steps ?? []).every((s) => s.winnerId !== null);
    for (const x of p.proposals) {
      seen(x.by);
      x.supporters.forEach(seen);
      motions.push({
        id: x.id,
        organization_id: orgId,
        legislative_session_id: doc.sittingId,
        identifier: `§ ${p.paragraph} yrkande ${x.number}`,
        text: x.text,
        classification: x.kind,
        creator_id: x.by.personId,
        // When the proposal was made, not when the paragraph was decided.
        date: x.at,
        requirement: 'majority',
        ...(x.withdrawn
          ? {}
          : decided
            ? { result: winners.has(x.id) ? ('pass' as const) : ('fail' as const) }
            : {}),
      });
    }
    for (const d of p.divisions) {
      const counts = (['yes', 'no', 'abstain', 'not voting'] as const).map((option) => ({
        option,
        value: d.counts[option === 'not voting' ? 'absent' : option],
      }));
      voteEvents.push({
        id: d.id,
        organization_id: orgId,
        legislative_session_id: doc.sittingId,
        identifier: `§ ${p.paragraph} votering ${d.number}`,
        motion_id: d.yesId === 'no' ? d.noId : d.yesId,
        start_date: d.openedAt,
        end_date: d.closedAt,
        ...(d.result
          ? {
              result:
                d.result === (d.yesId === 'no' ? 'no' : 'yes')
                  ? ('pass' as const)
                  : ('fail' as const),
            }
          : {}),
        counts,
        votes: d.votes.map((v) => {
          seen(v);
          return {
            voter_id: v.personId,
            option: popoloOption[v.choice],
            ...(v.party ? { group_id: partyOrgId(doc, v.party) } : {}),
          };
        }),
      });
    }
  }
  for (const party of parties) {
    for (const s of doc.attendance.serving)
      if (s.party === party)
        memberships.push({
          id: `${doc.sittingId}/${s.personId}/party`,
          person_id: s.personId,
          organization_id: partyOrgId(doc, party),
          role: 'member',
        });
  }
  return {
    meta: {
      format: 'popolo',
      source: `/api/public/sittings/${doc.sittingId}/popolo.json`,
      sitting: doc.sittingId,
      minutes: { status: view.lock ? 'locked' : 'draft', sha256: view.lock?.sha256 ?? null },
    },
    organizations: [
      {
        id: orgId,
        name: doc.body.name,
        classification: doc.body.kind === 'council' ? 'council' : 'committee',
      },
      ...[...parties].sort().map((p) => ({
        id: partyOrgId(doc, p),
        name: doc.parties.find((x) => x.abbreviation === p)?.name ?? p,
        classification: 'party',
      })),
    ],
    persons: [...persons]
      .map(([id, name]) => ({ id, name }))
      .sort((a, b) => (a.id < b.id ? -1 : 1)),
    memberships,
    events: [
      {
        id: doc.sittingId,
        name: doc.title,
        organization_id: orgId,
        classification: 'legislative session',
        start_date: doc.openedAt,
        end_date: doc.closedAt,
        location: doc.room,
      },
    ],
    motions,
    vote_events: voteEvents,
  };
}
