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

const decoder = new TextDecoder('utf-8', { fatal: true });

/** `agree` replaces noble's X25519 step (Node callers pass OpenSSL's, which is faster); the result is the same. */
export function countBallots(
  manifest: Manifest,
  decryptionKey: Uint8Array,
  ballots: readonly Ballot[],
  lot: DrawLot,
  agree?: KeyAgreement,
): CountResult {
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
      // AEAD failure, bad padding or non-UTF-8: published as invalid with its reason
      invalid.push({ nonce: b.nonce, reason: 'DECRYPT_FAILED' });
      continue;
    }
    const c = classifyBallot(manifest.ballot, manifest.questionId, text);
    if (c.status === 'valid') choices.push(c.choice);
    else if (c.status === 'blank') blank++;
    else invalid.push({ nonce: b.nonce, reason: c.reason });
  }
  const rec = recording(lot);
  return { invalid, blank, tally: tally(manifest.ballot, choices, rec.lot), draws: rec.draws };
}
