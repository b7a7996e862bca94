// Fits a line of the picture's text to its box: drawtext neither wraps nor shrinks, so a long title ran off both edges
// of a centred slate and off the right of the lower third. Words wrap onto the box's lines; what is still too long ends
// in "…". Pure: the width of a string comes from the caller (the real font's metrics in the compositor).

/** Where one text file is drawn: font size and the widest a line may be, in pixels, and how many lines it may take. */
export interface TextBox {
  fontSize: number;
  maxWidth: number;
  lines: number;
}

/** Width in pixels of `text` drawn at `fontSize`. */
export type Measure = (text: string, fontSize: number) => number;

const ELLIPSIS = '…';

/** `text` as at most `box.lines` lines (joined by "\n"), each no wider than `box.maxWidth`. */
export function fitText(text: string, box: TextBox, measure: Measure): string {
  const fits = (s: string): boolean => measure(s, box.fontSize) <= box.maxWidth;
  const words = text.replace(/\s+/g, ' ').trim().split(' ');
  if (words.length === 1 && words[0] === '') return '';
  const lines: string[] = [];
  let line = '';
  let rest = words;
  while (rest.length > 0 && lines.length < box.lines) {
    const [word = '', ...after] = rest;
    const candidate = line === '' ? word : `${line} ${word}`;
    if (fits(candidate)) {
      line = candidate;
      rest = after;
    } else if (line === '') {
      // One word wider than the box: break it where it stops fitting.
      const head = longestFitting(word, fits);
      lines.push(head);
      rest = [word.slice(head.length), ...after];
    } else {
      lines.push(line);
      line = '';
    }
  }
  if (line !== '' && lines.length < box.lines) lines.push(line);
  if (rest.length > 0) {
    // Out of lines with words left: the last line ends in an ellipsis that still fits.
    const last = `${lines.pop() ?? ''} ${rest.join(' ')}`.trim();
    lines.push(longestFitting(last, (s) => fits(`${s}${ELLIPSIS}`)).trimEnd() + ELLIPSIS);
  }
  return lines.join('\n');
}

/** The longest prefix of `s` (by whole code points) for which `fits` holds; at least one character. */
function longestFitting(s: string, fits: (s: string) => boolean): string {
  const chars = [...s];
  let lo = 1;
  let hi = chars.length;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (fits(chars.slice(0, mid).join(''))) lo = mid;
    else hi = mid - 1;
  }
  return chars.slice(0, lo).join('');
}
