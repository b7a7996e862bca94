// The attendance module: remote participation (R01, R04), roll call and who serves (R05, R06), jäv (R12),
// confidential items (R13), technical failure and the 5-minute rule (R15–R18), the technical function check (R19).
import { reject, type CommandOf, type Rejection } from '@council/shared';
import { requireChair, requireDesk, requireSelfOrDesk } from '../sitting/roles.ts';
import type {
  DecideContext,
  Decision,
  DomainEvent,
  DomainModule,
  EventRecord,
  SittingState,
} from '../sitting/types.ts';
import type { AttendanceEvent } from './events.ts';
import { isRecused, isServing, seatServedBy } from './selectors.ts';
import type {
  AttendanceState,
  FunctionCheck,
  ServicePeriod,
  ServingChangeReason,
  TechFailure,
} from './state.ts';
import {
  isSubstituteFor,
  mayServe,
  nextSubstitute,
  planSeats,
  standsAside,
  type PlanMode,
  type SeatPlan,
} from './substitution.ts';
import { isApplicationOnTime, remoteApplicationDeadline } from './working-days.ts';

export const attendanceCommandTypes = [
  'applyForRemote',
  'decideRemoteApplication',
  'checkIn',
  'confirmSeeHear',
  'startRollCall',
  'markAttendance',
  'confirmRollCall',
  'assignSubstitute',
  'setAutoFill',
  'changeServingNow',
  'declareRecusal',
  'allowRemoteConfidential',
  'reportConnectionLost',
  'reportConnectionRestored',
  'expireTechFailure',
  'replaceForRecurringFailure',
  'startFunctionCheck',
  'confirmFunctionCheck',
  'closeFunctionCheck',
  'overrideFunctionCheck',
] as const;

type AttendanceCommand = CommandOf<(typeof attendanceCommandTypes)[number]>;

/** R04: check-in opens this long before the start (or when the sitting is opened, if earlier). */
export const CHECK_IN_OPENS_MS = 15 * 60_000;
/** R16: a member not back within 5 minutes of the adjournment is replaced. */
export const TECH_FAILURE_GRACE_MS = 5 * 60_000;
/** R04: the self-test passes with camera, microphone, a real signal and a usable round-trip. */
export const SELF_TEST_MIN_AUDIO_LEVEL = 0.02;
export const SELF_TEST_MAX_ROUND_TRIP_MS = 1500;

const addMs = (iso: string, ms: number): string => new Date(Date.parse(iso) + ms).toISOString();

function isRosterPerson(state: SittingState, personId: string): boolean {
  return (
    state.roster.seats.some((s) => s.memberId === personId) ||
    state.roster.substitutes.some((s) => s.personId === personId)
  );
}

function notInRoster(personId: string): Rejection {
  return reject(
    'NOT_FOUND',
    `${personId} är varken ledamot eller ersättare i organet.`,
    `${personId} is neither a member nor a substitute of this body.`,
  );
}

/** Failures that stop a person from taking part (sound or the whole connection); video alone is tolerated in debate (R18). */
export function isBlockingFailure(f: TechFailure): boolean {
  return f.outcome === 'open' && f.kind !== 'video';
}

/** The ServingChanged events that turn the current seats into the plan, ordered so nobody holds two seats in between. */
export function planChanges(
  state: SittingState,
  plan: SeatPlan,
  reason: ServingChangeReason,
  atBoundary: boolean,
): AttendanceEvent[] {
  const serving = state.attendance.serving;
  const changed = Object.keys(plan).filter(
    (seatId) => (plan[seatId] ?? null) !== (serving[seatId] ?? null),
  );
  const seatOf = new Map<string, string>();
  for (const [seatId, p] of Object.entries(serving)) if (p !== null) seatOf.set(p, seatId);
  const out: AttendanceEvent[] = [];
  const done = new Set<string>();
  const visit = (seatId: string, stack: Set<string>): void => {
    if (done.has(seatId) || stack.has(seatId)) return;
    stack.add(seatId);
    const next = plan[seatId] ?? null;
    // Free the person first if they still hold another seat that changes too.
    const held = next !== null ? seatOf.get(next) : undefined;
    if (held !== undefined && held !== seatId && changed.includes(held)) visit(held, stack);
    done.add(seatId);
    const previousId = serving[seatId] ?? null;
    const recusedPrev = previousId !== null && standsAside(state, previousId);
    const asideReason =
      previousId !== null && isRecused(state, previousId) ? 'recusal' : 'confidential';
    out.push({
      type: 'ServingChanged',
      payload: {
        seatId,
        personId: next,
        previousId,
        reason: recusedPrev && reason === 'itemBoundary' ? asideReason : reason,
        atBoundary,
        returnsAfterItem: recusedPrev && next !== null && mayServe(state, previousId),
      },
    });
  };
  for (const seatId of changed) visit(seatId, new Set());
  return out;
}

function planEvents(
  state: SittingState,
  mode: PlanMode,
  reason: ServingChangeReason,
  atBoundary: boolean,
): AttendanceEvent[] {
  return planChanges(state, planSeats(state, mode), reason, atBoundary);
}

function openFailures(state: SittingState, personId: string): TechFailure[] {
  return state.attendance.failures.filter((f) => f.personId === personId && f.outcome === 'open');
}

/** R16: the member becomes a teknikfelsledamot; the next present substitute takes the seat at once. */
function replaceMember(
  state: SittingState,
  personId: string,
  cause: 'timeout' | 'recurring',
  reason: string | null,
): AttendanceEvent[] {
  const seatId = seatServedBy(state, personId);
  const events: AttendanceEvent[] = [
    { type: 'TechFailureMemberDeclared', payload: { personId, seatId, cause, reason } },
  ];
  const seat = state.roster.seats.find((s) => s.id === seatId);
  if (seat) {
    // The replaced member counts as taken: they never serve again.
    const taken = new Set(
      Object.values(state.attendance.serving).filter((p): p is string => p !== null),
    );
    const substitute = nextSubstitute(state, seat, taken);
    events.push({
      type: 'ServingChanged',
      payload: {
        seatId: seat.id,
        personId: substitute,
        previousId: personId,
        reason: 'techFailure',
        atBoundary: false,
        returnsAfterItem: false,
      },
    });
  }
  return events;
}

function decideAttendance(
  state: SittingState,
  command: AttendanceCommand,
  ctx: DecideContext,
): Decision {
  const a = state.attendance;
  const { status } = state.sitting;
  if (status === 'closed')
    return reject('INVALID_STATE', 'Sammanträdet är avslutat.', 'The sitting is closed.');
  const actor = ctx.actor;
  switch (command.type) {
    case 'applyForRemote': {
      const personId = command.personId ?? actor.personId;
      const denied = requireSelfOrDesk(actor, personId);
      if (denied) return denied;
      if (!isRosterPerson(state, personId)) return notInRoster(personId);
      if (state.sitting.remoteReason === null)
        return reject(
          'INVALID_STATE',
          'Sammanträdet hålls inte med distansdeltagande.',
          'This sitting is not held with remote participation (R02).',
        );
      const existing = a.applications[personId];
      if (existing && existing.status !== 'rejected')
        return reject(
          'CONFLICT',
          'Du har redan ansökt; ordföranden beslutar.',
          'You have already applied; the chair decides.',
        );
      const onTime = isApplicationOnTime(ctx.now, state.sitting.startsAt);
      return [
        {
          type: 'RemoteParticipationApplied',
          payload: {
            personId,
            reason: command.reason,
            deadline: remoteApplicationDeadline(state.sitting.startsAt),
            onTime,
          },
        },
      ];
    }
    case 'decideRemoteApplication': {
      const denied = requireChair(actor);
      if (denied) return denied;
      const app = a.applications[command.personId];
      if (!app)
        return reject(
          'NOT_FOUND',
          'Det finns ingen ansökan från den personen.',
          'There is no application from that person.',
        );
      if (app.status !== 'pending')
        return reject(
          'CONFLICT',
          'Ansökan är redan avgjord.',
          'The application is already decided.',
        );
      if (command.approve && !app.onTime && !command.lateReason)
        return reject(
          'INVALID_INPUT',
          `Ansökan kom efter ${app.deadline}: ange skälet till att den ändå godtas.`,
          `The application came after the deadline ${app.deadline}: state why it is accepted anyway (R01).`,
        );
      return [
        {
          type: 'RemoteParticipationDecided',
          payload: {
            personId: command.personId,
            approved: command.approve,
            lateReason: command.approve && !app.onTime ? (command.lateReason ?? null) : null,
          },
        },
      ];
    }
    case 'checkIn': {
      const personId = actor.personId;
      // A state of the application, not a right: the chair may still approve it.
      if (a.applications[personId]?.status !== 'approved')
        return reject(
          'INVALID_STATE',
          'Ordföranden har inte godkänt ditt distansdeltagande.',
          'The chair has not approved your remote participation (R01).',
        );
      const opensAt = addMs(state.sitting.startsAt, -CHECK_IN_OPENS_MS);
      if (status === 'scheduled' && Date.parse(ctx.now) < Date.parse(opensAt))
        return reject(
          'INVALID_STATE',
          'Incheckningen öppnar 15 minuter före start.',
          'Check-in opens 15 minutes before the start (R04).',
        );
      const t = command.selfTest;
      const passed =
        t.privatePlace &&
        t.camera &&
        t.microphone &&
        t.audioLevel >= SELF_TEST_MIN_AUDIO_LEVEL &&
        t.roundTripMs !== null &&
        t.roundTripMs <= SELF_TEST_MAX_ROUND_TRIP_MS;
      return [{ type: 'CheckedIn', payload: { personId, selfTest: t, passed } }];
    }
    case 'confirmSeeHear': {
      const check = a.checkIns[actor.personId];
      if (!check) return reject('INVALID_STATE', 'Checka in först.', 'Check in first.');
      if (!check.passed)
        return reject(
          'INVALID_STATE',
          'Självtestet godkändes inte: åtgärda och testa igen.',
          'The self-test did not pass: fix camera, microphone or network and test again.',
        );
      if (check.seeHearAt !== null)
        return reject('CONFLICT', 'Redan bekräftat.', 'Already confirmed.');
      return [{ type: 'SeeHearConfirmed', payload: { personId: actor.personId } }];
    }
    case 'startRollCall': {
      const denied = requireDesk(actor);
      if (denied) return denied;
      if (status === 'scheduled')
        return reject('INVALID_STATE', 'Öppna sammanträdet först.', 'Open the sitting first.');
      if (a.rollCall && a.rollCall.confirmedAt === null)
        return reject('CONFLICT', 'Ett upprop pågår redan.', 'A roll call is already running.');
      return [{ type: 'RollCallStarted', payload: { rollCallId: ctx.newId() } }];
    }
    case 'markAttendance': {
      const denied = requireDesk(actor);
      if (denied) return denied;
      if (!isRosterPerson(state, command.personId)) return notInRoster(command.personId);
      const rollCallId = a.rollCall && a.rollCall.confirmedAt === null ? a.rollCall.id : null;
      const current = a.presence[command.personId]?.mode ?? 'absent';
      if (
        current === command.mode &&
        (rollCallId === null || a.rollCall?.marked.includes(command.personId))
      )
        return reject('CONFLICT', 'Redan markerad så.', 'Already marked so.');
      if (command.mode === 'remote') {
        if (a.applications[command.personId]?.status !== 'approved')
          return reject(
            'INVALID_STATE',
            'Distansdeltagande är inte godkänt.',
            'Remote participation is not approved for this person (R01).',
          );
        const check = a.checkIns[command.personId];
        if (!check?.passed || check.seeHearAt === null)
          return reject(
            'INVALID_STATE',
            'Ledamoten har inte checkat in och bekräftat att hen ser och hör.',
            'The member has not checked in with a passed self-test and confirmed they see and hear (R05).',
          );
      }
      const events: AttendanceEvent[] = [];
      const seatId = seatServedBy(state, command.personId);
      // Leaving stops serving at once; the substitute takes the seat at the next item (R06).
      if (command.mode === 'absent' && seatId !== null)
        events.push({
          type: 'ServingChanged',
          payload: {
            seatId,
            personId: null,
            previousId: command.personId,
            reason: 'left',
            atBoundary: false,
            returnsAfterItem: false,
          },
        });
      events.push({
        type: 'AttendanceMarked',
        payload: { personId: command.personId, mode: command.mode, rollCallId },
      });
      return events;
    }
    case 'confirmRollCall': {
      const denied = requireDesk(actor);
      if (denied) return denied;
      if (!a.rollCall || a.rollCall.id !== command.rollCallId)
        return reject('NOT_FOUND', 'Det finns inget sådant upprop.', 'There is no such roll call.');
      if (a.rollCall.confirmedAt !== null)
        return reject(
          'CONFLICT',
          'Uppropet är redan bekräftat.',
          'The roll call is already confirmed (by another desk).',
        );
      const events: DomainEvent[] = [
        { type: 'RollCallConfirmed', payload: { rollCallId: command.rollCallId } },
      ];
      // Who serves changes only between items: mid-item, the confirmed roll call takes effect at the next item.
      if (state.sitting.currentItemId === null)
        events.push(...planEvents(state, 'full', 'rollCall', false));
      return events;
    }
    case 'assignSubstitute': {
      const denied = requireDesk(actor);
      if (denied) return denied;
      const seat = state.roster.seats.find((s) => s.id === command.seatId);
      if (!seat)
        return reject(
          'NOT_FOUND',
          `Det finns inget mandat ${command.seatId}.`,
          `There is no seat ${command.seatId}.`,
        );
      if (!isSubstituteFor(state, seat, command.personId))
        return reject(
          'INVALID_STATE',
          ...(state.roster.body.kind === 'council'
            ? ([
                'I fullmäktige får bara ersättare från samma parti tjänstgöra.',
                'In a council only a substitute of the same party may serve.',
              ] as [string, string])
            : ([
                'Ersättaren ingår inte i ordningen för platsen.',
                'That substitute is not in the order decided for this seat.',
              ] as [string, string])),
        );
      if (!mayServe(state, command.personId))
        return reject(
          'INVALID_STATE',
          'Ersättaren är inte närvarande eller får inte tjänstgöra igen.',
          'That substitute is not present or may not serve again this sitting.',
        );
      if (seatServedBy(state, command.personId) !== null)
        return reject(
          'CONFLICT',
          'Ersättaren tjänstgör redan.',
          'That substitute already serves a seat.',
        );
      const holder = a.serving[seat.id] ?? null;
      const standingAside = holder !== null && standsAside(state, holder);
      if (holder !== null && !standingAside)
        return reject('CONFLICT', 'Platsen är redan besatt.', 'That seat is served.');
      if (standingAside)
        return [
          {
            type: 'ServingChanged',
            payload: {
              seatId: seat.id,
              personId: command.personId,
              previousId: holder,
              reason: isRecused(state, holder) ? 'recusal' : 'confidential',
              atBoundary: false,
              returnsAfterItem: true,
            },
          },
        ];
      if (state.sitting.currentItemId === null)
        return [
          {
            type: 'ServingChanged',
            payload: {
              seatId: seat.id,
              personId: command.personId,
              previousId: null,
              reason: 'beforeFirstItem',
              atBoundary: false,
              returnsAfterItem: false,
            },
          },
        ];
      if (a.pendingSeats[seat.id] === command.personId)
        return reject(
          'CONFLICT',
          'Redan inkallad till nästa ärende.',
          'Already called in for the next item.',
        );
      return [
        { type: 'SubstituteAssigned', payload: { seatId: seat.id, personId: command.personId } },
      ];
    }
    case 'setAutoFill': {
      const denied = requireDesk(actor);
      if (denied) return denied;
      if (a.autoFill === command.on) return reject('CONFLICT', 'Redan inställt så.', 'Already so.');
      return [{ type: 'AutoFillSet', payload: { on: command.on } }];
    }
    case 'changeServingNow': {
      const denied = requireChair(actor);
      if (denied) return denied;
      if (state.sitting.currentItemId === null)
        return reject(
          'INVALID_STATE',
          'Inget ärende pågår: ändringar gäller direkt.',
          'No item is under way: changes apply at once anyway.',
        );
      const changes = planEvents(state, 'full', 'exception', false);
      if (changes.length === 0)
        return reject(
          'INVALID_STATE',
          'Ingen skulle byta plats nu.',
          'Nobody would change seat now.',
        );
      return [{ type: 'ServingExceptionMade', payload: { reason: command.reason } }, ...changes];
    }
    case 'declareRecusal': {
      const denied = requireSelfOrDesk(actor, command.personId);
      if (denied) return denied;
      const item = state.items.find((i) => i.id === command.itemId);
      if (!item)
        return reject(
          'NOT_FOUND',
          `Det finns inget ärende ${command.itemId}.`,
          `There is no agenda item ${command.itemId}.`,
        );
      if (item.status !== 'pending' && item.status !== 'current')
        return reject(
          'INVALID_STATE',
          'Ärendet är redan behandlat.',
          'That item is already handled.',
        );
      if (!isRosterPerson(state, command.personId)) return notInRoster(command.personId);
      if ((a.recusals[item.id] ?? []).includes(command.personId))
        return reject('CONFLICT', 'Jäv är redan anmält.', 'Jäv is already recorded.');
      const events: DomainEvent[] = [
        { type: 'RecusalDeclared', payload: { itemId: item.id, personId: command.personId } },
      ];
      return events;
    }
    case 'allowRemoteConfidential': {
      const denied = requireChair(actor);
      if (denied) return denied;
      const item = state.items.find((i) => i.id === command.itemId);
      if (!item)
        return reject(
          'NOT_FOUND',
          `Det finns inget ärende ${command.itemId}.`,
          `There is no agenda item ${command.itemId}.`,
        );
      if (!item.confidential)
        return reject(
          'INVALID_STATE',
          'Ärendet är inte sekretessbelagt.',
          'That item is not confidential.',
        );
      if (a.remoteConfidential[item.id])
        return reject('CONFLICT', 'Redan tillåtet.', 'Already allowed.');
      return [
        { type: 'RemoteConfidentialAllowed', payload: { itemId: item.id, reason: command.reason } },
      ];
    }
    case 'reportConnectionLost': {
      const denied = requireDesk(actor);
      if (denied) return denied;
      if (a.presence[command.personId]?.mode !== 'remote')
        return reject(
          'INVALID_STATE',
          'Personen deltar inte på distans.',
          'That person does not take part remotely.',
        );
      if (a.techFailureMembers.includes(command.personId))
        return reject(
          'INVALID_STATE',
          'Redan ersatt som teknikfelsledamot.',
          'Already replaced as teknikfelsledamot.',
        );
      if (openFailures(state, command.personId).some((f) => f.kind === command.kind))
        return reject(
          'CONFLICT',
          'Avbrottet är redan rapporterat.',
          'That loss is already reported.',
        );
      const serving = seatServedBy(state, command.personId) !== null;
      const failureId = ctx.newId();
      const events: AttendanceEvent[] = [
        {
          type: 'ConnectionLost',
          payload: { failureId, personId: command.personId, kind: command.kind, serving },
        },
      ];
      if (serving && command.kind !== 'video' && status === 'adjourned')
        events.push({
          type: 'TechFailureCountdownStarted',
          payload: { failureId, deadline: addMs(ctx.now, TECH_FAILURE_GRACE_MS) },
        });
      return events;
    }
    case 'reportConnectionRestored': {
      const denied = requireDesk(actor);
      if (denied) return denied;
      const open = openFailures(state, command.personId);
      if (open.length === 0)
        return reject(
          'INVALID_STATE',
          'Inget avbrott pågår för personen.',
          'No loss is open for that person.',
        );
      const late = open.find(
        (f) =>
          isBlockingFailure(f) &&
          f.deadline !== null &&
          Date.parse(ctx.now) >= Date.parse(f.deadline),
      );
      // Back too late: the 5 minutes have run out, so the substitute steps in all the same (R16).
      if (late) return replaceMember(state, command.personId, 'timeout', null);
      const events: DomainEvent[] = open.map((f) => ({
        type: 'ConnectionRestored',
        payload: { failureId: f.id, personId: command.personId },
      }));
      const othersOpen = a.failures.some(
        (f) => f.personId !== command.personId && isBlockingFailure(f) && f.serving,
      );
      const adj = state.sitting.adjournments.find((x) => x.until === null);
      const causedIt = open.some(
        (f) => isBlockingFailure(f) && f.serving && adj !== undefined && adj.since >= f.lostAt,
      );
      // R15: the sitting was adjourned for this loss and nobody else is cut off: it resumes.
      if (status === 'adjourned' && causedIt && !othersOpen)
        events.push({ type: 'SittingResumed', payload: {} });
      return events;
    }
    case 'expireTechFailure': {
      const denied = requireDesk(actor);
      if (denied) return denied;
      const failure = openFailures(state, command.personId).find(
        (f) => isBlockingFailure(f) && f.serving,
      );
      if (!failure)
        return reject(
          'INVALID_STATE',
          'Inget avbrott pågår för personen.',
          'No loss is open for that person.',
        );
      if (failure.deadline === null)
        return reject(
          'INVALID_STATE',
          'Ajournera först: fem minuter räknas från ajourneringen.',
          'Adjourn the sitting first: the 5 minutes run from the adjournment.',
        );
      if (seatServedBy(state, command.personId) === null)
        return reject(
          'INVALID_STATE',
          'Personen har inte längre någon plats.',
          'That person no longer holds a seat.',
        );
      if (Date.parse(ctx.now) < Date.parse(failure.deadline))
        return reject(
          'INVALID_STATE',
          `De fem minuterna löper till ${failure.deadline}.`,
          `The 5 minutes run until ${failure.deadline}.`,
        );
      return replaceMember(state, command.personId, 'timeout', null);
    }
    case 'replaceForRecurringFailure': {
      const denied = requireChair(actor);
      if (denied) return denied;
      if (seatServedBy(state, command.personId) === null)
        return reject('NOT_SERVING', 'Personen tjänstgör inte.', 'That person does not serve.');
      if (a.presence[command.personId]?.mode !== 'remote')
        return reject(
          'INVALID_STATE',
          'Endast en distansdeltagare kan ersättas för teknikfel.',
          'Only a remote member can be replaced for technical trouble.',
        );
      return replaceMember(state, command.personId, 'recurring', command.reason);
    }
    case 'startFunctionCheck': {
      const denied = requireDesk(actor);
      if (denied) return denied;
      if (status === 'scheduled')
        return reject('INVALID_STATE', 'Öppna sammanträdet först.', 'Open the sitting first.');
      if (status === 'adjourned')
        return reject('ADJOURNED', 'Sammanträdet är ajournerat.', 'The sitting is adjourned.');
      if (a.functionCheck?.status === 'running')
        return reject(
          'CONFLICT',
          'En funktionskontroll pågår redan.',
          'A function check is already running.',
        );
      const required = Object.values(a.serving).filter(
        (p): p is string => p !== null && a.presence[p]?.mode === 'remote' && isServing(state, p),
      );
      const checkId = ctx.newId();
      const events: AttendanceEvent[] = [
        {
          type: 'FunctionCheckStarted',
          payload: {
            checkId,
            itemId: state.sitting.currentItemId,
            required,
            deadline: addMs(ctx.now, command.seconds * 1000),
          },
        },
      ];
      if (required.length === 0)
        events.push({ type: 'FunctionCheckCompleted', payload: { checkId } });
      return events;
    }
    case 'confirmFunctionCheck': {
      const check = a.functionCheck;
      if (!check || check.id !== command.checkId)
        return reject(
          'NOT_FOUND',
          'Det finns ingen sådan funktionskontroll.',
          'There is no such function check.',
        );
      if (check.status !== 'running')
        return reject(
          'INVALID_STATE',
          'Funktionskontrollen är avslutad.',
          'The function check is over.',
        );
      if (!check.required.includes(actor.personId))
        return reject(
          'FORBIDDEN',
          'Endast tjänstgörande distansdeltagare bekräftar.',
          'Only serving remote members confirm the check.',
        );
      if (check.confirmed.includes(actor.personId))
        return reject('CONFLICT', 'Redan bekräftat.', 'Already confirmed.');
      if (Date.parse(ctx.now) > Date.parse(check.deadline))
        return reject(
          'INVALID_STATE',
          'Tiden har gått ut; kontrollen görs om.',
          'The time to confirm has run out; the desk restarts the check.',
        );
      if (openFailures(state, actor.personId).some(isBlockingFailure))
        return reject(
          'INVALID_STATE',
          'Din anslutning är rapporterad som bruten.',
          'Your connection is reported lost.',
        );
      const events: AttendanceEvent[] = [
        {
          type: 'FunctionCheckConfirmed',
          payload: { checkId: check.id, personId: actor.personId },
        },
      ];
      if (check.required.every((p) => p === actor.personId || check.confirmed.includes(p)))
        events.push({ type: 'FunctionCheckCompleted', payload: { checkId: check.id } });
      return events;
    }
    case 'closeFunctionCheck': {
      const denied = requireDesk(actor);
      if (denied) return denied;
      const check = a.functionCheck;
      if (!check || check.id !== command.checkId)
        return reject(
          'NOT_FOUND',
          'Det finns ingen sådan funktionskontroll.',
          'There is no such function check.',
        );
      if (check.status !== 'running')
        return reject(
          'CONFLICT',
          'Funktionskontrollen är redan avslutad.',
          'The function check is already closed.',
        );
      return [
        {
          type: 'FunctionCheckClosed',
          payload: {
            checkId: check.id,
            missing: check.required.filter((p) => !check.confirmed.includes(p)),
          },
        },
      ];
    }
    case 'overrideFunctionCheck': {
      const denied = requireChair(actor);
      if (denied) return denied;
      const check = a.functionCheck;
      if (!check || check.id !== command.checkId)
        return reject(
          'NOT_FOUND',
          'Det finns ingen sådan funktionskontroll.',
          'There is no such function check.',
        );
      if (check.status === 'complete' || check.status === 'overridden')
        return reject('CONFLICT', 'Inget att åsidosätta.', 'Nothing to override.');
      const events: AttendanceEvent[] = [];
      if (check.status === 'running')
        events.push({
          type: 'FunctionCheckClosed',
          payload: {
            checkId: check.id,
            missing: check.required.filter((p) => !check.confirmed.includes(p)),
          },
        });
      events.push({
        type: 'FunctionCheckOverridden',
        payload: { checkId: check.id, reason: command.reason },
      });
      return events;
    }
  }
}

// ---- evolve ----

function withAttendance(state: SittingState, patch: Partial<AttendanceState>): SittingState {
  return { ...state, attendance: { ...state.attendance, ...patch } };
}

function mapCheck(
  a: AttendanceState,
  checkId: string,
  f: (c: FunctionCheck) => FunctionCheck,
): Partial<AttendanceState> {
  const current =
    a.functionCheck && a.functionCheck.id === checkId ? f(a.functionCheck) : a.functionCheck;
  return {
    functionCheck: current,
    functionChecks: a.functionChecks.map((c) => (c.id === checkId ? f(c) : c)),
  };
}

function closePeriod(
  periods: ServicePeriod[],
  seatId: string,
  personId: string,
  at: string,
  dropItem: string | null,
): ServicePeriod[] {
  return periods.map((p) => {
    if (p.seatId !== seatId || p.personId !== personId || p.to !== null) return p;
    const items = dropItem !== null && p.items.at(-1) === dropItem ? p.items.slice(0, -1) : p.items;
    return { ...p, to: at, items };
  });
}

function evolveAttendance(state: SittingState, event: EventRecord): SittingState {
  const a = state.attendance;
  switch (event.type) {
    case 'ItemStarted':
      // Everyone serving when an item starts serves it (changes made at the boundary adjust this below).
      return withAttendance(state, {
        periods: a.periods.map((p) =>
          p.to === null ? { ...p, items: [...p.items, event.payload.itemId] } : p,
        ),
      });
    case 'RemoteParticipationApplied': {
      const { personId, reason, deadline, onTime } = event.payload;
      return withAttendance(state, {
        applications: {
          ...a.applications,
          [personId]: {
            personId,
            reason,
            appliedAt: event.at,
            deadline,
            onTime,
            status: 'pending',
            decidedAt: null,
            decidedBy: null,
            lateReason: null,
          },
        },
      });
    }
    case 'RemoteParticipationDecided': {
      const app = a.applications[event.payload.personId];
      if (!app) return state;
      return withAttendance(state, {
        applications: {
          ...a.applications,
          [app.personId]: {
            ...app,
            status: event.payload.approved ? 'approved' : 'rejected',
            decidedAt: event.at,
            decidedBy: event.actorId,
            lateReason: event.payload.lateReason,
          },
        },
      });
    }
    case 'CheckedIn':
      return withAttendance(state, {
        checkIns: {
          ...a.checkIns,
          [event.payload.personId]: {
            at: event.at,
            selfTest: event.payload.selfTest,
            passed: event.payload.passed,
            seeHearAt: null,
          },
        },
      });
    case 'SeeHearConfirmed': {
      const check = a.checkIns[event.payload.personId];
      if (!check) return state;
      return withAttendance(state, {
        checkIns: { ...a.checkIns, [event.payload.personId]: { ...check, seeHearAt: event.at } },
      });
    }
    case 'RollCallStarted':
      return withAttendance(state, {
        rollCall: {
          id: event.payload.rollCallId,
          startedAt: event.at,
          confirmedAt: null,
          marked: [],
        },
      });
    case 'RollCallConfirmed':
      return a.rollCall
        ? withAttendance(state, { rollCall: { ...a.rollCall, confirmedAt: event.at } })
        : state;
    case 'AttendanceMarked': {
      const { personId, mode, rollCallId } = event.payload;
      const presence = { ...a.presence };
      const wasPresent = presence[personId] !== undefined;
      if (mode === 'absent') delete presence[personId];
      else presence[personId] = { mode, since: event.at };
      const hasServed = a.periods.some((p) => p.personId === personId);
      const left =
        mode === 'absent' && wasPresent && hasServed && !a.left.includes(personId)
          ? [...a.left, personId]
          : a.left;
      const rollCall =
        a.rollCall && rollCallId === a.rollCall.id && !a.rollCall.marked.includes(personId)
          ? { ...a.rollCall, marked: [...a.rollCall.marked, personId] }
          : a.rollCall;
      const remote = Object.entries(presence)
        .filter(([, p]) => p.mode === 'remote')
        .map(([id]) => id);
      const presenceLog = [...a.presenceLog, { personId, mode, at: event.at }];
      return withAttendance(state, { presence, left, rollCall, remote, presenceLog });
    }
    case 'SubstituteAssigned':
      return withAttendance(state, {
        pendingSeats: { ...a.pendingSeats, [event.payload.seatId]: event.payload.personId },
      });
    case 'AutoFillSet':
      return withAttendance(state, { autoFill: event.payload.on });
    case 'ServingExceptionMade':
      return withAttendance(state, {
        exceptions: [
          ...a.exceptions,
          { at: event.at, itemId: state.sitting.currentItemId, reason: event.payload.reason },
        ],
      });
    case 'ServingChanged': {
      const { seatId, personId, previousId, reason, atBoundary, returnsAfterItem } = event.payload;
      const currentItem = state.sitting.currentItemId;
      let periods = a.periods;
      if (previousId !== null)
        periods = closePeriod(
          periods,
          seatId,
          previousId,
          event.at,
          atBoundary || reason === 'recusal' || reason === 'confidential' ? currentItem : null,
        );
      if (personId !== null)
        periods = [
          ...periods,
          {
            seatId,
            personId,
            from: event.at,
            to: null,
            items: currentItem ? [currentItem] : [],
            remote: a.presence[personId]?.mode === 'remote',
          },
        ];
      const pendingSeats = Object.fromEntries(
        Object.entries(a.pendingSeats).filter(([s, p]) => s !== seatId && p !== personId),
      );
      const recusalReturns = { ...a.recusalReturns };
      if (returnsAfterItem && previousId !== null) recusalReturns[seatId] = previousId;
      else if (personId !== null && recusalReturns[seatId] === personId)
        delete recusalReturns[seatId];
      return withAttendance(state, {
        serving: { ...a.serving, [seatId]: personId },
        periods,
        pendingSeats,
        recusalReturns,
      });
    }
    case 'RecusalDeclared': {
      const { itemId, personId } = event.payload;
      return withAttendance(state, {
        recusals: { ...a.recusals, [itemId]: [...(a.recusals[itemId] ?? []), personId] },
        recusalLog: [...a.recusalLog, { itemId, personId, at: event.at, by: event.actorId }],
      });
    }
    case 'RemoteConfidentialAllowed':
      return withAttendance(state, {
        remoteConfidential: {
          ...a.remoteConfidential,
          [event.payload.itemId]: { reason: event.payload.reason, at: event.at },
        },
      });
    case 'ConnectionLost': {
      const { failureId, personId, kind, serving } = event.payload;
      return withAttendance(state, {
        failures: [
          ...a.failures,
          {
            id: failureId,
            personId,
            kind,
            lostAt: event.at,
            serving,
            deadline: null,
            endedAt: null,
            outcome: 'open',
          },
        ],
      });
    }
    case 'TechFailureCountdownStarted':
      return withAttendance(state, {
        failures: a.failures.map((f) =>
          f.id === event.payload.failureId ? { ...f, deadline: event.payload.deadline } : f,
        ),
      });
    case 'ConnectionRestored':
      return withAttendance(state, {
        failures: a.failures.map((f) =>
          f.id === event.payload.failureId
            ? { ...f, outcome: 'restored' as const, endedAt: event.at }
            : f,
        ),
      });
    case 'TechFailureMemberDeclared': {
      const { personId } = event.payload;
      return withAttendance(state, {
        techFailureMembers: a.techFailureMembers.includes(personId)
          ? a.techFailureMembers
          : [...a.techFailureMembers, personId],
        techFailureDetails: {
          ...a.techFailureDetails,
          [personId]: { at: event.at, cause: event.payload.cause, reason: event.payload.reason },
        },
        failures: a.failures.map((f) =>
          f.personId === personId && f.outcome === 'open'
            ? { ...f, outcome: 'replaced' as const, endedAt: event.at }
            : f,
        ),
        pendingSeats: Object.fromEntries(
          Object.entries(a.pendingSeats).filter(([, p]) => p !== personId),
        ),
      });
    }
    case 'FunctionCheckStarted': {
      const { checkId, itemId, required, deadline } = event.payload;
      const check: FunctionCheck = {
        id: checkId,
        itemId,
        startedAt: event.at,
        required,
        confirmed: [],
        status: 'running',
        deadline,
        missing: [],
        overrideReason: null,
      };
      return withAttendance(state, {
        functionCheck: check,
        functionChecks: [...a.functionChecks, check],
      });
    }
    case 'FunctionCheckConfirmed':
      return withAttendance(
        state,
        mapCheck(a, event.payload.checkId, (c) => ({
          ...c,
          confirmed: [...c.confirmed, event.payload.personId],
        })),
      );
    case 'FunctionCheckCompleted':
      return withAttendance(
        state,
        mapCheck(a, event.payload.checkId, (c) => ({ ...c, status: 'complete' })),
      );
    case 'FunctionCheckClosed':
      return withAttendance(
        state,
        mapCheck(a, event.payload.checkId, (c) => ({
          ...c,
          status: 'incomplete',
          missing: event.payload.missing,
        })),
      );
    case 'FunctionCheckOverridden':
      return withAttendance(
        state,
        mapCheck(a, event.payload.checkId, (c) => ({
          ...c,
          status: 'overridden',
          overrideReason: event.payload.reason,
        })),
      );
    default:
      return state;
  }
}

// ---- react ----

const changesPresence = new Set<string>([
  'AttendanceMarked',
  'SubstituteAssigned',
  'AutoFillSet',
  'TechFailureMemberDeclared',
  'RecusalDeclared',
]);

function reactAttendance(
  state: SittingState,
  events: readonly DomainEvent[],
  ctx: DecideContext,
): DomainEvent[] {
  const out: DomainEvent[] = [];
  const a = state.attendance;
  if (events.some((e) => e.type === 'ItemStarted')) {
    // R06: who serves changes between items — late members take their seats back, jäv stand-asides return,
    // substitutes fill empty seats (automatically, or as the desk chose).
    out.push(...planEvents(state, a.autoFill ? 'full' : 'returns', 'itemBoundary', true));
  } else if (
    state.sitting.currentItemId === null &&
    a.rollCall?.confirmedAt &&
    events.some((e) => changesPresence.has(e.type))
  ) {
    // Before the first item, after the roll call: arrivals and departures take effect at once.
    out.push(...planEvents(state, a.autoFill ? 'full' : 'returns', 'beforeFirstItem', false));
  } else if (
    state.sitting.currentItemId !== null &&
    events.some((e) => e.type === 'RecusalDeclared')
  ) {
    // R12: jäv declared for the item under way: a present substitute stands in for it.
    for (const e of events) {
      if (e.type !== 'RecusalDeclared' || e.payload.itemId !== state.sitting.currentItemId)
        continue;
      const seatId = seatServedBy(state, e.payload.personId);
      const seat = state.roster.seats.find((s) => s.id === seatId);
      if (!seat || !a.autoFill) continue;
      const taken = new Set(Object.values(a.serving).filter((p): p is string => p !== null));
      const standIn = nextSubstitute(state, seat, taken);
      if (standIn)
        out.push({
          type: 'ServingChanged',
          payload: {
            seatId: seat.id,
            personId: standIn,
            previousId: e.payload.personId,
            reason: 'recusal',
            atBoundary: false,
            returnsAfterItem: true,
          },
        });
    }
  }
  if (events.some((e) => e.type === 'SittingAdjourned')) {
    // R16: the 5 minutes for every member cut off run from the adjournment.
    for (const f of a.failures)
      if (isBlockingFailure(f) && f.serving && f.deadline === null)
        out.push({
          type: 'TechFailureCountdownStarted',
          payload: { failureId: f.id, deadline: addMs(ctx.now, TECH_FAILURE_GRACE_MS) },
        });
  }
  const check = a.functionCheck;
  if (check?.status === 'running') {
    // R19: a required member losing sound or connection during the check: it cannot pass; the desk runs a new one.
    const lost = events.flatMap((e) =>
      e.type === 'ConnectionLost' &&
      e.payload.kind !== 'video' &&
      check.required.includes(e.payload.personId)
        ? [e.payload.personId]
        : [],
    );
    if (lost.length > 0)
      out.push({
        type: 'FunctionCheckClosed',
        payload: {
          checkId: check.id,
          missing: check.required.filter((p) => !check.confirmed.includes(p) || lost.includes(p)),
        },
      });
  }
  return out;
}

export const attendanceModule: DomainModule<AttendanceCommand> = {
  commandTypes: attendanceCommandTypes,
  decide: decideAttendance,
  evolve: evolveAttendance,
  react: reactAttendance,
};
