// The public view of a sitting (R13, R25), from the public's projection: confidential items show that they are closed.
import type { PublicSittingView, SignedHead } from '@council/shared';
import type { SittingState } from './types.ts';
import { attendancePublic } from '../attendance/public.ts';
import { debatePublic } from '../debate/public.ts';
import { decisionPublic } from '../decision/public.ts';
import { secretBallotPublic } from '../secret-ballot/public.ts';
import { projectState } from '../projection/state.ts';
import { PUBLIC } from '../projection/viewer.ts';
import { seatMapOf } from './seat-map.ts';

/** `logHead`: the log's latest signed head, published with the view as the sitting goes (issue 11 item 4). */
export function publicView(
  full: SittingState,
  logHead: SignedHead | null = null,
): PublicSittingView {
  // Built from the public's projection (domain/projection): a closed item's title, content and reasons never get here.
  const state = projectState(full, PUBLIC);
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
      title: i.title,
      confidential: i.confidential,
      status: i.status,
    })),
    currentItemId: state.sitting.currentItemId,
    closedSession,
    floor: null,
    queue: [],
    serving: 0,
    seats: state.roster.seats.length,
    // R13: in a closed item the public sees the slate only, not who holds which seat.
    seatMap: closedSession ? [] : seatMapOf(state),
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
