// Desk shortcuts: a key press counts only when it is not typed into a field and carries no modifier.
export function isShortcutKey(e: KeyboardEvent): boolean {
  const t = e.target;
  const typing =
    t instanceof HTMLInputElement ||
    t instanceof HTMLTextAreaElement ||
    t instanceof HTMLSelectElement;
  return !typing && !e.ctrlKey && !e.metaKey && !e.altKey;
}

/**
 * Every shortcut of the desk console, one key one meaning whichever panel has focus (issue 15: G gave the floor or
 * dropped the gavel, S drew the line or closed the vote, by focus). Swedish mnemonics where they do not collide;
 * the roll-call division's JA/NEJ/AVSTÅR take 1/2/3, since J is jäv, N next item and A adjournment.
 */
export const DESK_KEYS = {
  // The sitting, from anywhere.
  openSitting: 'o',
  nextItem: 'n',
  adjourn: 'a',
  resume: 'r',
  help: '?',
  // Going to a panel, from anywhere.
  toSpeakerList: 'l',
  toDecision: 'b',
  recordForMember: 'y',
  // The speaker list, when it has focus.
  giveFloor: 'g',
  endFloor: 'e',
  drawLine: 's',
  addSpeaker: 't',
  // The decision, when it has focus.
  putQuestion: 'p',
  strikeGavel: 'k',
  startDivision: 'v',
  closeDivision: 'x',
  calledYes: '1',
  calledNo: '2',
  calledAbstain: '3',
  // A focused row of the roll call.
  markRoom: 'i',
  markRemote: 'd',
  markAbsent: 'f',
  markRecusal: 'j',
} as const;

export type DeskAction = keyof typeof DESK_KEYS;

/** Whether the press is the key of `action` (letters in either case). */
export function isDeskKey(e: Pick<KeyboardEvent, 'key'>, action: DeskAction): boolean {
  return e.key.toLowerCase() === DESK_KEYS[action];
}

/** The key as printed on a button or in the help: upper-case letters. */
export function deskKeyLabel(action: DeskAction): string {
  return DESK_KEYS[action].toUpperCase();
}

/** Every key's label by action, for the key hints' texts ("{giveFloor} ge ordet"). */
export const deskKeyLabels = Object.fromEntries(
  Object.keys(DESK_KEYS).map((a) => [a, deskKeyLabel(a as DeskAction)]),
) as Record<DeskAction, string>;
