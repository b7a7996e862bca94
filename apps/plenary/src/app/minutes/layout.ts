// The minutes laid out once as neutral blocks (title, headings, paragraphs, tables, page breaks), in Swedish by default
// (R24): HTML, PDF and DOCX render the same blocks, so the three formats cannot say different things.
import { formatRange } from '../../domain/attendance/record.ts';
import {
  personLabel,
  type MinutesDocument,
  type MinutesParagraph,
} from '../../domain/minutes/document.ts';
import { swedishLocal, swedishLongDate } from '../../domain/minutes/time.ts';
import type { MinutesView } from './view.ts';
import { describeSignIn } from '../../domain/sign-in/step-up.ts';

export type Block =
  | { t: 'title'; text: string; sub: string }
  | { t: 'h1'; text: string; id?: string }
  | { t: 'h2'; text: string }
  | { t: 'p'; text: string; strong?: boolean; muted?: boolean }
  | { t: 'kv'; rows: [string, string][] }
  | { t: 'list'; items: string[] }
  | { t: 'table'; head: string[]; rows: string[][]; widths: number[] }
  | { t: 'break' };

export type Lang = 'sv' | 'en';

const L = {
  sv: {
    minutes: 'Protokoll',
    preview: 'FÖRHANDSVISNING — sammanträdet pågår',
    draft: 'UTKAST — ej justerat',
    locked: 'Justerat protokoll',
    date: 'Datum',
    time: 'Tid',
    place: 'Plats',
    remote: 'Distansdeltagande',
    noRemote: 'Inget distansdeltagande medgivet',
    adjournments: 'Ajourneringar',
    deciding: 'Beslutande',
    name: 'Namn',
    party: 'Parti',
    service: 'Tjänstgöring',
    techFailure: 'Teknikfelsledamöter',
    substitutesPresent: 'Ersättare närvarande, ej tjänstgörande',
    others: 'Övriga närvarande',
    absent: 'Frånvarande ledamöter',
    adjustment: 'Justering',
    adjusters: 'Justerare',
    adjustPlace: 'Justeringens plats och tid',
    paragraphs: 'Paragrafer',
    signatures: 'Underskrifter',
    signatureLines: 'Justerandes signatur',
    secretary: 'Sekreterare',
    role: 'Roll',
    approved: 'Justerat',
    signedInWith: 'Inloggad med',
    chair: 'Ordförande',
    adjuster: 'Justerare',
    notApproved: 'ej justerat',
    seal: 'Protokollets äkthet',
    sha: 'Protokollets SHA-256',
    head: 'Händelseloggens huvud',
    noticePosted: 'Anslaget uppsatt',
    noticeRemoved: 'Anslaget tas ned tidigast',
    caseNumber: 'Dnr',
    documents: 'Handlingar',
    handedOut: 'utdelad under sammanträdet',
    speakers: 'Yttranden',
    no: 'Nr',
    kind: 'Slag',
    proposals: 'Yrkanden',
    supporters: 'instämmer',
    withdrawn: 'återtaget',
    order: 'Propositionsordning',
    functionCheck: 'Teknisk funktionskontroll',
    failures: 'Tekniska avbrott',
    roundAgain: 'Beslutsomgång tagen om',
    mutes: 'Avstängda mikrofoner',
    division: 'Votering',
    votingList: 'Voteringslista',
    appendix: 'Bilaga',
    secretBallot: 'Sluten omröstning',
    boardRoot: 'Valsedelstavlans rothash',
    recusal: 'Jäv',
    decision: 'Beslut',
    reservations: 'Reservationer',
    confidential: 'Ärendet innehåller uppgifter som omfattas av sekretess.',
    notDecided: 'Ärenden som inte avgjorts vid sammanträdet',
    vote: 'Röst',
    none: '—',
    offSchedule: (d: string) =>
      `Obs: sammanträdet hölls en annan dag än den det var kallat till (${d}).`,
  },
  en: {
    minutes: 'Minutes',
    preview: 'PREVIEW — the sitting is under way',
    draft: 'DRAFT — not adjusted',
    locked: 'Adjusted minutes',
    date: 'Date',
    time: 'Time',
    place: 'Place',
    remote: 'Remote participation',
    noRemote: 'No remote participation allowed',
    adjournments: 'Adjournments',
    deciding: 'Members taking part',
    name: 'Name',
    party: 'Party',
    service: 'Served',
    techFailure: 'Members replaced after technical failure',
    substitutesPresent: 'Substitutes present, not serving',
    others: 'Others present',
    absent: 'Members absent',
    adjustment: 'Adjustment',
    adjusters: 'Adjusters',
    adjustPlace: 'Place and time of adjustment',
    paragraphs: 'Paragraphs',
    signatures: 'Signatures',
    signatureLines: 'Signatures of the adjusters',
    secretary: 'Secretary',
    role: 'Role',
    approved: 'Approved',
    signedInWith: 'Signed in with',
    chair: 'Chair',
    adjuster: 'Adjuster',
    notApproved: 'not approved',
    seal: 'Authenticity',
    sha: 'SHA-256 of the minutes',
    head: 'Event log head',
    noticePosted: 'Notice posted',
    noticeRemoved: 'Notice taken down at the earliest',
    caseNumber: 'Case',
    documents: 'Documents',
    handedOut: 'handed out at the sitting',
    speakers: 'Speakers',
    no: 'No',
    kind: 'Kind',
    proposals: 'Proposals',
    supporters: 'supported by',
    withdrawn: 'withdrawn',
    order: 'Proposition order',
    functionCheck: 'Technical function check',
    failures: 'Technical failures',
    roundAgain: 'Decision round taken again',
    mutes: 'Muted participants',
    division: 'Division',
    votingList: 'Voting list',
    appendix: 'Appendix',
    secretBallot: 'Secret ballot',
    boardRoot: 'Bulletin board root hash',
    recusal: 'Conflict of interest',
    decision: 'Decision',
    reservations: 'Reservations',
    confidential: 'The item contains information covered by secrecy.',
    notDecided: 'Items not decided at the sitting',
    vote: 'Vote',
    none: '—',
    offSchedule: (d: string) =>
      `Note: the sitting was held on another day than the one it was called for (${d}).`,
  },
} as const;

export function labels(lang: Lang) {
  return L[lang];
}

const checkStatus: Record<string, string> = {
  complete: 'alla bekräftade',
  incomplete: 'ofullständig',
  overridden: 'beslut trots ofullständig kontroll',
  running: 'pågår',
};

const failureOutcome: Record<string, string> = {
  open: 'pågår',
  restored: 'återställd',
  replaced: 'ersatt (teknikfelsledamot)',
};

const stepKind: Record<string, string> = {
  formal: 'formell fråga',
  material: 'huvudfråga',
  addition: 'tilläggsfråga',
};
const methodLabel: Record<string, string> = {
  acclamation: 'acklamation',
  division: 'votering',
  minority: 'minoritetsåterremiss',
};

/** Appendix numbers of every division, in order. */
export function appendixNumbers(doc: MinutesDocument): Map<string, number> {
  const out = new Map<string, number>();
  for (const p of doc.paragraphs) for (const d of p.divisions) out.set(d.id, out.size + 1);
  return out;
}

function paragraphBlocks(
  p: MinutesParagraph,
  appendix: Map<string, number>,
  l: (typeof L)[Lang],
): Block[] {
  const out: Block[] = [{ t: 'h1', text: `${p.section}  ${p.title}`, id: `p${p.paragraph}` }];
  if (p.caseNumber) out.push({ t: 'p', text: `${l.caseNumber} ${p.caseNumber}`, muted: true });
  if (p.confidential) out.push({ t: 'p', text: l.confidential, muted: true });
  if (p.description.text) out.push({ t: 'p', text: p.description.text });
  if (p.documents.length > 0) {
    out.push({ t: 'h2', text: l.documents });
    out.push({
      t: 'list',
      items: p.documents.map((d) => (d.handedOut ? `${d.title} (${l.handedOut})` : d.title)),
    });
  }
  if (p.speakers.length > 0) {
    out.push({ t: 'h2', text: l.speakers });
    out.push({
      t: 'table',
      head: [l.no, l.time, l.name, l.kind],
      widths: [8, 12, 45, 35],
      rows: p.speakers.map((s) => [
        String(s.order),
        s.time,
        personLabel(s) + (s.remote ? ' (distans)' : ''),
        s.replyTo
          ? `${s.kindLabel} till ${s.replyTo}`
          : s.kindLabel + (s.cutOff ? ' (avbruten, R14)' : ''),
      ]),
    });
  }
  if (p.proposals.length > 0) {
    out.push({ t: 'h2', text: l.proposals });
    out.push({
      t: 'list',
      items: p.proposals.map((x) => {
        const sup =
          x.supporters.length > 0
            ? `; ${l.supporters}: ${x.supporters.map(personLabel).join(', ')}`
            : '';
        // The proposal's own closing full stop would read "förslag.; instämmer:".
        const text = sup ? x.text.replace(/[.\s]+$/, '') : x.text;
        return `${x.label}: ${text}${sup}${x.withdrawn ? ` (${l.withdrawn})` : ''}`;
      }),
    });
  }
  if (p.propositionOrder) {
    out.push({ t: 'h2', text: l.order });
    out.push({
      t: 'list',
      items: p.propositionOrder.steps.map(
        (s, i) =>
          `${i + 1}. ${stepKind[s.kind] ?? s.kind}: ${s.alternatives.join(' mot ')}` +
          (s.winner
            ? ` — ${s.winner} bifölls (${methodLabel[s.method ?? ''] ?? s.method ?? ''})`
            : ''),
      ),
    });
  }
  for (const c of p.functionChecks) {
    out.push({ t: 'h2', text: l.functionCheck });
    const missing =
      c.missing.length > 0 ? `; ej bekräftat: ${c.missing.map(personLabel).join(', ')}` : '';
    const override = c.overrideReason ? `; ordförandens motivering: ${c.overrideReason}` : '';
    out.push({
      t: 'p',
      text:
        c.required === 0
          ? `Kl. ${c.time}: ingen tjänstgörande ledamot deltog på distans${override}.`
          : `Kl. ${c.time}: ${c.confirmed} av ${c.required} ledamöter på distans bekräftade, ${checkStatus[c.status] ?? c.status}${missing}${override}.`,
    });
  }
  if (p.failures.length > 0) {
    out.push({ t: 'h2', text: l.failures });
    out.push({
      t: 'list',
      items: p.failures.map(
        (f) =>
          `Kl. ${f.time}: ${personLabel(f)} förlorade förbindelsen (${f.kind}); ${failureOutcome[f.outcome] ?? f.outcome}.`,
      ),
    });
  }
  for (const d of p.divisions) {
    out.push({
      t: 'h2',
      text: `${l.division} ${d.number}${d.kind === 'counter' ? ' (kontrapropositionsvotering)' : ''}`,
    });
    out.push({ t: 'p', text: `JA: ${d.yes}. NEJ: ${d.no}.` });
    out.push({
      t: 'p',
      text: `${d.resultText} ${l.votingList}: ${l.appendix.toLowerCase()} ${appendix.get(d.id) ?? ''}.`,
    });
  }
  for (const b of p.secretBallots) {
    out.push({ t: 'h2', text: l.secretBallot });
    if (b.cancelledReason !== undefined) {
      out.push({
        t: 'p',
        text: `Omröstningen avbröts av presidiet: ${b.cancelledReason}. Inga röster räknades (röstberättigade ${b.counts.eligible}).`,
      });
      continue;
    }
    const c = b.counts;
    out.push({
      t: 'p',
      text: `Röstberättigade ${c.eligible}, avgivna ${c.cast}, giltiga ${c.valid}, blanka ${c.blank}, ogiltiga ${c.invalid}.`,
    });
    out.push({ t: 'list', items: b.result });
    out.push({ t: 'p', text: `${l.boardRoot}: ${b.boardRoot}`, muted: true });
    out.push({
      t: 'p',
      text: b.verified
        ? `Valsedelstavlan (val ${b.verified.electionId}) granskades av systemet före beslutet: ${b.verified.checks} kontroller godkända.`
        : 'Resultatet infördes av sekreteraren från valnämndens protokoll.',
      muted: true,
    });
  }
  if (p.recusals.length > 0)
    out.push(
      { t: 'h2', text: l.recusal },
      {
        t: 'p',
        text: `${p.recusals.map(personLabel).join(', ')} anmälde jäv och deltog inte i ärendet.`,
      },
    );
  if (p.adjustersChosen)
    out.push({
      t: 'p',
      text: `Valda justerare: ${p.adjustersChosen.map(personLabel).join(', ')}.`,
    });
  out.push({ t: 'h2', text: l.decision }, { t: 'p', text: p.decision.text, strong: true });
  if (p.reservations.length > 0) {
    out.push({ t: 'h2', text: l.reservations });
    out.push({
      t: 'list',
      items: p.reservations.map(
        (r) => `${personLabel(r)} reserverar sig mot beslutet${r.reason ? `: ”${r.reason}”` : '.'}`,
      ),
    });
  }
  return out;
}

/** The whole minutes as blocks. */
export function minutesBlocks(view: MinutesView, lang: Lang = 'sv'): Block[] {
  const l = L[lang];
  const doc = view.document;
  const status =
    view.status === 'locked' ? l.locked : view.status === 'draft' ? l.draft : l.preview;
  const out: Block[] = [
    { t: 'title', text: `${l.minutes} — ${doc.body.name}`, sub: `${doc.title}. ${status}` },
  ];
  const time = doc.startTime
    ? `${doc.startTime}–${doc.endTime ?? ''}`
    : swedishLocal(doc.scheduledStart).time;
  out.push({
    t: 'kv',
    rows: [
      [l.date, swedishLongDate(doc.date)],
      [l.time, time],
      [l.place, doc.room],
      [l.remote, doc.remoteReason ?? l.noRemote],
      [
        l.adjournments,
        doc.adjournments.length === 0
          ? l.none
          : doc.adjournments.map((a) => `${a.from}–${a.to ?? ''} (${a.reason})`).join('; '),
      ],
    ],
  });
  const scheduled = swedishLocal(doc.scheduledStart).date;
  if (doc.openedAt && scheduled !== doc.date)
    out.push({ t: 'p', text: l.offSchedule(swedishLongDate(scheduled)), strong: true });
  const a = doc.attendance;
  out.push({ t: 'h1', text: l.deciding });
  out.push({
    t: 'table',
    head: [l.name, l.party, l.service],
    widths: [38, 10, 52],
    // The chair marked in the list of who served (as real minutes do: "Anna Nilsson, ordförande").
    rows: a.serving.map((s) => [
      s.role === 'substitute'
        ? `${s.name} (ersättare)`
        : s.personId === doc.adjustment?.chair?.personId
          ? `${s.name}, ${l.chair.toLowerCase()}`
          : s.name,
      s.party ?? '',
      s.text,
    ]),
  });
  if (a.techFailureMembers.length > 0) {
    out.push({ t: 'h2', text: l.techFailure });
    out.push({
      t: 'list',
      items: a.techFailureMembers.map(
        (t) =>
          `${personLabel(t)}, teknikfelsledamot från kl. ${t.time}${t.reason ? ` (${t.reason})` : ''}; får närvara och yttra sig men inte yrka eller rösta.`,
      ),
    });
  }
  if (a.substitutesPresent.length > 0)
    out.push(
      { t: 'h2', text: l.substitutesPresent },
      { t: 'list', items: a.substitutesPresent.map(personLabel) },
    );
  if (a.others.length > 0)
    out.push(
      { t: 'h2', text: l.others },
      { t: 'list', items: a.others.map((o) => `${o.name}, ${o.title}`) },
    );
  if (a.absentMembers.length > 0)
    out.push({ t: 'h2', text: l.absent }, { t: 'list', items: a.absentMembers.map(personLabel) });
  out.push({ t: 'h1', text: l.adjustment });
  const adj = doc.adjustment;
  out.push({
    t: 'kv',
    rows: [
      [l.adjusters, adj ? adj.adjusters.map(personLabel).join(', ') : l.none],
      [l.adjustPlace, adj ? `${adj.place}, ${swedishLongDate(adj.date)}` : l.none],
      [l.paragraphs, formatRange(doc.paragraphs.map((p) => p.paragraph)) || l.none],
    ],
  });
  if (view.approvals.length > 0) {
    out.push({ t: 'h2', text: l.signatures });
    out.push({
      t: 'table',
      // Who approved, when, and how they signed in (issue 17: the level of the justering is part of the record).
      head: [l.role, l.name, l.approved, l.signedInWith],
      widths: [14, 28, 22, 36],
      rows: view.approvals.map((x) => [
        x.as === 'chair' ? l.chair : l.adjuster,
        personLabel(x),
        x.approved && x.at
          ? `${swedishLocal(x.at).date} kl. ${swedishLocal(x.at).time}`
          : l.notApproved,
        x.approved ? describeSignIn(x.signIn, lang) : '',
      ]),
    });
  }
  // Lines to sign on paper (the printed minutes are signed as well): the secretary, the chair, each adjuster.
  if (adj) {
    const line = (p: { name: string }) => `……………………………………  ${p.name}`;
    out.push({ t: 'h2', text: l.signatureLines });
    out.push({
      t: 'kv',
      rows: [
        ...a.others
          .filter((o) => /sekreterare/i.test(o.title))
          .map((o): [string, string] => [l.secretary, line(o)]),
        ...(adj.chair ? [[l.chair, line(adj.chair)] as [string, string]] : []),
        ...adj.adjusters.map((p): [string, string] => [l.adjuster, line(p)]),
      ],
    });
  }
  if (view.lock) {
    out.push({ t: 'h2', text: l.seal });
    out.push({
      t: 'kv',
      rows: [
        [l.sha, view.lock.sha256],
        [l.head, `nr ${view.lock.logHeadSeq}: ${view.lock.logHeadHash}`],
        [l.noticePosted, swedishLongDate(view.lock.noticePostedOn)],
        [l.noticeRemoved, swedishLongDate(view.lock.noticeRemovedOn)],
      ],
    });
  }
  const appendix = appendixNumbers(doc);
  for (const p of doc.paragraphs) out.push(...paragraphBlocks(p, appendix, l));
  if (doc.notDecided.length > 0)
    out.push(
      { t: 'h2', text: l.notDecided },
      { t: 'list', items: doc.notDecided.map((i) => `${i.position}. ${i.title}`) },
    );
  for (const p of doc.paragraphs)
    for (const d of p.divisions) {
      out.push({ t: 'break' });
      out.push({
        t: 'h1',
        text: `${l.appendix} ${appendix.get(d.id) ?? ''} — ${l.votingList} ${p.section}, ${l.division.toLowerCase()} ${d.number}`,
        id: `bilaga${appendix.get(d.id) ?? ''}`,
      });
      out.push({ t: 'p', text: `JA: ${d.yes}. NEJ: ${d.no}. ${d.resultText}` });
      out.push({
        t: 'table',
        head: [l.name, l.party, l.vote],
        widths: [55, 15, 30],
        rows: d.votes.map((v) => [v.name, v.party ?? '', v.choice]),
      });
    }
  return out;
}
