// Closing a question (R22, R24): rebuild the payload key from two committee shares, decide the lot, count, and publish the board.
import {
  type Ballot,
  type Board,
  type CloseRequest,
  type Lottning,
  type Manifest,
  type ManifestSignature,
  type Rejection,
  type SignedEligibleRoll,
  type SignedIssuance,
  reject,
} from '@council/shared';
import { fromHex, toHex } from '../crypto/bytes.ts';
import { x25519PublicKey } from '../crypto/payload-encryption.ts';
import { combineShares } from '../crypto/shamir.ts';
import { nativeAgreement } from '../crypto/native-x25519.ts';
import { checkInvariant } from '../domain/invariant.ts';
import {
  type DrawLot,
  combinedLotSeed,
  lotCommitment,
  recordedLot,
  seededLot,
} from '../domain/lottning.ts';
import { boardRoot, sortBallots } from '../protocol/ballot-codec.ts';
import { countBallots } from '../protocol/count.ts';

/** Any two shares that rebuild the key matching manifest.encryptionKey. */
export function reconstructKey(
  manifest: Manifest,
  shares: CloseRequest['shares'],
): Uint8Array | Rejection {
  for (let i = 0; i < shares.length; i++) {
    for (let j = i + 1; j < shares.length; j++) {
      const a = shares[i];
      const b = shares[j];
      if (!a || !b || a.index === b.index) continue;
      try {
        const key = combineShares([
          { index: a.index, value: fromHex(a.share, 32, 'share') },
          { index: b.index, value: fromHex(b.share, 32, 'share') },
        ]);
        if (toHex(x25519PublicKey(key)) === manifest.encryptionKey) return key;
      } catch {
        // a share out of range: try the next pair
      }
    }
  }
  return reject(
    'FORBIDDEN',
    'The key shares do not rebuild the question key: each committee member must give their own share.',
  );
}

/** Commit–reveal when every committee member revealed a seed matching their commitment; else the recorded physical draw. */
export function decideLottning(
  manifest: Manifest,
  electionId: string,
  reveals: CloseRequest['reveals'],
  physicalDraws: CloseRequest['physicalDraws'],
): { method: Lottning['method']; reveals: Lottning['reveals']; lot: DrawLot } | Rejection {
  const ordered = manifest.committee.map((c) => reveals.find((r) => r.memberId === c.memberId));
  const allValid = ordered.every(
    (r, i) =>
      r !== undefined &&
      toHex(lotCommitment(fromHex(r.seed, 32, 'seed'))) === manifest.committee[i]?.lotCommitment,
  );
  if (allValid) {
    const seeds = ordered.flatMap((r) => (r ? [fromHex(r.seed, 32, 'seed')] : []));
    return {
      method: 'commit-reveal',
      reveals: ordered.flatMap((r) => (r ? [r] : [])),
      lot: seededLot(combinedLotSeed(fromHex(electionId, 32, 'electionId'), seeds)),
    };
  }
  if (
    reveals.some(
      (r) =>
        !manifest.committee.some(
          (c) =>
            c.memberId === r.memberId &&
            toHex(lotCommitment(fromHex(r.seed, 32, 'seed'))) === c.lotCommitment,
        ),
    )
  ) {
    return reject(
      'FORBIDDEN',
      'A revealed lot seed does not match its commitment in the manifest.',
    );
  }
  if (physicalDraws) {
    return {
      method: 'physical',
      reveals: [],
      lot: recordedLot(
        physicalDraws.map((d) => ({ context: d.context, tied: d.order, order: d.order })),
      ),
    };
  }
  return {
    method: 'none',
    reveals: [],
    lot: (context, tied) => {
      throw new TieNeedsLotError(`${context}: ${tied.join(' | ')}`);
    },
  };
}

export class TieNeedsLotError extends Error {
  override readonly name = 'TieNeedsLotError';
  constructor(readonly context: string) {
    super(`a tie at ${context} needs the lot`);
  }
}

export interface BoardInput {
  manifest: Manifest;
  electionId: string;
  manifestSignatures: ManifestSignature[];
  roll: SignedEligibleRoll;
  issuance: SignedIssuance[];
  ballots: Ballot[];
  close: CloseRequest;
}

/** Assemble and count the board; a Rejection when the key, the invariant or the lot is not satisfied. */
export function buildBoard(input: BoardInput): Board | Rejection {
  const key = reconstructKey(input.manifest, input.close.shares);
  if (!(key instanceof Uint8Array)) return key;
  const issuance = [...input.issuance].sort((a, b) =>
    a.answer.memberId < b.answer.memberId ? -1 : a.answer.memberId > b.answer.memberId ? 1 : 0,
  );
  const ballots = sortBallots(input.ballots);
  const counts = {
    eligible: input.roll.roll.members.length,
    issued: issuance.length,
    cast: ballots.length,
  };
  const broken = checkInvariant(counts);
  if (broken)
    return reject(
      'INVALID_STATE',
      `The count invariant is broken: ${broken}. Do not publish; investigate.`,
    );
  const lottning = decideLottning(
    input.manifest,
    input.electionId,
    input.close.reveals,
    input.close.physicalDraws,
  );
  if ('code' in lottning) return lottning;
  let counted;
  try {
    counted = countBallots(input.manifest, key, ballots, lottning.lot, nativeAgreement(key));
  } catch (error) {
    if (error instanceof TieNeedsLotError) {
      return reject(
        'INVALID_STATE',
        `There is a tie (${error.context}): all committee members must reveal their lot seeds, or record the physical draw.`,
      );
    }
    if (error instanceof Error && error.name === 'LotMismatchError')
      return reject('INVALID_INPUT', error.message);
    throw error;
  }
  return {
    format: 'council-ballot-board/v1',
    electionId: input.electionId,
    manifest: input.manifest,
    manifestSignatures: input.manifestSignatures,
    roll: input.roll,
    issuance,
    ballots,
    root: toHex(boardRoot(ballots)),
    decryptionKey: toHex(key),
    invalid: counted.invalid,
    tally: counted.tally,
    lottning: { method: lottning.method, reveals: lottning.reveals, draws: counted.draws },
    counts: { ...counts, blank: counted.blank, invalid: counted.invalid.length },
  };
}
