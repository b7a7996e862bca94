// Ballot validity (R22): blanks counted apart, invalid ballots published with a reason code.
import { describe, expect, it } from 'vitest';
import { type BallotSpec, canonicalJson } from '@council/shared';
import { checkChoice, classifyBallot } from './ballot-rules.ts';

const p = (choice: unknown, questionId = 'q') => canonicalJson({ questionId, choice });
const single: BallotSpec = { type: 'single', candidates: ['A', 'B'], seats: 1 };
const multi: BallotSpec = { type: 'multi', candidates: ['A', 'B', 'C'], maxChoices: 2, seats: 2 };
const list: BallotSpec = { type: 'list', seats: 3, maxNames: 2 };

describe('classifyBallot', () => {
  it('single: one known candidate or blank', () => {
    expect(classifyBallot(single, 'q', p('A'))).toEqual({
      status: 'valid',
      choice: { kind: 'single', candidate: 'A' },
    });
    expect(classifyBallot(single, 'q', p(null))).toEqual({ status: 'blank' });
    expect(classifyBallot(single, 'q', p('Z'))).toEqual({
      status: 'invalid',
      reason: 'UNKNOWN_CANDIDATE',
    });
    expect(classifyBallot(single, 'q', p(['A']))).toEqual({
      status: 'invalid',
      reason: 'MALFORMED',
    });
  });

  it('multi: up to N different names; more is invalid', () => {
    expect(classifyBallot(multi, 'q', p(['A', 'C'])).status).toBe('valid');
    expect(classifyBallot(multi, 'q', p([]))).toEqual({ status: 'blank' });
    expect(classifyBallot(multi, 'q', p(['A', 'B', 'C']))).toEqual({
      status: 'invalid',
      reason: 'TOO_MANY_CHOICES',
    });
    expect(classifyBallot(multi, 'q', p(['A', 'A']))).toEqual({
      status: 'invalid',
      reason: 'DUPLICATE_CHOICE',
    });
  });

  it('yesno: JA, NEJ or blank', () => {
    expect(classifyBallot({ type: 'yesno' }, 'q', p('nej')).status).toBe('valid');
    expect(classifyBallot({ type: 'yesno' }, 'q', p('kanske'))).toEqual({
      status: 'invalid',
      reason: 'MALFORMED',
    });
  });

  it('list: a label and unique names, at most maxNames', () => {
    expect(classifyBallot(list, 'q', p({ label: ' S ', names: ['a', 'b'] }))).toEqual({
      status: 'valid',
      choice: { kind: 'list', label: 'S', names: ['a', 'b'] },
    });
    expect(classifyBallot(list, 'q', p({ label: 'S', names: ['a', 'b', 'c'] }))).toEqual({
      status: 'invalid',
      reason: 'TOO_MANY_CHOICES',
    });
    expect(classifyBallot(list, 'q', p({ label: '', names: ['a'] }))).toEqual({
      status: 'invalid',
      reason: 'MALFORMED',
    });
  });

  it('malformed payloads and ballots for another question are invalid', () => {
    expect(classifyBallot(single, 'q', 'not json')).toEqual({
      status: 'invalid',
      reason: 'MALFORMED',
    });
    expect(
      classifyBallot(single, 'q', canonicalJson({ questionId: 'q', choice: 'A', extra: 1 })),
    ).toEqual({ status: 'invalid', reason: 'MALFORMED' });
    expect(classifyBallot(single, 'q', p('A', 'other'))).toEqual({
      status: 'invalid',
      reason: 'WRONG_QUESTION',
    });
  });

  it('issue 13 (item 4): only the canonical text counts, so a ballot cannot be marked by its spelling', () => {
    const malformed = { status: 'invalid', reason: 'MALFORMED' };
    expect(classifyBallot(single, 'q', '{"choice":"A","questionId":"q"}').status).toBe('valid');
    for (const text of [
      '{"choice":"A","choice":"A","questionId":"q"}', // duplicate key, same value
      '{"choice":"B","choice":"A","questionId":"q"}', // duplicate key: JSON.parse would keep "A"
      '{"questionId":"q","choice":"A"}', // keys not sorted
      '{"choice": "A","questionId":"q"}', // whitespace
      '{"choice":"A","questionId":"q"}\n',
      '\ufeff{"choice":"A","questionId":"q"}', // a byte-order mark
      '{"choice":"\\u0041","questionId":"q"}', // an escape where the character is canonical
      '{"choice":"A","questionId":"q","x":1e400}', // a number with no canonical form
    ]) {
      expect(classifyBallot(single, 'q', text)).toEqual(malformed);
    }
  });

  it('issue 13: control characters and lone surrogates in any string are MALFORMED, not an unknown name', () => {
    const malformed = { status: 'invalid', reason: 'MALFORMED' };
    expect(classifyBallot(single, 'q', p('A\u0000'))).toEqual(malformed);
    expect(classifyBallot(single, 'q', p('\ud800'))).toEqual(malformed);
    expect(classifyBallot(list, 'q', p({ label: 'S', names: ['a\u001b'] }))).toEqual(malformed);
    expect(classifyBallot(list, 'q', p({ label: 'S', names: ['a\nb'] })).status).toBe('valid');
  });

  it('the first reason that applies is the one reported (docs/ballot.md order)', () => {
    // multi: a repeat is reported before too many, too many before an unknown name
    expect(classifyBallot(multi, 'q', p(['A', 'A', 'B']))).toMatchObject({
      reason: 'DUPLICATE_CHOICE',
    });
    expect(classifyBallot(multi, 'q', p(['A', 'B', 'Z']))).toMatchObject({
      reason: 'TOO_MANY_CHOICES',
    });
    // list: an empty name before a repeat, a repeat (after trimming) before too many
    expect(classifyBallot(list, 'q', p({ label: 'S', names: ['a', 'a', ' '] }))).toMatchObject({
      reason: 'MALFORMED',
    });
    expect(classifyBallot(list, 'q', p({ label: 'S', names: ['a', ' a', 'b'] }))).toMatchObject({
      reason: 'DUPLICATE_CHOICE',
    });
    // a malformed choice for another question is MALFORMED; a well-formed one WRONG_QUESTION
    expect(classifyBallot(single, 'q', p(7, 'other'))).toMatchObject({ reason: 'MALFORMED' });
  });

  it("the voter's pre-check uses the same canonical text", () => {
    expect(checkChoice(single, 'A').status).toBe('valid');
    expect(checkChoice(list, { label: 'S', names: ['a'] }).status).toBe('valid');
    expect(checkChoice(single, undefined)).toEqual({ status: 'invalid', reason: 'MALFORMED' });
  });
});
