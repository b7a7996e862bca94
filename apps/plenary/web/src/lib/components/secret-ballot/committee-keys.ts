// The election committee member's keys, kept in this browser only (R22): make, store, back up and restore them, sign the
// question's manifest, and open this member's key share at close. The server never sees a secret key.
import { ed25519 } from '@noble/curves/ed25519.js';
import { randomBytes } from '@noble/hashes/utils.js';
import type { QuestionView } from '@council/shared';
import { fromHex, toHex } from '../../../../../../ballot/src/crypto/bytes.ts';
import {
  closeSigningBytes,
  manifestSigningBytes,
} from '../../../../../../ballot/src/crypto/hash.ts';
import {
  SHARE_INFO,
  decryptPayload,
} from '../../../../../../ballot/src/crypto/payload-encryption.ts';
import { signingSecretToX25519 } from '../../../../../../ballot/src/crypto/signing.ts';
import { lotCommitment } from '../../../../../../ballot/src/domain/lottning.ts';
import { envelopeFromJson } from '../../../../../../ballot/src/protocol/ballot-codec.ts';

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

/** Ed25519 consent to close this question: the ballot service refuses a close without two committee members' consent. */
export function signClose(view: QuestionView, key: CommitteeKey): string {
  return toHex(
    ed25519.sign(
      closeSigningBytes(fromHex(view.electionId, 32, 'electionId')),
      fromHex(key.secretKey, 32, 'secretKey'),
    ),
  );
}
