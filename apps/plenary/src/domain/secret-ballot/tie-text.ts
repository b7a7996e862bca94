// How a tie in a secret ballot is told to people (issue 13, item 7; R22, R24): Swedish first, for the committee's and
// the desk's screens, the close's answer and the minutes' lot lines.
import type { Tie } from '@council/shared';

/** The ballot service's lot context ("place 1", "seat 3") in Swedish. */
export function contextSv(context: string): string {
  return context.replace(/^place (\d+)$/, 'plats $1').replace(/^seat (\d+)$/, 'mandat $1');
}

/** A list group's key is canonical JSON of { label, names }: people see its label. */
export function entryLabel(key: string): string {
  if (!key.startsWith('{')) return key;
  try {
    const v: unknown = JSON.parse(key);
    return typeof v === 'object' && v !== null && 'label' in v && typeof v.label === 'string'
      ? v.label
      : key;
  } catch {
    return key;
  }
}

/** The tie and the ways on: the third lot seed, or the draw in the room recorded by the desk; else cancel. */
export function tieText(tie: Tie, allSeedsIn = false): string {
  const tied = tie.tied.map(entryLabel).join(', ');
  const what = `Lika röstetal om ${contextSv(tie.context)} (${tied}).`;
  return allSeedsIn
    ? `${what} Lottningen kunde inte dras ur lottfröna: ordföranden lottar i salen och sekreteraren för in lottningen, eller så avbryts omröstningen.`
    : `${what} Den tredje rösträknaren lämnar sitt lottfrö, eller så lottar ordföranden i salen och sekreteraren för in lottningen.`;
}
