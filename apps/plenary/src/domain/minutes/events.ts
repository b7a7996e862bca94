// Events of the minutes (R24): prose edits, adjusters, approvals and the lock (justering), ballot results, corrections.
import type { MinutesProseField, SecretBallotCounts } from '@council/shared';
import type { SignIn } from '../sign-in/step-up.ts';

export type MinutesEvent =
  | {
      type: 'MinutesProseEdited';
      payload: { itemId: string; field: MinutesProseField; text: string | null };
    }
  | {
      type: 'AdjustersChosen';
      payload: { personIds: string[]; itemId: string | null; place: string; date: string };
    }
  /** `sha256` is the hash of the minutes as the approver read them; a later change makes the approval stale. */
  | {
      type: 'MinutesApproved';
      /** `signIn`: how the approver signed in (issue 17), shown in the adjustment block; absent in older logs. */
      payload: { personId: string; as: 'chair' | 'adjuster'; sha256: string; signIn?: SignIn };
    }
  | {
      type: 'MinutesLocked';
      payload: {
        /** SHA-256 of the canonical minutes document (minutes-hash.ts). */
        sha256: string;
        /** SHA-256 per section ('heading', 'attendance', '§ 1', …): verify-log names the one that differs. */
        sections: Record<string, string>;
        /** The minutes hold every fact up to this event; its hash in the log is printed in them. */
        logHeadSeq: number;
        /** The Swedish date the notice of adjustment (anslag) is posted. */
        noticePostedOn: string;
        /** The notice stays up at least three weeks (KL 8 kap. 12 §). */
        noticeRemovedOn: string;
      };
    }
  | {
      type: 'SecretBallotResultRecorded';
      payload: {
        itemId: string;
        questionId: string;
        counts: SecretBallotCounts;
        result: string[];
        boardRoot: string;
      };
    }
  | {
      type: 'MinutesCorrectionIssued';
      payload: {
        correctionId: string;
        paragraph: number | null;
        text: string;
        correctsSha256: string;
      };
    };
