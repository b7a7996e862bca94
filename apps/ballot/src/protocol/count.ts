// Decrypt every ballot with the published key, classify it, and count (used by close and, independently rerun, by the verifier).
import type { Ballot, InvalidReason, LotDraw, Manifest, Tally } from '@council/shared';
import { fromHex } from '../crypto/bytes.ts';
import { type KeyAgreement, PAYLOAD_INFO, decryptPayload } from '../crypto/payload-encryption.ts';
import { type CountedChoice, classifyBallot } from '../domain/ballot-rules.ts';
import { type DrawLot, recording } from '../domain/lottning.ts';
import { tally } from '../domain/tally.ts';
import { envelopeFromJson } from './ballot-codec.ts';

export interface CountResult {
  invalid: { nonce: string; reason: InvalidReason }[];
  blank: number;
  tally: Tally;
  draws: LotDraw[];
}

// Strict UTF-8 that keeps a byte-order mark (then refused as not canonical) instead of silently dropping it.
const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

export interface Classification {
  choices: CountedChoice[];
  invalid: CountResult['invalid'];
  blank: number;
}

/** Decrypt and read every ballot, in board order (docs/ballot.md "Reading a ballot"). Never throws for a bad ballot. */
export function classifyBallots(
  manifest: Manifest,
  decryptionKey: Uint8Array,
  ballots: readonly Ballot[],
  agree?: KeyAgreement,
): Classification {
  const choices: CountedChoice[] = [];
  const invalid: CountResult['invalid'] = [];
  let blank = 0;
  const recipient = fromHex(manifest.encryptionKey, 32, 'encryptionKey');
  for (const b of ballots) {
    let text: string;
    try {
      text = decoder.decode(
        decryptPayload(
          envelopeFromJson(b.payload),
          decryptionKey,
          fromHex(b.electionId, 32, 'electionId'),
          PAYLOAD_INFO,
          recipient,
          agree,
        ),
      );
    } catch {
      // AEAD failure, bad or non-minimal padding, or not UTF-8: published as invalid with its reason
      invalid.push({ nonce: b.nonce, reason: 'DECRYPT_FAILED' });
      continue;
    }
    const c = classifyBallot(manifest.ballot, manifest.questionId, text);
    if (c.status === 'valid') choices.push(c.choice);
    else if (c.status === 'blank') blank++;
    else invalid.push({ nonce: b.nonce, reason: c.reason });
  }
  return { choices, invalid, blank };
}

/** Count the read ballots; throws what `lot` throws when a tie cannot be drawn. */
export function countClassified(
  manifest: Manifest,
  read: Classification,
  lot: DrawLot,
): CountResult {
  const rec = recording(lot);
  return {
    invalid: read.invalid,
    blank: read.blank,
    tally: tally(manifest.ballot, read.choices, rec.lot),
    draws: rec.draws,
  };
}

/** `agree` replaces noble's X25519 step (Node callers pass OpenSSL's, which is faster); the result is the same. */
export function countBallots(
  manifest: Manifest,
  decryptionKey: Uint8Array,
  ballots: readonly Ballot[],
  lot: DrawLot,
  agree?: KeyAgreement,
): CountResult {
  return countClassified(manifest, classifyBallots(manifest, decryptionKey, ballots, agree), lot);
}
