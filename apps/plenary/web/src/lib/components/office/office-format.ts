// Small formatting helpers of the office screens: Swedish local time (Europe/Stockholm, whatever the computer's own
// zone and the browser's locale: 2026-12-04 18:00), typed days and times read the Swedish way, file sizes, item kinds.
import type { AgendaItemKind } from '@council/shared';
import { t } from '../../i18n/i18n.svelte.ts';

const zone = 'Europe/Stockholm';

/** Stockholm's offset from UTC in minutes at an instant ("GMT+01:00" → 60). */
function offsetAt(instant: Date): number {
  const part = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'longOffset' })
    .formatToParts(instant)
    .find((p) => p.type === 'timeZoneName')?.value;
  const m = /GMT([+-])(\d{2}):(\d{2})/.exec(part ?? '');
  if (!m) return 0;
  return (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3]));
}

/** A Swedish wall-clock day and time as an ISO instant with Stockholm's offset that day (summer or winter time). */
export function stockholmIso(date: string, time: string): string {
  const asUtc = new Date(`${date}T${time}:00Z`);
  const offset = offsetAt(new Date(asUtc.getTime() - offsetAt(asUtc) * 60_000));
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  const hh = String(Math.floor(abs / 60)).padStart(2, '0');
  const mm = String(abs % 60).padStart(2, '0');
  return `${date}T${time}:00${sign}${hh}:${mm}`;
}

/** Stockholm's calendar day and clock at an instant, built from parts: never the browser's locale or zone. */
function stockholmParts(iso: string): { day: string; time: string } {
  const parts = new Intl.DateTimeFormat('sv-SE', {
    timeZone: zone,
    numberingSystem: 'latn',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(new Date(iso));
  const get = (type: Intl.DateTimeFormatPartTypes) =>
    parts.find((p) => p.type === type)?.value ?? '00';
  return {
    day: `${get('year')}-${get('month')}-${get('day')}`,
    time: `${get('hour')}:${get('minute')}`,
  };
}

/** "2026-12-04 18:00", Swedish time, whatever the browser's locale (en-US would say "12/4/2026, 6:00 PM"). */
export function stockholmWhen(iso: string): string {
  const { day, time } = stockholmParts(iso);
  return `${day} ${time}`;
}

/** "2026-12-04": the Swedish day of an instant. */
export function stockholmDay(iso: string): string {
  return stockholmParts(iso).day;
}

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
