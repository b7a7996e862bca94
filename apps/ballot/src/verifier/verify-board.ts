// The verifier (R22: secrecy, every vote counted, checkable): rechecks a bulletin board from its JSON alone, check by
// check in the order docs/ballot.md ("Verifying a board") gives; the first failed check is the board's error.
import {
  type Ballot,
  type Board,
  type SignedReceipt,
  boardSchema,
  canonicalJson,
  rollSigningBytes,
  signedReceiptSchema,
} from '@council/shared';
import { x25519 } from '@noble/curves/ed25519.js';
import type { BatchVerifier } from '../crypto/batch-verify.ts';
import type { KeyAgreement } from '../crypto/payload-encryption.ts';
import { decodeG2 } from '../crypto/blind-bls.ts';
import { equalBytes, fromHex, toHex, utf8ToBytes } from '../crypto/bytes.ts';
import {
  BALLOT_DST,
  closeSigningBytes,
  hashJson,
  manifestSigningBytes,
  sha256,
} from '../crypto/hash.ts';
import { nativeVerifier } from '../crypto/native-ed25519.ts';
import { nativeAgreement } from '../crypto/native-x25519.ts';
import { isValidSigningKey, verifyBytes, verifyJson } from '../crypto/signing.ts';
import { checkInvariant } from '../domain/invariant.ts';
import {
  type DrawLot,
  combinedLotSeed,
  lotCommitment,
  recordedLot,
  seededLot,
} from '../domain/lottning.ts';
import {
  ballotHash,
  boardRoot,
  electionIdOf,
  messageOf,
  sortBallots,
} from '../protocol/ballot-codec.ts';
import { classifyBallots, countClassified } from '../protocol/count.ts';
import { type TrustAnchors, anchorProblems } from './log-anchors.ts';

export type { TrustAnchors };

/** Every check, in the order the specification runs them (docs/ballot.md, "Verifying a board"). */
export const CHECK_ORDER = [
  'schema',
  'anchors',
  'election-id',
  'dst',
  'manifest-signatures',
  'close-approvals',
  'keys',
  'roll',
  'issuance-answers',
  'ballots-unique',
  'ballot-signatures',
  'issuance-signatures',
  'invariant',
  'counts',
  'root',
  'decryption-key',
  'lottning-reveals',
  'invalid-ballots',
  'blank-invalid-counts',
  'tally',
  'lottning',
  'receipt',
] as const;
export type CheckName = (typeof CHECK_ORDER)[number];

export interface Check {
  name: CheckName;
  ok: boolean;
  detail?: string;
}

export interface VerifyReport {
  ok: boolean;
  /** The first failed check in CHECK_ORDER: the board's error; null when every check passed. */
  error: CheckName | null;
  electionId: string | null;
  checks: Check[];
  counts: Board['counts'] | null;
  elected: string[] | null;
  root: string | null;
  /** How ties were (or would be) decided: `physical` is the in-room draw, not checkable from the board. */
  lottning: Board['lottning']['method'] | null;
}

export interface VerifyOptions {
  batch: BatchVerifier;
  /** A nonce (hex) or a signed receipt from the box: the voter's ballot must be on the board unchanged. */
  receipt?: string | SignedReceipt;
  /**
   * Check the registrar's answers (Ed25519) and decrypt (X25519) with @noble/curves instead of OpenSSL; pair with
   * `verifyBatchReference` for a run on the protocol's own pure-JS implementation only.
   */
  reference?: boolean;
  anchors?: TrustAnchors;
}

const HEX64 = /^[0-9a-f]{64}$/;

/** Verify a board; never throws for bad input — every failure is a failed check in the report. */
export async function verifyBoard(input: unknown, options: VerifyOptions): Promise<VerifyReport> {
  const checks: Check[] = [];
  const check = (name: CheckName, ok: boolean, detail?: string) => {
    checks.push(ok || detail === undefined ? { name, ok } : { name, ok, detail });
    return ok;
  };
  const report = (board: Board | null): VerifyReport => {
    // Some checks finish out of order (the signature batch runs beside the recount): report them in spec order.
    checks.sort((a, b) => CHECK_ORDER.indexOf(a.name) - CHECK_ORDER.indexOf(b.name));
    return {
      ok: checks.every((c) => c.ok),
      error: checks.find((c) => !c.ok)?.name ?? null,
      electionId: board?.electionId ?? null,
      checks,
      counts: board?.counts ?? null,
      elected: board?.tally.elected ?? null,
      root: board?.root ?? null,
      lottning: board?.lottning.method ?? null,
    };
  };

  const parsed = boardSchema.safeParse(input);
  if (!parsed.success) {
    check(
      'schema',
      false,
      parsed.error.issues
        .slice(0, 5)
        .map((i) => `${i.path.join('.')}: ${i.message}`)
        .join('; '),
    );
    return report(null);
  }
  // The board must already be in its checked form: the schema trims free text, and a board whose names carry extra
  // spaces would otherwise hash (election id, roll hash) as if it were the signed one.
  let exact = false;
  try {
    exact = canonicalJson(parsed.data) === canonicalJson(input);
  } catch {
    // a number with no canonical form (1e400): not the board that was published
  }
  if (!check('schema', exact, 'free text must be trimmed and the board exactly its schema'))
    return report(null);
  const board = parsed.data;
  const m = board.manifest;
  if (options.anchors) {
    const problems = anchorProblems(board, options.anchors);
    check('anchors', problems.length === 0, problems.join('; ') || undefined);
  }

  // Manifest: its hash is the election id, every committee member signed it.
  const electionId = electionIdOf(m);
  check(
    'election-id',
    toHex(electionId) === board.electionId,
    'electionId must be SHA-256(canonicalJson(manifest))',
  );
  check('dst', m.dst === BALLOT_DST, `manifest.dst must be ${BALLOT_DST}`);
  const signingBytes = manifestSigningBytes(electionId);
  const unsigned = m.committee.filter((c) => {
    const s = board.manifestSignatures.find((x) => x.memberId === c.memberId);
    return (
      !s ||
      !verifyBytes(
        fromHex(s.signature, 64, 'signature'),
        signingBytes,
        fromHex(c.publicKey, 32, 'publicKey'),
      )
    );
  });
  check(
    'manifest-signatures',
    unsigned.length === 0 && board.manifestSignatures.length === m.committee.length,
    unsigned.length ? `not signed by ${unsigned.map((c) => c.memberId).join(', ')}` : undefined,
  );

  // Close: consented to by at least two different committee members (nobody else can end the vote).
  const closeBytes = closeSigningBytes(electionId);
  const closers = new Set<string>();
  const badApprovals = board.closeApprovals.filter((a) => {
    const c = m.committee.find((x) => x.memberId === a.memberId);
    const ok =
      c !== undefined &&
      !closers.has(a.memberId) &&
      verifyBytes(
        fromHex(a.signature, 64, 'signature'),
        closeBytes,
        fromHex(c.publicKey, 32, 'publicKey'),
      );
    closers.add(a.memberId);
    return !ok;
  });
  check(
    'close-approvals',
    badApprovals.length === 0 && closers.size >= 2,
    badApprovals.length
      ? `invalid close approval by ${badApprovals.map((a) => a.memberId).join(', ')}`
      : 'the close needs the signed approval of two committee members',
  );

  // Keys: BLS key in the G2 subgroup and not the identity; Ed25519 keys valid points.
  let blsKeyOk = true;
  try {
    decodeG2(fromHex(m.blsPublicKey, 96, 'blsPublicKey'), 'blsPublicKey');
  } catch (error) {
    blsKeyOk = false;
    check('keys', false, error instanceof Error ? error.message : 'invalid BLS key');
  }
  if (blsKeyOk) {
    const edKeys = [m.plenaryKey, m.registrarKey, m.boxKey, ...m.committee.map((c) => c.publicKey)];
    const distinct =
      new Set(m.committee.map((c) => c.memberId)).size === m.committee.length &&
      new Set(m.committee.map((c) => c.publicKey)).size === m.committee.length;
    check(
      'keys',
      edKeys.every((k) => isValidSigningKey(fromHex(k, 32, 'key'))) && distinct,
      distinct
        ? 'Ed25519 keys must be valid, non-small-order points'
        : 'the committee must be three different members with three different keys',
    );
  }

  // Roll: signed by plenary, the one the manifest names, for this question.
  const rollOk =
    verifyBytes(
      fromHex(board.roll.signature, 64, 'signature'),
      rollSigningBytes(board.roll.roll),
      fromHex(m.plenaryKey, 32, 'plenaryKey'),
    ) &&
    toHex(hashJson(board.roll)) === m.rollHash &&
    board.roll.roll.questionId === m.questionId &&
    board.roll.roll.sittingId === m.sittingId &&
    board.roll.roll.itemId === m.itemId;
  const eligible = new Set(board.roll.roll.members.map((x) => x.memberId));
  const rollDistinct = eligible.size === board.roll.roll.members.length;
  check(
    'roll',
    rollOk && rollDistinct,
    rollDistinct
      ? 'the eligible roll must be signed by plenary and match the manifest'
      : 'the eligible roll lists a member twice',
  );

  // Every ballot signature and every blind signature, in one random-coefficient batch. Started first: with a
  // worker pool it runs on the other cores while this thread checks answers, order, root and the recount.
  const n = board.ballots.length;
  const batch = blsKeyOk
    ? options.batch(fromHex(m.blsPublicKey, 96, 'blsPublicKey'), [
        ...board.ballots.map((b) => ({
          message: messageOf(b),
          signature: fromHex(b.signature, 48, 'signature'),
        })),
        ...board.issuance.map((i) => ({
          point: fromHex(i.answer.blinded, 48, 'blinded'),
          signature: fromHex(i.answer.blindSignature, 48, 'blindSignature'),
        })),
      ])
    : null;

  // Issuance: every answer signed by the registrar, for a member on the roll, once.
  const registrarKey = fromHex(m.registrarKey, 32, 'registrarKey');
  const registrarSigned = options.reference
    ? (signature: Uint8Array, message: Uint8Array) => verifyBytes(signature, message, registrarKey)
    : nativeVerifier(registrarKey);
  const issueProblems: string[] = [];
  const seenMembers = new Set<string>();
  let previous = '';
  for (const iss of board.issuance) {
    const a = iss.answer;
    if (!registrarSigned(fromHex(iss.signature, 64, 'signature'), utf8ToBytes(canonicalJson(a))))
      issueProblems.push(`${a.memberId}: answer signature`);
    if (a.electionId !== board.electionId) issueProblems.push(`${a.memberId}: other election`);
    if (!eligible.has(a.memberId)) issueProblems.push(`${a.memberId}: not on the eligible roll`);
    if (seenMembers.has(a.memberId)) issueProblems.push(`${a.memberId}: issued twice`);
    if (a.memberId <= previous && previous !== '')
      issueProblems.push(`${a.memberId}: issuance list not sorted`);
    seenMembers.add(a.memberId);
    previous = a.memberId;
  }
  check(
    'issuance-answers',
    issueProblems.length === 0,
    issueProblems.slice(0, 10).join('; ') || undefined,
  );

  // Ballots: this election, board order by SHA-256(nonce) (so nonces unique), signatures unique.
  const ballotProblems: string[] = [];
  const sorted = sortBallots(board.ballots);
  if (sorted.some((b, i) => b !== board.ballots[i]))
    ballotProblems.push('ballots not in SHA-256(nonce) order');
  const nonces = new Set(board.ballots.map((b) => b.nonce));
  if (nonces.size !== board.ballots.length) ballotProblems.push('duplicate nonce');
  const signatures = new Set(board.ballots.map((b) => b.signature));
  if (signatures.size !== board.ballots.length) ballotProblems.push('duplicate signature');
  const foreign = board.ballots.filter((b) => b.electionId !== board.electionId);
  if (foreign.length) ballotProblems.push(`${foreign.length} ballot(s) for another election`);
  check('ballots-unique', ballotProblems.length === 0, ballotProblems.join('; ') || undefined);

  // Invariant and counts.
  const counts = {
    eligible: eligible.size,
    issued: board.issuance.length,
    cast: board.ballots.length,
  };
  const broken = checkInvariant(counts);
  check('invariant', broken === null, broken ?? undefined);
  check(
    'counts',
    counts.eligible === board.counts.eligible &&
      counts.issued === board.counts.issued &&
      counts.cast === board.counts.cast,
    'published counts must match the board',
  );

  // Root over the ballots in board order.
  check(
    'root',
    toHex(boardRoot(board.ballots)) === board.root,
    'Merkle root must match the ballots',
  );

  // Decryption key, recount, lottning.
  const key = fromHex(board.decryptionKey, 32, 'decryptionKey');
  const keyOk = equalBytes(x25519.getPublicKey(key), fromHex(m.encryptionKey, 32, 'encryptionKey'));
  check('decryption-key', keyOk, 'the published secret must match manifest.encryptionKey');
  if (keyOk) recount(board, key, check, options.reference ? undefined : nativeAgreement(key));

  if (batch) {
    const result = await batch;
    const badBallots = result.invalid
      .filter((i) => i < n)
      .map((i) => board.ballots[i]?.nonce ?? String(i));
    const badIssuance = result.invalid
      .filter((i) => i >= n)
      .map((i) => board.issuance[i - n]?.answer.memberId ?? String(i));
    check(
      'ballot-signatures',
      badBallots.length === 0,
      badBallots.length
        ? `invalid signature on ballot(s) ${badBallots.slice(0, 10).join(', ')}`
        : undefined,
    );
    check(
      'issuance-signatures',
      badIssuance.length === 0,
      badIssuance.length
        ? `invalid blind signature for ${badIssuance.slice(0, 10).join(', ')}`
        : undefined,
    );
  }
  if (options.receipt !== undefined) checkReceipt(board, options.receipt, check);
  return report(board);
}

function recount(
  board: Board,
  key: Uint8Array,
  check: (name: CheckName, ok: boolean, detail?: string) => boolean,
  agree: KeyAgreement | undefined,
): void {
  const m = board.manifest;
  const lottning = board.lottning;
  let lot: DrawLot;
  const commitmentOf = (memberId: string) =>
    m.committee.find((c) => c.memberId === memberId)?.lotCommitment;
  const matches = (r: { memberId: string; seed: string }) =>
    toHex(lotCommitment(fromHex(r.seed, 32, 'seed'))) === commitmentOf(r.memberId);
  if (lottning.method === 'commit-reveal') {
    // Every committee member's seed, in committee order, each matching its commitment.
    const revealProblems = m.committee
      .filter((c, i) => {
        const r = lottning.reveals[i];
        return !r || r.memberId !== c.memberId || !matches(r);
      })
      .map((c) => c.memberId);
    check(
      'lottning-reveals',
      revealProblems.length === 0 && lottning.reveals.length === m.committee.length,
      revealProblems.length
        ? `reveal does not match commitment: ${revealProblems.join(', ')}`
        : 'commit-reveal needs exactly the three seeds, in committee order',
    );
    lot = seededLot(
      combinedLotSeed(
        fromHex(board.electionId, 32, 'electionId'),
        lottning.reveals.map((r) => fromHex(r.seed, 32, 'seed')),
      ),
    );
  } else {
    // `physical` (the in-room draw) and `none` stand only when a seed is missing: the seeds that are listed match,
    // in committee order, each member once, and at least one member's seed is absent.
    const order = m.committee.map((c) => c.memberId);
    const positions = lottning.reveals.map((r) => order.indexOf(r.memberId));
    const wrong = lottning.reveals.filter((r) => !matches(r));
    const ordered = positions.every((p, i) => p >= 0 && (i === 0 || p > (positions[i - 1] ?? -1)));
    check(
      'lottning-reveals',
      wrong.length === 0 && ordered && lottning.reveals.length < m.committee.length,
      wrong.length
        ? `reveal does not match commitment: ${wrong.map((r) => r.memberId).join(', ')}`
        : !ordered
          ? 'reveals must be committee members, each once, in committee order'
          : 'every seed was revealed: the lot must be drawn from the seeds, not physically',
    );
    lot =
      lottning.method === 'physical'
        ? recordedLot(lottning.draws)
        : (context) => {
            throw new Error(`a tie at ${context} needs a lot but the board records none`);
          };
  }
  const read = classifyBallots(m, key, board.ballots, agree);
  const invalidOk = canonicalJson(read.invalid) === canonicalJson(board.invalid);
  check(
    'invalid-ballots',
    invalidOk,
    invalidOk ? undefined : 'the published invalid list differs from the recount',
  );
  const countsOk =
    read.blank === board.counts.blank && read.invalid.length === board.counts.invalid;
  check(
    'blank-invalid-counts',
    countsOk,
    countsOk ? undefined : `recount: blank ${read.blank}, invalid ${read.invalid.length}`,
  );
  let result;
  try {
    result = countClassified(m, read, lot);
  } catch (error) {
    check('tally', false, error instanceof Error ? error.message : 'recount failed');
    return;
  }
  const tallyOk = canonicalJson(result.tally) === canonicalJson(board.tally);
  check(
    'tally',
    tallyOk,
    tallyOk ? undefined : `recount elects ${result.tally.elected.join(', ')}`,
  );
  const drawsOk = canonicalJson(result.draws) === canonicalJson(board.lottning.draws);
  check('lottning', drawsOk, drawsOk ? undefined : 'the lot draws differ from the recount');
}

function checkReceipt(
  board: Board,
  receipt: string | SignedReceipt,
  check: (name: CheckName, ok: boolean, detail?: string) => boolean,
): void {
  if (typeof receipt === 'string') {
    if (!HEX64.test(receipt)) {
      check('receipt', false, 'the receipt nonce must be 32 bytes of lowercase hex');
      return;
    }
    check(
      'receipt',
      board.ballots.some((b) => b.nonce === receipt),
      `no ballot with nonce ${receipt}`,
    );
    return;
  }
  const parsed = signedReceiptSchema.safeParse(receipt);
  if (!parsed.success) {
    check('receipt', false, 'malformed receipt');
    return;
  }
  const r = parsed.data;
  const signed = verifyJson(
    r.receipt,
    fromHex(r.signature, 64, 'signature'),
    fromHex(board.manifest.boxKey, 32, 'boxKey'),
  );
  const ballot: Ballot | undefined = board.ballots.find((b) => b.nonce === r.receipt.nonce);
  const unchanged =
    ballot !== undefined &&
    toHex(ballotHash(ballot)) === r.receipt.ballotHash &&
    r.receipt.electionId === board.electionId;
  check(
    'receipt',
    signed && unchanged,
    !signed
      ? 'the receipt is not signed by the box key'
      : unchanged
        ? undefined
        : 'the ballot is missing or changed',
  );
}

/** SHA-256 of a nonce, exposed for tools that search a board. */
export function nonceKey(nonce: string): string {
  return toHex(sha256(fromHex(nonce, 32, 'nonce')));
}
