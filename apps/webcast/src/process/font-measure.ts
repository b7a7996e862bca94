// Text widths from the font drawtext draws with (its own advance widths and kerning), so a fitted line fits the frame.
import { openSync, type Font } from 'fontkit';
import type { Measure } from '../pipeline/text-fit.ts';

export function fontMeasure(fontFile: string): Measure {
  const opened = openSync(fontFile);
  const font: Font | undefined = 'fonts' in opened ? opened.fonts[0] : opened;
  if (font === undefined) throw new Error(`no font in ${fontFile}`);
  return (text, fontSize) => (font.layout(text).advanceWidth / font.unitsPerEm) * fontSize;
}
