// Small formatting helpers of the office screens: Swedish local time (Europe/Stockholm, whatever the computer's own
// zone), file sizes, item kinds.
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

export function stockholmWhen(iso: string): string {
  return new Date(iso).toLocaleString('sv-SE', {
    timeZone: zone,
    dateStyle: 'medium',
    timeStyle: 'short',
  });
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
