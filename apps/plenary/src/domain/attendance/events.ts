// Events of the attendance module: remote applications (R01), check-in (R04), roll call and serving (R05, R06),
// jäv (R12), confidential items (R13), technical failure (R15–R18), function check (R19).
import type { ConnectionLossKind, SelfTest } from '@council/shared';
import type { PresenceMode, ServingChangeReason } from './state.ts';

export type AttendanceEvent =
  | {
      type: 'RemoteParticipationApplied';
      payload: { personId: string; reason: string; deadline: string; onTime: boolean };
    }
  | {
      type: 'RemoteParticipationDecided';
      payload: { personId: string; approved: boolean; lateReason: string | null };
    }
  | { type: 'CheckedIn'; payload: { personId: string; selfTest: SelfTest; passed: boolean } }
  | { type: 'SeeHearConfirmed'; payload: { personId: string } }
  | { type: 'RollCallStarted'; payload: { rollCallId: string } }
  /** mode 'absent' for someone present means they left. */
  | {
      type: 'AttendanceMarked';
      payload: { personId: string; mode: PresenceMode | 'absent'; rollCallId: string | null };
    }
  | { type: 'RollCallConfirmed'; payload: { rollCallId: string } }
  | { type: 'SubstituteAssigned'; payload: { seatId: string; personId: string } }
  | { type: 'AutoFillSet'; payload: { on: boolean } }
  | { type: 'ServingExceptionMade'; payload: { reason: string } }
  | {
      type: 'ServingChanged';
      payload: {
        seatId: string;
        personId: string | null;
        previousId: string | null;
        reason: ServingChangeReason;
        /** Made as an item started: the new person serves that item, the previous one did not. */
        atBoundary: boolean;
        /** R12: the previous person takes the seat back after this item. */
        returnsAfterItem: boolean;
      };
    }
  | { type: 'RecusalDeclared'; payload: { itemId: string; personId: string } }
  | { type: 'RemoteConfidentialAllowed'; payload: { itemId: string; reason: string } }
  | {
      type: 'ConnectionLost';
      payload: { failureId: string; personId: string; kind: ConnectionLossKind; serving: boolean };
    }
  | { type: 'TechFailureCountdownStarted'; payload: { failureId: string; deadline: string } }
  | { type: 'ConnectionRestored'; payload: { failureId: string; personId: string } }
  | {
      type: 'TechFailureMemberDeclared';
      payload: {
        personId: string;
        seatId: string | null;
        cause: 'timeout' | 'recurring';
        reason: string | null;
      };
    }
  | {
      type: 'FunctionCheckStarted';
      payload: { checkId: string; itemId: string | null; required: string[]; deadline: string };
    }
  | { type: 'FunctionCheckConfirmed'; payload: { checkId: string; personId: string } }
  | { type: 'FunctionCheckCompleted'; payload: { checkId: string } }
  | { type: 'FunctionCheckClosed'; payload: { checkId: string; missing: string[] } }
  | { type: 'FunctionCheckOverridden'; payload: { checkId: string; reason: string } };
