// The member's own check after the close (R22, issue 13 item 3): is the ballot this browser cast on the published board,
// unchanged — the same nonce, signature and ciphertext, and, with the box's signed receipt, the hash the box signed?
import {
  type Board,
  type CastRequest,
  type SignedReceipt,
  canonicalJson,
  signedReceiptSchema,
} from '@council/shared';
import { fromHex, toHex } from '../crypto/bytes.ts';
import { verifyJson } from '../crypto/signing.ts';
import { ballotHash } from '../protocol/ballot-codec.ts';

/** What a member's browser keeps of a cast ballot: the ballot it sent and, when the box answered, its signed receipt. */
export interface KeptBallot {
  ballot: CastRequest;
  receipt: SignedReceipt | null;
}

export type ReceiptCheck =
  /** On the board as cast; `signed`: the box's receipt matched too. */
  | { kind: 'found'; signed: boolean }
  /** No ballot with this nonce on the board: dropped (or never stored). */
  | { kind: 'missing' }
  /** A ballot with this nonce is there, but not the one cast: `what` names the parts that differ. */
  | { kind: 'changed'; what: ('signature' | 'ciphertext' | 'receipt')[] }
  /** The board is for another election than this ballot (or receipt). */
  | { kind: 'other-election' }
  /** The receipt kept is not the box's signature over this ballot under the board's box key. */
  | { kind: 'bad-receipt' };

/** Check the kept ballot against a published board. Pure; never throws for bad input. */
export function checkOwnBallot(board: Board, kept: KeptBallot): ReceiptCheck {
  const { ballot } = kept;
  if (ballot.electionId !== board.electionId) return { kind: 'other-election' };
  const receipt = kept.receipt === null ? null : signedReceiptSchema.safeParse(kept.receipt);
  if (receipt) {
    if (!receipt.success) return { kind: 'bad-receipt' };
    const r = receipt.data;
    let signed = false;
    try {
      signed = verifyJson(
        r.receipt,
        fromHex(r.signature, 64, 'signature'),
        fromHex(board.manifest.boxKey, 32, 'boxKey'),
      );
    } catch {
      signed = false;
    }
    if (r.receipt.electionId !== board.electionId) return { kind: 'other-election' };
    if (!signed || r.receipt.nonce !== ballot.nonce) return { kind: 'bad-receipt' };
  }
  const onBoard = board.ballots.find((b) => b.nonce === ballot.nonce);
  if (!onBoard) return { kind: 'missing' };
  const what: ('signature' | 'ciphertext' | 'receipt')[] = [];
  if (onBoard.signature !== ballot.signature) what.push('signature');
  if (canonicalJson(onBoard.payload) !== canonicalJson(ballot.payload)) what.push('ciphertext');
  if (receipt?.success && toHex(ballotHash(onBoard)) !== receipt.data.receipt.ballotHash)
    what.push('receipt');
  return what.length ? { kind: 'changed', what } : { kind: 'found', signed: receipt !== null };
}
