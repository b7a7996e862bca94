// R01: 5 working days before the sitting, Swedish public holidays (Easter included) are not working days.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  addDays,
  easterSunday,
  isApplicationOnTime,
  isWorkingDay,
  remoteApplicationDeadline,
  swedishDate,
  swedishHolidays,
  weekday,
  workingDaysBefore,
} from './working-days.ts';

describe('Swedish calendar', () => {
  it('R01: computes Easter Sunday for known years', () => {
    expect(easterSunday(2000)).toBe('2000-04-23');
    expect(easterSunday(2019)).toBe('2019-04-21');
    expect(easterSunday(2024)).toBe('2024-03-31');
    expect(easterSunday(2025)).toBe('2025-04-20');
    expect(easterSunday(2026)).toBe('2026-04-05');
    expect(easterSunday(2027)).toBe('2027-03-28');
    expect(easterSunday(2038)).toBe('2038-04-25');
  });

  it('R01: Easter Sunday is always a Sunday between 22 March and 25 April', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1900, max: 2200 }), (year) => {
        const e = easterSunday(year);
        expect(weekday(e)).toBe(0);
        expect(e >= `${year}-03-22` && e <= `${year}-04-25`).toBe(true);
      }),
    );
  });

  it('R01: knows the moving holidays of 2026', () => {
    const h = swedishHolidays(2026);
    expect(h.langfredagen).toBe('2026-04-03');
    expect(h.annandagPask).toBe('2026-04-06');
    expect(h.kristiHimmelsfardsdag).toBe('2026-05-14');
    expect(h.pingstdagen).toBe('2026-05-24');
    expect(h.midsommarafton).toBe('2026-06-19');
    expect(h.midsommardagen).toBe('2026-06-20');
    expect(h.allaHelgonsDag).toBe('2026-10-31');
  });

  it('R01: weekends and holidays are not working days; ordinary weekdays are', () => {
    expect(isWorkingDay('2026-12-14')).toBe(true);
    expect(isWorkingDay('2026-12-12')).toBe(false);
    expect(isWorkingDay('2026-12-13')).toBe(false);
    expect(isWorkingDay('2026-12-24')).toBe(false);
    expect(isWorkingDay('2026-12-31')).toBe(false);
    expect(isWorkingDay('2027-01-06')).toBe(false);
    expect(isWorkingDay('2026-04-03')).toBe(false);
    expect(isWorkingDay('2026-04-06')).toBe(false);
    expect(isWorkingDay('2026-05-01')).toBe(false);
    expect(isWorkingDay('2026-06-19')).toBe(false);
    expect(isWorkingDay('2026-06-18')).toBe(true);
  });

  it('R01: converts instants to the Swedish date across summer time', () => {
    expect(swedishDate('2026-12-13T23:30:00Z')).toBe('2026-12-14');
    expect(swedishDate('2026-06-30T22:30:00Z')).toBe('2026-07-01');
    expect(swedishDate('2026-06-30T21:30:00Z')).toBe('2026-06-30');
    expect(swedishDate('2026-03-28T23:30:00Z')).toBe('2026-03-29');
    expect(swedishDate('2026-10-24T22:30:00Z')).toBe('2026-10-25');
  });
});

describe('R01: application deadline', () => {
  it('R01: the deadline for a Monday sitting is the Monday before', () => {
    expect(remoteApplicationDeadline('2026-12-14T18:00:00+01:00')).toBe('2026-12-07');
  });

  it('R01: holidays around New Year push the deadline back', () => {
    expect(remoteApplicationDeadline('2027-01-07T18:00:00+01:00')).toBe('2026-12-28');
  });

  it('R01: Easter pushes the deadline back', () => {
    expect(remoteApplicationDeadline('2026-04-08T18:00:00+02:00')).toBe('2026-03-30');
  });

  it('R01: an application on the deadline day is on time, the day after is late', () => {
    expect(isApplicationOnTime('2026-12-07T22:59:00Z', '2026-12-14T18:00:00+01:00')).toBe(true);
    expect(isApplicationOnTime('2026-12-07T23:01:00Z', '2026-12-14T18:00:00+01:00')).toBe(false);
  });

  it('R01: exactly 5 working days lie from the deadline up to the sitting day', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 365 * 30 }), (offset) => {
        const date = addDays('2020-01-01', offset);
        const deadline = workingDaysBefore(date, 5);
        expect(isWorkingDay(deadline)).toBe(true);
        let count = 0;
        for (let d = deadline; d < date; d = addDays(d, 1)) if (isWorkingDay(d)) count++;
        expect(count).toBe(5);
      }),
    );
  });
});
