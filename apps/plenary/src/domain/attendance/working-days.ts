// R01: the application deadline, 5 working days before the sitting, with Swedish public holidays computed purely.
// Dates are Swedish local calendar dates 'YYYY-MM-DD'; instants are converted with the EU summer-time rule.

const DAY_MS = 86_400_000;

/** 'YYYY-MM-DD' of a UTC calendar day number (days since 1970-01-01). */
function dateOfDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

function dayOf(date: string): number {
  const [y, m, d] = date.split('-').map(Number);
  return Math.floor(Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1) / DAY_MS);
}

export function addDays(date: string, days: number): string {
  return dateOfDay(dayOf(date) + days);
}

/** 0 = Sunday … 6 = Saturday. */
export function weekday(date: string): number {
  return (((dayOf(date) + 4) % 7) + 7) % 7;
}

/** Easter Sunday (Gregorian, the anonymous "Meeus/Jones/Butcher" algorithm). */
export function easterSunday(year: number): string {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** The first date in [from, from+6] that falls on the weekday. */
function weekdayFrom(from: string, wd: number): string {
  return addDays(from, (wd - weekday(from) + 7) % 7);
}

/**
 * Swedish public holidays (lag 1989:253 om allmänna helgdagar) plus the eves that are non-working days in practice
 * (midsommarafton, julafton, nyårsafton — treated like Sundays, e.g. in semesterlagen). Name → date.
 */
export function swedishHolidays(year: number): Record<string, string> {
  const easter = easterSunday(year);
  const midsummerEve = weekdayFrom(`${year}-06-19`, 5);
  return {
    nyarsdagen: `${year}-01-01`,
    trettondedagJul: `${year}-01-06`,
    langfredagen: addDays(easter, -2),
    paskafton: addDays(easter, -1),
    paskdagen: easter,
    annandagPask: addDays(easter, 1),
    forstaMaj: `${year}-05-01`,
    kristiHimmelsfardsdag: addDays(easter, 39),
    pingstdagen: addDays(easter, 49),
    nationaldagen: `${year}-06-06`,
    midsommarafton: midsummerEve,
    midsommardagen: addDays(midsummerEve, 1),
    allaHelgonsDag: weekdayFrom(`${year}-10-31`, 6),
    julafton: `${year}-12-24`,
    juldagen: `${year}-12-25`,
    annandagJul: `${year}-12-26`,
    nyarsafton: `${year}-12-31`,
  };
}

export function isWorkingDay(date: string): boolean {
  const wd = weekday(date);
  if (wd === 0 || wd === 6) return false;
  const year = Number(date.slice(0, 4));
  return !Object.values(swedishHolidays(year)).includes(date);
}

/** The day `n` working days before `date` (not counting `date` itself). */
export function workingDaysBefore(date: string, n: number): string {
  let d = date;
  let left = n;
  while (left > 0) {
    d = addDays(d, -1);
    if (isWorkingDay(d)) left--;
  }
  return d;
}

/** Last Sunday of a month (1-based), as a UTC day number. */
function lastSunday(year: number, month: number): number {
  const last = Math.floor(Date.UTC(year, month, 1) / DAY_MS) - 1;
  return last - ((((last + 4) % 7) + 7) % 7);
}

/** The Swedish local calendar date of an instant: CET (+1), CEST (+2) from the last Sunday of March 01:00 UTC to the last Sunday of October 01:00 UTC. */
export function swedishDate(iso: string): string {
  const ms = Date.parse(iso);
  const year = new Date(ms).getUTCFullYear();
  const summerFrom = lastSunday(year, 3) * DAY_MS + 3_600_000;
  const summerTo = lastSunday(year, 10) * DAY_MS + 3_600_000;
  const offsetHours = ms >= summerFrom && ms < summerTo ? 2 : 1;
  return new Date(ms + offsetHours * 3_600_000).toISOString().slice(0, 10);
}

/** R01: the last Swedish date an application to take part remotely is on time: 5 working days before the sitting. */
export function remoteApplicationDeadline(sittingStartsAt: string): string {
  return workingDaysBefore(swedishDate(sittingStartsAt), 5);
}

export function isApplicationOnTime(appliedAt: string, sittingStartsAt: string): boolean {
  return swedishDate(appliedAt) <= remoteApplicationDeadline(sittingStartsAt);
}
