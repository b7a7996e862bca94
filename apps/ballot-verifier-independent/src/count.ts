// docs/ballot.md "Encrypting and reading a ballot", "Counting" and "Lottning", implemented from the document.
import { xchacha20poly1305 } from '@noble/ciphers/chacha.js';
import { hkdf } from '@noble/hashes/hkdf.js';
import { sha256 } from '@noble/hashes/sha2.js';
import {
  H,
  byCodeUnits,
  bytes,
  cj,
  compareBytes,
  concat,
  hex,
  unhex,
  x25519Shared,
} from './encodings.ts';
import { safeText } from './schema.ts';

export type Spec =
  | { type: 'single'; candidates: string[]; seats: number }
  | { type: 'multi'; candidates: string[]; maxChoices: number; seats: number }
  | { type: 'yesno' }
  | { type: 'list'; seats: number; maxNames: number };

export type Read =
  | { outcome: 'counted'; names: string[]; label?: string }
  | { outcome: 'blank' }
  | { outcome: 'invalid'; reason: string };

const invalid = (reason: string): Read => ({ outcome: 'invalid', reason });

/** Rules 1–3: the plaintext text, or null (DECRYPT_FAILED). */
export function decrypt(
  payload: { epk: string; iv: string; ct: string },
  electionId: string,
  secret: Uint8Array,
  encryptionKey: Uint8Array,
): string | null {
  const epk = unhex(payload.epk);
  const shared = x25519Shared(secret, epk);
  if (!shared) return null;
  const key = hkdf(
    sha256,
    shared,
    concat(epk, encryptionKey),
    bytes('council-ballot/v1/payload'),
    32,
  );
  let padded: Uint8Array;
  try {
    padded = xchacha20poly1305(key, unhex(payload.iv), unhex(electionId)).decrypt(
      unhex(payload.ct),
    );
  } catch {
    // the AEAD tag does not verify
    return null;
  }
  if (padded.length === 0 || padded.length % 512 !== 0) return null;
  let end = padded.length - 1;
  while (end >= 0 && padded[end] === 0) end--;
  if (end < 0 || padded[end] !== 0x80) return null;
  if (padded.length !== Math.ceil((end + 1) / 512) * 512) return null;
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(
      padded.subarray(0, end),
    );
  } catch {
    // not strict UTF-8
    return null;
  }
}

function allStrings(v: unknown): string[] {
  if (typeof v === 'string') return [v];
  if (Array.isArray(v)) return v.flatMap(allStrings);
  if (typeof v === 'object' && v !== null)
    return Object.entries(v).flatMap(([k, x]) => [k, ...allStrings(x)]);
  return [];
}

const isStrings = (v: unknown): v is string[] =>
  Array.isArray(v) && v.every((x) => typeof x === 'string');
const exactKeys = (v: object, keys: string[]) => cj(Object.keys(v).sort()) === cj([...keys].sort());

// The trim set of the document (ECMAScript String.prototype.trim), from both ends.
const TRIM_SET =
  '\\u0009-\\u000d\\u0020\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000\\ufeff';
const TRIM = new RegExp(`^[${TRIM_SET}]+|[${TRIM_SET}]+$`, 'g');
const trim = (s: string) => s.replace(TRIM, '');

/** Rules 4–9 over a decrypted text. */
export function read(spec: Spec, questionId: string, text: string): Read {
  let v: unknown;
  try {
    v = JSON.parse(text);
    // cj writes each key once, so a text with a duplicate key is never cj of what it parses to.
    if (cj(v) !== text) return invalid('MALFORMED');
  } catch {
    // not JSON, or a number with no canonical form
    return invalid('MALFORMED');
  }
  if (!allStrings(v).every(safeText)) return invalid('MALFORMED');
  if (
    typeof v !== 'object' ||
    v === null ||
    Array.isArray(v) ||
    !exactKeys(v, ['questionId', 'choice'])
  )
    return invalid('MALFORMED');
  const o = v as { questionId: unknown; choice: unknown };
  const choice = o.choice;
  const shapeOk =
    typeof o.questionId === 'string' &&
    (choice === null ||
      typeof choice === 'string' ||
      isStrings(choice) ||
      (typeof choice === 'object' &&
        !Array.isArray(choice) &&
        exactKeys(choice, ['label', 'names']) &&
        typeof (choice as { label: unknown }).label === 'string' &&
        isStrings((choice as { names: unknown }).names)));
  if (!shapeOk) return invalid('MALFORMED');
  if (o.questionId !== questionId) return invalid('WRONG_QUESTION');
  if (choice === null) return { outcome: 'blank' };
  switch (spec.type) {
    case 'single':
      if (typeof choice !== 'string') return invalid('MALFORMED');
      if (!spec.candidates.includes(choice)) return invalid('UNKNOWN_CANDIDATE');
      return { outcome: 'counted', names: [choice] };
    case 'multi':
      if (!Array.isArray(choice)) return invalid('MALFORMED');
      if (choice.length === 0) return { outcome: 'blank' };
      if (new Set(choice).size !== choice.length) return invalid('DUPLICATE_CHOICE');
      if (choice.length > spec.maxChoices) return invalid('TOO_MANY_CHOICES');
      if (!choice.every((c: string) => spec.candidates.includes(c)))
        return invalid('UNKNOWN_CANDIDATE');
      return { outcome: 'counted', names: [...(choice as string[])] };
    case 'yesno':
      return choice === 'ja' || choice === 'nej'
        ? { outcome: 'counted', names: [choice] }
        : invalid('MALFORMED');
    case 'list': {
      if (typeof choice !== 'object' || Array.isArray(choice)) return invalid('MALFORMED');
      const c = choice as { label: string; names: string[] };
      const label = trim(c.label);
      const names = c.names.map(trim);
      if (
        label === '' ||
        label.length > 200 ||
        names.length === 0 ||
        names.some((n) => n === '' || n.length > 200)
      )
        return invalid('MALFORMED');
      if (new Set(names).size !== names.length) return invalid('DUPLICATE_CHOICE');
      if (names.length > spec.maxNames) return invalid('TOO_MANY_CHOICES');
      return { outcome: 'counted', label, names };
    }
  }
}

// ---------- lottning ----------

export interface Draw {
  context: string;
  tied: string[];
  order: string[];
}

/** Returns the drawn order, or throws when the board's lottning cannot decide this tie. */
export type Lot = (context: string, tied: string[]) => string[];

export function seededLot(electionId: string, seeds: string[]): Lot {
  const lotSeed = H(concat(bytes('council-ballot/v1/lot'), unhex(electionId), ...seeds.map(unhex)));
  return (context, tied) => {
    const key = (e: string) => H(concat(lotSeed, bytes(context), Uint8Array.of(0), bytes(e)));
    return tied
      .map((e) => ({ e, k: key(e) }))
      .sort((a, b) => compareBytes(a.k, b.k))
      .map((x) => x.e);
  };
}

export function recordedLot(draws: readonly Draw[]): Lot {
  let k = 0;
  const sameSet = (a: readonly string[], b: readonly string[]) =>
    a.length === b.length && cj([...a].sort(byCodeUnits)) === cj([...b].sort(byCodeUnits));
  return (context, tied) => {
    const d = draws[k++];
    if (!d || d.context !== context || !sameSet(d.tied, tied) || !sameSet(d.order, tied))
      throw new Error(`no recorded draw for the tie at ${context}`);
    return [...d.order];
  };
}

export const noLot: Lot = (context) => {
  throw new Error(`a tie at ${context} and no lot`);
};

// ---------- counting ----------

export interface Tally {
  votes: { key: string; votes: number }[];
  elected: string[];
  seats: { key: string; seats: number }[];
}

function byMostVotes(votes: { key: string; votes: number }[], seats: number, lot: Lot): string[] {
  const elected: string[] = [];
  const levels = [...new Set(votes.map((v) => v.votes).filter((n) => n > 0))].sort((a, b) => b - a);
  for (const level of levels) {
    const left = seats - elected.length;
    if (left <= 0) break;
    const names = votes.filter((v) => v.votes === level).map((v) => v.key);
    if (names.length <= left) elected.push(...names);
    else {
      elected.push(...lot(`place ${elected.length + 1}`, names).slice(0, left));
      break;
    }
  }
  return elected;
}

export function count(
  spec: Spec,
  counted: Extract<Read, { outcome: 'counted' }>[],
  lot: Lot,
): Tally {
  if (spec.type === 'single' || spec.type === 'multi' || spec.type === 'yesno') {
    const keys = spec.type === 'yesno' ? ['ja', 'nej'] : spec.candidates;
    const votes = keys.map((key) => ({
      key,
      votes: counted.filter((c) => c.names.includes(key)).length,
    }));
    return {
      votes,
      elected: byMostVotes(votes, spec.type === 'yesno' ? 1 : spec.seats, lot),
      seats: [],
    };
  }
  const groups = new Map<string, { label: string; names: string[]; votes: number }>();
  for (const c of counted) {
    const key = cj({ label: c.label, names: c.names });
    const g = groups.get(key) ?? { label: c.label ?? '', names: c.names, votes: 0 };
    g.votes++;
    groups.set(key, g);
  }
  const keys = [...groups.keys()].sort(byCodeUnits);
  const won = new Map(keys.map((k) => [k, 0]));
  for (let seat = 1; seat <= spec.seats; seat++) {
    let best: string[] = [];
    let bestVotes = 0n;
    let bestDiv = 1n;
    for (const k of keys) {
      const g = groups.get(k);
      const w = won.get(k) ?? 0;
      if (!g || g.votes === 0 || w >= g.names.length) continue;
      const a = BigInt(g.votes);
      const b = BigInt(w + 1);
      if (best.length === 0 || a * bestDiv > bestVotes * b) {
        best = [k];
        bestVotes = a;
        bestDiv = b;
      } else if (a * bestDiv === bestVotes * b) best.push(k);
    }
    if (best.length === 0) break;
    const winner = best.length === 1 ? best[0] : lot(`seat ${seat}`, best)[0];
    if (winner === undefined) break;
    won.set(winner, (won.get(winner) ?? 0) + 1);
  }
  return {
    votes: keys.map((key) => ({ key, votes: groups.get(key)?.votes ?? 0 })),
    elected: keys.flatMap((k) => {
      const g = groups.get(k);
      return g ? g.names.slice(0, won.get(k) ?? 0).map((n) => `${g.label}: ${n}`) : [];
    }),
    seats: keys.map((key) => ({ key, seats: won.get(key) ?? 0 })),
  };
}

export { hex };
