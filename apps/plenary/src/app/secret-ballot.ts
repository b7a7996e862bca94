// Secret ballot in the sitting (R22), plenary's side: freeze and sign the eligible roll from attendance, create the question
// in the ballot service, give serving members short-lived voter assertions, show live counts (in memory, never in the
// log), and record the result only after plenary's own run of the independent verifier accepted the published board.
import { randomUUID } from 'node:crypto';
import { sha256 } from '@noble/hashes/sha2.js';
import { ed25519 } from '@noble/curves/ed25519.js';
import { bytesToHex, hexToBytes, utf8ToBytes } from '@noble/hashes/utils.js';
import {
  boardSchema,
  canonicalJson,
  encodeVoterAssertion,
  isRejection,
  publicCountsSchema,
  questionViewSchema,
  reject,
  rejectionCodes,
  rollSigningBytes,
  tieSchema,
  voterAssertionSigningBytes,
  type Board,
  type RecordPhysicalDrawRequest,
  type Tie,
  type CloseRequest,
  type CommitteeMember,
  type SubmitShareRequest,
  type CreateQuestionRequest,
  type CreateSecretBallotRequest,
  type EligibleRoll,
  type PublicCounts,
  type PublicSittingView,
  type QuestionView,
  type Rejection,
  type SignedEligibleRoll,
  type VoterAssertion,
  type VoterAssertionAnswer,
} from '@council/shared';
import { z } from 'zod';
import { verifyBatchInProcess } from '../../../ballot/src/crypto/batch-verify.ts';
import { verifyBoard } from '../../../ballot/src/verifier/verify-board.ts';
import { closeSigningBytes } from '../../../ballot/src/crypto/hash.ts';
import { electionIdOf } from '../../../ballot/src/protocol/ballot-codec.ts';
import { onRoster } from '../domain/projection/viewer.ts';
import { requireDesk } from '../domain/sitting/roles.ts';
import { lotCommitment } from '../../../ballot/src/domain/lottning.ts';
import {
  ballotWarnings,
  cannotOpen,
  enrolledCommittee,
  freezeRoll,
  recordPhysicalDraw,
  recordVerifiedResult,
  requireDeskOrCommittee,
  tieFound,
} from '../domain/secret-ballot/secret-ballot.ts';
import { contextSv, entryLabel, tieText } from '../domain/secret-ballot/tie-text.ts';
import { findBallot, voterKeyOf } from '../domain/secret-ballot/state.ts';
import type { Actor } from '../domain/sitting/types.ts';
import type { RollSigner } from './roll-signing-key.ts';
import type { SittingEngine } from './sitting-engine.ts';
import { stepUpRefusal, type StepUpPolicy } from '../domain/sign-in/step-up.ts';

/** A voter assertion is good for this long: enough to blind and ask, too short to hoard (R21). */
export const ASSERTION_TTL_MS = 5 * 60 * 1000;
/**
 * How often plenary reads the live counts of an open question. The ballot service answers them coarsely (one snapshot
 * per COUNTS_WINDOW_MS), and plenary keeps them in memory only: the permanent log never says when anyone voted
 * (issue 13, item 5).
 */
export const COUNTS_TICK_MS = 1000;

/** What plenary needs from the ballot service; in-process (`npm start`, tests) or over HTTP (separate deployment). */
export interface BallotClient {
  createQuestion(request: CreateQuestionRequest): Promise<QuestionView | Rejection>;
  question(questionId: string): Promise<QuestionView | Rejection>;
  counts(questionId: string): Promise<PublicCounts | Rejection>;
  board(questionId: string): Promise<Board | Rejection>;
  /** A refused close for a tie carries the tie (the box is closed; close again with the third seed or the draw). */
  close(questionId: string, request: CloseRequest): Promise<{ root: string } | CloseRefusal>;
}

export type CloseRefusal = Rejection & { tie?: Tie };

const closeAnswerSchema = z.object({ root: z.string() });

type Fetcher = (path: string, init?: RequestInit) => Response | Promise<Response>;

function clientOver(fetcher: Fetcher): BallotClient {
  async function call<T>(
    path: string,
    schema: z.ZodType<T>,
    init?: RequestInit,
  ): Promise<T | CloseRefusal> {
    let res: Response;
    try {
      res = await fetcher(`/ballot/api${path}`, init);
    } catch {
      return reject('INTERNAL', 'Valtjänsten svarar inte.', 'The ballot service does not answer.');
    }
    const body: unknown = await res.json().catch(() => null);
    if (!res.ok) {
      const b = typeof body === 'object' && body !== null ? body : {};
      const code = 'code' in b && typeof b.code === 'string' ? b.code : 'INTERNAL';
      const message =
        'message' in b && typeof b.message === 'string'
          ? b.message
          : `Valtjänsten svarade ${res.status}.`;
      const known = rejectionCodes.find((k) => k === code && k !== 'UNAUTHENTICATED');
      const tie = tieSchema.safeParse('tie' in b ? b.tie : undefined);
      const refusal: CloseRefusal = reject(known ?? 'INTERNAL', message);
      return tie.success ? { ...refusal, tie: tie.data } : refusal;
    }
    const parsed = schema.safeParse(body);
    return parsed.success
      ? parsed.data
      : reject(
          'INTERNAL',
          'Valtjänsten svarade med något oväntat.',
          'Unexpected answer from the ballot service.',
        );
  }
  return {
    createQuestion: (request) =>
      call('/questions', questionViewSchema, {
        method: 'POST',
        body: JSON.stringify(request),
        headers: { 'content-type': 'application/json' },
      }),
    question: (id) => call(`/questions/${encodeURIComponent(id)}`, questionViewSchema),
    counts: (id) => call(`/questions/${encodeURIComponent(id)}/counts`, publicCountsSchema),
    board: (id) => call(`/questions/${encodeURIComponent(id)}/board`, boardSchema),
    close: (id, request) =>
      call(`/questions/${encodeURIComponent(id)}/close`, closeAnswerSchema, {
        method: 'POST',
        body: JSON.stringify(request),
        headers: { 'content-type': 'application/json' },
      }),
  };
}

/** The ballot service in the same process: its Hono app (resolved late: it needs plenary's key to start). */
export function inProcessBallotClient(
  app: () => { request: (path: string, init?: RequestInit) => Response | Promise<Response> },
): BallotClient {
  return clientOver((path, init) => app().request(path, init));
}

/** The ballot service deployed apart: `baseUrl` is its origin (e.g. https://ballot.example.se). */
export function httpBallotClient(baseUrl: string): BallotClient {
  const base = baseUrl.replace(/\/$/, '');
  return clientOver((path, init) => fetch(`${base}${path}`, init));
}

export interface SecretBallotDeps {
  engine: SittingEngine;
  rollSigner: RollSigner;
  ballot: BallotClient;
  clock?: () => Date;
  log?: (message: string, error?: unknown) => void;
  /** The issuance may need a stronger sign-in (issue 17). */
  stepUp?: StepUpPolicy | undefined;
}

export interface CreatedSecretBallot {
  questionId: string;
  view: QuestionView;
  warnings: string[];
}

export interface RecordedSecretBallot {
  questionId: string;
  boardRoot: string;
  resultText: string;
  lines: string[];
  checks: number;
}

const hashHex = (value: unknown): string => bytesToHex(sha256(utf8ToBytes(canonicalJson(value))));

/** Lines for the minutes and one line for the display, from the verified tally (Swedish; keys as on the board). */
export function describeResult(board: Board): { lines: string[]; resultText: string } {
  const spec = board.manifest.ballot;
  const { tally, counts } = board;
  const label = (key: string) => (spec.type === 'yesno' ? key.toUpperCase() : key);
  const votes = (n: number) => `${n} ${n === 1 ? 'röst' : 'röster'}`;
  const elected = new Set(tally.elected);
  const lines =
    spec.type === 'list'
      ? [
          ...tally.votes.map(
            (v) =>
              `${v.key}: ${votes(v.votes)}, ${tally.seats.find((s) => s.key === v.key)?.seats ?? 0} mandat`,
          ),
          ...tally.elected.map((e, i) => `Mandat ${i + 1}: ${e}`),
        ]
      : tally.votes.map(
          (v) =>
            `${label(v.key)}: ${votes(v.votes)}${spec.type !== 'yesno' && elected.has(v.key) ? ' — vald' : ''}`,
        );
  const outcome = tally.elected.length > 0 ? tally.elected.map(label).join(', ') : 'inget utfall';
  if (spec.type === 'yesno') lines.push(`Utfall: ${outcome}`);
  // Every lot goes into the minutes, and how it was drawn (issue 13, item 7).
  const how =
    board.lottning.method === 'physical'
      ? 'lottning i salen (ett lottfrö lämnades inte)'
      : 'lottning med rösträknarnas lottfrön';
  for (const d of board.lottning.draws)
    lines.push(
      `Lika röstetal om ${contextSv(d.context)}, avgjort genom ${how}: ${d.order.map((k) => label(entryLabel(k))).join(' före ')}`,
    );
  const tallyText =
    spec.type === 'list'
      ? ''
      : `${tally.votes.map((v) => `${label(v.key)} ${v.votes}`).join(' – ')}; `;
  const resultText = `${tallyText}blanka ${counts.blank}, ogiltiga ${counts.invalid}. ${spec.type === 'yesno' ? 'Utfall' : 'Valda'}: ${outcome}`;
  return { lines: lines.length > 0 ? lines : ['Inga giltiga röster'], resultText };
}

export function createSecretBallots(deps: SecretBallotDeps) {
  const clock = deps.clock ?? (() => new Date());
  const log = deps.log ?? (() => undefined);
  /** Open questions whose live counts plenary reads: questionId → sittingId. */
  const watched = new Map<string, string>();
  /** The live counts of open questions, on every node alike: shown in the public view, never written to the log. */
  const live = new Map<string, { issued: number; cast: number }>();
  const liveListeners = new Set<(sittingId: string) => void>();
  const recording = new Set<string>();
  /** Decrypted key shares and lot seeds handed in at close, kept only until the close call (then dropped). */
  const shares = new Map<
    string,
    { memberId: string; index: number; share: string; seed: string; approval: string }[]
  >();
  let timer: ReturnType<typeof setInterval> | null = null;
  let inflight: Promise<void> | null = null;

  const unsubscribe = deps.engine.subscribe((sittingId, events) => {
    for (const e of events) {
      if (
        e.type === 'SecretBallotOpened' ||
        e.type === 'SecretBallotResultRecorded' ||
        e.type === 'SecretBallotCancelled'
      ) {
        const p = e.payload;
        const questionId =
          typeof p === 'object' &&
          p !== null &&
          'questionId' in p &&
          typeof p.questionId === 'string'
            ? p.questionId
            : null;
        if (!questionId) continue;
        if (e.type === 'SecretBallotOpened') watched.set(questionId, sittingId);
        else {
          watched.delete(questionId);
          live.delete(questionId);
        }
      }
    }
  });

  async function loadBallot(sittingId: string, questionId: string) {
    const state = await deps.engine.state(sittingId);
    if (!state)
      return reject(
        'NOT_FOUND',
        'Det finns inget sådant sammanträde.',
        'There is no such sitting.',
      );
    const ballot = findBallot(state, questionId);
    if (!ballot)
      return reject(
        'NOT_FOUND',
        'Det finns ingen sådan sluten omröstning.',
        'There is no such secret ballot.',
      );
    return { state, ballot };
  }

  /** Read the live counts of one question; a change goes to the public view's listeners (never to the log). */
  async function syncCounts(sittingId: string, questionId: string): Promise<void> {
    const counts = await deps.ballot.counts(questionId);
    if (isRejection(counts)) return;
    if (counts.status === 'closed') watched.delete(questionId);
    const before = live.get(questionId);
    if (before?.issued === counts.issued && before.cast === counts.cast) return;
    live.set(questionId, { issued: counts.issued, cast: counts.cast });
    for (const listener of liveListeners) listener(sittingId);
  }

  async function syncAll(): Promise<void> {
    try {
      for (const [questionId, sittingId] of [...watched]) await syncCounts(sittingId, questionId);
    } catch (error) {
      log('secret ballot: reading counts failed', error);
    }
  }

  /**
   * Close in the ballot service with the shares, seeds and approvals handed in and the draws recorded, then verify and
   * record. A tie is logged (SecretBallotTieFound) so both screens show what is awaited.
   */
  async function closeWith(
    sittingId: string,
    actor: Actor,
    questionId: string,
  ): Promise<CloseOutcome | Rejection> {
    const list = shares.get(questionId) ?? [];
    const found = await loadBallot(sittingId, questionId);
    if (isRejection(found)) return found;
    const draws = found.ballot.draws ?? [];
    const request: CloseRequest = {
      approvals: list.map((s) => ({ memberId: s.memberId, signature: s.approval })),
      shares: list.map((s) => ({ index: s.index, share: s.share })),
      reveals: list.map((s) => ({ memberId: s.memberId, seed: s.seed })),
      ...(draws.length > 0 ? { physicalDraws: draws } : {}),
    };
    const closed = await deps.ballot.close(questionId, request);
    if (isRejection(closed)) {
      const tie = 'tie' in closed && closed.tie ? closed.tie : null;
      if (tie) {
        const events = tieFound(found.state, actor, { questionId, ...tie });
        if (!isRejection(events) && events.length > 0) {
          const appended = await deps.engine.appendSystem(sittingId, events, actor);
          if (!appended.ok) return appended.error;
        }
      } else if (closed.code === 'FORBIDDEN') {
        // A refused approval or share: drop this attempt's material; each member hands in again.
        shares.delete(questionId);
      }
      return {
        shares: list.length,
        closed: false,
        recorded: null,
        problem: tie ? tieText(tie, list.length >= 3) : closed.message,
        tie,
      };
    }
    shares.delete(questionId);
    await syncCounts(sittingId, questionId);
    const recorded = await api.record(sittingId, actor, questionId);
    return isRejection(recorded)
      ? { shares: list.length, closed: true, recorded: null, problem: recorded.message, tie: null }
      : { shares: list.length, closed: true, recorded, problem: null, tie: null };
  }

  const api = {
    /** Create a question from the current item (committee or desk): freeze and sign the roll, create it in the ballot service, log it. */
    async create(
      sittingId: string,
      actor: Actor,
      request: CreateSecretBallotRequest,
    ): Promise<CreatedSecretBallot | Rejection> {
      const state = await deps.engine.state(sittingId);
      if (!state)
        return reject(
          'NOT_FOUND',
          'Det finns inget sådant sammanträde.',
          'There is no such sitting.',
        );
      const itemId = state.sitting.currentItemId;
      if (!itemId)
        return reject('INVALID_STATE', 'Inget ärende pågår.', 'No item is being handled.');
      const denied = cannotOpen(state, actor, itemId);
      if (denied) return denied;
      // Only the enrolled committee: people with the committee role whose own sessions sent their keys (issue 13).
      const committee = enrolledCommittee(state)?.map((e) => ({
        memberId: e.personId,
        name: e.name,
        publicKey: e.publicKey,
        lotCommitment: e.lotCommitment,
      }));
      if (!committee)
        return reject(
          'INVALID_STATE',
          'Tre rösträknare ska anmäla sina nycklar först.',
          'Three election committee members must enrol their keys first.',
        );
      const questionId = `${sittingId}-${itemId}-${randomUUID().slice(0, 8)}`;
      const frozenAt = clock().toISOString();
      const members = freezeRoll(state);
      const roll: EligibleRoll = { questionId, sittingId, itemId, frozenAt, members };
      const signed: SignedEligibleRoll = {
        roll,
        signature: bytesToHex(deps.rollSigner.sign(rollSigningBytes(roll))),
      };
      const rollHash = hashHex(signed);
      const view = await deps.ballot.createQuestion({
        roll: signed,
        title: request.title,
        ballot: request.ballot,
        committee,
      });
      if (isRejection(view)) return view;
      if (!sameCommittee(view.manifest.committee, committee))
        return reject(
          'CONFLICT',
          'Valtjänstens manifest namnger inte de anmälda rösträknarna: omröstningen öppnas inte.',
          'The manifest does not name the enrolled committee.',
        );
      if (
        view.manifest.rollHash !== rollHash ||
        view.manifest.plenaryKey !== deps.rollSigner.publicKeyHex ||
        view.questionId !== questionId
      )
        return reject(
          'CONFLICT',
          'Valtjänstens manifest gäller inte den frysta röstlängden.',
          'The ballot manifest is not for the frozen roll.',
        );
      // The election id goes into the log as the verifier's anchor: only one plenary recomputed from the manifest.
      if (bytesToHex(electionIdOf(view.manifest)) !== view.electionId)
        return reject(
          'CONFLICT',
          'Valtjänstens val-id är inte manifestets hash: omröstningen öppnas inte.',
          'The election id is not the hash of the manifest.',
        );
      const opened = await deps.engine.execute(
        sittingId,
        {
          type: 'openSecretBallot',
          questionId,
          itemId,
          title: request.title,
          ballotType: request.ballot.type,
          eligible: members.map((m) => m.memberId),
          rollHash,
          frozenAt,
          electionId: view.electionId,
          plenaryKey: view.manifest.plenaryKey,
          committee: committee.map((c) => ({ memberId: c.memberId, publicKey: c.publicKey })),
        },
        actor,
      );
      if (!opened.ok) return opened.error;
      watched.set(questionId, sittingId);
      return {
        questionId,
        view,
        warnings: [...new Set([...ballotWarnings(members.length), ...view.warnings])],
      };
    },

    /** A short-lived assertion for a logged-in member on the frozen roll: the bearer token for the registrar (R21). */
    async assertion(
      sittingId: string,
      actor: Actor,
      questionId: string,
    ): Promise<VoterAssertionAnswer | Rejection> {
      // Rights before the question is looked up: who is not of the body learns nothing of which questions exist.
      const sitting = await deps.engine.state(sittingId);
      if (sitting && !onRoster(sitting, actor))
        return reject(
          'FORBIDDEN',
          'Endast organets ledamöter och ersättare röstar.',
          'Only the members and substitutes of the body vote.',
        );
      const found = await loadBallot(sittingId, questionId);
      if (isRejection(found)) return found;
      const { ballot } = found;
      if (ballot.status !== 'open')
        return reject('INVALID_STATE', 'Omröstningen är avslutad.', 'The ballot is closed.');
      if (!ballot.eligible.some((m) => m.memberId === actor.personId))
        return reject(
          'NOT_SERVING',
          'Du finns inte i röstlängden för denna omröstning.',
          'You are not on the eligible roll of this ballot.',
        );
      // The ballot paper is the member's own act: it may need e-legitimation, checked before anything is signed.
      const weak = stepUpRefusal(
        deps.stepUp,
        'secretBallotIssuance',
        actor.signIn,
        clock().toISOString(),
      );
      if (weak) return weak;
      watched.set(questionId, sittingId);
      // The member's current key from the log: the registrar answers only a request it signed (issue 13, item 3).
      const memberKey = voterKeyOf(found.state, actor.personId);
      const assertion: VoterAssertion = {
        memberId: actor.personId,
        questionId,
        expiresAt: new Date(clock().getTime() + ASSERTION_TTL_MS).toISOString(),
        ...(memberKey ? { memberKey } : {}),
      };
      const token = encodeVoterAssertion(
        assertion,
        deps.rollSigner.sign(voterAssertionSigningBytes(assertion)),
      );
      return { token, expiresAt: assertion.expiresAt, questionId };
    },

    /** After the committee closed the question: fetch the board, verify it here, and record root and tally in the log (R22, R24). */
    async record(
      sittingId: string,
      actor: Actor,
      questionId: string,
    ): Promise<RecordedSecretBallot | Rejection> {
      const denied = requireDeskOrCommittee(actor);
      if (denied) return denied;
      if (recording.has(questionId))
        return reject('CONFLICT', 'Resultatet förs redan in.', 'The result is being recorded.');
      recording.add(questionId);
      try {
        const found = await loadBallot(sittingId, questionId);
        if (isRejection(found)) return found;
        const board = await deps.ballot.board(questionId);
        if (isRejection(board)) return board;
        // Plenary's own run takes the anchors its log recorded when the question opened (issue 13, item 3).
        const b = found.ballot;
        const report = await verifyBoard(board, {
          batch: verifyBatchInProcess,
          ...(b.electionId && b.plenaryKey && b.committee
            ? {
                anchors: {
                  electionId: b.electionId,
                  plenaryKey: b.plenaryKey,
                  committeeKeys: b.committee.map((c) => c.fingerprint),
                },
              }
            : {}),
        });
        if (!report.ok) {
          const failed = report.checks.filter((c) => !c.ok).map((c) => c.name);
          log(`secret ballot ${questionId}: the board failed verification: ${failed.join(', ')}`);
          return reject(
            'CONFLICT',
            `Valsedelstavlan klarar inte granskningen (${failed.join(', ')}): resultatet förs inte in.`,
            `The board fails verification.`,
          );
        }
        if (
          board.manifest.plenaryKey !== deps.rollSigner.publicKeyHex ||
          board.roll.roll.sittingId !== sittingId
        )
          return reject(
            'CONFLICT',
            'Valsedelstavlan är inte från detta sammanträde.',
            'The board is not from this sitting.',
          );
        const { lines, resultText } = describeResult(board);
        const c = board.counts;
        const events = recordVerifiedResult(found.state, actor, {
          questionId,
          itemId: board.manifest.itemId,
          rollHash: board.manifest.rollHash,
          electionId: board.electionId,
          boardRoot: board.root,
          counts: {
            eligible: c.eligible,
            issued: c.issued,
            cast: c.cast,
            valid: c.cast - c.blank - c.invalid,
            blank: c.blank,
            invalid: c.invalid,
          },
          lines,
          resultText,
          checks: report.checks.length,
        });
        if (isRejection(events)) return events;
        const appended = await deps.engine.appendSystem(sittingId, events, actor);
        if (!appended.ok) return appended.error;
        watched.delete(questionId);
        return {
          questionId,
          boardRoot: board.root,
          resultText,
          lines,
          checks: report.checks.length,
        };
      } finally {
        recording.delete(questionId);
      }
    },

    /**
     * A committee member hands in their decrypted key share and lot seed. With two shares plenary closes the question in
     * the ballot service (the shares are dropped at once), then verifies and records the result.
     */
    async submitShare(
      sittingId: string,
      actor: Actor,
      questionId: string,
      body: SubmitShareRequest,
    ): Promise<CloseOutcome | Rejection> {
      if (!actor.roles.includes('committee'))
        return reject(
          'FORBIDDEN',
          'Du är inte rösträknare för denna fråga.',
          'You are not on this question’s committee.',
        );
      const found = await loadBallot(sittingId, questionId);
      if (isRejection(found)) return found;
      if (found.ballot.status !== 'open')
        return reject(
          'INVALID_STATE',
          'Omröstningen är redan avslutad.',
          'The ballot is already closed.',
        );
      const view = await deps.ballot.question(questionId);
      if (isRejection(view)) return view;
      const mine = view.encryptedShares.find((e) => e.memberId === actor.personId);
      if (!actor.roles.includes('committee') || !mine)
        return reject(
          'FORBIDDEN',
          'Du är inte rösträknare för denna fråga.',
          'You are not on this question’s committee.',
        );
      if (mine.index !== body.index)
        return reject('INVALID_INPUT', 'Fel andelsnummer.', 'Wrong share index.');
      // Checked here too, so one member's wrong key or seed never spoils the others' close.
      const entry = view.manifest.committee.find((c) => c.memberId === actor.personId);
      if (
        !entry ||
        !ed25519.verify(
          hexToBytes(body.approval),
          closeSigningBytes(hexToBytes(view.electionId)),
          hexToBytes(entry.publicKey),
          { zip215: false },
        )
      )
        return reject(
          'FORBIDDEN',
          'Ditt godkännande är inte signerat med din nyckel för denna fråga: använd nyckeln i denna webbläsare.',
          'Your close approval is not signed with your key for this question.',
        );
      if (bytesToHex(lotCommitment(hexToBytes(body.seed))) !== entry.lotCommitment)
        return reject(
          'FORBIDDEN',
          'Lottfröet stämmer inte med ditt åtagande i manifestet.',
          'The lot seed does not match your commitment.',
        );
      const list = [
        ...(shares.get(questionId) ?? []).filter((s) => s.memberId !== actor.personId),
        { memberId: actor.personId, ...body },
      ];
      shares.set(questionId, list);
      if (list.length < 2)
        return { shares: list.length, closed: false, recorded: null, problem: null, tie: null };
      return closeWith(sittingId, actor, questionId);
    },

    /**
     * The desk records the draw held in the room for the tie the close is waiting on, then the close is repeated with it
     * (issue 13, item 7). The ballot service uses it only when a committee seed is missing.
     */
    async recordDraw(
      sittingId: string,
      actor: Actor,
      questionId: string,
      body: RecordPhysicalDrawRequest,
    ): Promise<CloseOutcome | Rejection> {
      const denied = requireDesk(actor);
      if (denied) return denied;
      const found = await loadBallot(sittingId, questionId);
      if (isRejection(found)) return found;
      const events = recordPhysicalDraw(found.state, actor, { questionId, ...body });
      if (isRejection(events)) return events;
      const appended = await deps.engine.appendSystem(sittingId, events, actor);
      if (!appended.ok) return appended.error;
      const handedIn = shares.get(questionId)?.length ?? 0;
      if (handedIn < 2)
        return {
          shares: handedIn,
          closed: false,
          recorded: null,
          problem: 'Lottningen är införd. Två rösträknare lämnar sina andelar igen för att räkna.',
          tie: null,
        };
      return closeWith(sittingId, actor, questionId);
    },

    /** Read the live counts of watched questions once, after any read in progress (the timer calls this; tests may too). */
    tick(): Promise<void> {
      const run = (inflight ?? Promise.resolve()).then(syncAll);
      inflight = run;
      void run.finally(() => {
        if (inflight === run) inflight = null;
      });
      return run;
    },

    /**
     * The public view with the live counts of its open ballots (the log holds none until the verified result). A
     * node that started after a question opened begins reading its counts here.
     */
    withLiveCounts(view: PublicSittingView, sittingId: string): PublicSittingView {
      if (!view.ballots.some((b) => b.status === 'open')) return view;
      return {
        ...view,
        ballots: view.ballots.map((b) => {
          if (b.status !== 'open') return b;
          if (!watched.has(b.id)) watched.set(b.id, sittingId);
          const counts = live.get(b.id);
          return counts ? { ...b, issued: counts.issued, cast: counts.cast } : b;
        }),
      };
    },

    /** Called with the sitting whose live counts changed (the realtime layer sends a fresh public view). */
    onLiveCounts(listener: (sittingId: string) => void): () => void {
      liveListeners.add(listener);
      return () => liveListeners.delete(listener);
    },

    start(): void {
      if (timer) return;
      // Every node reads the counts (a read, nothing is written), so each node's viewers see them.
      timer = setInterval(() => {
        if (!inflight) void this.tick();
      }, COUNTS_TICK_MS);
      timer.unref();
    },

    stop(): void {
      if (timer) clearInterval(timer);
      timer = null;
      unsubscribe();
    },
  };
  return api;
}

export type SecretBallots = ReturnType<typeof createSecretBallots>;

/** The manifest's committee is exactly the enrolment: same people, keys and lot commitments, in the same order. */
export function sameCommittee(
  manifest: readonly CommitteeMember[],
  enrolled: readonly CommitteeMember[],
): boolean {
  return canonicalJson(manifest) === canonicalJson(enrolled);
}

/** What a committee member's share (or the desk's draw) led to. */
export interface CloseOutcome {
  shares: number;
  closed: boolean;
  recorded: RecordedSecretBallot | null;
  /** For people, in Swedish first: why the result is not in yet. */
  problem: string | null;
  /** The tie the close waits on, if that is why. */
  tie: Tie | null;
}
