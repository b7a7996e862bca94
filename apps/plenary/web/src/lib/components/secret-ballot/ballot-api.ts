// The secret ballot's HTTP calls from the browser (R21, R22): plenary's routes (create, assertion, share, result) and the
// ballot service's routes at /ballot (question, signatures, issue, board). Every call answers an Ack, never throws.
import type { BallotSpec, QuestionView } from '@council/shared';
import { call } from '../../api/http.ts';

/** Plenary's secret-ballot routes for a sitting (cookie session). */
export const plenaryBallotsPath = (sittingId: string) =>
  `/api/sittings/${encodeURIComponent(sittingId)}/secret-ballots`;
/** The ballot service's routes for a question, behind /ballot. */
export const ballotQuestionPath = (questionId: string) =>
  `/ballot/api/questions/${encodeURIComponent(questionId)}`;

export interface RecordedResult {
  boardRoot: string;
  resultText: string;
  lines: string[];
}

export interface CloseOutcome {
  shares: number;
  closed: boolean;
  recorded: RecordedResult | null;
  problem: string | null;
  tie: { context: string; tied: string[] } | null;
}

export const ballotApi = {
  create: (sittingId: string, body: { title: string; ballot: BallotSpec }) =>
    call<{ questionId: string; view: QuestionView; warnings: string[] }>(
      'POST',
      plenaryBallotsPath(sittingId),
      body,
    ),
  question: (questionId: string) => call<QuestionView>('GET', ballotQuestionPath(questionId)),
  sign: (questionId: string, memberId: string, signature: string) =>
    call<QuestionView>('POST', `${ballotQuestionPath(questionId)}/signatures`, {
      memberId,
      signature,
    }),
  share: (
    sittingId: string,
    questionId: string,
    body: { index: number; share: string; seed: string; approval: string },
  ) =>
    call<CloseOutcome>(
      'POST',
      `${plenaryBallotsPath(sittingId)}/${encodeURIComponent(questionId)}/share`,
      body,
    ),
  /** The desk records the draw held in the room for the tie the close waits on. */
  draw: (sittingId: string, questionId: string, body: { context: string; order: string[] }) =>
    call<CloseOutcome>(
      'POST',
      `${plenaryBallotsPath(sittingId)}/${encodeURIComponent(questionId)}/draw`,
      body,
    ),
  record: (sittingId: string, questionId: string) =>
    call<RecordedResult>(
      'POST',
      `${plenaryBallotsPath(sittingId)}/${encodeURIComponent(questionId)}/result`,
      {},
    ),
  boardUrl: (questionId: string) => `${ballotQuestionPath(questionId)}/board`,
};
