// Loads the minutes of a sitting from its event log: the document (as locked, if adjusted), status, approvals, the
// lock with the log head hash printed in it, and corrections. Every output format renders a MinutesView, and every
// MinutesView is one viewer's projection (R13): the document holds only what that viewer may read.
import type { StoredEvent } from '@council/shared';
import {
  buildMinutes,
  personOf,
  type MinutesDocument,
  type MinutesPerson,
} from '../../domain/minutes/document.ts';
import { minutesSha256 } from '../../domain/minutes/hash.ts';
import { requiredApprovers } from '../../domain/minutes/minutes.ts';
import { minutesOf, type MinutesCorrection, type MinutesLock } from '../../domain/minutes/state.ts';
import { fold } from '../../domain/sitting/sitting.ts';
import type { SittingState } from '../../domain/sitting/types.ts';
import type { SittingEngine } from '../sitting-engine.ts';
import { toRecord } from '../../domain/sitting/sitting.ts';
import { projectMinutes } from '../../domain/projection/minutes.ts';
import type { Viewer } from '../../domain/projection/viewer.ts';
import type { SignIn } from '../../domain/sign-in/step-up.ts';

export type MinutesStatus = 'preview' | 'draft' | 'locked';

export interface MinutesApprovalView extends MinutesPerson {
  as: 'chair' | 'adjuster';
  /** Approved the minutes as they read now (a stale approval was given to an earlier text). */
  approved: boolean;
  at: string | null;
  /** How they signed in when they approved (issue 17): method, level, time. */
  signIn: SignIn | null;
}

export interface MinutesView {
  status: MinutesStatus;
  document: MinutesDocument;
  sha256: string;
  approvals: MinutesApprovalView[];
  lock: (MinutesLock & { logHeadHash: string }) | null;
  corrections: MinutesCorrection[];
  /** The log position the document was generated at. */
  generatedAtSeq: number;
}

/** The state the minutes are generated from: for locked minutes, the log up to the lock — later events never change them. */
export function minutesState(
  sittingId: string,
  events: readonly StoredEvent[],
): { state: SittingState; full: SittingState } {
  const records = events.map(toRecord);
  const full = fold(sittingId, records);
  const lock = minutesOf(full).lock;
  if (!lock) return { state: full, full };
  return {
    state: fold(
      sittingId,
      records.filter((r) => r.seq <= lock.logHeadSeq),
    ),
    full,
  };
}

export function minutesView(
  sittingId: string,
  events: readonly StoredEvent[],
  viewer: Viewer,
): MinutesView | null {
  if (events.length === 0) return null;
  const { state, full } = minutesState(sittingId, events);
  const lock = minutesOf(full).lock;
  return viewOf(
    state,
    full,
    lock ? (events.find((e) => e.seq === lock.logHeadSeq)?.hash ?? '') : '',
    viewer,
  );
}

/**
 * The same view from the engine's cached state: while the minutes are not locked the live state is their source, so
 * the log is read (and folded) only for locked minutes.
 */
export async function loadMinutesView(
  engine: Pick<SittingEngine, 'state' | 'eventsSince'>,
  sittingId: string,
  viewer: Viewer,
): Promise<MinutesView | null> {
  const state = await engine.state(sittingId);
  if (!state) return null;
  if (!minutesOf(state).lock) return viewOf(state, state, '', viewer);
  return minutesView(sittingId, await engine.eventsSince(sittingId, 0), viewer);
}

function viewOf(
  state: SittingState,
  full: SittingState,
  logHeadHash: string,
  viewer: Viewer,
): MinutesView {
  const whole = buildMinutes(state);
  // The seal is that of the full minutes, whoever reads them.
  const sha256 = minutesSha256(whole);
  const document = projectMinutes(whole, state, viewer);
  const m = minutesOf(full);
  const lock = m.lock;
  const approvals = requiredApprovers(full).map((r) => {
    const given = m.approvals.find((a) => a.personId === r.personId && a.sha256 === sha256);
    return {
      ...personOf(full, r.personId),
      as: r.as,
      approved: given !== undefined,
      at: given?.at ?? null,
      signIn: given?.signIn ?? null,
    };
  });
  return {
    status: lock ? 'locked' : full.sitting.status === 'closed' ? 'draft' : 'preview',
    document,
    sha256,
    approvals,
    lock: lock ? { ...lock, logHeadHash } : null,
    corrections: m.corrections,
    generatedAtSeq: state.seq,
  };
}
