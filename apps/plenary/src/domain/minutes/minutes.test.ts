// R24 (KL 5 kap. 67 §): every fact of the minutes, generated from the demo sitting run through the real commands;
// the secretary's prose edits; adjustment by the chair and the adjusters, the lock, and corrections.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { isRejection, type Command, type Rejection } from '@council/shared';
import { desk, mid, sid } from '../testing/attendance-fixtures.ts';
import {
  ADJUSTERS,
  chairActor,
  runMinutesSitting,
  VOTE_PLAN,
} from '../testing/minutes-fixtures.ts';
import type { Actor, DomainEvent } from '../sitting/types.ts';
import { evolve } from '../sitting/sitting.ts';
import { buildMinutes, type MinutesDocument, type MinutesParagraph } from './document.ts';
import { minutesSha256, sectionHashes } from './hash.ts';
import { currentApprovals } from './minutes.ts';
import { minutesOf } from './state.ts';

const closed = runMinutesSitting();
const doc = buildMinutes(closed.state);

function para(d: MinutesDocument, n: number): MinutesParagraph {
  const p = d.paragraphs.find((x) => x.paragraph === n);
  if (!p) throw new Error(`no § ${n}`);
  return p;
}

function serving(personId: string) {
  const e = doc.attendance.serving.find((x) => x.personId === personId);
  if (!e) throw new Error(`${personId} not serving`);
  return e;
}

const member = (personId: string): Actor => ({ personId, roles: ['member'] });

function rejectedWith(
  d: ReturnType<typeof runMinutesSitting>,
  command: Command,
  actor: Actor,
): Rejection['code'] | 'accepted' {
  const before = d.state;
  const out = d.try(command, actor);
  if (isRejection(out)) {
    expect(d.state).toBe(before);
    return out.code;
  }
  return 'accepted';
}

describe('the minutes: heading and who decided', () => {
  it('R24: heading with body, date, start and end, the room, the reason for remote participation, adjournments with times', () => {
    expect(doc).toMatchObject({
      body: { name: 'Kommunfullmäktige i Sjöstads kommun', kind: 'council' },
      date: '2026-12-14',
      startTime: '18:00',
      endTime: '18:16',
      room: 'Fullmäktigesalen, Stadshuset, Storgatan 1',
    });
    expect(doc.remoteReason).toMatch(/sjukdom eller resa/);
    expect(doc.adjournments).toEqual([
      expect.objectContaining({
        from: '18:08',
        to: '18:13',
        reason: 'Tekniskt avbrott för ledamot på distans',
      }),
    ]);
  });

  it('R06, R24: substitutes with whom they served for and item ranges; members with their ranges', () => {
    expect(serving(sid(1)).text).toBe('ersättare för Birgitta Bergström (S) §§ 1–5');
    expect(serving(sid(2)).text).toBe(
      'ersättare för Malin Berg (S) § 2, ersättare för Åsa Johansson (S) §§ 3–5',
    );
    expect(
      serving(sid(2)).lines.map((l) => [l.seatNumber, l.forMember?.personId, l.items]),
    ).toEqual([
      [7, mid(7), [2]],
      [5, mid(5), [3, 4, 5]],
    ]);
    expect(serving(mid(1))).toMatchObject({ party: 'S', role: 'member', text: '§§ 1–5' });
    expect(serving(mid(20))).toMatchObject({ name: 'Peter Andersson', party: 'M', text: '§§ 1–5' });
    expect(doc.attendance.absentMembers.map((p) => p.personId)).toEqual([mid(3)]);
    // 60 members present + 2 substitutes served.
    expect(doc.attendance.serving).toHaveLength(62);
  });

  it('R24: who decided is listed in seat order, a substitute after the member whose seat they served, not by party', () => {
    const seatOf = (e: MinutesDocument['attendance']['serving'][number]) =>
      Math.min(...e.lines.map((l) => l.seatNumber ?? Infinity));
    const seats = doc.attendance.serving.map(seatOf);
    expect(seats).toEqual([...seats].sort((a, b) => a - b));
    const ids = doc.attendance.serving.map((e) => e.personId);
    const served = serving(sid(1)).lines[0]?.forMember?.personId ?? '';
    expect(ids.indexOf(sid(1))).toBeGreaterThan(
      ids.indexOf(served) === -1 ? -1 : ids.indexOf(served),
    );
    expect(seatOf(serving(sid(2)))).toBe(5);
  });

  it('R12, R24: jäv is in the member’s line and the item is not among those served', () => {
    expect(serving(mid(7))).toMatchObject({ text: '§§ 1, 3–5, jäv § 2', recused: [2] });
    expect(para(doc, 2).recusals.map((p) => p.personId)).toEqual([mid(7)]);
  });

  it('R16: the remote member is marked remote, and as teknikfelsledamot with the time', () => {
    expect(serving(mid(5))).toMatchObject({
      remote: true,
      techFailure: true,
      text: '§§ 1–3, på distans, teknikfelsledamot från kl. 18:13',
    });
    expect(doc.attendance.techFailureMembers).toEqual([
      expect.objectContaining({ personId: mid(5), time: '18:13', cause: 'timeout', party: 'S' }),
    ]);
  });

  it('R24: others present and the adjusters with the time and place of adjustment', () => {
    expect(doc.attendance.others).toEqual([
      { personId: 'sekreterare', name: 'Charlotte Widén', title: 'sekreterare' },
    ]);
    expect(doc.adjustment).toMatchObject({
      chair: { personId: mid(1) },
      adjusters: [
        { personId: mid(20), party: 'M' },
        { personId: mid(44), party: 'C' },
      ],
      place: 'Kommunkansliet, Stadshuset',
      date: '2026-12-18',
      paragraph: 1,
    });
    expect(para(doc, 1).adjustersChosen?.map((p) => p.personId)).toEqual([...ADJUSTERS]);
  });
});

describe('the minutes: per paragraph', () => {
  it('R24: paragraphs are numbered in the order of decision, with title, case number and documents', () => {
    expect(doc.paragraphs.map((p) => [p.section, p.itemId, p.caseNumber])).toEqual([
      ['§ 1', 'i01', ''],
      ['§ 2', 'i04', 'KS 2025/233'],
      ['§ 3', 'i05', 'KS 2025/512'],
      ['§ 4', 'i06', 'KS 2026/455'],
      ['§ 5', 'i07', 'KS 2026/377'],
    ]);
    expect(para(doc, 5).confidential).toBe(true);
    expect(para(doc, 2).documents.map((x) => x.title)).toEqual([
      'Plankarta med bestämmelser',
      'Granskningsutlåtande',
    ]);
    expect(doc.notDecided.map((i) => i.itemId)).toEqual(['i02', 'i03', 'i08', 'i09', 'i10']);
  });

  it('R07, R24: who spoke, speeches and replies in order', () => {
    expect(
      para(doc, 2).speakers.map((s) => [s.order, s.personId, s.kindLabel, s.replyTo, s.time]),
    ).toEqual([
      [1, mid(2), 'anförande', null, '18:03'],
      [2, mid(20), 'replik', 'Johan Bengtsson (S)', '18:04'],
      [3, mid(20), 'anförande', null, '18:05'],
    ]);
  });

  it('R24: proposals with their supporters and the proposition order with how each question was decided', () => {
    const p2 = para(doc, 2);
    expect(p2.proposals.map((p) => [p.label, p.text, p.supporters.map((s) => s.personId)])).toEqual(
      [
        ['Yrkande 1 (bifall), Johan Bengtsson (S)', 'Bifall till kommunstyrelsens förslag', []],
        ['Yrkande 2 (avslag), Peter Andersson (M)', 'Avslag på förslaget', [mid(33)]],
      ],
    );
    expect(p2.propositionOrder).toEqual({
      approved: true,
      steps: [
        {
          kind: 'material',
          alternativeIds: [p2.proposals[0]?.id, p2.proposals[1]?.id],
          winnerId: p2.proposals[0]?.id,
          alternatives: [
            'Yrkande 1 (bifall), Johan Bengtsson (S)',
            'Yrkande 2 (avslag), Peter Andersson (M)',
          ],
          method: 'division',
          winner: 'Yrkande 1 (bifall), Johan Bengtsson (S)',
        },
      ],
    });
    expect(para(doc, 3).propositionOrder?.steps[0]).toMatchObject({
      method: 'acclamation',
      winner: 'Yrkande 2 (avslag), Johan Bengtsson (S)',
    });
  });

  it('R20, R24: the division with its counts and the voting list: every serving member by name and party, JA / NEJ / AVSTÅR / absent', () => {
    const [division] = para(doc, 2).divisions;
    if (!division) throw new Error('no division');
    expect(division.counts).toEqual({ yes: 29, no: 27, abstain: 4, absent: 1 });
    expect(division.resultText).toBe(
      'JA 29, NEJ 27, AVSTÅR 4, EJ RÖSTAT 1. Beslut enligt Yrkande 1 (bifall), Johan Bengtsson (S).',
    );
    expect(division.votes).toHaveLength(61);
    const choice = (personId: string) =>
      division.votes.find((v) => v.personId === personId)?.choice;
    for (const n of VOTE_PLAN.yesSeats) expect(choice(mid(n))).toBe('JA');
    for (const n of VOTE_PLAN.noSeats) expect(choice(mid(n))).toBe('NEJ');
    for (const n of VOTE_PLAN.abstainSeats) expect(choice(mid(n))).toBe('AVSTÅR');
    expect(choice(mid(VOTE_PLAN.silentSeat))).toBe('EJ RÖSTAT');
    expect([choice(sid(1)), choice(sid(2))]).toEqual(['JA', 'JA']);
    // Not serving on § 2: the absent member and the recused member are not in the list.
    expect([choice(mid(3)), choice(mid(7))]).toEqual([undefined, undefined]);
    expect(division.votes.find((v) => v.personId === mid(20))).toEqual({
      personId: mid(20),
      name: 'Peter Andersson',
      party: 'M',
      choice: 'NEJ',
    });
  });

  it('R24: the decision of each paragraph, reservations with written reasons', () => {
    expect(doc.paragraphs.map((p) => p.decision.text)).toEqual([
      'Fullmäktige utser två ledamöter att jämte ordföranden justera protokollet den 18 december 2026.',
      'Fullmäktige antar detaljplanen för kvarteret Spinneriet.',
      'Fullmäktige avslår motionen.',
      'Fullmäktige väljer Lena Holm (S) till ledamot i socialnämnden.',
      'Fullmäktige godkänner förvärvet av fastigheten Sjöstad Kvarnen 4.',
    ]);
    expect(para(doc, 2).reservations).toEqual([
      {
        personId: mid(20),
        name: 'Peter Andersson',
        party: 'M',
        reason: 'Planen tar för lite hänsyn till grönområdena.',
      },
    ]);
    expect(para(doc, 3).reservations).toEqual([
      { personId: mid(49), name: 'Ebba Wallin', party: 'V', reason: null },
    ]);
  });

  it('R15, R19: the function checks before each decision and the technical failure during the item', () => {
    expect(para(doc, 2).functionChecks).toEqual([
      expect.objectContaining({ status: 'complete', required: 1, confirmed: 1, missing: [] }),
    ]);
    expect(para(doc, 3).failures).toEqual([
      expect.objectContaining({
        personId: mid(5),
        kind: 'heartbeat',
        time: '18:08',
        outcome: 'replaced',
      }),
    ]);
  });

  it('R22: the secret ballot’s counts, result and the bulletin board’s root hash', () => {
    expect(para(doc, 4).secretBallots).toEqual([
      {
        questionId: 'q-socialnamnden',
        counts: { eligible: 60, cast: 59, valid: 57, blank: 1, invalid: 1 },
        result: ['Lena Holm (S): 33 röster — vald', 'Karl Berg (M): 24 röster'],
        boardRoot: 'a3'.repeat(32),
        verified: null,
      },
    ]);
  });

  it('R22: a result recorded after plenary verified the board says so in the minutes', () => {
    const d = runMinutesSitting();
    const events: DomainEvent[] = [
      {
        type: 'SecretBallotVerified',
        payload: {
          questionId: 'q-2',
          electionId: 'e-2',
          boardRoot: 'b1'.repeat(32),
          resultText: 'Vald: X',
          checks: 7,
        },
      },
      {
        type: 'SecretBallotResultRecorded',
        payload: {
          itemId: 'i06',
          questionId: 'q-2',
          counts: { eligible: 60, cast: 60, valid: 60, blank: 0, invalid: 0 },
          result: ['X: 40 röster — vald'],
          boardRoot: 'b1'.repeat(32),
        },
      },
    ];
    const state = events.reduce(
      (s, e, i) =>
        evolve(s, {
          ...e,
          seq: s.seq + 1,
          at: `2026-12-14T17:20:0${i}.000Z`,
          actorId: 'sekreterare',
        }),
      d.state,
    );
    expect(
      para(buildMinutes(state), 4).secretBallots.map((b) => [b.questionId, b.verified]),
    ).toEqual([
      ['q-socialnamnden', null],
      ['q-2', { electionId: 'e-2', checks: 7 }],
    ]);
  });

  it('R22, R24 (issue 13): a cancelled secret ballot is in the minutes with its reason, nothing counted', () => {
    const d = runMinutesSitting();
    const events: DomainEvent[] = [
      {
        type: 'SecretBallotOpened',
        payload: {
          questionId: 'q-cancelled',
          itemId: 'i06',
          title: 'Val av revisor',
          ballotType: 'single',
          eligible: [{ memberId: mid(2), name: 'X', party: 'S' }],
          rollHash: 'c4'.repeat(32),
          frozenAt: '2026-12-14T17:20:00.000Z',
          warnings: [],
          electionId: 'e1'.repeat(32),
          plenaryKey: 'f0'.repeat(32),
          committee: [],
        },
      },
      {
        type: 'SecretBallotCancelled',
        payload: { questionId: 'q-cancelled', reason: 'Lika röstetal, lottfrö saknas' },
      },
    ];
    const state = events.reduce(
      (s, e, i) =>
        evolve(s, {
          ...e,
          seq: s.seq + 1,
          at: `2026-12-14T17:20:0${i}.000Z`,
          actorId: 'sekreterare',
        }),
      d.state,
    );
    const cancelled = para(buildMinutes(state), 4).secretBallots.find(
      (b) => b.questionId === 'q-cancelled',
    );
    expect(cancelled).toMatchObject({
      cancelledReason: 'Lika röstetal, lottfrö saknas',
      result: [],
      counts: { eligible: 1, cast: 0, valid: 0, blank: 0, invalid: 0 },
    });
  });

  it('R24: a preview during the sitting holds the paragraphs decided so far', () => {
    const running = runMinutesSitting(
      (step) => step.command.type === 'startItem' && step.command.itemId === 'i05',
    );
    const preview = buildMinutes(running.state);
    expect(running.state.sitting.status).toBe('open');
    expect(preview.paragraphs.map((p) => p.section)).toEqual(['§ 1', '§ 2']);
    expect(preview.endTime).toBeNull();
  });

  it('R24: for every prefix of the sitting the paragraphs are numbered 1…n without gaps (property)', () => {
    const total = closed.log.length;
    fc.assert(
      fc.property(fc.integer({ min: 1, max: total }), (n) => {
        const prefix = runMinutesSittingPrefix(n);
        const numbers = buildMinutes(prefix).paragraphs.map((p) => p.paragraph);
        expect(numbers).toEqual(numbers.map((_, i) => i + 1));
      }),
      { numRuns: 25 },
    );
  });
});

function runMinutesSittingPrefix(n: number) {
  let count = 0;
  return runMinutesSitting(() => ++count > n).state;
}

describe('prose edits', () => {
  it('R24: the secretary edits the description and the decision wording; the generated text is kept beside it', () => {
    const d = runMinutesSitting();
    d.do({
      type: 'editMinutesProse',
      itemId: 'i04',
      field: 'decision',
      text: 'Fullmäktige antar detaljplan för kv. Spinneriet (KS 2025/233).',
    });
    d.do({
      type: 'editMinutesProse',
      itemId: 'i04',
      field: 'description',
      text: 'Planen medger 320 bostäder.',
    });
    const p2 = para(buildMinutes(d.state), 2);
    expect(p2.decision).toMatchObject({
      text: 'Fullmäktige antar detaljplan för kv. Spinneriet (KS 2025/233).',
      edited: true,
      generated: 'Fullmäktige antar detaljplanen för kvarteret Spinneriet.',
    });
    expect(p2.description).toEqual({ text: 'Planen medger 320 bostäder.', edited: true });
    d.do({ type: 'editMinutesProse', itemId: 'i04', field: 'decision', text: null });
    expect(para(buildMinutes(d.state), 2).decision).toMatchObject({
      text: 'Fullmäktige antar detaljplanen för kvarteret Spinneriet.',
      edited: false,
    });
  });

  it('R24: only the desk edits prose, only decided items get a decision wording; the facts change only through the sitting’s own commands', () => {
    const d = runMinutesSitting();
    expect(
      rejectedWith(
        d,
        { type: 'editMinutesProse', itemId: 'i04', field: 'decision', text: 'x' },
        member(mid(2)),
      ),
    ).toBe('FORBIDDEN');
    expect(
      rejectedWith(
        d,
        { type: 'editMinutesProse', itemId: 'i02', field: 'decision', text: 'x' },
        desk,
      ),
    ).toBe('INVALID_STATE');
    expect(
      rejectedWith(
        d,
        { type: 'editMinutesProse', itemId: 'nope', field: 'description', text: 'x' },
        desk,
      ),
    ).toBe('NOT_FOUND');
    const before = sectionHashes(buildMinutes(d.state));
    d.do({
      type: 'editMinutesProse',
      itemId: 'i05',
      field: 'description',
      text: 'Ny beskrivning.',
    });
    const after = sectionHashes(buildMinutes(d.state));
    expect(Object.keys(after).filter((k) => after[k] !== before[k])).toEqual(['§ 3']);
  });
});

describe('adjustment (justering)', () => {
  it('R24: the chair and the adjusters approve; the last approval locks the minutes with their SHA-256, the log position and the notice dates', () => {
    const d = runMinutesSitting();
    d.advance(3 * 86_400);
    d.do({ type: 'approveMinutes' }, chairActor);
    d.do({ type: 'approveMinutes' }, member(mid(20)));
    expect(minutesOf(d.state).lock).toBeNull();
    const expected = buildMinutes(d.state);
    const seq = d.state.seq;
    const events = d.do({ type: 'approveMinutes' }, member(mid(44)));
    expect(events.map((e) => e.type)).toEqual(['MinutesApproved', 'MinutesLocked']);
    expect(minutesOf(d.state).lock).toMatchObject({
      sha256: minutesSha256(expected),
      sections: sectionHashes(expected),
      logHeadSeq: seq,
      noticePostedOn: '2026-12-17',
      noticeRemovedOn: '2027-01-07',
    });
    expect(minutesOf(d.state).approvals.map((a) => [a.personId, a.as])).toEqual([
      [mid(1), 'chair'],
      [mid(20), 'adjuster'],
      [mid(44), 'adjuster'],
    ]);
  });

  it('R24: only after the sitting closed, only the chair and the adjusters, each once', () => {
    const running = runMinutesSitting((s) => s.command.type === 'closeSitting');
    expect(rejectedWith(running, { type: 'approveMinutes' }, chairActor)).toBe('INVALID_STATE');
    const d = runMinutesSitting();
    expect(rejectedWith(d, { type: 'approveMinutes' }, member(mid(21)))).toBe('FORBIDDEN');
    expect(rejectedWith(d, { type: 'approveMinutes' }, desk)).toBe('FORBIDDEN');
    d.do({ type: 'approveMinutes' }, member(mid(20)));
    expect(rejectedWith(d, { type: 'approveMinutes' }, member(mid(20)))).toBe('CONFLICT');
  });

  it('R24: an edit after an approval makes that approval stale: the approver must approve the new text', () => {
    const d = runMinutesSitting();
    d.do({ type: 'approveMinutes' }, member(mid(20)));
    d.do({
      type: 'editMinutesProse',
      itemId: 'i05',
      field: 'decision',
      text: 'Fullmäktige avslår motionen om avgiftsfri kollektivtrafik.',
    });
    expect(currentApprovals(d.state)).toEqual([]);
    d.do({ type: 'approveMinutes' }, chairActor);
    d.do({ type: 'approveMinutes' }, member(mid(44)));
    expect(minutesOf(d.state).lock).toBeNull();
    d.do({ type: 'approveMinutes' }, member(mid(20)));
    expect(minutesOf(d.state).lock?.sha256).toBe(minutesSha256(buildMinutes(d.state)));
  });

  it('R24: once locked nothing changes: edits, new adjusters, ballot results and approvals are refused; a correction is a new linked document', () => {
    const d = runMinutesSitting();
    for (const a of [chairActor, member(mid(20)), member(mid(44))])
      d.do({ type: 'approveMinutes' }, a);
    const lock = minutesOf(d.state).lock;
    expect(
      rejectedWith(
        d,
        { type: 'editMinutesProse', itemId: 'i04', field: 'decision', text: 'Ändrat' },
        desk,
      ),
    ).toBe('INVALID_STATE');
    expect(
      rejectedWith(
        d,
        {
          type: 'chooseAdjusters',
          personIds: [mid(30)],
          itemId: null,
          place: 'X',
          date: '2026-12-20',
        },
        desk,
      ),
    ).toBe('INVALID_STATE');
    expect(rejectedWith(d, { type: 'approveMinutes' }, chairActor)).toBe('INVALID_STATE');
    d.do({
      type: 'issueMinutesCorrection',
      paragraph: 2,
      text: 'I § 2 ska ärendets diarienummer vara KS 2025/233.',
    });
    expect(minutesOf(d.state).corrections).toEqual([
      expect.objectContaining({ paragraph: 2, correctsSha256: lock?.sha256, by: desk.personId }),
    ]);
    expect(minutesOf(d.state).lock).toEqual(lock);
  });

  it('R24: adjusters must be members or substitutes, not the chair, chosen by the desk; a correction needs a lock', () => {
    const d = runMinutesSitting();
    // Issue 14: an adjustment date before the sitting is refused with a message that names the sitting's day.
    const early = d.try(
      {
        type: 'chooseAdjusters',
        personIds: [mid(9)],
        itemId: null,
        place: 'Stadshuset',
        date: '2026-12-13',
      },
      desk,
    );
    expect(early).toEqual({
      code: 'INVALID_INPUT',
      message: 'Justeringen kan inte ske före sammanträdet (2026-12-14).',
      en: 'The adjustment date is before the sitting.',
    });
    expect(
      rejectedWith(
        d,
        {
          type: 'chooseAdjusters',
          personIds: [mid(9)],
          itemId: null,
          place: 'Stadshuset',
          date: '2026-12-13',
        },
        desk,
      ),
    ).toBe('INVALID_INPUT');
    expect(
      rejectedWith(
        d,
        {
          type: 'chooseAdjusters',
          personIds: ['sekreterare'],
          itemId: null,
          place: 'X',
          date: '2026-12-20',
        },
        desk,
      ),
    ).toBe('INVALID_INPUT');
    expect(
      rejectedWith(
        d,
        {
          type: 'chooseAdjusters',
          personIds: [mid(1)],
          itemId: null,
          place: 'X',
          date: '2026-12-20',
        },
        desk,
      ),
    ).toBe('INVALID_INPUT');
    expect(
      rejectedWith(
        d,
        {
          type: 'chooseAdjusters',
          personIds: [mid(9), mid(9)],
          itemId: null,
          place: 'X',
          date: '2026-12-20',
        },
        desk,
      ),
    ).toBe('INVALID_INPUT');
    expect(
      rejectedWith(
        d,
        {
          type: 'chooseAdjusters',
          personIds: [mid(9)],
          itemId: null,
          place: 'X',
          date: '2026-12-20',
        },
        member(mid(9)),
      ),
    ).toBe('FORBIDDEN');
    expect(
      rejectedWith(d, { type: 'issueMinutesCorrection', paragraph: null, text: 'x' }, desk),
    ).toBe('INVALID_STATE');
  });

  it('R22: a secret-ballot result whose counts do not add up is refused', () => {
    const d = runMinutesSitting();
    const bad: Command = {
      type: 'recordSecretBallotResult',
      itemId: 'i06',
      questionId: 'q-2',
      counts: { eligible: 60, cast: 59, valid: 50, blank: 1, invalid: 1 },
      result: ['x'],
      boardRoot: '00'.repeat(32),
    };
    expect(rejectedWith(d, bad, desk)).toBe('INVALID_INPUT');
  });
});
