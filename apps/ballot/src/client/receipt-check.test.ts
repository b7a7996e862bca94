// The member's own check after the close (R22, issue 13 item 3): the ballot cast is found on the board as cast; a board
// where the operator swapped it (keeping its nonce) or dropped it says so, and so does a receipt the box did not sign.
import { describe, expect, it } from 'vitest';
import { type Board, type SignedReceipt, isRejection } from '@council/shared';
import { closeElection, runElection } from '../../../../tests/support/ballot-election.ts';
import { checkCast } from '../app/cast.ts';
import { sortBallots } from '../protocol/ballot-codec.ts';
import { checkOwnBallot } from './receipt-check.ts';

const e = runElection({ type: 'yesno' }, 4, ['ja', 'nej', 'ja', null]);
const board = closeElection(e);
const mine = e.ballots[1];
const other = e.ballots[0];
if (!mine || !other) throw new Error('ballots');
const signed = checkCast(
  {
    electionId: e.created.electionId,
    blsPublicKey: e.created.manifest.blsPublicKey,
    boxSecretKey: e.created.secrets.boxSecretKey,
  },
  mine,
);
if (isRejection(signed)) throw new Error(signed.message);
const receipt: SignedReceipt = signed;

const withBallots = (ballots: Board['ballots']): Board => ({ ...board, ballots });

describe("the member's receipt check", () => {
  it('R22: the ballot cast is on the published board, with the signature and ciphertext sent and the hash the box signed', () => {
    expect(checkOwnBallot(board, { ballot: mine, receipt })).toEqual({
      kind: 'found',
      signed: true,
    });
    // A ballot settled without a receipt (the box answered "already in"): found by nonce, signature and ciphertext.
    expect(checkOwnBallot(board, { ballot: mine, receipt: null })).toEqual({
      kind: 'found',
      signed: false,
    });
  });

  it('R22: a ballot swapped on the board keeping its nonce is reported as changed, naming what differs', () => {
    // The operator replaces the member's ballot by another valid one, under the member's nonce.
    const swapped = withBallots(
      board.ballots.map((b) =>
        b.nonce === mine.nonce ? { ...b, payload: other.payload, signature: other.signature } : b,
      ),
    );
    expect(checkOwnBallot(swapped, { ballot: mine, receipt })).toEqual({
      kind: 'changed',
      what: ['signature', 'ciphertext', 'receipt'],
    });
    expect(checkOwnBallot(swapped, { ballot: mine, receipt: null })).toEqual({
      kind: 'changed',
      what: ['signature', 'ciphertext'],
    });
    const reencrypted = withBallots(
      board.ballots.map((b) =>
        b.nonce === mine.nonce ? { ...b, payload: { ...b.payload, ct: other.payload.ct } } : b,
      ),
    );
    expect(checkOwnBallot(reencrypted, { ballot: mine, receipt })).toMatchObject({
      kind: 'changed',
      what: ['ciphertext', 'receipt'],
    });
  });

  it('R22: a ballot dropped before publication is reported as missing', () => {
    const dropped = withBallots(sortBallots(board.ballots.filter((b) => b.nonce !== mine.nonce)));
    expect(checkOwnBallot(dropped, { ballot: mine, receipt })).toEqual({ kind: 'missing' });
    expect(checkOwnBallot(dropped, { ballot: mine, receipt: null })).toEqual({ kind: 'missing' });
  });

  it('R22: a receipt not signed by the board’s box key, or a board of another election, is reported', () => {
    const forged: SignedReceipt = { ...receipt, signature: '00'.repeat(64) };
    expect(checkOwnBallot(board, { ballot: mine, receipt: forged })).toEqual({
      kind: 'bad-receipt',
    });
    const otherBoard = closeElection(runElection({ type: 'yesno' }, 2, ['ja', 'nej']));
    expect(checkOwnBallot(otherBoard, { ballot: mine, receipt })).toEqual({
      kind: 'other-election',
    });
  });
});
