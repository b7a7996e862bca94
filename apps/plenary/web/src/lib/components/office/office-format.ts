// Small formatting helpers of the office screens: typed days and times read the Swedish way, file sizes, item kinds.
// Swedish local time itself (Europe/Stockholm, whatever the browser's zone and locale) is lib/stockholm-time.ts.
import type { AgendaItemKind } from '@council/shared';
import { t } from '../../i18n/i18n.svelte.ts';

/** A typed day as YYYY-MM-DD when it is a real calendar day, else null ("2026-02-30", "12/04/2026" are not). */
export function parseDay(text: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text.trim());
  if (!m) return null;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === m[0] ? m[0] : null;
}

/** A typed time on the 24-hour clock as HH:MM ("18:00", "18.00", "9:30"), else null ("6:00 PM" is not). */
export function parseTime(text: string): string | null {
  const m = /^([01]?\d|2[0-3])[:.]([0-5]\d)$/.exec(text.trim());
  return m ? `${(m[1] ?? '').padStart(2, '0')}:${m[2] ?? ''}` : null;
}

export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} byte`;
  const n = new Intl.NumberFormat('sv-SE', { maximumFractionDigits: 1 });
  if (bytes < 1024 * 1024) return `${n.format(bytes / 1024)} KiB`;
  return `${n.format(bytes / (1024 * 1024))} MiB`;
}

export function kindLabel(kind: AgendaItemKind): string {
  return t(`kind.${kind}`);
}
