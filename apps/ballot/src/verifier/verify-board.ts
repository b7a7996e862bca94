// The independent verifier (R22: secrecy, every vote counted, checkable): rechecks a bulletin board from its JSON alone.
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
import { closeSigningBytes, hashJson, manifestSigningBytes, sha256 } from '../crypto/hash.ts';
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
import { countBallots } from '../protocol/count.ts';

export interface Check {
  name: string;
  ok: boolean;
  detail?: string;
}

export interface VerifyReport {
  ok: boolean;
  electionId: string | null;
  checks: Check[];
  counts: Board['counts'] | null;
  elected: string[] | null;
  root: string | null;
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
}

const HEX64 = /^[0-9a-f]{64}$/;

/** Verify a board; never throws for bad input — every failure is a failed check in the report. */
export async function verifyBoard(input: unknown, options: VerifyOptions): Promise<VerifyReport> {
  const checks: Check[] = [];
  const check = (name: string, ok: boolean, detail?: string) => {
    checks.push(ok || detail === undefined ? { name, ok } : { name, ok, detail });
    return ok;
  };
  const report = (board: Board | null): VerifyReport => ({
    ok: checks.every((c) => c.ok),
    electionId: board?.electionId ?? null,
    checks,
    counts: board?.counts ?? null,
    elected: board?.tally.elected ?? null,
    root: board?.root ?? null,
  });

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
  check('schema', true);
  const board = parsed.data;
  const m = board.manifest;

  // Manifest: its hash is the election id, every committee member signed it.
  const electionId = electionIdOf(m);
  check(
    'election-id',
    toHex(electionId) === board.electionId,
    'electionId must be SHA-256(canonicalJson(manifest))',
  );
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
    check(
      'keys',
      edKeys.every((k) => isValidSigningKey(fromHex(k, 32, 'key'))),
      'Ed25519 keys must be valid, non-small-order points',
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
  check('roll', rollOk, 'the eligible roll must be signed by plenary and match the manifest');
  const eligible = new Set(board.roll.roll.members.map((x) => x.memberId));

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
  check: (name: string, ok: boolean, detail?: string) => boolean,
  agree: KeyAgreement | undefined,
): void {
  const m = board.manifest;
  const lottning = board.lottning;
  let lot: DrawLot;
  if (lottning.method === 'commit-reveal') {
    const seeds: Uint8Array[] = [];
    const revealProblems: string[] = [];
    m.committee.forEach((c, i) => {
      const r = lottning.reveals[i];
      if (
        !r ||
        r.memberId !== c.memberId ||
        toHex(lotCommitment(fromHex(r.seed, 32, 'seed'))) !== c.lotCommitment
      ) {
        revealProblems.push(c.memberId);
      } else seeds.push(fromHex(r.seed, 32, 'seed'));
    });
    check(
      'lottning-reveals',
      revealProblems.length === 0 && lottning.reveals.length === m.committee.length,
      revealProblems.length
        ? `reveal does not match commitment: ${revealProblems.join(', ')}`
        : undefined,
    );
    lot = seededLot(combinedLotSeed(fromHex(board.electionId, 32, 'electionId'), seeds));
  } else if (lottning.method === 'physical') {
    // The in-room draw stands only when a seed is missing: every revealed seed must match, and one must be absent.
    const wrong = lottning.reveals.filter((r) => {
      const c = m.committee.find((x) => x.memberId === r.memberId);
      return !c || toHex(lotCommitment(fromHex(r.seed, 32, 'seed'))) !== c.lotCommitment;
    });
    const missing = m.committee.filter(
      (c) => !lottning.reveals.some((r) => r.memberId === c.memberId),
    );
    check(
      'lottning-reveals',
      wrong.length === 0 && missing.length > 0,
      wrong.length
        ? `reveal does not match commitment: ${wrong.map((r) => r.memberId).join(', ')}`
        : missing.length === 0
          ? 'every seed was revealed: the lot must be drawn from the seeds, not physically'
          : undefined,
    );
    lot = recordedLot(lottning.draws);
  } else {
    lot = (context) => {
      throw new Error(`a tie at ${context} needs a lot but the board records none`);
    };
  }
  try {
    const result = countBallots(m, key, board.ballots, lot, agree);
    const invalidOk = canonicalJson(result.invalid) === canonicalJson(board.invalid);
    check(
      'invalid-ballots',
      invalidOk,
      invalidOk ? undefined : 'the published invalid list differs from the recount',
    );
    const countsOk =
      result.blank === board.counts.blank && result.invalid.length === board.counts.invalid;
    check(
      'blank-invalid-counts',
      countsOk,
      countsOk ? undefined : `recount: blank ${result.blank}, invalid ${result.invalid.length}`,
    );
    const tallyOk = canonicalJson(result.tally) === canonicalJson(board.tally);
    check(
      'tally',
      tallyOk,
      tallyOk ? undefined : `recount elects ${result.tally.elected.join(', ')}`,
    );
    const drawsOk = canonicalJson(result.draws) === canonicalJson(board.lottning.draws);
    check('lottning', drawsOk, drawsOk ? undefined : 'the lot draws differ from the recount');
  } catch (error) {
    check('tally', false, error instanceof Error ? error.message : 'recount failed');
  }
}

function checkReceipt(
  board: Board,
  receipt: string | SignedReceipt,
  check: (name: string, ok: boolean, detail?: string) => boolean,
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
