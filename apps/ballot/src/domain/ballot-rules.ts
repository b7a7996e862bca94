// Ballot validity (R22, lag 2022:629 for lists; docs/ballot.md "Reading a ballot"): decode a decrypted plaintext into a
// counted choice, a blank, or an invalid reason.
import {
  type BallotSpec,
  type InvalidReason,
  ballotPlaintextSchema,
  canonicalJson,
  isSafeText,
} from '@council/shared';

/** A counted ballot. */
export type CountedChoice =
  | { kind: 'single'; candidate: string }
  | { kind: 'multi'; candidates: string[] }
  | { kind: 'yesno'; answer: 'ja' | 'nej' }
  | { kind: 'list'; label: string; names: string[] };

export type Classified =
  | { status: 'valid'; choice: CountedChoice }
  | { status: 'blank' }
  | { status: 'invalid'; reason: InvalidReason };

const invalid = (reason: InvalidReason): Classified => ({ status: 'invalid', reason });

function hasDuplicates(values: readonly string[]): boolean {
  return new Set(values).size !== values.length;
}

/** Every string in a parsed plaintext, keys included. */
function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(strings);
  if (typeof value === 'object' && value !== null)
    return Object.entries(value).flatMap(([k, v]) => [k, ...strings(v)]);
  return [];
}

/**
 * Classify a decrypted plaintext (UTF-8 JSON) for this question and ballot type.
 * Only the one canonical text of a choice counts: any other spelling of it (whitespace, key order, escapes, a
 * duplicate key) is MALFORMED, so a voter cannot mark their ballot by how it is written (issue 13, item 4).
 */
export function classifyBallot(
  spec: BallotSpec,
  questionId: string,
  plaintext: string,
): Classified {
  let json: unknown;
  let canonical: string;
  try {
    json = JSON.parse(plaintext);
    // 1e400 parses to Infinity, which has no canonical form: canonicalJson throws, and the ballot is MALFORMED.
    canonical = canonicalJson(json);
  } catch {
    return invalid('MALFORMED');
  }
  // Re-serialising drops a duplicate key (JSON.parse keeps the last), so a duplicate never survives this comparison.
  if (canonical !== plaintext) return invalid('MALFORMED');
  // No control characters (but tab and newline) and no lone surrogates, the edge's rule for free text.
  if (!strings(json).every(isSafeText)) return invalid('MALFORMED');
  const parsed = ballotPlaintextSchema.safeParse(json);
  if (!parsed.success) return invalid('MALFORMED');
  if (parsed.data.questionId !== questionId) return invalid('WRONG_QUESTION');
  const choice = parsed.data.choice;
  if (choice === null) return { status: 'blank' };
  switch (spec.type) {
    case 'single':
      if (typeof choice !== 'string') return invalid('MALFORMED');
      if (!spec.candidates.includes(choice)) return invalid('UNKNOWN_CANDIDATE');
      return { status: 'valid', choice: { kind: 'single', candidate: choice } };
    case 'multi': {
      if (!Array.isArray(choice)) return invalid('MALFORMED');
      if (choice.length === 0) return { status: 'blank' };
      if (hasDuplicates(choice)) return invalid('DUPLICATE_CHOICE');
      if (choice.length > spec.maxChoices) return invalid('TOO_MANY_CHOICES');
      if (!choice.every((c) => spec.candidates.includes(c))) return invalid('UNKNOWN_CANDIDATE');
      return { status: 'valid', choice: { kind: 'multi', candidates: [...choice] } };
    }
    case 'yesno':
      if (choice === 'ja' || choice === 'nej')
        return { status: 'valid', choice: { kind: 'yesno', answer: choice } };
      return invalid('MALFORMED');
    case 'list': {
      if (typeof choice !== 'object' || Array.isArray(choice)) return invalid('MALFORMED');
      const label = choice.label.trim();
      const names = choice.names.map((n) => n.trim());
      if (
        label === '' ||
        label.length > 200 ||
        names.length === 0 ||
        names.some((n) => n === '' || n.length > 200)
      ) {
        return invalid('MALFORMED');
      }
      if (hasDuplicates(names)) return invalid('DUPLICATE_CHOICE');
      if (names.length > spec.maxNames) return invalid('TOO_MANY_CHOICES');
      return { status: 'valid', choice: { kind: 'list', label, names } };
    }
  }
}

/** Client-side pre-check so a voter is warned before casting an invalid ballot (the box cannot see contents). */
export function checkChoice(spec: BallotSpec, choice: unknown): Classified {
  let text: string;
  try {
    text = canonicalJson({ questionId: '', choice });
  } catch {
    // not a JSON value (undefined, a function, a number that is not finite)
    return invalid('MALFORMED');
  }
  return classifyBallot(spec, '', text);
}
