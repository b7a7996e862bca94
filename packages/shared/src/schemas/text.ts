// The one schema for free text and for ids at every edge (issue #11): the database, the hash chain and every reader
// get well-formed Unicode with no NUL, no lone surrogate and no control character but newline and tab, and a cap.
import { z } from 'zod';

/** A C0/C1 control character other than tab (U+0009) and newline (U+000A), or a surrogate without its pair. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const UNSAFE = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\uD800-\uDFFF]/u;

export const UNSAFE_TEXT_MESSAGE =
  'must be plain text: no NUL, no control characters other than newline and tab, no broken Unicode';

/** True when the text holds nothing the edge refuses (see freeText). */
export function isSafeText(text: string): boolean {
  return !UNSAFE.test(text);
}

/**
 * Free text from a person: trimmed (unless `trim: false`, for passwords), at most `max` UTF-16 units, at least `min`.
 * @example freeText(500, { min: 1 }).parse('  Tekniskt fel i salen ') // 'Tekniskt fel i salen'
 * @example freeText(500).safeParse('a\u0000b').success // false
 */
export function freeText(max: number, options: { min?: number; trim?: boolean } = {}) {
  const { min = 0, trim = true } = options;
  const base = trim ? z.string().trim() : z.string();
  return base.min(min).max(max).refine(isSafeText, { message: UNSAFE_TEXT_MESSAGE });
}

/**
 * An id: 1–`max` letters, digits and _ . : - (the import's ids, the server's UUIDs). `%00` in a path becomes a 400.
 * @example idText().safeParse('kf-2026-12-18').success // true
 */
export function idText(max = 64) {
  return z
    .string()
    .min(1)
    .max(max)
    .regex(/^[A-Za-z0-9_.:-]+$/, 'an id: letters, digits, _ . : - only');
}

/**
 * A document's address as a member's app links to it: http(s) or a path on this server — never javascript:, data:…
 * @example linkUrl().safeParse('javascript:alert(1)').success // false
 */
export function linkUrl(max = 500) {
  return freeText(max, { min: 1 }).refine(isLinkable, {
    message: 'must be an http(s) address or a path on this server starting with /',
  });
}

function isLinkable(url: string): boolean {
  if (/\s/.test(url)) return false;
  if (url.startsWith('/')) return !url.startsWith('//') && !url.startsWith('/\\');
  try {
    const { protocol } = new URL(url);
    return protocol === 'https:' || protocol === 'http:';
  } catch {
    return false;
  }
}
