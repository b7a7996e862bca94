// The default decision wording (R24, issue 14): "<body> beslutar att <the winning proposals>.", editable as prose.
import { describe, expect, it } from 'vitest';
import type { ProposalKind } from '@council/shared';
import {
  chair,
  decisionSitting,
  member,
  memberId,
  Script,
  secretary,
} from '../testing/decision-fixtures.ts';
import { attClause, decidingBody, defaultDecisionWording } from './wording.ts';

function propose(s: Script, n: number, kind: ProposalKind, text: string): string {
  const [e] = s.do({ type: 'makeProposal', memberId: memberId(n), kind, text }, member(n));
  if (e?.type !== 'ProposalMade') throw new Error('no proposal');
  return e.payload.proposalId;
}

/** Puts each question in turn and finds for the given winner by acclamation. */
function decide(s: Script, winners: string[]): void {
  for (const winner of winners) {
    s.do({ type: 'putQuestion' }, secretary);
    s.do({ type: 'announceAcclamation', winner }, chair);
    s.wait(6).do({ type: 'strikeGavel' }, chair);
  }
}

const wording = (s: Script) => defaultDecisionWording(s.state, 'i04');

describe('the default decision wording', () => {
  it('the body is named without its municipality; a name without " i " is used whole', () => {
    expect(decidingBody('Kommunfullmäktige i Sunne kommun', 'council')).toBe('Kommunfullmäktige');
    expect(decidingBody('Kommunstyrelsen i Ånge kommun', 'board')).toBe('Kommunstyrelsen');
    expect(decidingBody('Regionfullmäktige', 'council')).toBe('Regionfullmäktige');
    expect(decidingBody('  ', 'council')).toBe('Fullmäktige');
    expect(decidingBody('', 'board')).toBe('Nämnden');
  });

  it('a proposal reads as the clause after "beslutar att"', () => {
    expect(attClause('Bifall till kommunstyrelsens förslag.')).toBe(
      'bifalla kommunstyrelsens förslag',
    );
    expect(attClause('Avslag på motionen')).toBe('avslå motionen');
    expect(attClause('Avslag till förslaget')).toBe('avslå förslaget');
    expect(attClause('Att anta detaljplanen')).toBe('anta detaljplanen');
    expect(attClause('Uppdra åt kommunstyrelsen att utreda trafiken')).toBe(
      'uppdra åt kommunstyrelsen att utreda trafiken',
    );
    expect(attClause('KS förslag antas')).toBe('KS förslag antas');
  });

  it('R24: the winning main proposal, after the body taken from the council, not hard-coded', () => {
    const s = new Script(decisionSitting());
    const a = propose(s, 2, 'approve', 'Bifall till kommunstyrelsens förslag');
    const b = propose(s, 20, 'reject', 'Avslag på förslaget');
    s.do({ type: 'setPropositionOrder', formal: [], material: [a, b], additions: [] }, chair);
    s.do({ type: 'approvePropositionOrder' }, secretary);
    expect(wording(s)).toBe('');
    decide(s, [b]);
    expect(s.state.roster.body.name).toBe('Kommunfullmäktige i Sjöstads kommun');
    expect(wording(s)).toBe('Kommunfullmäktige beslutar att avslå förslaget.');
    const roster = s.state.roster;
    const sunne = { ...roster, body: { ...roster.body, name: 'Kommunfullmäktige i Sunne kommun' } };
    expect(defaultDecisionWording({ ...s.state, roster: sunne }, 'i04')).toBe(
      'Kommunfullmäktige beslutar att avslå förslaget.',
    );
    const board = { ...roster, body: { ...roster.body, name: 'Barn- och utbildningsnämnden' } };
    expect(defaultDecisionWording({ ...s.state, roster: board }, 'i04')).toBe(
      'Barn- och utbildningsnämnden beslutar att avslå förslaget.',
    );
  });

  it('R24: a formal no, then the main proposal and an approved addition, joined "att … och att …"', () => {
    const s = new Script(decisionSitting());
    const a = propose(s, 2, 'approve', 'Bifall till kommunstyrelsens förslag');
    const r = propose(s, 20, 'referBack', 'För att utreda trafiken');
    const add = propose(s, 21, 'addition', 'Uppdra åt kommunstyrelsen att följa upp planen');
    s.do({ type: 'setPropositionOrder', formal: [r], material: [a], additions: [add] }, chair);
    s.do({ type: 'approvePropositionOrder' }, secretary);
    decide(s, ['no', a]);
    // The addition is not yet decided: the wording holds what is decided so far.
    expect(wording(s)).toBe('Kommunfullmäktige beslutar att bifalla kommunstyrelsens förslag.');
    decide(s, [add]);
    expect(wording(s)).toBe(
      'Kommunfullmäktige beslutar att bifalla kommunstyrelsens förslag och att uppdra åt kommunstyrelsen att följa upp planen.',
    );
    s.do({ type: 'recordDecision', wording: wording(s) }, secretary);
    expect(s.state.decision.items['i04']?.decision?.wording).toBe(
      'Kommunfullmäktige beslutar att bifalla kommunstyrelsens förslag och att uppdra åt kommunstyrelsen att följa upp planen.',
    );
  });

  it('R24: an addition answered "no" is left out; a tabling or a referral carried is the whole decision', () => {
    const s = new Script(decisionSitting());
    const a = propose(s, 2, 'approve', 'Bifall till kommunstyrelsens förslag');
    const add = propose(s, 21, 'addition', 'Uppdra åt kommunstyrelsen att följa upp planen');
    s.do({ type: 'setPropositionOrder', formal: [], material: [a], additions: [add] }, chair);
    s.do({ type: 'approvePropositionOrder' }, secretary);
    decide(s, [a, 'no']);
    expect(wording(s)).toBe('Kommunfullmäktige beslutar att bifalla kommunstyrelsens förslag.');

    const t = new Script(decisionSitting());
    const main = propose(t, 2, 'approve', 'Bifall till kommunstyrelsens förslag');
    const table = propose(t, 20, 'table', 'Ärendet bordläggs.');
    t.do({ type: 'setPropositionOrder', formal: [table], material: [main], additions: [] }, chair);
    t.do({ type: 'approvePropositionOrder' }, secretary);
    decide(t, [table]);
    expect(wording(t)).toBe('Kommunfullmäktige beslutar att bordlägga ärendet.');

    const r = new Script(decisionSitting());
    const m2 = propose(r, 2, 'approve', 'Bifall till kommunstyrelsens förslag');
    const refer = propose(r, 20, 'referBack', 'Trafiken måste utredas.');
    r.do({ type: 'setPropositionOrder', formal: [refer], material: [m2], additions: [] }, chair);
    r.do({ type: 'approvePropositionOrder' }, secretary);
    decide(r, [refer]);
    expect(wording(r)).toBe(
      'Kommunfullmäktige beslutar att återremittera ärendet med motiveringen: Trafiken måste utredas.',
    );
  });
});
