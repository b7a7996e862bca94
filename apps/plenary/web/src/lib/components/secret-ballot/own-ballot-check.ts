// After the close, the member's browser checks the published board itself (R22, issue 13 item 3): fetched whole and
// without a cookie (asking says nothing about which ballot is theirs), retried until it is published, then compared with
// the ballot and the box's receipt this browser kept.
import { boardSchema } from '@council/shared';
import {
  checkOwnBallot,
  type KeptBallot,
  type ReceiptCheck,
} from '../../../../../../ballot/src/client/receipt-check.ts';
import { call } from '../../api/http.ts';
import { ballotApi } from './ballot-api.ts';
import { retryDelay, sleep } from './cast-timing.ts';

export async function checkBoardForOwnBallot(
  questionId: string,
  kept: KeptBallot,
  signal: AbortSignal,
  onRetry: () => void,
): Promise<ReceiptCheck | null> {
  for (let n = 1; !signal.aborted; n++) {
    const board = await call<unknown>('GET', ballotApi.boardUrl(questionId), undefined, {
      credentials: 'omit',
      signal,
    });
    const parsed = board.ok ? boardSchema.safeParse(board.data) : null;
    if (parsed?.success && parsed.data.manifest.questionId === questionId)
      return checkOwnBallot(parsed.data, kept);
    if (signal.aborted) break;
    onRetry();
    await sleep(retryDelay(n), signal);
  }
  return null;
}
