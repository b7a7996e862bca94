// Use cases of the ballot service (R21, R22): each loads state, applies the rules, stores, and answers a value or a Rejection.
import {
  type Ballot,
  type Board,
  type BoardIssuance,
  type CastRequest,
  type CloseRequest,
  type CreateQuestionRequest,
  type ManifestSignature,
  type PublicCounts,
  type QuestionView,
  type Rejection,
  type SignedIssuance,
  type SignedReceipt,
  decodeVoterAssertion,
  isRejection,
  reject,
  voterAssertionSigningBytes,
} from '@council/shared';
import { fromHex, toHex } from '../crypto/bytes.ts';
import { loadFastBls } from '../crypto/fast-bls.ts';
import { manifestSigningBytes } from '../crypto/hash.ts';
import { verifyBytes } from '../crypto/signing.ts';
import { verifyIssuanceRequest } from '../client/issuance-request.ts';
import { anonymityWarnings } from '../domain/invariant.ts';
import type { BoxRepo } from '../db/box.repo.ts';
import type { QuestionRow, RegistrarRepo } from '../db/registrar.repo.ts';
import { checkCast } from './cast.ts';
import { buildBoard, preflightClose } from './close.ts';
import { answerIssuance } from './issue.ts';
import { createMixRound } from './mix-round.ts';
import { createQuestion } from './question.ts';

export interface OperationsDeps {
  registrar: RegistrarRepo;
  box: BoxRepo;
  /** Casts are held and stored in mix rounds (issue 13, item 5); defaults: 45 s or 16 casts, whichever comes first. */
  mixRound?: RoundOptions;
  /** Issuance rows are stored in rounds too (defaults: 2 s or 8 members), so registrar row order says only the round. */
  issueRound?: RoundOptions;
  /** Live counts are published per window of this many ms (default COUNTS_WINDOW_MS; tests pass 0). */
  countsWindowMs?: number;
  plenaryKey: () => Promise<Uint8Array>;
  now: () => Date;
  log: (m: string) => void;
}

export interface CloseSummary {
  questionId: string;
  electionId: string;
  root: string;
  counts: Board['counts'];
  elected: string[];
}

/**
 * A cast waits at most this long for others to mix with (the member app waits up to CAST_TIMEOUT_MS = 55 s for its
 * receipt; proxies in docs/deployment.md allow 60 s). Chosen by bench/ballot-linking.ts with 2–8 s cast delays and 61
 * voters (issuance times against storage order): unmixed 54 % of ballots are linked over 3 minutes of voting and 82 %
 * over 10; 15 s rounds of 8 gave 17 % and 40 %; 45 s rounds of 16 give 7.5 % and 18.6 %.
 */
export const MIX_ROUND_MS = 45_000;
export const MIX_ROUND_SIZE = 16;
/**
 * Issuance is answered once its round is stored: the registrar database then holds issuance rows in shuffled rounds
 * (row order and xmin say only the round), for at most this long of waiting before the member's browser can seal.
 */
export const ISSUE_ROUND_MS = 2_000;
export const ISSUE_ROUND_SIZE = 8;
/**
 * Live counts (issued, cast) are a snapshot taken at most once per window, the same for every reader, so no one
 * polling them learns when a single member was issued or when a round was stored to better than the window.
 */
export const COUNTS_WINDOW_MS = 10_000;

export interface RoundOptions {
  roundMs: number;
  roundSize: number;
  randomBelow?: (n: number) => number;
}

function roundOptions(o: RoundOptions | undefined, ms: number, size: number) {
  return {
    roundMs: o?.roundMs ?? ms,
    roundSize: o?.roundSize ?? size,
    ...(o?.randomBelow ? { randomBelow: o.randomBelow } : {}),
  };
}

export function createOperations(deps: OperationsDeps) {
  const { registrar, box } = deps;
  const mix = createMixRound<Ballot, 'inserted' | 'duplicate' | 'closed'>({
    store: (round) => box.insertRound(round),
    ...roundOptions(deps.mixRound, MIX_ROUND_MS, MIX_ROUND_SIZE),
  });
  const issueRound = createMixRound<
    { questionId: string; issuance: BoardIssuance },
    'inserted' | 'duplicate' | 'closed'
  >({
    store: (round) => registrar.insertIssuanceRound(round),
    ...roundOptions(deps.issueRound, ISSUE_ROUND_MS, ISSUE_ROUND_SIZE),
  });
  const countsWindowMs = deps.countsWindowMs ?? COUNTS_WINDOW_MS;
  /** The published snapshot per question: taken once per window. */
  const snapshots = new Map<string, { window: number; issued: number; cast: number }>();

  async function load(id: string): Promise<QuestionRow | Rejection> {
    const q = await registrar.getQuestion(id);
    return q ?? reject('NOT_FOUND', `No secret ballot with id ${id}.`);
  }

  async function counts(q: QuestionRow): Promise<PublicCounts> {
    const base = { questionId: q.id, status: q.status, eligible: q.roll.roll.members.length };
    // A closed question's counts are final (the board's); no window needed.
    const window =
      countsWindowMs > 0 && q.status !== 'closed'
        ? Math.floor(deps.now().getTime() / countsWindowMs)
        : Number.NaN;
    const kept = snapshots.get(q.id);
    if (kept && kept.window === window) return { ...base, issued: kept.issued, cast: kept.cast };
    const fresh = {
      window,
      issued: await registrar.countIssued(q.id),
      cast: await box.countBallots(q.electionId),
    };
    if (Number.isNaN(window)) snapshots.delete(q.id);
    else snapshots.set(q.id, fresh);
    return { ...base, issued: fresh.issued, cast: fresh.cast };
  }

  async function view(q: QuestionRow): Promise<QuestionView> {
    const c = await counts(q);
    return {
      questionId: q.id,
      status: q.status,
      electionId: q.electionId,
      manifest: q.manifest,
      manifestSignatures: q.manifestSignatures,
      encryptedShares: q.encryptedShares,
      counts: c,
      warnings: anonymityWarnings(c.eligible, c.issued, c.cast),
    };
  }

  return {
    async create(request: CreateQuestionRequest): Promise<QuestionView | Rejection> {
      if (await registrar.getQuestion(request.roll.roll.questionId)) {
        return reject(
          'CONFLICT',
          `A secret ballot for question ${request.roll.roll.questionId} already exists.`,
        );
      }
      const created = createQuestion(request, await deps.plenaryKey(), deps.now());
      if (isRejection(created)) return created;
      // The registrar row decides a race between two creations (primary key); only the winner sets up the box.
      const inserted = await registrar.insertQuestion({
        id: created.manifest.questionId,
        electionId: created.electionId,
        status: 'pending',
        manifest: created.manifest,
        roll: request.roll,
        blsSecretKey: toHex(created.secrets.blsSecretKey),
        registrarSecretKey: toHex(created.secrets.registrarSecretKey),
        encryptedShares: created.encryptedShares,
        manifestSignatures: [],
      });
      if (!inserted)
        return reject(
          'CONFLICT',
          `A secret ballot for question ${created.manifest.questionId} already exists.`,
        );
      // The box learns only the election id, the public key and its own receipt key.
      await box.insertElection({
        electionId: created.electionId,
        questionId: created.manifest.questionId,
        blsPublicKey: created.manifest.blsPublicKey,
        boxSecretKey: toHex(created.secrets.boxSecretKey),
        status: 'pending',
      });
      deps.log(
        `ballot: question ${created.manifest.questionId} created, election ${created.electionId}`,
      );
      const q = await load(created.manifest.questionId);
      return isRejection(q) ? q : view(q);
    },

    async get(id: string): Promise<QuestionView | Rejection> {
      const q = await load(id);
      return isRejection(q) ? q : view(q);
    },

    async counts(id: string): Promise<PublicCounts | Rejection> {
      const q = await load(id);
      return isRejection(q) ? q : counts(q);
    },

    /** A committee member approves the manifest; with all three signatures the question opens. */
    async signManifest(id: string, sig: ManifestSignature): Promise<QuestionView | Rejection> {
      const q = await load(id);
      if (isRejection(q)) return q;
      if (q.status !== 'pending')
        return reject('INVALID_STATE', 'The manifest is already approved.');
      const member = q.manifest.committee.find((c) => c.memberId === sig.memberId);
      if (!member)
        return reject(
          'FORBIDDEN',
          'Only the election committee named in the manifest approves it.',
        );
      const ok = verifyBytes(
        fromHex(sig.signature, 64, 'signature'),
        manifestSigningBytes(fromHex(q.electionId, 32, 'electionId')),
        fromHex(member.publicKey, 32, 'publicKey'),
      );
      if (!ok)
        return reject(
          'FORBIDDEN',
          'The signature does not verify for this manifest and committee member.',
        );
      const complete = (all: ManifestSignature[]) =>
        q.manifest.committee.every((c) => all.some((s) => s.memberId === c.memberId));
      // Open the box first when this signature completes the set, so an open registrar never meets a pending box.
      const others = q.manifestSignatures.filter((s) => s.memberId !== sig.memberId);
      if (complete([...others, sig])) await box.setStatus(q.electionId, 'open');
      const added = await registrar.addSignature(id, sig, complete);
      if (!added) return reject('INVALID_STATE', 'The manifest is already approved.');
      if (added.opened) {
        // Also when two members signed at once and neither saw the full set beforehand.
        await box.setStatus(q.electionId, 'open');
        deps.log(`ballot: question ${id} open`);
      }
      return view({
        ...q,
        manifestSignatures: added.signatures,
        status: added.opened ? 'open' : 'pending',
      });
    },

    /** Registrar: one blind signature per eligible member, on a valid plenary assertion (R21). */
    async issue(
      id: string,
      bearer: string | null,
      blinded: string,
      requestSignature: string,
    ): Promise<SignedIssuance | Rejection> {
      if (!bearer)
        return reject(
          'UNAUTHENTICATED',
          'Log in to the member app: the registrar needs your voter assertion from plenary.',
        );
      const decoded = decodeVoterAssertion(bearer);
      if (!decoded)
        return reject(
          'UNAUTHENTICATED',
          'The voter assertion is malformed; ask the member app for a new one.',
        );
      const { assertion, signature } = decoded;
      if (!verifyBytes(signature, voterAssertionSigningBytes(assertion), await deps.plenaryKey())) {
        return reject('UNAUTHENTICATED', 'The voter assertion is not signed by plenary.');
      }
      if (Date.parse(assertion.expiresAt) <= deps.now().getTime())
        return reject('UNAUTHENTICATED', 'The voter assertion has expired; reload the member app.');
      if (assertion.questionId !== id)
        return reject('FORBIDDEN', 'The voter assertion is for another question.');
      const q = await load(id);
      if (isRejection(q)) return q;
      if (q.status !== 'open')
        return reject(
          'INVALID_STATE',
          q.status === 'pending' ? 'Voting has not opened yet.' : 'Voting is closed.',
        );
      if (!q.roll.roll.members.some((m) => m.memberId === assertion.memberId)) {
        return reject(
          'NOT_SERVING',
          'You are not on the eligible roll for this ballot (it lists the members serving when it opened).',
        );
      }
      // The member's own request (issue 13, item 3): signed by the key plenary's log holds for them, for exactly this
      // election and blinded point. Without it the registrar signs nothing, so a minted issuance shows on the board.
      const memberKey = assertion.memberKey;
      if (!memberKey)
        return reject(
          'FORBIDDEN',
          'No voting key of yours is registered in plenary: the member app registers one; reload it.',
        );
      if (
        !verifyIssuanceRequest(
          { electionId: q.electionId, memberId: assertion.memberId, blinded, memberKey },
          requestSignature,
        )
      )
        return reject(
          'FORBIDDEN',
          'The issuance request is not signed by your registered voting key for this ballot.',
        );
      const answer = answerIssuance(
        {
          electionId: q.electionId,
          blsSecretKey: fromHex(q.blsSecretKey, 32, 'bls'),
          registrarSecretKey: fromHex(q.registrarSecretKey, 32, 'ed'),
        },
        assertion.memberId,
        blinded,
      );
      if (isRejection(answer)) return answer;
      // Held for the issuance round; answered only once the round is stored (an answered signature is a stored one).
      const stored = await issueRound.submit({
        questionId: id,
        issuance: { ...answer, memberKey, requestSignature },
      });
      if (stored === 'closed') return reject('INVALID_STATE', 'Voting is closed.');
      if (stored === 'duplicate') {
        // A retry of the same request (the answer was lost on the way) gets the same answer again: it signs
        // nothing new. Any other blinded value is a second ballot.
        const earlier = await registrar.getIssuance(id, assertion.memberId, q.electionId);
        if (earlier?.answer.blinded === blinded) return earlier;
      }
      if (stored === 'duplicate')
        return reject(
          'CONFLICT',
          'You have already received your ballot signature for this question.',
        );
      return answer;
    },

    /** Box: anonymous; checks the signature on exactly this ciphertext, stores, and signs a receipt. */
    async cast(id: string, ballot: CastRequest): Promise<SignedReceipt | Rejection> {
      // The box alone: the registrar (identities) is not consulted on a cast.
      const e = await box.getElection(ballot.electionId);
      if (!e || e.questionId !== id)
        return reject(
          'INVALID_INPUT',
          'This ballot belongs to another question: cast it in the ballot it was made for.',
        );
      if (e.status !== 'open') return reject('INVALID_STATE', 'The ballot box is not open.');
      const receipt = checkCast(
        {
          electionId: e.electionId,
          blsPublicKey: e.blsPublicKey,
          boxSecretKey: fromHex(e.boxSecretKey, 32, 'box'),
        },
        ballot,
        (await loadFastBls()).verifySignature,
      );
      if (isRejection(receipt)) return receipt;
      // Held for the mix round; answered only once the round is stored.
      const stored = await mix.submit(ballot);
      if (stored === 'closed')
        return reject('INVALID_STATE', 'The ballot box closed before your ballot arrived.');
      if (stored === 'duplicate')
        return reject('CONFLICT', 'This ballot (nonce or signature) has already been cast.');
      return receipt;
    },

    /** Stop issuance, close the box, rebuild the key from two shares, count, publish (R22, R24). */
    async close(id: string, request: CloseRequest): Promise<CloseSummary | Rejection> {
      const q = await load(id);
      if (isRejection(q)) return q;
      if (q.status === 'pending') return reject('INVALID_STATE', 'The question never opened.');
      if (q.status === 'closed' && q.board) return summary(q.board);
      // Every check that does not need the ballots runs first: a refused close changes nothing (issue 13, item 1).
      const pre = preflightClose(q.manifest, q.electionId, request);
      if (isRejection(pre)) return pre;
      if (q.status === 'open') await registrar.setStatus(id, 'closing');
      // Issuances and casts waiting for their round go in first: they arrived while the question was open.
      await issueRound.flush();
      await mix.flush();
      await box.setStatus(q.electionId, 'closed');
      const board = buildBoard({
        manifest: q.manifest,
        electionId: q.electionId,
        manifestSignatures: q.manifestSignatures,
        roll: q.roll,
        // The board still publishes the registrar's answers alone; the members' signed requests are kept beside them
        // in the registrar's table until the verifier checks them (issue 13, item 3).
        issuance: (await registrar.listIssuance(id, q.electionId)).map(({ answer, signature }) => ({
          answer,
          signature,
        })),
        ballots: await box.listBallots(q.electionId),
        close: request,
      });
      if (isRejection(board)) return board;
      await registrar.saveBoard(id, board);
      deps.log(`ballot: question ${id} closed, root ${board.root}`);
      return summary(board);
    },

    /** Store every waiting round (shutdown). */
    async flush(): Promise<void> {
      await issueRound.flush();
      await mix.flush();
    },

    async board(id: string): Promise<Board | Rejection> {
      const q = await load(id);
      if (isRejection(q)) return q;
      if (q.status !== 'closed' || !q.board)
        return reject('INVALID_STATE', 'The bulletin board is published when the ballot closes.');
      return q.board;
    },
  };
}

function summary(board: Board): CloseSummary {
  return {
    questionId: board.manifest.questionId,
    electionId: board.electionId,
    root: board.root,
    counts: board.counts,
    elected: board.tally.elected,
  };
}

export type Operations = ReturnType<typeof createOperations>;
