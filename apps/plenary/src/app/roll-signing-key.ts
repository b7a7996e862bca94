// Plenary's Ed25519 key: it signs the eligible roll frozen for a secret ballot and the voter assertions (R21, R22).
import { ed25519 } from '@noble/curves/ed25519.js';
import { bytesToHex, hexToBytes } from '@noble/hashes/utils.js';
import type { PlenaryDb } from '../db/client.ts';
import { findServiceKey, insertServiceKey } from '../db/service-key.repo.ts';

const NAME = 'roll-signing';

export interface RollSigner {
  publicKey: Uint8Array;
  publicKeyHex: string;
  sign(message: Uint8Array): Uint8Array;
}

export async function loadRollSigner(db: PlenaryDb): Promise<RollSigner> {
  let row = await findServiceKey(db, NAME);
  if (!row) {
    const { secretKey, publicKey } = ed25519.keygen();
    await insertServiceKey(db, {
      name: NAME,
      secret: bytesToHex(secretKey),
      publicKey: bytesToHex(publicKey),
      createdAt: Date.now(),
    });
    // Re-read: when two processes start at once, the first key stored wins.
    row = await findServiceKey(db, NAME);
    if (!row) throw new Error('could not store the roll-signing key');
  }
  const secretKey = hexToBytes(row.secret);
  const publicKey = hexToBytes(row.publicKey);
  return {
    publicKey,
    publicKeyHex: row.publicKey,
    sign: (message) => ed25519.sign(message, secretKey),
  };
}
