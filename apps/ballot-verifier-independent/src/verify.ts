// An independent verifier of council ballot boards, written from docs/ballot.md alone ("Verifying a board"): the checks
// in the document's order, stopping at the first that fails. Imports nothing but @noble/* (and node:* in the CLI).
import { randomBytes } from '@noble/hashes/utils.js';
import {
  DST,
  G1,
  type G1P,
  H,
  byCodeUnits,
  bytes,
  cj,
  compareBytes,
  concat,
  edVerify,
  g1,
  g2,
  hashJson,
  hashToG1,
  hex,
  merkle,
  pairs,
  sameBytes,
  unhex,
  validEdKey,
  x25519Public,
} from './encodings.ts';
import {
  type Draw,
  type Lot,
  type Read,
  type Spec,
  count,
  decrypt,
  noLot,
  read,
  recordedLot,
  seededLot,
} from './count.ts';
import { board as boardShape, signedReceipt } from './schema.ts';

export interface Anchors {
  root?: string;
  electionId?: string;
  plenaryKey?: string;
  /** Each a committee key or its fingerprint H(key). */
  committeeKeys?: readonly string[];
}

export interface Options {
  receipt?: unknown;
  anchors?: Anchors;
}

export type Outcome =
  | {
      ok: true;
      elected: string[];
      counts: { eligible: number; issued: number; cast: number; blank: number; invalid: number };
      root: string;
      lottning: string;
    }
  | { ok: false; error: string; detail: string };

/* The board as the schema check leaves it (types only; the values were checked by schema.ts). */
interface Signed {
  memberId: string;
  signature: string;
}
interface Ballot {
  electionId: string;
  nonce: string;
  payload: { epk: string; iv: string; ct: string };
  signature: string;
}
interface Board {
  electionId: string;
  manifest: {
    questionId: string;
    sittingId: string;
    itemId: string;
    ballot: Spec;
    rollHash: string;
    plenaryKey: string;
    blsPublicKey: string;
    registrarKey: string;
    boxKey: string;
    encryptionKey: string;
    committee: { memberId: string; publicKey: string; lotCommitment: string }[];
    dst: string;
  };
  manifestSignatures: Signed[];
  closeApprovals: Signed[];
  roll: {
    roll: {
      questionId: string;
      sittingId: string;
      itemId: string;
      members: { memberId: string }[];
    };
    signature: string;
  };
  issuance: {
    answer: { electionId: string; memberId: string; blinded: string; blindSignature: string };
    signature: string;
  }[];
  ballots: Ballot[];
  root: string;
  decryptionKey: string;
  invalid: { nonce: string; reason: string }[];
  tally: unknown;
  lottning: { method: string; reveals: { memberId: string; seed: string }[]; draws: Draw[] };
  counts: { eligible: number; issued: number; cast: number; blank: number; invalid: number };
}

class Failed extends Error {
  constructor(
    readonly check: string,
    readonly detail: string,
  ) {
    super(`${check}: ${detail}`);
  }
}

function need(ok: boolean, check: string, detail: string): void {
  if (!ok) throw new Failed(check, detail);
}

export function verify(input: unknown, options: Options = {}): Outcome {
  try {
    return run(input, options);
  } catch (e) {
    if (e instanceof Failed) return { ok: false, error: e.check, detail: e.detail };
    throw e;
  }
}

/** Signature checks 11 and 12: all together with secret random 64-bit coefficients, then one by one. */
function blsAll(
  items: { s: Uint8Array; h: () => G1P | null }[],
  pk: ReturnType<typeof g2>,
): number[] {
  if (!pk) return items.map((_, i) => i);
  const decoded = items.map((it) => {
    const s = g1(it.s);
    const h = s ? it.h() : null;
    return s && h ? { s, h } : null;
  });
  const bad = decoded.flatMap((d, i) => (d ? [] : [i]));
  const good = decoded.flatMap((d) => (d ? [d] : []));
  if (good.length === 0) return bad;
  let S = G1.ZERO;
  let Hs = G1.ZERO;
  const r = randomBytes(8 * good.length);
  good.forEach((d, i) => {
    let c = 0n;
    for (let k = 0; k < 8; k++) c = (c << 8n) | BigInt(r[8 * i + k] ?? 0);
    if (c === 0n) c = 1n;
    S = S.add(d.s.multiply(c));
    Hs = Hs.add(d.h.multiply(c));
  });
  if (!S.is0() && !Hs.is0() && pairs(S, Hs, pk)) return bad;
  return decoded.flatMap((d, i) => (!d || !pairs(d.s, d.h, pk) ? [i] : []));
}

function run(input: unknown, options: Options): Outcome {
  // 1 schema
  const shape = boardShape(input, 'board');
  need(shape === null, 'schema', shape ?? '');
  const b = input as Board;
  const m = b.manifest;

  // 2 anchors
  if (options.anchors) {
    const a = options.anchors;
    const same = (x: string, y: string) => /^[0-9a-fA-F]{64}$/.test(x) && x.toLowerCase() === y;
    need(a.root === undefined || same(a.root, b.root), 'anchors', 'root');
    need(a.electionId === undefined || same(a.electionId, b.electionId), 'anchors', 'election id');
    need(a.plenaryKey === undefined || same(a.plenaryKey, m.plenaryKey), 'anchors', 'plenary key');
    if (a.committeeKeys !== undefined) {
      const given = a.committeeKeys.map((k) => k.toLowerCase());
      const forms = m.committee.map((c) => [c.publicKey, hex(H(unhex(c.publicKey)))]);
      need(
        forms.every((f) => given.some((g) => f.includes(g))) &&
          given.every((g) => forms.some((f) => f.includes(g))),
        'anchors',
        'committee keys',
      );
    }
  }

  // 3 election-id, 4 dst
  const eid = unhex(b.electionId);
  need(sameBytes(hashJson(m), eid), 'election-id', 'electionId is not hashJson(manifest)');
  need(m.dst === DST, 'dst', 'manifest.dst');

  // 5 manifest-signatures
  const manifestBytes = concat(bytes('council-ballot/v1/manifest\n'), eid);
  need(
    b.manifestSignatures.length === 3 &&
      m.committee.every((c) => {
        const s = b.manifestSignatures.find((x) => x.memberId === c.memberId);
        return s !== undefined && edVerify(unhex(s.signature), manifestBytes, unhex(c.publicKey));
      }),
    'manifest-signatures',
    'every committee member signs the manifest, once',
  );

  // 6 close-approvals
  const closeBytes = concat(bytes('council-ballot/v1/close\n'), eid);
  const closers = new Set<string>();
  for (const a of b.closeApprovals) {
    const c = m.committee.find((x) => x.memberId === a.memberId);
    need(
      c !== undefined &&
        !closers.has(a.memberId) &&
        edVerify(unhex(a.signature), closeBytes, unhex(c.publicKey)),
      'close-approvals',
      `approval by ${a.memberId}`,
    );
    closers.add(a.memberId);
  }
  need(closers.size >= 2, 'close-approvals', 'two committee members');

  // 7 keys
  const pk = g2(unhex(m.blsPublicKey));
  need(pk !== null, 'keys', 'blsPublicKey');
  need(
    [m.plenaryKey, m.registrarKey, m.boxKey, ...m.committee.map((c) => c.publicKey)].every((k) =>
      validEdKey(unhex(k)),
    ),
    'keys',
    'Ed25519 keys',
  );
  need(
    new Set(m.committee.map((c) => c.memberId)).size === 3 &&
      new Set(m.committee.map((c) => c.publicKey)).size === 3,
    'keys',
    'three different committee members and keys',
  );

  // 8 roll
  const r = b.roll.roll;
  const eligible = new Set(r.members.map((x) => x.memberId));
  need(
    edVerify(
      unhex(b.roll.signature),
      bytes('council-ballot/v1/eligible-roll\n' + cj(r)),
      unhex(m.plenaryKey),
    ) &&
      hex(hashJson(b.roll)) === m.rollHash &&
      r.questionId === m.questionId &&
      r.sittingId === m.sittingId &&
      r.itemId === m.itemId &&
      eligible.size === r.members.length,
    'roll',
    'the signed roll of this question',
  );

  // 9 issuance-answers
  let previous: string | null = null;
  const issued = new Set<string>();
  for (const i of b.issuance) {
    const a = i.answer;
    need(
      edVerify(unhex(i.signature), bytes(cj(a)), unhex(m.registrarKey)),
      'issuance-answers',
      `${a.memberId}: signature`,
    );
    need(a.electionId === b.electionId, 'issuance-answers', `${a.memberId}: election`);
    need(eligible.has(a.memberId), 'issuance-answers', `${a.memberId}: not on the roll`);
    need(!issued.has(a.memberId), 'issuance-answers', `${a.memberId}: twice`);
    need(previous === null || byCodeUnits(previous, a.memberId) < 0, 'issuance-answers', 'order');
    issued.add(a.memberId);
    previous = a.memberId;
  }

  // 10 ballots-unique
  const keys = b.ballots.map((x) => H(unhex(x.nonce)));
  need(
    keys.every((k, i) => i === 0 || compareBytes(keys[i - 1] ?? k, k) < 0),
    'ballots-unique',
    'H(nonce) strictly ascending',
  );
  need(
    new Set(b.ballots.map((x) => x.signature)).size === b.ballots.length,
    'ballots-unique',
    'a signature twice',
  );
  need(
    b.ballots.every((x) => x.electionId === b.electionId),
    'ballots-unique',
    'another election',
  );

  // 11 ballot-signatures, 12 issuance-signatures
  const badBallots = blsAll(
    b.ballots.map((x) => ({
      s: unhex(x.signature),
      h: () =>
        hashToG1(
          concat(
            bytes('council-ballot/v1/ballot'),
            unhex(x.electionId),
            hashJson(x.payload),
            unhex(x.nonce),
          ),
        ),
    })),
    pk,
  );
  need(badBallots.length === 0, 'ballot-signatures', `ballots ${badBallots.join(', ')}`);
  const badIssuance = blsAll(
    b.issuance.map((i) => ({
      s: unhex(i.answer.blindSignature),
      h: () => g1(unhex(i.answer.blinded)),
    })),
    pk,
  );
  need(badIssuance.length === 0, 'issuance-signatures', `answers ${badIssuance.join(', ')}`);

  // 13 invariant, 14 counts, 15 root
  const n = { eligible: r.members.length, issued: b.issuance.length, cast: b.ballots.length };
  need(n.issued <= n.eligible && n.cast <= n.issued, 'invariant', 'ballots ≤ issued ≤ eligible');
  need(
    b.counts.eligible === n.eligible && b.counts.issued === n.issued && b.counts.cast === n.cast,
    'counts',
    'eligible, issued, cast',
  );
  need(hex(merkle(b.ballots.map(hashJson))) === b.root, 'root', 'Merkle tree hash');

  // 16 decryption-key
  const secret = unhex(b.decryptionKey);
  const encryptionKey = unhex(m.encryptionKey);
  need(
    sameBytes(x25519Public(secret), encryptionKey),
    'decryption-key',
    'X25519(decryptionKey, 9)',
  );

  // 17 lottning-reveals
  const lt = b.lottning;
  const matches = (x: { memberId: string; seed: string }) => {
    const c = m.committee.find((y) => y.memberId === x.memberId);
    return (
      c !== undefined &&
      hex(H(concat(bytes('council-ballot/v1/lot-commitment'), unhex(x.seed)))) === c.lotCommitment
    );
  };
  let lot: Lot;
  if (lt.method === 'commit-reveal') {
    need(
      lt.reveals.length === 3 &&
        lt.reveals.every((x, i) => x.memberId === m.committee[i]?.memberId && matches(x)),
      'lottning-reveals',
      'the three seeds in committee order',
    );
    lot = seededLot(
      b.electionId,
      lt.reveals.map((x) => x.seed),
    );
  } else {
    const at = lt.reveals.map((x) => m.committee.findIndex((c) => c.memberId === x.memberId));
    need(
      lt.reveals.every(matches) &&
        at.every((p, i) => p >= 0 && (i === 0 || p > (at[i - 1] ?? -1))) &&
        lt.reveals.length < 3,
      'lottning-reveals',
      'matching seeds in committee order, one missing',
    );
    lot = lt.method === 'physical' ? recordedLot(lt.draws) : noLot;
  }

  // 18 invalid-ballots, 19 blank-invalid-counts
  const results: Read[] = b.ballots.map((x) => {
    const text = decrypt(x.payload, x.electionId, secret, encryptionKey);
    return text === null
      ? { outcome: 'invalid', reason: 'DECRYPT_FAILED' }
      : read(m.ballot, m.questionId, text);
  });
  const invalid = b.ballots.flatMap((x, i) => {
    const res = results[i];
    return res?.outcome === 'invalid' ? [{ nonce: x.nonce, reason: res.reason }] : [];
  });
  need(cj(invalid) === cj(b.invalid), 'invalid-ballots', 'the invalid ballots and reasons');
  const blank = results.filter((x) => x.outcome === 'blank').length;
  need(
    b.counts.blank === blank && b.counts.invalid === invalid.length,
    'blank-invalid-counts',
    `blank ${blank}`,
  );

  // 20 tally, 21 lottning
  const drawn: Draw[] = [];
  const recording: Lot = (context, tied) => {
    const order = lot(context, tied);
    drawn.push({ context, tied: [...tied], order: [...order] });
    return order;
  };
  let tally;
  try {
    tally = count(
      m.ballot,
      results.flatMap((x) => (x.outcome === 'counted' ? [x] : [])),
      recording,
    );
  } catch (e) {
    throw new Failed('tally', e instanceof Error ? e.message : 'the count cannot be made');
  }
  need(cj(tally) === cj(b.tally), 'tally', `recount elects ${tally.elected.join(', ')}`);
  need(cj(drawn) === cj(lt.draws), 'lottning', 'the lots drawn');

  // 22 receipt
  if (options.receipt !== undefined) {
    const rc = options.receipt;
    if (typeof rc === 'string') {
      need(
        /^[0-9a-f]{64}$/.test(rc) && b.ballots.some((x) => x.nonce === rc),
        'receipt',
        'no such nonce',
      );
    } else {
      need(signedReceipt(rc, 'receipt') === null, 'receipt', 'malformed');
      const s = rc as {
        receipt: { electionId: string; nonce: string; ballotHash: string };
        signature: string;
      };
      const ballot = b.ballots.find((x) => x.nonce === s.receipt.nonce);
      need(
        edVerify(unhex(s.signature), bytes(cj(s.receipt)), unhex(m.boxKey)) &&
          s.receipt.electionId === b.electionId &&
          ballot !== undefined &&
          hex(hashJson(ballot)) === s.receipt.ballotHash,
        'receipt',
        'the ballot of this receipt',
      );
    }
  }
  return {
    ok: true,
    elected: tally.elected,
    counts: b.counts,
    root: b.root,
    lottning: lt.method,
  };
}
