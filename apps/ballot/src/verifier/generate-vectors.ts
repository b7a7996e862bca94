// Test vectors for docs/ballot.md (issue 13, item 6): one small real board per counting or verification rule, with the
// outcome the document prescribes. Made by the real code (question, issuance, voter client, box, close) with real
// signatures; tampered boards are re-signed with the real keys wherever a dishonest signer would have to do so.
// Deterministic: the CSPRNG is a SHA-256 counter stream from a fixed seed while generating.
// Run: npx tsx apps/ballot/src/verifier/generate-vectors.ts   (writes apps/ballot/vectors/*.json)
import { readdirSync, unlinkSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  type Ballot,
  type BallotChoice,
  type BallotSpec,
  type Board,
  type CloseRequest,
  type Manifest,
  type SignedIssuance,
  type SignedReceipt,
  canonicalJson,
  rollSigningBytes,
} from '@council/shared';
import { bls12_381 } from '@noble/curves/bls12-381.js';
import { ed25519, x25519 } from '@noble/curves/ed25519.js';
import { xchacha20poly1305 } from '@noble/ciphers/chacha.js';
import { hkdf } from '@noble/hashes/hkdf.js';
import { sha256, sha512 } from '@noble/hashes/sha2.js';
import { randomBytes } from '@noble/hashes/utils.js';
import {
  approveClose,
  closeRequest,
  createRequest,
  keypair,
  makeCommittee,
  makeRoll,
  signManifest,
  signRoll,
  type CommitteeKeys,
  type Keys,
} from '../../../../tests/support/ballot-election.ts';
import { answerIssuance } from '../app/issue.ts';
import { checkCast } from '../app/cast.ts';
import { buildBoard } from '../app/close.ts';
import { type CreatedQuestion, createQuestion } from '../app/question.ts';
import { type PreparedBallot, finishBallot } from '../client/voter.ts';
import { blind, generateBlsKeyPair, signBlinded } from '../crypto/blind-bls.ts';
import {
  bigIntToBytes,
  bytesToBigInt,
  concatBytes,
  fromHex,
  toHex,
  utf8ToBytes,
} from '../crypto/bytes.ts';
import { hashJson } from '../crypto/hash.ts';
import { PAYLOAD_INFO, pad } from '../crypto/payload-encryption.ts';
import { signJson } from '../crypto/signing.ts';
import { boardRoot, electionIdOf, messageOf, sortBallots } from '../protocol/ballot-codec.ts';
import type { TrustAnchors } from './verify-board.ts';
import { keyFingerprint } from './log-anchors.ts';

export interface Vector {
  name: string;
  /** The section of docs/ballot.md the vector exercises. */
  rule: string;
  description: string;
  board: unknown;
  options?: { receipt?: string | SignedReceipt; anchors?: TrustAnchors };
  expect:
    | {
        ok: true;
        elected: string[];
        counts: Board['counts'];
        root: string;
        lottning: Board['lottning']['method'];
      }
    | { ok: false; error: string };
}

/** See tests/fixtures/ballot/generate.ts: noble's 16-byte blinding draws come from their own stream. */
function withSeededRandom<T>(seed: string, fn: () => T): T {
  const original = globalThis.crypto.getRandomValues.bind(globalThis.crypto);
  const counters = { main: 0, blinding: 0 };
  const fill = <A extends ArrayBufferView | null>(array: A): A => {
    if (!array) return array;
    const out = new Uint8Array(array.buffer, array.byteOffset, array.byteLength);
    const stream = out.length === 16 ? 'blinding' : 'main';
    for (let i = 0; i < out.length; i += 32) {
      const block = sha256(
        concatBytes(utf8ToBytes(`${seed}/${stream}`), bigIntToBytes(BigInt(counters[stream]++), 8)),
      );
      out.set(block.subarray(0, Math.min(32, out.length - i)), i);
    }
    return array;
  };
  const set = (value: typeof fill | typeof original) =>
    Object.defineProperty(globalThis.crypto, 'getRandomValues', {
      value,
      configurable: true,
      writable: true,
    });
  set(fill);
  try {
    return fn();
  } finally {
    set(original);
  }
}

/** A vote: a choice the client encodes, a raw text, raw padded bytes, a member who takes a signature and drops out. */
type Vote =
  | BallotChoice
  | { text: string }
  | { padded: Uint8Array; aad?: Uint8Array }
  | { payload: { epk: string; iv: string; ct: string } }
  | { dropOut: true }
  | undefined;

interface Run {
  plenary: Keys;
  committee: CommitteeKeys[];
  created: CreatedQuestion;
  roll: ReturnType<typeof signRoll>;
  manifestSignatures: ReturnType<typeof signManifest>;
  issuance: SignedIssuance[];
  ballots: Ballot[];
  receipts: SignedReceipt[];
}

function paddedBytes(v: Vote, questionId: string): Uint8Array {
  if (typeof v === 'object' && v !== null && !Array.isArray(v)) {
    if ('padded' in v) return v.padded;
    if ('payload' in v) return new Uint8Array(0);
    if ('text' in v) return pad(utf8ToBytes(v.text));
    if ('dropOut' in v) return pad(utf8ToBytes(canonicalJson({ questionId, choice: null })));
  }
  return pad(utf8ToBytes(canonicalJson({ questionId, choice: v ?? null })));
}

function encryptPadded(manifest: Manifest, padded: Uint8Array, aad?: Uint8Array) {
  const electionId = aad ?? electionIdOf(manifest);
  const pk = fromHex(manifest.encryptionKey, 32, 'encryptionKey');
  const e = x25519.utils.randomSecretKey();
  const epk = x25519.getPublicKey(e);
  const key = hkdf(
    sha256,
    x25519.getSharedSecret(e, pk),
    concatBytes(epk, pk),
    utf8ToBytes(PAYLOAD_INFO),
    32,
  );
  const iv = randomBytes(24);
  const ct = xchacha20poly1305(key, iv, electionId).encrypt(padded);
  return { epk: toHex(epk), iv: toHex(iv), ct: toHex(ct) };
}

function run(spec: BallotSpec, eligible: number, votes: readonly Vote[], questionId = 'q-1'): Run {
  const plenary = keypair();
  const committee = makeCommittee();
  const roll = signRoll(makeRoll(questionId, eligible), plenary);
  const created = createQuestion(
    createRequest(roll, spec, committee),
    plenary.publicKey,
    new Date('2026-11-23T15:01:00.000Z'),
  );
  if ('code' in created) throw new Error(created.message);
  const keys = { electionId: created.electionId, ...created.secrets };
  const out: Run = {
    plenary,
    committee,
    created,
    roll,
    manifestSignatures: signManifest(created.electionId, committee),
    issuance: [],
    ballots: [],
    receipts: [],
  };
  votes.forEach((v, i) => {
    if (v === undefined) return;
    const memberId = roll.roll.members[i]?.memberId;
    if (!memberId) throw new Error('more votes than members');
    const bytes = paddedBytes(v, questionId);
    const payload =
      typeof v === 'object' && v !== null && 'payload' in v
        ? v.payload
        : encryptPadded(
            created.manifest,
            bytes,
            typeof v === 'object' && v !== null && 'aad' in v ? v.aad : undefined,
          );
    const nonce = toHex(randomBytes(32));
    const message = messageOf({ electionId: created.electionId, nonce, payload });
    const { blinded, factor } = blind(message);
    const prepared: PreparedBallot = {
      electionId: created.electionId,
      nonce,
      payload,
      message,
      factor,
      blinded: toHex(blinded),
    };
    const answer = answerIssuance(keys, memberId, prepared.blinded);
    if ('code' in answer) throw new Error(answer.message);
    out.issuance.push(answer);
    if (typeof v === 'object' && v !== null && 'dropOut' in v) return;
    const ballot = finishBallot(created.manifest, prepared, answer);
    const receipt = checkCast(
      {
        electionId: created.electionId,
        blsPublicKey: created.manifest.blsPublicKey,
        boxSecretKey: created.secrets.boxSecretKey,
      },
      ballot,
    );
    if ('code' in receipt) throw new Error(receipt.message);
    out.ballots.push(ballot);
    out.receipts.push(receipt);
  });
  return out;
}

function close(r: Run, request: CloseRequest = closeRequest(r.created, r.committee)): Board {
  const board = buildBoard({
    manifest: r.created.manifest,
    electionId: r.created.electionId,
    manifestSignatures: r.manifestSignatures,
    roll: r.roll,
    issuance: r.issuance,
    ballots: r.ballots,
    close: request,
  });
  if ('code' in board) throw new Error(board.message);
  return board;
}

const clone = <T>(v: T): T => structuredClone(v);

/** Change the manifest and let the committee sign it again (a committee that goes along with the change). */
function remanifest(
  board: Board,
  committee: readonly CommitteeKeys[],
  change: (m: Manifest) => void,
  signers = committee,
): Board {
  const b = clone(board);
  change(b.manifest);
  b.electionId = toHex(electionIdOf(b.manifest));
  const fresh = signManifest(b.electionId, signers);
  b.manifestSignatures = b.manifest.committee.map((c, i) => ({
    memberId: c.memberId,
    signature: fresh[i]?.signature ?? '',
  }));
  b.closeApprovals = b.closeApprovals.map((a) => {
    const i = b.manifest.committee.findIndex((c) => c.memberId === a.memberId);
    const signer = signers[i];
    if (!signer) throw new Error('no signer');
    return { memberId: a.memberId, signature: approveClose(b.electionId, signer).signature };
  });
  return b;
}

const withBallots = (b: Board, ballots: Ballot[], sort = true): Board => {
  const next = clone({ ...b, ballots: sort ? sortBallots(ballots) : ballots });
  next.counts.cast = next.ballots.length;
  next.root = toHex(boardRoot(next.ballots));
  return next;
};

function ok(board: Board): Vector['expect'] {
  return {
    ok: true,
    elected: board.tally.elected,
    counts: board.counts,
    root: board.root,
    lottning: board.lottning.method,
  };
}
const fails = (error: string): Vector['expect'] => ({ ok: false, error });

/** An Ed25519 signature valid only under the cofactored equation: R carries a point of order 8. */
function torsionSignature(message: Uint8Array, secretKey: Uint8Array): string {
  const Point = ed25519.Point;
  const L = Point.Fn.ORDER;
  const head = sha512(secretKey).slice(0, 32);
  head[0] = (head[0] ?? 0) & 248;
  head[31] = ((head[31] ?? 0) & 127) | 64;
  const a = bytesToBigInt(head.slice().reverse()) % L;
  const publicKey = ed25519.getPublicKey(secretKey);
  const r = bytesToBigInt(randomBytes(32)) % L;
  const T = Point.fromHex('26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05');
  const R = Point.BASE.multiply(r).add(T).toBytes();
  const k = bytesToBigInt(sha512(concatBytes(R, publicKey, message)).reverse()) % L;
  return toHex(concatBytes(R, bigIntToBytes((r + k * a) % L, 32).reverse()));
}

const q = 'q-1';
const text = (choice: unknown) => canonicalJson({ questionId: q, choice });
const padTo = (bytes: Uint8Array, length: number) => {
  const out = new Uint8Array(length);
  out.set(bytes);
  out[bytes.length] = 0x80;
  return out;
};

export function generateVectors(): Vector[] {
  return withSeededRandom('council-ballot vectors v1', () => {
    const v: Vector[] = [];
    const add = (
      name: string,
      rule: string,
      description: string,
      board: unknown,
      expect: Vector['expect'],
      options?: Vector['options'],
    ) => v.push({ name, rule, description, board, ...(options ? { options } : {}), expect });
    const A = 'Anna Andersson';
    const B = 'Bertil Berg';
    const C = 'Cecilia Carlsson';
    const D = 'David Dahl';

    // ---------- counting ----------
    const single = run({ type: 'single', candidates: [A, B, C], seats: 1 }, 6, [
      A,
      B,
      A,
      null,
      { dropOut: true },
    ]);
    const singleBoard = close(single);
    add(
      'count-single',
      'Counting: single',
      'Most votes wins; a candidate with 0 votes is listed with 0, in manifest order; a blank is counted apart; a member who took a signature and did not cast is issued but not cast.',
      singleBoard,
      ok(singleBoard),
    );

    const empty = run({ type: 'single', candidates: [A, B, C], seats: 2 }, 4, [A, A, null]);
    const emptyBoard = close(empty);
    add(
      'count-zero-votes-seat-empty',
      'Counting: by most votes',
      'Two seats, only one candidate has votes: a candidate with 0 votes is never elected, the second seat stays empty.',
      emptyBoard,
      ok(emptyBoard),
    );

    const tie = run({ type: 'single', candidates: [A, B, C], seats: 1 }, 4, [A, B, C, null]);
    const tieBoard = close(tie);
    add(
      'count-single-tie',
      'Lottning: commit-reveal',
      'A three-way tie for place 1, drawn from the committee seeds; tied names in manifest order.',
      tieBoard,
      ok(tieBoard),
    );

    const multi = run({ type: 'multi', candidates: [A, B, C, D], maxChoices: 2, seats: 2 }, 7, [
      [A, B],
      [A, C],
      [A],
      [B, D],
      [C],
      [],
      null,
    ]);
    const multiBoard = close(multi);
    add(
      'count-multi-tie-place-2',
      'Counting: by most votes',
      "A: 3 elected whole; B and C tie at 2 for the one seat left: the lot 'place 2' among [B, C] in manifest order; D has 1; [] and null are blank.",
      multiBoard,
      ok(multiBoard),
    );

    const multiInvalid = run({ type: 'multi', candidates: [A, B, C], maxChoices: 2, seats: 1 }, 6, [
      { text: text([A, A, B]) },
      { text: text([A, B, 'Zorro']) },
      { text: text(['Zorro']) },
      { text: text(A) },
      { text: text({ label: 'S', names: [A] }) },
      [B],
    ]);
    const multiInvalidBoard = close(multiInvalid);
    add(
      'read-multi-reason-order',
      'Reading a ballot: multi',
      'A repeat is reported before too many, too many before an unknown name; a string or an object is MALFORMED.',
      multiInvalidBoard,
      ok(multiInvalidBoard),
    );

    const yes = run({ type: 'yesno' }, 5, ['ja', 'nej', 'ja', { text: text('Ja') }, null]);
    const yesBoard = close(yes);
    add(
      'count-yesno',
      'Counting: yesno',
      "More votes wins; 'Ja' is not 'ja' (MALFORMED).",
      yesBoard,
      ok(yesBoard),
    );

    const zero = run({ type: 'yesno' }, 4, [null, null, { dropOut: true }]);
    const zeroBoard = close(zero);
    add(
      'count-yesno-0-0',
      'Counting: yesno',
      'Only blank ballots: 0–0, nothing elected, no lot drawn.',
      zeroBoard,
      ok(zeroBoard),
    );

    const yesTie = run({ type: 'yesno' }, 3, ['ja', 'nej']);
    const yesTieBoard = close(yesTie);
    add(
      'count-yesno-tie',
      'Counting: yesno',
      "1–1: the lot 'place 1' among [ja, nej].",
      yesTieBoard,
      ok(yesTieBoard),
    );

    const s = { label: 'S', names: ['Sara Svensson', 'Sven Sjö', 'Stina Strand'] };
    const m = { label: 'M', names: ['Maria Moberg', 'Magnus Mark'] };
    const vv = { label: 'V', names: ['Vera Vik'] };
    const list = run({ type: 'list', seats: 4, maxNames: 5 }, 13, [
      s,
      s,
      s,
      s,
      s,
      s,
      m,
      m,
      m,
      m,
      vv,
      vv,
      null,
    ]);
    const listBoard = close(list);
    add(
      'count-list-dhondt-tie',
      "Counting: d'Hondt",
      "S 6, M 4, V 2 for 4 seats: S, M, S, then S 6/3 = M 4/2 = V 2/1: the lot 'seat 4' among the three group keys in key order; elected listed by group in key order, not in seat order.",
      listBoard,
      ok(listBoard),
    );

    const short = run({ type: 'list', seats: 4, maxNames: 3 }, 7, [
      { label: 'S', names: ['Sara Svensson'] },
      { label: 'S', names: ['Sara Svensson'] },
      { label: 'S', names: ['Sara Svensson'] },
      { label: 'S', names: ['Sara Svensson'] },
      { label: 'M', names: ['Maria Moberg', 'Magnus Mark'] },
    ]);
    const shortBoard = close(short);
    add(
      'count-list-runs-out-of-names',
      "Counting: d'Hondt",
      'S (4 votes, 1 name) takes seat 1 and has no names left; M takes seats 2 and 3; seat 4 stays empty.',
      shortBoard,
      ok(shortBoard),
    );

    const long = 'L'.repeat(201);
    const trimmed = run({ type: 'list', seats: 3, maxNames: 2 }, 9, [
      { text: text({ label: ' S ', names: ['a', 'b'] }) },
      { label: 'S', names: ['a', 'b'] },
      { label: 'S', names: ['b', 'a'] },
      { text: text({ label: 'S', names: ['a', ' a'] }) },
      { text: text({ label: 'S', names: ['a', 'b', 'c'] }) },
      { text: text({ label: 'S', names: ['a', ' '] }) },
      { text: text({ label: long, names: ['a'] }) },
      { text: text({ label: '\u00a0', names: ['a'] }) },
      { text: text({ label: 'S', names: [] }) },
    ]);
    const trimmedBoard = close(trimmed);
    add(
      'read-list-trimming-and-caps',
      'Reading a ballot: list',
      "' S ' trims to 'S' and joins the group S [a, b]; S [b, a] is another group; a repeat after trimming is DUPLICATE_CHOICE; three names over maxNames 2 TOO_MANY_CHOICES; an empty name, a 201-unit label, a label of a no-break space and no names are MALFORMED.",
      trimmedBoard,
      ok(trimmedBoard),
    );

    // ---------- reading: bytes, canonical text ----------
    const good = utf8ToBytes(text(A));
    const canonical = run({ type: 'single', candidates: [A, B], seats: 1 }, 10, [
      A,
      { text: '{"choice":"Anna Andersson","choice":"Anna Andersson","questionId":"q-1"}' },
      { text: '{"choice":"Bertil Berg","choice":"Anna Andersson","questionId":"q-1"}' },
      { text: '{"questionId":"q-1","choice":"Anna Andersson"}' },
      { text: '{"choice": "Anna Andersson","questionId":"q-1"}' },
      { text: '\ufeff' + text(A) },
      { text: '{"choice":"\\u0041nna Andersson","questionId":"q-1"}' },
      { text: text(A + '\u0000') },
      { text: text('\ud800') },
      { text: text(A).replace('"q-1"', '"q-2"') },
    ]);
    const canonicalBoard = close(canonical);
    add(
      'read-canonical-plaintext',
      'Reading a ballot: rules 4–7',
      'Only the canonical text counts: a duplicate key (same or other value), unsorted keys, whitespace, a byte-order mark and an unneeded escape are MALFORMED (a member cannot mark a ballot by its spelling); a NUL and a lone surrogate are MALFORMED; another question is WRONG_QUESTION.',
      canonicalBoard,
      ok(canonicalBoard),
    );

    const badPad = padTo(good, 512);
    badPad[511] = 1;
    const bytes = run({ type: 'single', candidates: [A, B], seats: 1 }, 10, [
      B,
      { padded: padTo(good, 1024) },
      { padded: badPad },
      { padded: good },
      { padded: padTo(Uint8Array.of(0x7b, 0xc3, 0x28, 0x7d), 512) },
      { padded: padTo(Uint8Array.of(0xed, 0xa0, 0x80), 512) },
      { padded: padTo(Uint8Array.of(0xe2, 0x82), 512) },
      { padded: padTo(utf8ToBytes('x'.repeat(512)), 1024) },
      { padded: padTo(good, 512), aad: sha256(utf8ToBytes('another election')) },
      { payload: { epk: '00'.repeat(32), iv: '11'.repeat(24), ct: '22'.repeat(528) } },
    ]);
    const bytesBoard = close(bytes);
    add(
      'read-padding-and-utf8',
      'Reading a ballot: rules 1–3',
      "Padded to two blocks where one suffices, a last non-zero byte other than 0x80, no padding, invalid UTF-8, an encoded surrogate and a cut sequence are DECRYPT_FAILED; a 512-byte text padded to 1024 is minimal (its 0x80 needs the second block), MALFORMED only because it is not JSON; encrypted under another election's AAD, and a small-order epk, are DECRYPT_FAILED.",
      bytesBoard,
      ok(bytesBoard),
    );

    // ---------- lottning ----------
    const phys = run({ type: 'single', candidates: [A, B], seats: 1 }, 3, [A, B]);
    const physRequest = {
      ...closeRequest(phys.created, phys.committee, false),
      physicalDraws: [{ context: 'place 1', order: [B, A] }],
    };
    physRequest.reveals = phys.committee
      .slice(0, 2)
      .map((c) => ({ memberId: c.memberId, seed: toHex(c.seed) }));
    const physBoard = close(phys, physRequest);
    add(
      'lot-physical',
      'Lottning: physical',
      'The third seed withheld: the tie is decided by the recorded in-room draw; the two seeds revealed stay on the board.',
      physBoard,
      ok(physBoard),
    );

    const none = run({ type: 'single', candidates: [A, B], seats: 1 }, 3, [A, A, B]);
    const noneBoard = close(none, closeRequest(none.created, none.committee, false));
    add(
      'lot-none',
      'Lottning: none',
      'No seed revealed and no tie: method none, no draws.',
      noneBoard,
      ok(noneBoard),
    );

    const nobody = run({ type: 'single', candidates: [A, B], seats: 1 }, 3, []);
    const nobodyBoard = close(nobody);
    add(
      'count-no-ballots',
      'Bulletin board: root',
      'Nobody voted: the root is SHA-256 of the empty string, nothing is elected.',
      nobodyBoard,
      ok(nobodyBoard),
    );

    // ---------- options ----------
    const anchors = {
      root: singleBoard.root,
      plenaryKey: singleBoard.manifest.plenaryKey,
      committeeKeys: singleBoard.manifest.committee.map((c) => c.publicKey.toUpperCase()).reverse(),
    };
    add(
      'anchors-ok',
      'Verifying: anchors',
      'The root from the minutes, plenary key and the committee keys from the log (any order, any case) agree.',
      singleBoard,
      ok(singleBoard),
      { anchors },
    );
    add(
      'anchors-root',
      'Verifying: anchors',
      'A board with another root than the minutes recorded.',
      singleBoard,
      fails('anchors'),
      { anchors: { root: emptyBoard.root } },
    );
    add(
      'anchors-committee',
      'Verifying: anchors',
      "A board whose committee is not the one enrolled in the sitting's log (a whole board rebuilt with fresh keys).",
      singleBoard,
      fails('anchors'),
      { anchors: { committeeKeys: emptyBoard.manifest.committee.map((c) => c.publicKey) } },
    );
    add(
      'anchors-election-fingerprints',
      'Verifying: anchors',
      "The election id and the committee by its key fingerprints H(publicKey), as SecretBallotOpened records them in the sitting's log.",
      singleBoard,
      ok(singleBoard),
      {
        anchors: {
          electionId: singleBoard.electionId,
          committeeKeys: singleBoard.manifest.committee.map((c) => keyFingerprint(c.publicKey)),
        },
      },
    );
    add(
      'anchors-election',
      'Verifying: anchors',
      "A board of another election than the one the sitting's log recorded when the ballot opened.",
      singleBoard,
      fails('anchors'),
      { anchors: { electionId: emptyBoard.electionId } },
    );
    add(
      'anchors-plenary',
      'Verifying: anchors',
      "A roll signed by another key than plenary's.",
      singleBoard,
      fails('anchors'),
      { anchors: { plenaryKey: emptyBoard.manifest.plenaryKey } },
    );
    const receipt = single.receipts[0];
    const ballot0 = single.ballots[0];
    if (!receipt || !ballot0) throw new Error('no receipt');
    add(
      'receipt-ok',
      'Verifying: receipt',
      "A voter's signed receipt: the ballot is on the board unchanged.",
      singleBoard,
      ok(singleBoard),
      { receipt },
    );
    add('receipt-nonce-ok', 'Verifying: receipt', 'A nonce alone.', singleBoard, ok(singleBoard), {
      receipt: receipt.receipt.nonce,
    });
    const dropped = close({
      ...single,
      ballots: single.ballots.filter((b) => b.nonce !== receipt.receipt.nonce),
    });
    add(
      'receipt-missing',
      'Verifying: receipt',
      'A ballot dropped before publication and the board counted without it: only the receipt (or the root in the minutes) shows it.',
      dropped,
      fails('receipt'),
      { receipt },
    );
    add(
      'receipt-forged',
      'Verifying: receipt',
      'A receipt not signed by the box key.',
      singleBoard,
      fails('receipt'),
      {
        receipt: {
          ...receipt,
          signature: toHex(
            ed25519.sign(utf8ToBytes(canonicalJson(receipt.receipt)), keypair().secretKey),
          ),
        },
      },
    );
    add(
      'receipt-bad-nonce',
      'Verifying: receipt',
      'A nonce that is not 64 lowercase hex characters.',
      singleBoard,
      fails('receipt'),
      { receipt: receipt.receipt.nonce.toUpperCase() },
    );

    // ---------- tampered boards, one per check, in check order ----------
    const base = singleBoard;
    const committee = single.committee;
    const t = (name: string, rule: string, description: string, board: unknown, error: string) =>
      add(name, rule, description, board, fails(error));

    t(
      'schema-untrimmed-name',
      'Bulletin board',
      "A committee member's name with a trailing space: the schema would trim it, so the board is not in its checked form (its hash would pass as the signed one).",
      {
        ...clone(base),
        manifest: {
          ...base.manifest,
          committee: base.manifest.committee.map((c, i) =>
            i === 0 ? { ...c, name: c.name + ' ' } : c,
          ),
        },
      },
      'schema',
    );
    t(
      'schema-uppercase-hex',
      'Encodings',
      'Uppercase hex in a ballot nonce.',
      {
        ...clone(base),
        ballots: base.ballots.map((b, i) => (i === 0 ? { ...b, nonce: b.nonce.toUpperCase() } : b)),
      },
      'schema',
    );
    t(
      'schema-extra-member',
      'Bulletin board',
      'An extra member on the board object.',
      { ...clone(base), note: 'x' },
      'schema',
    );
    t(
      'election-id',
      'Verifying: election-id',
      'The manifest title edited after the committee signed.',
      { ...clone(base), manifest: { ...base.manifest, title: 'Ett annat val' } },
      'election-id',
    );
    t(
      'dst',
      'Verifying: dst',
      'A manifest naming another hash-to-curve tag (electionId recomputed).',
      (() => {
        const b = clone(base);
        b.manifest.dst = 'BLS_SIG_BLS12381G1_XMD:SHA-256_SSWU_RO_NUL_';
        b.electionId = toHex(electionIdOf(b.manifest));
        return b;
      })(),
      'dst',
    );
    t(
      'manifest-signatures-missing',
      'Verifying: manifest-signatures',
      'One committee member never approved the manifest.',
      { ...clone(base), manifestSignatures: base.manifestSignatures.slice(0, 2) },
      'manifest-signatures',
    );
    t(
      'manifest-signatures-duplicated',
      'Verifying: manifest-signatures',
      "A member's approval listed twice in place of another member's.",
      {
        ...clone(base),
        manifestSignatures: [
          base.manifestSignatures[0],
          base.manifestSignatures[0],
          base.manifestSignatures[1],
        ],
      },
      'manifest-signatures',
    );
    t(
      'close-approvals-one',
      'Verifying: close-approvals',
      'Closed with one committee approval.',
      { ...clone(base), closeApprovals: base.closeApprovals.slice(0, 1) },
      'close-approvals',
    );
    t(
      'close-approvals-twice',
      'Verifying: close-approvals',
      "One member's approval twice.",
      { ...clone(base), closeApprovals: [base.closeApprovals[0], base.closeApprovals[0]] },
      'close-approvals',
    );
    t(
      'close-approvals-outsider',
      'Verifying: close-approvals',
      'A second approval signed by a key outside the committee.',
      {
        ...clone(base),
        closeApprovals: [
          base.closeApprovals[0],
          {
            memberId: 'valberedning-2',
            signature: toHex(
              ed25519.sign(
                concatBytes(
                  utf8ToBytes('council-ballot/v1/close\n'),
                  fromHex(base.electionId, 32, 'e'),
                ),
                keypair().secretKey,
              ),
            ),
          },
        ],
      },
      'close-approvals',
    );
    const c0 = committee[0];
    if (!c0) throw new Error('committee');
    t(
      'keys-shared-committee-key',
      'Verifying: keys',
      "One person holds two committee seats: member 2 carries member 1's key, and member 1 signs for both.",
      remanifest(
        base,
        committee,
        (mm) => {
          const first = mm.committee[0];
          const second = mm.committee[1];
          if (first && second) second.publicKey = first.publicKey;
        },
        [c0, c0, committee[2] ?? c0],
      ),
      'keys',
    );
    t(
      'keys-small-order-registrar',
      'Verifying: keys',
      'A small-order registrar key (the identity point), which would verify anything; manifest re-signed by the committee.',
      remanifest(base, committee, (mm) => {
        mm.registrarKey = '01' + '00'.repeat(31);
      }),
      'keys',
    );
    const dupRoll = clone(single.roll);
    const firstMember = dupRoll.roll.members[0];
    if (!firstMember) throw new Error('roll');
    dupRoll.roll.members.push({ ...firstMember });
    dupRoll.signature = toHex(
      ed25519.sign(rollSigningBytes(dupRoll.roll), single.plenary.secretKey),
    );
    t(
      'roll-member-twice',
      'Verifying: roll',
      'Plenary signed a roll listing a member twice (rollHash updated, manifest re-signed).',
      {
        ...remanifest(base, committee, (mm) => {
          mm.rollHash = toHex(hashJson(dupRoll));
        }),
        roll: dupRoll,
      },
      'roll',
    );
    t(
      'roll-signature',
      'Verifying: roll',
      'A roll member renamed after plenary signed.',
      {
        ...clone(base),
        roll: {
          ...base.roll,
          roll: {
            ...base.roll.roll,
            members: base.roll.roll.members.map((x, i) =>
              i === 0 ? { ...x, name: 'Någon Annan' } : x,
            ),
          },
        },
      },
      'roll',
    );
    const keys = { electionId: base.electionId, ...single.created.secrets };
    const fake = forgeBallot(single, B);
    const ghost = answerIssuance(keys, 'member-9999', fake.blinded);
    if (!('answer' in ghost)) throw new Error('issuance');
    t(
      'issuance-absent-member',
      'Verifying: issuance-answers',
      'The registrar invents an issuance for someone not on the roll and casts with it.',
      (() => {
        const b = withBallots(base, [...base.ballots, fake.ballot]);
        b.issuance = [...b.issuance, ghost];
        b.counts.issued++;
        return b;
      })(),
      'issuance-answers',
    );
    t(
      'issuance-unsorted',
      'Verifying: issuance-answers',
      'Issuance not sorted by memberId (it would carry issuance order).',
      { ...clone(base), issuance: [...base.issuance].reverse() },
      'issuance-answers',
    );
    t(
      'issuance-torsion-signature',
      'Encodings: Ed25519',
      'A registrar answer signed with an R that carries a point of order 8: valid under the cofactored equation, not under the cofactorless one the document requires.',
      (() => {
        const b = clone(base);
        const first = b.issuance[0];
        if (first)
          first.signature = torsionSignature(
            utf8ToBytes(canonicalJson(first.answer)),
            single.created.secrets.registrarSecretKey,
          );
        return b;
      })(),
      'issuance-answers',
    );
    const b0 = base.ballots[0];
    const b1 = base.ballots[1];
    if (!b0 || !b1) throw new Error('ballots');
    t(
      'ballots-duplicate-nonce',
      'Verifying: ballots-unique',
      'One ballot twice.',
      withBallots(base, [...base.ballots, clone(b0)]),
      'ballots-unique',
    );
    t(
      'ballots-reordered',
      'Verifying: ballots-unique',
      'Two ballots swapped (board order would carry arrival order).',
      withBallots(base, [b1, b0, ...base.ballots.slice(2)], false),
      'ballots-unique',
    );
    t(
      'ballot-signature-forged',
      'Verifying: ballot-signatures',
      'A ballot whose signature is a random G1 point.',
      withBallots(
        base,
        base.ballots.map((b, i) =>
          i === 0
            ? { ...b, signature: toHex(bls12_381.G1.Point.BASE.multiply(123456789n).toBytes(true)) }
            : b,
        ),
      ),
      'ballot-signatures',
    );
    const X = bls12_381.G1.Point.BASE.multiply(987654321n);
    const g1 = (hex: string) => bls12_381.G1.Point.fromBytes(fromHex(hex, 48, 's'));
    t(
      'ballot-signatures-aggregate-trap',
      'Verifying: ballot-signatures',
      'S₁ + X and S₂ − X: the sum is unchanged, so plain aggregation would pass it.',
      withBallots(
        base,
        base.ballots.map((b, i) =>
          i === 0
            ? { ...b, signature: toHex(g1(b.signature).add(X).toBytes(true)) }
            : i === 1
              ? { ...b, signature: toHex(g1(b.signature).subtract(X).toBytes(true)) }
              : b,
        ),
      ),
      'ballot-signatures',
    );
    const other = generateBlsKeyPair();
    t(
      'issuance-signature-other-key',
      'Verifying: issuance-signatures',
      "The registrar signed one member's blinded ballot with another BLS key (a tagging key), its answer properly signed.",
      (() => {
        const b = clone(base);
        const first = b.issuance[0];
        if (first) {
          first.answer.blindSignature = toHex(
            signBlinded(fromHex(first.answer.blinded, 48, 'b'), other.secretKey),
          );
          first.signature = toHex(
            signJson(first.answer, single.created.secrets.registrarSecretKey),
          );
        }
        return b;
      })(),
      'issuance-signatures',
    );
    t(
      'invariant-minted',
      'Verifying: invariant',
      'Two ballots minted with the registrar key outside any issuance.',
      withBallots(base, [
        ...base.ballots,
        forgeBallot(single, C).ballot,
        forgeBallot(single, C).ballot,
      ]),
      'invariant',
    );
    t(
      'counts-eligible',
      'Verifying: counts',
      'counts.eligible published larger than the roll.',
      { ...clone(base), counts: { ...base.counts, eligible: base.counts.eligible + 1 } },
      'counts',
    );
    t(
      'root-deleted-ballot',
      'Verifying: root',
      'A ballot dropped after the root went into the minutes (counts adjusted).',
      {
        ...clone(base),
        ballots: base.ballots.slice(1),
        counts: { ...base.counts, cast: base.counts.cast - 1 },
      },
      'root',
    );
    t(
      'decryption-key',
      'Verifying: decryption-key',
      'A published secret that is not the manifest key.',
      { ...clone(base), decryptionKey: toHex(sha256(utf8ToBytes('wrong key'))) },
      'decryption-key',
    );
    t(
      'lottning-reveals-physical-with-all-seeds',
      'Lottning: physical',
      'The lot claimed as drawn in the room although every seed was revealed.',
      { ...clone(tieBoard), lottning: { ...tieBoard.lottning, method: 'physical' } },
      'lottning-reveals',
    );
    t(
      'lottning-reveals-order',
      'Lottning: commit-reveal',
      'The three seeds listed out of committee order.',
      {
        ...clone(tieBoard),
        lottning: { ...tieBoard.lottning, reveals: [...tieBoard.lottning.reveals].reverse() },
      },
      'lottning-reveals',
    );
    const marked = canonicalBoard;
    const dupKeyNonce = canonical.ballots[1]?.nonce;
    t(
      'invalid-duplicate-key-counted',
      'Reading a ballot: rule 4',
      'The operator counts a ballot marked with a duplicate JSON key as a vote (invalid list, counts and tally adjusted).',
      (() => {
        const b = clone(marked);
        b.invalid = b.invalid.filter((i) => i.nonce !== dupKeyNonce);
        b.counts.invalid = b.invalid.length;
        const anna = b.tally.votes.find((x) => x.key === A);
        if (anna) anna.votes++;
        return b;
      })(),
      'invalid-ballots',
    );
    t(
      'invalid-reason',
      'Verifying: invalid-ballots',
      'An invalid ballot published with another reason.',
      {
        ...clone(canonicalBoard),
        invalid: canonicalBoard.invalid.map((i, k) =>
          k === 0 ? { ...i, reason: 'DECRYPT_FAILED' as const } : i,
        ),
      },
      'invalid-ballots',
    );
    t(
      'blank-count',
      'Verifying: blank-invalid-counts',
      'One blank more than the ballots hold.',
      { ...clone(base), counts: { ...base.counts, blank: base.counts.blank + 1 } },
      'blank-invalid-counts',
    );
    t(
      'tally-elected',
      'Verifying: tally',
      'Another winner published.',
      { ...clone(base), tally: { ...base.tally, elected: [B] } },
      'tally',
    );
    t(
      'tally-votes-order',
      'Counting',
      'tally.votes sorted by votes instead of manifest order.',
      {
        ...clone(base),
        tally: { ...base.tally, votes: [...base.tally.votes].sort((x, y) => x.votes - y.votes) },
      },
      'tally',
    );
    t(
      'tally-zero-vote-elected',
      'Counting: by most votes',
      'The empty second seat filled with a candidate who had 0 votes.',
      {
        ...clone(emptyBoard),
        tally: { ...emptyBoard.tally, elected: [...emptyBoard.tally.elected, C] },
      },
      'tally',
    );
    t(
      'tally-yesno-0-0',
      'Counting: yesno',
      "A 0–0 yes/no published as decided 'ja'.",
      { ...clone(zeroBoard), tally: { ...zeroBoard.tally, elected: ['ja'] } },
      'tally',
    );
    t(
      'tally-list-seat-order',
      "Counting: d'Hondt",
      'Elected listed in the order the seats were won instead of by group.',
      {
        ...clone(listBoard),
        tally: {
          ...listBoard.tally,
          elected: [
            'S: Sara Svensson',
            'M: Maria Moberg',
            'S: Sven Sjö',
            ...listBoard.tally.elected.filter(
              (e) => !['S: Sara Svensson', 'M: Maria Moberg', 'S: Sven Sjö'].includes(e),
            ),
          ],
        },
      },
      'tally',
    );
    t(
      'tally-tie-without-lot',
      'Lottning: none',
      'A tie on a board claiming no lot was needed (one seed left out to make none allowed).',
      {
        ...clone(tieBoard),
        lottning: { method: 'none', reveals: tieBoard.lottning.reveals.slice(0, 2), draws: [] },
      },
      'tally',
    );
    t(
      'tally-physical-draw-mismatch',
      'Lottning: physical',
      'A recorded draw for another context than the tie the count meets.',
      {
        ...clone(physBoard),
        lottning: {
          ...physBoard.lottning,
          draws: physBoard.lottning.draws.map((d) => ({ ...d, context: 'place 2' })),
        },
      },
      'tally',
    );
    t(
      'tally-lot-reversed',
      'Verifying: tally',
      'The drawn order reversed and its first declared elected: the seeds draw otherwise.',
      {
        ...clone(tieBoard),
        lottning: {
          ...tieBoard.lottning,
          draws: tieBoard.lottning.draws.map((d) => ({ ...d, order: [...d.order].reverse() })),
        },
        tally: { ...tieBoard.tally, elected: [tieBoard.lottning.draws[0]?.order.at(-1) ?? ''] },
      },
      'tally',
    );
    t(
      'lottning-order-changed',
      'Verifying: lottning',
      'The places after the winner swapped in the recorded order: the result stands, the transcript does not.',
      {
        ...clone(tieBoard),
        lottning: {
          ...tieBoard.lottning,
          draws: tieBoard.lottning.draws.map((d) => ({
            ...d,
            order: [d.order[0] ?? '', ...d.order.slice(1).reverse()],
          })),
        },
      },
      'lottning',
    );
    t(
      'lottning-extra-draw',
      'Verifying: lottning',
      'A draw on the board that the count never needed.',
      {
        ...clone(base),
        lottning: {
          ...base.lottning,
          draws: [{ context: 'place 1', tied: [A, B], order: [A, B] }],
        },
      },
      'lottning',
    );
    return v;
  });
}

/** A ballot signed directly with the registrar's BLS secret (a leaked key or a corrupt registrar). */
function forgeBallot(r: Run, choice: string): { ballot: Ballot; blinded: string } {
  const payload = encryptPadded(r.created.manifest, pad(utf8ToBytes(text(choice))));
  const nonce = toHex(randomBytes(32));
  const unsigned = { electionId: r.created.electionId, nonce, payload };
  const H = bls12_381.shortSignatures.hash(messageOf(unsigned), r.created.manifest.dst);
  const signature = toHex(H.multiply(bytesToBigInt(r.created.secrets.blsSecretKey)).toBytes(true));
  return { ballot: { ...unsigned, signature }, blinded: toHex(H.toBytes(true)) };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const dir = fileURLToPath(new URL('../../vectors/', import.meta.url));
  for (const f of readdirSync(dir)) if (f.endsWith('.json')) unlinkSync(dir + f);
  const vectors = generateVectors();
  // In the repository's JSON style, so `prettier --check` and a rerun of this script both leave the files alone.
  const { format } = await import('prettier');
  for (const vector of vectors)
    writeFileSync(
      `${dir}${vector.name}.json`,
      await format(JSON.stringify(vector), { parser: 'json', printWidth: 100 }),
    );
  console.log(`wrote ${vectors.length} vectors`);
}
