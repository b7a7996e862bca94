// The minutes' fingerprint: SHA-256 of the canonical document, and per section so a mismatch names its paragraph.
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import { canonicalJson } from '@council/shared';
import type { MinutesDocument } from './document.ts';

export function sha256Hex(text: string): string {
  return bytesToHex(sha256(utf8ToBytes(text)));
}

export function minutesSha256(doc: MinutesDocument): string {
  return sha256Hex(canonicalJson(doc));
}

/** The parts of the document by the name the minutes give them: 'rubrik', 'beslutande', 'justering', '§ 1' … */
export function minutesSections(doc: MinutesDocument): Record<string, unknown> {
  const { attendance, adjustment, paragraphs, ...heading } = doc;
  const out: Record<string, unknown> = {
    rubrik: heading,
    beslutande: attendance,
    justering: adjustment,
  };
  for (const p of paragraphs) out[p.section] = p;
  return out;
}

export function sectionHashes(doc: MinutesDocument): Record<string, string> {
  return Object.fromEntries(
    Object.entries(minutesSections(doc)).map(([k, v]) => [k, sha256Hex(canonicalJson(v))]),
  );
}
