// The minutes' wording as laid out (R24): punctuation, upper-case marks beside JA/NEJ/AVSTÅR, no empty remote check.
import { describe, expect, it } from 'vitest';
import { buildMinutes, type MinutesDocument } from '../../domain/minutes/document.ts';
import { runMinutesSitting } from '../../domain/testing/minutes-fixtures.ts';
import { defaultDecisionWording } from '../../domain/decision/wording.ts';
import { desk } from '../../domain/testing/attendance-fixtures.ts';
import { minutesHtml } from './html.ts';
import { minutesBlocks } from './layout.ts';
import { popolo, sittingRecord } from './open-data.ts';
import type { MinutesView } from './view.ts';

const doc = buildMinutes(runMinutesSitting().state);

function viewOf(document: MinutesDocument): MinutesView {
  return {
    status: 'draft',
    document,
    sha256: '',
    approvals: [],
    lock: null,
    corrections: [],
    generatedAtSeq: 0,
  };
}

function text(document: MinutesDocument): string {
  return minutesBlocks(viewOf(document))
    .flatMap((b) =>
      b.t === 'p' || b.t === 'h1' || b.t === 'h2'
        ? [b.text]
        : b.t === 'list'
          ? b.items
          : b.t === 'table'
            ? b.rows.flat()
            : [],
    )
    .join('\n');
}

describe('minutes layout', () => {
  it('R24: signature lines ("Justerandes signatur") for the secretary, the chair and each adjuster', () => {
    const blocks = minutesBlocks(viewOf(doc));
    const at = blocks.findIndex((b) => b.t === 'h2' && b.text === 'Justerandes signatur');
    const lines = blocks[at + 1];
    expect(lines?.t).toBe('kv');
    const rows = lines?.t === 'kv' ? lines.rows : [];
    expect(rows.map(([role]) => role)).toEqual([
      'Sekreterare',
      'Ordförande',
      ...(doc.adjustment?.adjusters ?? []).map(() => 'Justerare'),
    ]);
    expect(rows[0]?.[1]).toMatch(/…+\s+Charlotte Widén$/);
    expect(rows[1]?.[1]).toMatch(new RegExp(`…+\\s+${doc.adjustment?.chair?.name ?? '?'}$`));
    expect(rows).toHaveLength(4);
  });
  it('R24: the chair is marked as ordförande in the list of who served, and no one else is', () => {
    const chair = doc.adjustment?.chair;
    expect(chair).toBeTruthy();
    const rows = text(doc).split('\n');
    expect(rows).toContain(`${chair?.name}, ordförande`);
    expect(rows.filter((r) => r.endsWith(', ordförande'))).toHaveLength(1);
  });
  it('R24: a proposal ending with a full stop is not followed by ".;" before its supporters', () => {
    const paragraphs = doc.paragraphs.map((p) => ({
      ...p,
      proposals: p.proposals.map((x) => ({ ...x, text: `${x.text}.` })),
    }));
    const out = text({ ...doc, paragraphs });
    expect(out).toContain('Avslag på förslaget; instämmer: ');
    expect(out).not.toContain('.; instämmer');
  });

  it('R24: the counts print EJ RÖSTAT in capitals like JA, NEJ and AVSTÅR', () => {
    expect(text(doc)).toContain('JA 29, NEJ 27, AVSTÅR 4, EJ RÖSTAT 1');
    expect(text(doc)).not.toMatch(/AVSTÅR \d+, frånvarande/);
  });

  it('R19: a function check with nobody remote does not print "0 av 0 ledamöter på distans bekräftade"', () => {
    const [first, ...rest] = doc.paragraphs;
    if (!first) throw new Error('no paragraph');
    const check = {
      at: first.decision.at,
      time: '18:01',
      status: 'complete' as const,
      required: 0,
      confirmed: 0,
      missing: [],
      overrideReason: null,
    };
    const out = text({ ...doc, paragraphs: [{ ...first, functionChecks: [check] }, ...rest] });
    expect(out).not.toContain('0 av 0');
    expect(out).toContain('Kl. 18:01: ingen tjänstgörande ledamot deltog på distans.');
  });
});

describe('the decision as recorded', () => {
  it('issue 14: the default wording as the desk edited it is the paragraph’s decision in the blocks (HTML, PDF, DOCX), the HTML and the open-data record', () => {
    // Stop where the desk records § 2's decision and record it as the desk's box would: the default, then edited.
    const d = runMinutesSitting(
      (s) =>
        s.command.type === 'recordDecision' &&
        s.command.wording === 'Fullmäktige antar detaljplanen för kvarteret Spinneriet.',
    );
    const suggested = defaultDecisionWording(d.state, 'i04');
    expect(suggested).toMatch(/^Kommunfullmäktige beslutar att .+\.$/);
    const wording = suggested.replace(/\.$/, ' för kvarteret Spinneriet, med ändringen i § 4.');
    d.do({ type: 'recordDecision', wording }, desk);
    const recorded = buildMinutes(d.state);
    const p2 = recorded.paragraphs.find((p) => p.paragraph === 2);
    expect(p2?.decision).toMatchObject({ text: wording, generated: wording, edited: false });
    const blocks = minutesBlocks(viewOf(recorded));
    const decisions = blocks.filter((_, i) => {
      const before = blocks[i - 1];
      return before?.t === 'h2' && before.text === 'Beslut';
    });
    expect(decisions).toEqual([
      expect.objectContaining({ t: 'p', strong: true }),
      { t: 'p', text: wording, strong: true },
    ]);
    expect(minutesHtml(viewOf(recorded))).toContain(wording);
    const record = sittingRecord(viewOf(recorded));
    const r2 = record.paragraphs.find((p) => p.paragraph === 2);
    expect(r2 && !r2.closed ? r2.decision : null).toBe(wording);
  });
});

describe('minutes heading', () => {
  it('a sitting opened on another day than it was called for says so; one held on the day does not', () => {
    expect(text(doc)).not.toContain('en annan dag');
    const late = { ...doc, scheduledStart: '2026-12-10T17:00:00.000Z' };
    expect(text(late)).toContain(
      'Obs: sammanträdet hölls en annan dag än den det var kallat till (10 december 2026).',
    );
  });
});

describe('open data', () => {
  it('R24: a Popolo motion is dated when the proposal was made, not when the paragraph was decided', () => {
    const motions = popolo(viewOf(doc)).motions;
    const p2 = doc.paragraphs.find((p) => p.paragraph === 2);
    if (!p2) throw new Error('no § 2');
    for (const x of p2.proposals) {
      const motion = motions.find((m) => m.id === x.id);
      expect(motion?.date).toBe(x.at);
      expect(motion?.date).not.toBe(p2.decision.at);
    }
  });
});
