// The public projection of a sitting (R13, R25): confidential items show that they are closed and nothing else.
import type { PublicSittingView, SignedHead } from '@council/shared';
import type { SittingState } from './types.ts';
import { attendancePublic } from '../attendance/public.ts';
import { debatePublic } from '../debate/public.ts';
import { decisionPublic } from '../decision/public.ts';
import { secretBallotPublic } from '../secret-ballot/public.ts';

/** `logHead`: the log's latest signed head, published with the view as the sitting goes (issue 11 item 4). */
export function publicView(
  state: SittingState,
  logHead: SignedHead | null = null,
): PublicSittingView {
  const current = state.items.find((i) => i.id === state.sitting.currentItemId) ?? null;
  const closedSession = current?.confidential ?? false;
  const open = state.sitting.adjournments.find((a) => a.until === null) ?? null;
  const base: PublicSittingView = {
    sittingId: state.sitting.id,
    seq: state.seq,
    bodyName: state.roster.body.name,
    title: state.sitting.title,
    room: state.sitting.room,
    startsAt: state.sitting.startsAt,
    status: state.sitting.status,
    adjournment: open
      ? { since: open.since, reason: open.reason, resumesAt: open.resumesAt }
      : null,
    items: state.items.map((i) => ({
      id: i.id,
      position: i.position,
      paragraph: i.paragraph,
      // A confidential item's title may itself reveal protected data: the public sees only that it is closed.
      title: i.confidential ? 'Ärende med sekretess / Confidential item' : i.title,
      confidential: i.confidential,
      status: i.status,
    })),
    currentItemId: state.sitting.currentItemId,
    closedSession,
    floor: null,
    queue: [],
    serving: 0,
    seats: state.roster.seats.length,
    quorum: false,
    votes: [],
    decisions: [],
    ballots: [],
    logHead,
  };
  const withAttendance = { ...base, ...attendancePublic(state) };
  const withDebate = { ...withAttendance, ...debatePublic(state, closedSession) };
  return {
    ...withDebate,
    ...decisionPublic(state, closedSession),
    ...secretBallotPublic(state, closedSession),
  };
}
