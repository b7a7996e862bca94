// KL 5 kap. 12 §: the notice a week before; KL 8 kap. 12 §: minutes three weeks.
import { describe, expect, it } from 'vitest';
import { isPosted, noticePosting } from './notice-dates.ts';

describe('notice board dates', () => {
  it('R02: a notice posted a week or more before the sitting stays up until the sitting day', () => {
    expect(noticePosting('2027-02-08', '2027-02-15')).toEqual({
      postedOn: '2027-02-08',
      removedOn: '2027-02-15',
    });
  });
  it('R02: six days before is too late', () => {
    expect(noticePosting('2027-02-09', '2027-02-15')).toHaveProperty('error');
  });
  it('a posting is up from the day posted to the day taken down', () => {
    const p = { postedOn: '2027-02-08', removedOn: '2027-03-01' };
    expect(isPosted(p, '2027-02-07')).toBe(false);
    expect(isPosted(p, '2027-02-08')).toBe(true);
    expect(isPosted(p, '2027-03-01')).toBe(true);
    expect(isPosted(p, '2027-03-02')).toBe(false);
  });
});
