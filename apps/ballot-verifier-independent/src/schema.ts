// docs/ballot.md "Bulletin board": the board's shape, field by field, checked by hand (exact members, exact hex
// lengths, ids, trimmed free text, timestamps). Returns the first problem found, or null.

type Check = (v: unknown, at: string) => string | null;

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function object(fields: Record<string, Check>): Check {
  return (v, at) => {
    if (!isObject(v)) return `${at}: expected an object`;
    const want = Object.keys(fields);
    for (const k of Object.keys(v)) if (!want.includes(k)) return `${at}.${k}: not allowed`;
    for (const k of want) {
      if (!(k in v)) return `${at}.${k}: missing`;
      const p = fields[k]?.(v[k], `${at}.${k}`);
      if (p) return p;
    }
    return null;
  };
}

function array(item: Check, min = 0, max = Infinity): Check {
  return (v, at) => {
    if (!Array.isArray(v)) return `${at}: expected an array`;
    if (v.length < min || v.length > max) return `${at}: ${min}–${max} entries`;
    for (let i = 0; i < v.length; i++) {
      const p = item(v[i], `${at}[${i}]`);
      if (p) return p;
    }
    return null;
  };
}

const hexOf =
  (n: number): Check =>
  (v, at) =>
    typeof v === 'string' && new RegExp(`^[0-9a-f]{${2 * n}}$`).test(v)
      ? null
      : `${at}: ${n} bytes of lowercase hex`;

const ct: Check = (v, at) =>
  typeof v === 'string' &&
  /^[0-9a-f]*$/.test(v) &&
  v.length % 2 === 0 &&
  v.length >= 32 &&
  v.length <= 16416
    ? null
    : `${at}: 16–8208 bytes of lowercase hex`;

const anyString: Check = (v, at) => (typeof v === 'string' ? null : `${at}: a string`);

const id: Check = (v, at) =>
  typeof v === 'string' && /^[A-Za-z0-9_.:-]{1,100}$/.test(v) ? null : `${at}: an id`;

// The trim set of the document (ECMAScript String.prototype.trim).
const TRIM =
  '\\u0009-\\u000d\\u0020\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000\\ufeff';
const EDGE = new RegExp(`^[${TRIM}]|[${TRIM}]$`);
// eslint-disable-next-line no-control-regex -- control characters are what is refused
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;

/** No control character but tab and newline, no lone surrogate. */
export function safeText(s: string): boolean {
  if (UNSAFE.test(s)) return false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const d = s.charCodeAt(i + 1);
      if (!(d >= 0xdc00 && d <= 0xdfff)) return false;
      i++;
    } else if (c >= 0xdc00 && c <= 0xdfff) return false;
  }
  return true;
}

const text =
  (min: number, max: number): Check =>
  (v, at) =>
    typeof v === 'string' && !EDGE.test(v) && v.length >= min && v.length <= max && safeText(v)
      ? null
      : `${at}: trimmed text of ${min}–${max} characters`;

const int =
  (min = -Number.MAX_SAFE_INTEGER, max = Number.MAX_SAFE_INTEGER): Check =>
  (v, at) =>
    typeof v === 'number' && Number.isSafeInteger(v) && v >= min && v <= max
      ? null
      : `${at}: an integer ${min}–${max}`;

const literal =
  (...values: unknown[]): Check =>
  (v, at) =>
    values.includes(v) ? null : `${at}: one of ${values.join(', ')}`;

function isDate(y: number, m: number, d: number): boolean {
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1] ?? 0;
  return d >= 1 && d <= days;
}

const timestamp: Check = (v, at) => {
  const m =
    typeof v === 'string'
      ? /^(\d{4})-(\d{2})-(\d{2})T([01]\d|2[0-3]):[0-5]\d:[0-5]\d(\.\d+)?(Z|[+-]([01]\d|2[0-3]):[0-5]\d)$/.exec(
          v,
        )
      : null;
  return m && isDate(Number(m[1]), Number(m[2]), Number(m[3]))
    ? null
    : `${at}: an RFC 3339 timestamp`;
};

function oneOf(byType: Record<string, Check>): Check {
  return (v, at) => {
    if (!isObject(v) || typeof v.type !== 'string' || !(v.type in byType))
      return `${at}.type: unknown`;
    return byType[v.type]?.(v, at) ?? null;
  };
}

const candidates = array(text(1, 200), 1, 200);
const seats = int(1, 100);
const signed = object({ memberId: id, signature: hexOf(64) });
const reveal = object({ memberId: id, seed: hexOf(32) });

const manifest = object({
  version: literal(1),
  questionId: id,
  sittingId: id,
  itemId: id,
  title: anyString,
  ballot: oneOf({
    single: object({ type: literal('single'), candidates, seats }),
    multi: object({ type: literal('multi'), candidates, maxChoices: int(1, 100), seats }),
    yesno: object({ type: literal('yesno') }),
    list: object({ type: literal('list'), seats, maxNames: int(1, 100) }),
  }),
  rollHash: hexOf(32),
  plenaryKey: hexOf(32),
  blsPublicKey: hexOf(96),
  registrarKey: hexOf(32),
  boxKey: hexOf(32),
  encryptionKey: hexOf(32),
  committee: array(
    object({ memberId: id, name: text(1, 200), publicKey: hexOf(32), lotCommitment: hexOf(32) }),
    3,
    3,
  ),
  dst: anyString,
  createdAt: timestamp,
});

export const board = object({
  format: literal('council-ballot-board/v1'),
  electionId: hexOf(32),
  manifest,
  manifestSignatures: array(signed),
  closeApprovals: array(signed),
  roll: object({
    roll: object({
      questionId: id,
      sittingId: id,
      itemId: id,
      frozenAt: timestamp,
      members: array(object({ memberId: id, name: text(1, 200), party: text(0, 100) }), 1, 2000),
    }),
    signature: hexOf(64),
  }),
  issuance: array(
    object({
      answer: object({
        electionId: hexOf(32),
        memberId: id,
        blinded: hexOf(48),
        blindSignature: hexOf(48),
      }),
      signature: hexOf(64),
    }),
  ),
  ballots: array(
    object({
      electionId: hexOf(32),
      nonce: hexOf(32),
      payload: object({ epk: hexOf(32), iv: hexOf(24), ct }),
      signature: hexOf(48),
    }),
  ),
  root: hexOf(32),
  decryptionKey: hexOf(32),
  invalid: array(
    object({
      nonce: hexOf(32),
      reason: literal(
        'DECRYPT_FAILED',
        'MALFORMED',
        'WRONG_QUESTION',
        'UNKNOWN_CANDIDATE',
        'TOO_MANY_CHOICES',
        'DUPLICATE_CHOICE',
      ),
    }),
  ),
  tally: object({
    votes: array(object({ key: anyString, votes: int() })),
    elected: array(anyString),
    seats: array(object({ key: anyString, seats: int() })),
  }),
  lottning: object({
    method: literal('commit-reveal', 'physical', 'none'),
    reveals: array(reveal),
    draws: array(object({ context: anyString, tied: array(anyString), order: array(anyString) })),
  }),
  counts: object({ eligible: int(), issued: int(), cast: int(), blank: int(), invalid: int() }),
});

export const signedReceipt = object({
  receipt: object({ electionId: hexOf(32), nonce: hexOf(32), ballotHash: hexOf(32) }),
  signature: hexOf(64),
});
