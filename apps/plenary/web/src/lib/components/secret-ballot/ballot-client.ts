// The browser side of a secret ballot (R21, R22): plenary's routes (create, assertion, share, result), the ballot service's
// routes at /ballot (question, signatures, issue, anonymous cast), and the committee's keys kept in this browser only.
import { ed25519 } from '@noble/curves/ed25519.js';
import { randomBytes } from '@noble/hashes/utils.js';
import {
  rejectionSchema,
  type Ack,
  type BallotChoice,
  type BallotSpec,
  type QuestionView,
  type SignedIssuance,
  type SignedReceipt,
} from '@council/shared';
import {
  finishBallot,
  prepareBallot,
  verifyQuestion,
  verifyReceipt,
} from '../../../../../../ballot/src/client/voter.ts';
import { fromHex, toHex } from '../../../../../../ballot/src/crypto/bytes.ts';
import { manifestSigningBytes } from '../../../../../../ballot/src/crypto/hash.ts';
import {
  SHARE_INFO,
  decryptPayload,
} from '../../../../../../ballot/src/crypto/payload-encryption.ts';
import { signingSecretToX25519 } from '../../../../../../ballot/src/crypto/signing.ts';
import { lotCommitment } from '../../../../../../ballot/src/domain/lottning.ts';
import { envelopeFromJson } from '../../../../../../ballot/src/protocol/ballot-codec.ts';

async function call<T>(
  method: string,
  url: string,
  body?: unknown,
  init: RequestInit = {},
): Promise<Ack<T>> {
  try {
    const res = await fetch(url, {
      method,
      credentials: 'same-origin',
      ...init,
      headers: {
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(init.headers ?? {}),
      },
      body: body === undefined ? null : JSON.stringify(body),
    });
    const json: unknown = await res.json();
    if (res.ok) return { ok: true, data: json as T };
    const parsed = rejectionSchema.safeParse(json);
    return {
      ok: false,
      error: parsed.success ? parsed.data : { code: 'INTERNAL', message: `HTTP ${res.status}` },
    };
  } catch (error) {
    return {
      ok: false,
      error: {
        code: 'INTERNAL',
        message: error instanceof Error ? error.message : 'Ingen kontakt. / No contact.',
      },
    };
  }
}

const plenary = (sittingId: string) =>
  `/api/sittings/${encodeURIComponent(sittingId)}/secret-ballots`;
const ballot = (questionId: string) => `/ballot/api/questions/${encodeURIComponent(questionId)}`;

export interface RecordedResult {
  boardRoot: string;
  resultText: string;
  lines: string[];
}

export const ballotApi = {
  create: (sittingId: string, body: { title: string; ballot: BallotSpec }) =>
    call<{ questionId: string; view: QuestionView; warnings: string[] }>(
      'POST',
      plenary(sittingId),
      body,
    ),
  question: (questionId: string) => call<QuestionView>('GET', ballot(questionId)),
  sign: (questionId: string, memberId: string, signature: string) =>
    call<QuestionView>('POST', `${ballot(questionId)}/signatures`, { memberId, signature }),
  share: (
    sittingId: string,
    questionId: string,
    body: { index: number; share: string; seed: string },
  ) =>
    call<{
      shares: number;
      closed: boolean;
      recorded: RecordedResult | null;
      problem: string | null;
    }>('POST', `${plenary(sittingId)}/${encodeURIComponent(questionId)}/share`, body),
  record: (sittingId: string, questionId: string) =>
    call<RecordedResult>(
      'POST',
      `${plenary(sittingId)}/${encodeURIComponent(questionId)}/result`,
      {},
    ),
  boardUrl: (questionId: string) => `${ballot(questionId)}/board`,
};

// ---------- the committee member's key, in this browser only ----------

export interface CommitteeKey {
  publicKey: string;
  secretKey: string;
  seed: string;
  createdAt: string;
}

const keysFor = (personId: string) => `council.secretBallot.keys.${personId}`;

export function storedKeys(personId: string): CommitteeKey[] {
  try {
    const raw = localStorage.getItem(keysFor(personId));
    const parsed: unknown = raw ? JSON.parse(raw) : [];
    return Array.isArray(parsed) ? (parsed as CommitteeKey[]) : [];
  } catch {
    return [];
  }
}

function storeKey(personId: string, key: CommitteeKey): void {
  const keys = [...storedKeys(personId).filter((k) => k.publicKey !== key.publicKey), key];
  localStorage.setItem(keysFor(personId), JSON.stringify(keys));
}

/** A fresh Ed25519 key and lot seed for the next question; returns what to enrol (public key and commitment). */
export function newCommitteeKey(personId: string): { key: CommitteeKey; lotCommitment: string } {
  const secretKey = ed25519.utils.randomSecretKey();
  const seed = randomBytes(32);
  const key: CommitteeKey = {
    publicKey: toHex(ed25519.getPublicKey(secretKey)),
    secretKey: toHex(secretKey),
    seed: toHex(seed),
    createdAt: new Date().toISOString(),
  };
  storeKey(personId, key);
  return { key, lotCommitment: toHex(lotCommitment(seed)) };
}

/** Restore keys from a downloaded backup file's text. */
export function restoreKeys(personId: string, text: string): number {
  const parsed: unknown = JSON.parse(text);
  const list = Array.isArray(parsed) ? parsed : [parsed];
  let n = 0;
  for (const k of list) {
    if (
      typeof k === 'object' &&
      k !== null &&
      'publicKey' in k &&
      'secretKey' in k &&
      'seed' in k
    ) {
      storeKey(personId, k as CommitteeKey);
      n++;
    }
  }
  return n;
}

export function backupHref(key: CommitteeKey): string {
  return `data:application/json;charset=utf-8,${encodeURIComponent(JSON.stringify(key, null, 2))}`;
}

export function keyFor(personId: string, publicKey: string): CommitteeKey | null {
  return storedKeys(personId).find((k) => k.publicKey === publicKey) ?? null;
}

/** Ed25519 signature over the manifest's signing bytes (the electionId binds every field of the manifest). */
export function signManifest(view: QuestionView, key: CommitteeKey): string {
  return toHex(
    ed25519.sign(
      manifestSigningBytes(fromHex(view.electionId, 32, 'electionId')),
      fromHex(key.secretKey, 32, 'secretKey'),
    ),
  );
}

/** Decrypt this member's key share (sent to their X25519 form of the Ed25519 key). */
export function openShare(
  view: QuestionView,
  personId: string,
  key: CommitteeKey,
): { index: number; share: string; seed: string } | null {
  const enc = view.encryptedShares.find((e) => e.memberId === personId);
  if (!enc) return null;
  const value = decryptPayload(
    envelopeFromJson(enc.payload),
    signingSecretToX25519(fromHex(key.secretKey, 32, 'secretKey')),
    fromHex(view.electionId, 32, 'electionId'),
    SHARE_INFO,
  );
  return { index: enc.index, share: toHex(value), seed: key.seed };
}

// ---------- the member's vote ----------

const receiptFor = (personId: string, questionId: string) =>
  `council.secretBallot.receipt.${questionId}.${personId}`;

export function storedReceipt(personId: string, questionId: string): string | null {
  return localStorage.getItem(receiptFor(personId, questionId));
}

/**
 * One member's whole vote: check the manifest, ask plenary for an assertion, blind here, ask the registrar, check its answer
 * against the published key, unblind, cast anonymously (no cookie), check the box's receipt. Returns the receipt's nonce.
 */
export async function castVote(
  sittingId: string,
  personId: string,
  view: QuestionView,
  choice: BallotChoice,
): Promise<Ack<{ nonce: string }>> {
  try {
    verifyQuestion(view);
    const assertion = await call<{ token: string }>(
      'POST',
      `${plenary(sittingId)}/${encodeURIComponent(view.questionId)}/assertion`,
      {},
    );
    if (!assertion.ok) return assertion;
    const prepared = prepareBallot(view.manifest, choice);
    const answer = await call<SignedIssuance>(
      'POST',
      `${ballot(view.questionId)}/issue`,
      { blinded: prepared.blinded },
      {
        credentials: 'omit',
        headers: { authorization: `Bearer ${assertion.data.token}` },
      },
    );
    if (!answer.ok) return answer;
    const cast = finishBallot(view.manifest, prepared, answer.data);
    // The box must not learn who casts: no cookie, no token.
    const receipt = await call<SignedReceipt>('POST', `${ballot(view.questionId)}/cast`, cast, {
      credentials: 'omit',
    });
    if (!receipt.ok) return receipt;
    verifyReceipt(view.manifest, cast, receipt.data);
    localStorage.setItem(receiptFor(personId, view.questionId), cast.nonce);
    return { ok: true, data: { nonce: cast.nonce } };
  } catch (error) {
    return {
      ok: false,
      error: { code: 'INTERNAL', message: error instanceof Error ? error.message : String(error) },
    };
  }
}
