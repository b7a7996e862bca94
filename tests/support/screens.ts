// Every surface at every size (issue 15): a page is set to each of the council's screen sizes and checked for sideways
// scroll (WCAG 1.4.10 reflow), vertical page scroll where a surface must fit the screen, lists numbered twice, and
// axe-core's WCAG 2.x A/AA rules; a screenshot of each goes to test-results/screens/ (kept by CI).
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Page } from 'playwright-core';

export interface Size {
  width: number;
  height: number;
  label: string;
}

/** A small phone, a phone, a tablet upright, a laptop, a TV or desk monitor. */
export const sizes: readonly Size[] = [
  { width: 320, height: 568, label: 'phone-small' },
  { width: 390, height: 844, label: 'phone' },
  { width: 820, height: 1180, label: 'tablet' },
  { width: 1280, height: 800, label: 'laptop' },
  { width: 1920, height: 1080, label: 'tv' },
];

export const screensDir = join(process.cwd(), 'test-results', 'screens');

const axeSource = readFileSync(
  createRequire(import.meta.url).resolve('axe-core/axe.min.js'),
  'utf8',
);

/** The WCAG 2.0–2.2 level A and AA rules. */
const wcagTags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa'];

export interface Violation {
  id: string;
  impact: string | null;
  help: string;
  targets: string[];
}

export interface ScreenCheck {
  name: string;
  size: Size;
  scrollWidth: number;
  scrollHeight: number;
  innerWidth: number;
  innerHeight: number;
  /** Lists whose items carry their own number and the list's marker too ("1. 1. Val"). */
  doubleNumbered: string[];
  /** When it scrolls sideways: the outermost elements that reach past the right edge, to say what to fix. */
  overflowing: string[];
  violations: Violation[];
}

/** axe-core's WCAG A/AA violations on the page as it is now (its source evaluated in the page, not via a script tag,
 * so the pages' CSP holds). */
export async function axe(page: Page): Promise<Violation[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axeSource);
  return page.evaluate(async (tags) => {
    const w = window as unknown as {
      axe: {
        run(
          ctx: Document,
          o: object,
        ): Promise<{
          violations: {
            id: string;
            impact: string | null;
            help: string;
            nodes: { target: string[] }[];
          }[];
        }>;
      };
    };
    const r = await w.axe.run(document, { runOnly: { type: 'tag', values: tags } });
    return r.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      targets: v.nodes.slice(0, 5).map((n) => n.target.join(' ')),
    }));
  }, wcagTags);
}

/** Sets the page to `size`, lets layout settle, measures, runs axe and writes `<name>-<label>.png`. */
export async function checkScreen(page: Page, name: string, size: Size): Promise<ScreenCheck> {
  await page.setViewportSize({ width: size.width, height: size.height });
  // Two frames: the resize, then whatever the layout does in answer to it.
  await page.evaluate(
    () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => r(null)))),
  );
  const m = await page.evaluate(() => {
    const doubleNumbered: string[] = [];
    for (const li of document.querySelectorAll('ol > li')) {
      const style = getComputedStyle(li);
      if (style.display !== 'list-item' || style.listStyleType === 'none') continue;
      const text = (li.textContent ?? '').trim();
      if (/^(\d+[.)]|§\s*\d+)/.test(text)) doubleNumbered.push(text.slice(0, 40));
    }
    // No inner functions: the page runs this as given, without the bundler's helpers.
    const overflowing: string[] = [];
    const edge = window.innerWidth + 1;
    const stack: Element[] =
      document.documentElement.scrollWidth > window.innerWidth ? [...document.body.children] : [];
    while (stack.length > 0 && overflowing.length < 6) {
      const el = stack.shift() as Element;
      const r = el.getBoundingClientRect();
      if (r.right > edge && r.width > 0) {
        const cls =
          typeof el.className === 'string' && el.className.trim() !== ''
            ? `.${el.className.trim().split(/\s+/)[0]}`
            : '';
        overflowing.push(`${el.tagName.toLowerCase()}${cls} ${Math.round(r.right)}px`);
      } else stack.push(...el.children);
    }
    return {
      overflowing,
      scrollWidth: document.documentElement.scrollWidth,
      scrollHeight: document.documentElement.scrollHeight,
      innerWidth: window.innerWidth,
      innerHeight: window.innerHeight,
      doubleNumbered,
    };
  });
  const violations = await axe(page);
  mkdirSync(screensDir, { recursive: true });
  // The whole page, unless it is many screens long (the office's lists): then what the screen shows.
  await page.screenshot({
    path: join(screensDir, `${name}-${size.label}.png`),
    fullPage: m.scrollHeight <= 4 * m.innerHeight,
  });
  return { name, size, ...m, violations };
}

/** One line per check for the test's output: the figures the issue asks for. */
export function describeCheck(c: ScreenCheck): string {
  const v = c.violations.map((x) => `${x.id} (${x.targets.join(', ')})`).join('; ');
  return `${c.name} ${c.size.width}×${c.size.height}: scrollWidth ${c.scrollWidth}/${c.innerWidth}, scrollHeight ${c.scrollHeight}/${c.innerHeight}, axe ${c.violations.length}${v ? `: ${v}` : ''}${c.doubleNumbered.length ? `, numbered twice: ${c.doubleNumbered.join(' | ')}` : ''}`;
}
