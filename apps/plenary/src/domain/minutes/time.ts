// Swedish local date and clock time of an instant, for the minutes (CET/CEST by the EU summer-time rule, no I/O).
const DAY_MS = 86_400_000;

function lastSundayMs(year: number, month: number): number {
  const last = Math.floor(Date.UTC(year, month, 1) / DAY_MS) - 1;
  return (last - ((((last + 4) % 7) + 7) % 7)) * DAY_MS;
}

/** { date: 'YYYY-MM-DD', time: 'HH:MM' } in Sweden. */
export function swedishLocal(iso: string): { date: string; time: string } {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return { date: '', time: '' };
  const year = new Date(ms).getUTCFullYear();
  const summer = ms >= lastSundayMs(year, 3) + 3_600_000 && ms < lastSundayMs(year, 10) + 3_600_000;
  const local = new Date(ms + (summer ? 2 : 1) * 3_600_000).toISOString();
  return { date: local.slice(0, 10), time: local.slice(11, 16) };
}

const months = [
  'januari',
  'februari',
  'mars',
  'april',
  'maj',
  'juni',
  'juli',
  'augusti',
  'september',
  'oktober',
  'november',
  'december',
];

/** '2026-12-14' → '14 december 2026'. */
export function swedishLongDate(date: string): string {
  const [y, m, d] = date.split('-').map(Number);
  return `${d ?? ''} ${months[(m ?? 1) - 1] ?? ''} ${y ?? ''}`;
}
