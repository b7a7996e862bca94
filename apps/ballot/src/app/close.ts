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
  type Tie,
  reject,
} from '@council/shared';
import { fromHex, toHex } from '../crypto/bytes.ts';
import { closeSigningBytes } from '../crypto/hash.ts';
import { verifyBytes } from '../crypto/signing.ts';
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

/**
 * The close's approvals: at least two different committee members, each signature valid under that member's manifest
 * key over closeSigningBytes(electionId). Returns the approvals in committee order (the board's `closeApprovals`).
 */
export function checkCloseApprovals(
  manifest: Manifest,
  electionId: string,
  approvals: CloseRequest['approvals'],
): CloseRequest['approvals'] | Rejection {
  const bytes = closeSigningBytes(fromHex(electionId, 32, 'electionId'));
  const valid = manifest.committee.flatMap((c) => {
    const a = approvals.find((x) => x.memberId === c.memberId);
    return a &&
      verifyBytes(fromHex(a.signature, 64, 'signature'), bytes, fromHex(c.publicKey, 32, 'key'))
      ? [a]
      : [];
  });
  if (approvals.some((a) => !valid.includes(a)))
    return reject(
      'FORBIDDEN',
      'A close approval is not signed by a committee member of this ballot: nothing was changed.',
    );
  if (valid.length < 2)
    return reject(
      'FORBIDDEN',
      'Closing needs the signed approval of two committee members: nothing was changed.',
    );
  return valid;
}

/**
 * Everything a close can be refused for before it touches any state: the committee's approvals, the key shares, and
 * revealed seeds that do not match their commitments. Only a tie that still needs the lot is left for after the close.
 */
export function preflightClose(
  manifest: Manifest,
  electionId: string,
  close: CloseRequest,
): { approvals: CloseRequest['approvals']; key: Uint8Array } | Rejection {
  const approvals = checkCloseApprovals(manifest, electionId, close.approvals);
  if ('code' in approvals) return approvals;
  const key = reconstructKey(manifest, close.shares);
  if (!(key instanceof Uint8Array)) return key;
  const lot = decideLottning(manifest, electionId, close.reveals, close.physicalDraws);
  if ('code' in lot) return lot;
  return { approvals, key };
}

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
  // The in-room draw counts only when a seed is missing; the valid seeds that were revealed stay on the board, so
  // anyone sees that the committee's lot could not be drawn.
  const given = manifest.committee.flatMap((c) => {
    const r = reveals.find((x) => x.memberId === c.memberId);
    return r ? [r] : [];
  });
  if (physicalDraws) {
    const replay = recordedLot(
      physicalDraws.map((d) => ({ context: d.context, tied: d.order, order: d.order })),
    );
    let used = 0;
    return {
      method: 'physical',
      reveals: given,
      lot: (context, tied) => {
        // A tie beyond the recorded draws is reported like the first one: the desk records its draw too.
        if (used >= physicalDraws.length) throw new TieNeedsLotError(context, tied);
        used++;
        return replay(context, tied);
      },
    };
  }
  return {
    method: 'none',
    reveals: [],
    lot: (context, tied) => {
      throw new TieNeedsLotError(context, tied);
    },
  };
}

export class TieNeedsLotError extends Error {
  override readonly name = 'TieNeedsLotError';
  constructor(
    readonly context: string,
    readonly tied: readonly string[],
  ) {
    super(`a tie at ${context} needs the lot`);
  }
}

/** A close refused only because a tie needs the lot: the box is closed, the close is repeated with a seed or a draw. */
export type TieRejection = Rejection & { tie: Tie };

export function isTieRejection(r: unknown): r is TieRejection {
  return typeof r === 'object' && r !== null && 'tie' in r && 'code' in r;
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
  const pre = preflightClose(input.manifest, input.electionId, input.close);
  if ('code' in pre) return pre;
  const key = pre.key;
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
      const tie: TieRejection = {
        ...reject(
          'INVALID_STATE',
          `Lika röstetal (${error.context}: ${error.tied.join(', ')}): den tredje rösträknaren lämnar sitt lottfrö, eller så förs lottningen i salen in. / There is a tie: reveal every lot seed, or record the physical draw.`,
        ),
        tie: { context: error.context, tied: [...error.tied] },
      };
      return tie;
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
    closeApprovals: pre.approvals,
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
