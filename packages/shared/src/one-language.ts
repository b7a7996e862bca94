// One language per person (issue 15): no message for people is written "Svenska / English" (a refusal carries its
// Swedish text and the English beside it, `reject(code, sv, en)`). These tell the two languages apart by their common
// words, for the test that reads the code for such pairs, and for the clients' last few old messages.

/** Letters and words only Swedish text has; words matched whole, so "är" is not found inside "bär". */
const SWEDISH_LETTERS = /[åäö]/giu;
const SWEDISH =
  /(?<!\p{L})(och|inte|är|att|kan|du|det|för|på|som|har|ingen|inga|ett|den|redan|eller|först|bara|när|medan|ska|måste|av|till|med|om|finns|får|ej|ni|vid|sig|efter|utan|också|nu|igen|än|fel|sekretess|avbruten|ogiltig|saknas)(?!\p{L})/giu;
const ENGLISH =
  /(?<!\p{L})(the|is|not|a|an|you|can|to|of|and|has|have|no|already|or|first|only|when|must|be|by|with|for|this|that|are|was|it|in|on|been|may|again|until|yet|there|cannot|wrong|cancelled|confidential|invalid|missing)(?!\p{L})/giu;

const count = (text: string, words: RegExp): number => text.match(words)?.length ?? 0;
/** Above zero leans Swedish, below English. */
const lean = (text: string): number =>
  count(text, SWEDISH_LETTERS) + count(text, SWEDISH) - count(text, ENGLISH);

/** Whether a text reads as English rather than Swedish (a refusal's Swedish text must not). */
export const leansEnglish = (text: string): boolean => lean(text) < 0;
/** Whether a text reads as Swedish rather than English (a refusal's English text must not). */
export const leansSwedish = (text: string): boolean => lean(text) > 0;

/** Which half of "x / y" is Swedish, or null when the message is not two halves that can be told apart. */
export function bilingualHalves(message: string): { sv: string; en: string } | null {
  const parts = message.split(' / ');
  if (parts.length !== 2) return null;
  const [a = '', b = ''] = parts;
  const aLean = lean(a);
  const bLean = lean(b);
  if (aLean > bLean) return { sv: a.trim(), en: b.trim() };
  if (bLean > aLean) return { sv: b.trim(), en: a.trim() };
  return null;
}

/**
 * The reader's half of a bilingual message; any other message as it is.
 */
export function oneLanguage(message: string, lang: 'sv' | 'en'): string {
  const halves = bilingualHalves(message);
  return halves ? halves[lang] : message;
}
