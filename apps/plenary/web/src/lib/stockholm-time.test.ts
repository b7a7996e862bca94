// Stockholm's days and instants, and the check of a sitting opened on another day than it was called for (R02).
import { describe, expect, it } from 'vitest';
import { offScheduleDay, stockholmDay, stockholmIso, stockholmWhen } from './stockholm-time.ts';

describe('Stockholm time', () => {
  it('days and clocks are Stockholm’s, in winter and summer time', () => {
    expect(stockholmIso('2026-12-04', '18:00')).toBe('2026-12-04T18:00:00+01:00');
    expect(stockholmIso('2026-06-04', '18:00')).toBe('2026-06-04T18:00:00+02:00');
    expect(stockholmWhen('2026-12-04T17:00:00.000Z')).toBe('2026-12-04 18:00');
    // 23:30 UTC is half past midnight in Stockholm: the next day.
    expect(stockholmDay('2026-12-04T23:30:00.000Z')).toBe('2026-12-05');
  });
});

describe('a sitting opened on another day than it was called for (R02)', () => {
  const startsAt = '2026-12-10T18:00:00+01:00';

  it('on the day it was called for, nothing to say — early in the morning or late in the evening', () => {
    expect(offScheduleDay(startsAt, '2026-12-10T08:00:00+01:00')).toBeNull();
    expect(offScheduleDay(startsAt, '2026-12-10T23:59:00+01:00')).toBeNull();
  });

  it('before or after the day, the day it was called for and the day it is opened', () => {
    expect(offScheduleDay(startsAt, '2026-12-04T14:00:00+01:00')).toEqual({
      called: '2026-12-10',
      day: '2026-12-04',
    });
    // Past midnight in Stockholm while it is still the 10th in UTC.
    expect(offScheduleDay(startsAt, Date.parse('2026-12-10T23:30:00Z'))).toEqual({
      called: '2026-12-10',
      day: '2026-12-11',
    });
  });
});
