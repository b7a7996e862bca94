// Ballot validity (R22): blanks counted apart, invalid ballots published with a reason code.
import { describe, expect, it } from 'vitest';
import type { BallotSpec } from '@council/shared';
import { classifyBallot } from './ballot-rules.ts';

const p = (choice: unknown, questionId = 'q') => JSON.stringify({ questionId, choice });
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
      classifyBallot(single, 'q', JSON.stringify({ questionId: 'q', choice: 'A', extra: 1 })),
    ).toEqual({ status: 'invalid', reason: 'MALFORMED' });
    expect(classifyBallot(single, 'q', p('A', 'other'))).toEqual({
      status: 'invalid',
      reason: 'WRONG_QUESTION',
    });
  });
});
