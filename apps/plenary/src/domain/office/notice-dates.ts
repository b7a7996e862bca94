// Dates of the notice board (anslagstavla): the notice of a sitting is posted at least a week before the sitting day
// (KL 5 kap. 12 §) and stays up until the sitting; adjusted minutes stay three weeks (KL 8 kap. 12 §).
import { addDays } from '../attendance/working-days.ts';

export const NOTICE_LEAD_DAYS = 7;

/** When a notice posted today comes down, or why it is too late to post it. */
export function noticePosting(
  today: string,
  sittingDate: string,
): { postedOn: string; removedOn: string } | { error: string } {
  const latest = addDays(sittingDate, -NOTICE_LEAD_DAYS);
  if (today > latest)
    return {
      error: `Kallelsen ska anslås senast ${latest}, en vecka före sammanträdet (KL 5 kap. 12 §).`,
    };
  return { postedOn: today, removedOn: sittingDate };
}

/** Is a posting on the board on this day? */
export function isPosted(p: { postedOn: string; removedOn: string }, today: string): boolean {
  return p.postedOn <= today && today <= p.removedOn;
}
