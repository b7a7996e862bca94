// Creating a question (R22): check plenary's signed roll, make fresh keys, split the payload key 2-of-3 among the committee.
import {
  type CreateQuestionRequest,
  type EncryptedShare,
  type Manifest,
  type Rejection,
  reject,
  rollSigningBytes,
} from '@council/shared';
import { blsPublicKey, generateBlsKeyPair } from '../crypto/blind-bls.ts';
import { fromHex, toHex } from '../crypto/bytes.ts';
import { BALLOT_DST, hashJson } from '../crypto/hash.ts';
import { SHARE_INFO, encryptPayload, x25519PublicKey } from '../crypto/payload-encryption.ts';
import { randomFieldSecret, splitSecret } from '../crypto/shamir.ts';
import {
  generateSigningKeyPair,
  isValidSigningKey,
  signingKeyToX25519,
  signingPublicKey,
  verifyBytes,
} from '../crypto/signing.ts';
import { envelopeToJson, electionIdOf } from '../protocol/ballot-codec.ts';

/** Per-question secrets the service keeps (never the whole payload key). */
export interface QuestionSecrets {
  blsSecretKey: Uint8Array;
  registrarSecretKey: Uint8Array;
  boxSecretKey: Uint8Array;
}

export interface CreatedQuestion {
  manifest: Manifest;
  electionId: string;
  secrets: QuestionSecrets;
  encryptedShares: EncryptedShare[];
}

/** Check the roll plenary signed. */
export function checkRoll(
  request: CreateQuestionRequest,
  plenaryKey: Uint8Array,
): Rejection | null {
  const ok = verifyBytes(
    fromHex(request.roll.signature, 64, 'signature'),
    rollSigningBytes(request.roll.roll),
    plenaryKey,
  );
  if (!ok)
    return reject(
      'FORBIDDEN',
      'The eligible roll is not signed by plenary: freeze the roll in plenary again.',
    );
  const ids = request.roll.roll.members.map((m) => m.memberId);
  if (new Set(ids).size !== ids.length)
    return reject('INVALID_INPUT', 'The eligible roll lists a member twice.');
  return null;
}

export function createQuestion(
  request: CreateQuestionRequest,
  plenaryKey: Uint8Array,
  now: Date,
): CreatedQuestion | Rejection {
  const rollProblem = checkRoll(request, plenaryKey);
  if (rollProblem) return rollProblem;
  const committeeIds = request.committee.map((c) => c.memberId);
  if (new Set(committeeIds).size !== committeeIds.length)
    return reject('INVALID_INPUT', 'The committee needs three different members.');
  if (!request.committee.every((c) => isValidSigningKey(fromHex(c.publicKey, 32, 'publicKey')))) {
    return reject('INVALID_INPUT', 'A committee public key is not a valid Ed25519 key.');
  }
  const bls = generateBlsKeyPair();
  const registrar = generateSigningKeyPair();
  const box = generateSigningKeyPair();
  // The payload key: split at once, encrypted to each committee member, and the whole secret dropped.
  const decryptionKey = randomFieldSecret();
  const manifest: Manifest = {
    version: 1,
    questionId: request.roll.roll.questionId,
    sittingId: request.roll.roll.sittingId,
    itemId: request.roll.roll.itemId,
    title: request.title,
    ballot: request.ballot,
    rollHash: toHex(hashJson(request.roll)),
    plenaryKey: toHex(plenaryKey),
    blsPublicKey: toHex(bls.publicKey),
    registrarKey: toHex(registrar.publicKey),
    boxKey: toHex(box.publicKey),
    encryptionKey: toHex(x25519PublicKey(decryptionKey)),
    committee: request.committee,
    dst: BALLOT_DST,
    createdAt: now.toISOString(),
  };
  const electionId = electionIdOf(manifest);
  const shares = splitSecret(decryptionKey, 2, 3);
  decryptionKey.fill(0);
  const encryptedShares = request.committee.map((member, i): EncryptedShare => {
    const share = shares[i];
    if (!share) throw new Error('splitSecret returned fewer shares than committee members');
    const env = encryptPayload(
      share.value,
      signingKeyToX25519(fromHex(member.publicKey, 32, 'publicKey')),
      electionId,
      SHARE_INFO,
    );
    share.value.fill(0);
    return { memberId: member.memberId, index: share.index, payload: envelopeToJson(env) };
  });
  return {
    manifest,
    electionId: toHex(electionId),
    secrets: {
      blsSecretKey: bls.secretKey,
      registrarSecretKey: registrar.secretKey,
      boxSecretKey: box.secretKey,
    },
    encryptedShares,
  };
}

/** The secrets must match the manifest (guards against mixing up stored keys). */
export function secretsMatch(manifest: Manifest, s: QuestionSecrets): boolean {
  return (
    toHex(blsPublicKey(s.blsSecretKey)) === manifest.blsPublicKey &&
    toHex(signingPublicKey(s.registrarSecretKey)) === manifest.registrarKey &&
    toHex(signingPublicKey(s.boxSecretKey)) === manifest.boxKey
  );
}
