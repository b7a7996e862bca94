// The default decision wording (R24, issue 14): "Kommunfullmäktige beslutar att …", built from the body's name and the
// proposals that won, for the desk to start from and edit as prose. Pure: the desk and the tests call the same code.
import { NO_ALTERNATIVE } from '@council/shared';
import type { SittingState } from '../sitting/types.ts';
import type { Proposal } from './state.ts';

/**
 * The deciding body as it opens a decision: its name without the municipality ("Kommunfullmäktige i Sunne kommun" →
 * "Kommunfullmäktige"); a name without " i " is used whole; an empty name falls back to the kind of body.
 * @example decidingBody('Kommunfullmäktige i Sunne kommun', 'council') // 'Kommunfullmäktige'
 */
export function decidingBody(name: string, kind: 'council' | 'board'): string {
  const organ =
    name
      .trim()
      .split(/\s+i\s+/)[0]
      ?.trim() ?? '';
  return organ || (kind === 'council' ? 'Fullmäktige' : 'Nämnden');
}

/**
 * A proposal's text as the clause after "beslutar att": "Bifall till X" → "bifalla X", "Avslag på X" → "avslå X",
 * a leading "att" dropped, the first letter in lower case (unless the word is an abbreviation), no final full stop.
 * @example attClause('Bifall till kommunstyrelsens förslag.') // 'bifalla kommunstyrelsens förslag'
 */
export function attClause(text: string): string {
  const t = text
    .trim()
    .replace(/[.\s]+$/, '')
    .replace(/^att\s+/i, '');
  const approve = /^bifall\s+till\s+(.+)$/is.exec(t);
  if (approve?.[1]) return `bifalla ${approve[1]}`;
  const reject = /^avslag\s+(?:på|till)\s+(.+)$/is.exec(t);
  if (reject?.[1]) return `avslå ${reject[1]}`;
  if (/^avslag$/i.test(t)) return 'avslå förslaget';
  const [first = '', second = ''] = [...t];
  return second && second === second.toLowerCase()
    ? first.toLowerCase() + t.slice(first.length)
    : t;
}

/** "att A", "att A och att B", "att A, att B och att C". */
function joinClauses(clauses: string[]): string {
  const atts = clauses.map((c) => `att ${c}`);
  if (atts.length <= 1) return atts.join('');
  return `${atts.slice(0, -1).join(', ')} och ${atts[atts.length - 1] ?? ''}`;
}

function formalClause(p: Proposal): string {
  if (p.kind === 'table') return 'bordlägga ärendet';
  const reason = p.text.trim().replace(/[.\s]+$/, '');
  return reason ? `återremittera ärendet med motiveringen: ${reason}` : 'återremittera ärendet';
}

/**
 * The decision as the desk's box starts from it: "<body> beslutar att <the winning proposals>." once every question of
 * the proposition order is resolved. A formal proposal that won (table, referral) is the whole decision; otherwise the
 * material winner and each addition that was approved, in order. A lone proposal answered "no" reads "avslå förslaget".
 * Empty when nothing is resolved yet (the desk then types the wording).
 */
export function defaultDecisionWording(state: SittingState, itemId: string): string {
  const d = state.decision.items[itemId];
  if (!d?.order) return '';
  const body = decidingBody(state.roster.body.name, state.roster.body.kind);
  const resolved = d.steps.filter((s) => s.stage === 'resolved' && s.winner !== null);
  const proposal = (id: string | null) => (id ? state.decision.proposals[id] : undefined);
  const formal = resolved.find((s) => s.kind === 'formal' && s.winner !== NO_ALTERNATIVE);
  const formalWinner = proposal(formal?.winner ?? null);
  if (formalWinner) return `${body} beslutar ${joinClauses([formalClause(formalWinner)])}.`;
  const clauses = resolved.flatMap((s) => {
    if (s.kind === 'formal') return [];
    if (s.winner === NO_ALTERNATIVE) return s.kind === 'material' ? ['avslå förslaget'] : [];
    const p = proposal(s.winner);
    return p ? [attClause(p.text)] : [];
  });
  return clauses.length ? `${body} beslutar ${joinClauses(clauses)}.` : '';
}
