// Wire forms shared by the voter client, the box, the close step and the verifier: election id, ballot message, leaves, order.
import type { Ballot, EncryptedPayload, Manifest } from '@council/shared';
import { fromHex, toHex } from '../crypto/bytes.ts';
import { ballotMessage, hashJson, sha256 } from '../crypto/hash.ts';
import type { Envelope } from '../crypto/payload-encryption.ts';
import { merkleRoot } from '../crypto/merkle.ts';
import { canonicalJson } from '@council/shared';

/** electionId = SHA-256(canonicalJson(manifest)). */
export function electionIdOf(manifest: Manifest): Uint8Array {
  return hashJson(manifest);
}

export function envelopeToJson(e: Envelope): EncryptedPayload {
  return { epk: toHex(e.epk), iv: toHex(e.iv), ct: toHex(e.ct) };
}

export function envelopeFromJson(p: EncryptedPayload): Envelope {
  return {
    epk: fromHex(p.epk, 32, 'epk'),
    iv: fromHex(p.iv, 24, 'iv'),
    ct: fromHex(p.ct, undefined, 'ct'),
  };
}

/** The exact bytes signed for a ballot (the signature covers the ciphertext). */
export function messageOf(ballot: Pick<Ballot, 'electionId' | 'nonce' | 'payload'>): Uint8Array {
  return ballotMessage(
    fromHex(ballot.electionId, 32, 'electionId'),
    hashJson(ballot.payload),
    fromHex(ballot.nonce, 32, 'nonce'),
  );
}

/** Leaf data and receipt hash of a stored ballot. */
export function ballotHash(ballot: Ballot): Uint8Array {
  return hashJson(ballot);
}

/** Board order: by SHA-256(nonce), independent of arrival order. */
export function sortBallots(ballots: readonly Ballot[]): Ballot[] {
  const keyed = ballots.map((b) => ({ b, k: toHex(sha256(fromHex(b.nonce, 32, 'nonce'))) }));
  keyed.sort((x, y) => (x.k < y.k ? -1 : x.k > y.k ? 1 : 0));
  return keyed.map((x) => x.b);
}

export function boardRoot(sortedBallots: readonly Ballot[]): Uint8Array {
  return merkleRoot(sortedBallots.map(ballotHash));
}

/** Plaintext a voter encrypts. */
export function plaintextOf(questionId: string, choice: unknown): string {
  return canonicalJson({ questionId, choice });
}
