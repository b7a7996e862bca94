// Swedish local time (Europe/Stockholm) whatever the computer's zone and the browser's locale — days and instants as the
// office writes them (2026-12-04 18:00) — and the desk's check that a sitting is opened on the day it was called for
// (R02: the notice names the day; the minutes note another day, minutes/layout.ts offSchedule).

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

/**
 * The day a sitting is opened (or would be, at `at`) when it is not the day it was called for, with that day; null on
 * the day itself. Days are Stockholm's: a sitting called for 18:00 and opened at 00:30 the next night is another day.
 */
export function offScheduleDay(
  startsAt: string,
  at: string | number,
): { called: string; day: string } | null {
  const called = stockholmDay(startsAt);
  const day = stockholmDay(new Date(at).toISOString());
  return called === day ? null : { called, day };
}
