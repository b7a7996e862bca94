// Ballot payload encryption: X25519 ephemeral-static ECDH, HKDF-SHA256, XChaCha20-Poly1305 (an HPKE-style base mode).
// Plaintexts are padded to a multiple of 512 bytes so the ciphertext length does not reveal the choice.
import { x25519 } from '@noble/curves/ed25519.js';
import { xchacha20poly1305 } from '@noble/ciphers/chacha.js';
import { hkdf } from '@noble/hashes/hkdf.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { randomBytes } from '@noble/hashes/utils.js';
import { abytes, concatBytes, utf8ToBytes } from './bytes.ts';

export const PAD_BLOCK = 512;

/** X25519 with a fixed secret key: peer public key → shared secret (throws for a low-order peer key). */
export type KeyAgreement = (peerPublicKey: Uint8Array) => Uint8Array;

export interface Envelope {
  epk: Uint8Array;
  iv: Uint8Array;
  ct: Uint8Array;
}

/** ISO/IEC 7816-4 padding: 0x80 then zeros up to a multiple of PAD_BLOCK. */
export function pad(plaintext: Uint8Array): Uint8Array {
  abytes(plaintext, undefined, 'plaintext');
  const length = Math.ceil((plaintext.length + 1) / PAD_BLOCK) * PAD_BLOCK;
  const out = new Uint8Array(length);
  out.set(plaintext);
  out[plaintext.length] = 0x80;
  return out;
}

/**
 * Remove padding; RangeError when the padding is malformed or longer than `pad` makes it (a ballot padded to more
 * blocks than its text needs would stand out on the board by its length: one way to mark a ballot).
 */
export function unpad(padded: Uint8Array): Uint8Array {
  abytes(padded, undefined, 'padded');
  if (padded.length === 0 || padded.length % PAD_BLOCK !== 0)
    throw new RangeError('unpad: bad length');
  let i = padded.length - 1;
  while (i >= 0 && padded[i] === 0) i--;
  if (i < 0 || padded[i] !== 0x80) throw new RangeError('unpad: bad padding');
  if (padded.length !== Math.ceil((i + 1) / PAD_BLOCK) * PAD_BLOCK)
    throw new RangeError('unpad: more padding than the minimum');
  return padded.slice(0, i);
}

function deriveKey(
  shared: Uint8Array,
  epk: Uint8Array,
  recipient: Uint8Array,
  info: string,
): Uint8Array {
  return hkdf(sha256, shared, concatBytes(epk, recipient), utf8ToBytes(info), 32);
}

/**
 * Encrypt to an X25519 public key. `aad` binds the ciphertext to its context (the electionId).
 * @example encryptPayload(utf8ToBytes(json), manifestKey, electionId, 'council-ballot/v1/payload')
 */
export function encryptPayload(
  plaintext: Uint8Array,
  recipientPublicKey: Uint8Array,
  aad: Uint8Array,
  info: string,
  ephemeralSecret: Uint8Array = x25519.utils.randomSecretKey(),
  iv: Uint8Array = randomBytes(24),
): Envelope {
  abytes(recipientPublicKey, 32, 'recipientPublicKey');
  abytes(aad, undefined, 'aad');
  abytes(ephemeralSecret, 32, 'ephemeralSecret');
  abytes(iv, 24, 'iv');
  if (typeof info !== 'string') throw new TypeError('info: expected string');
  const epk = x25519.getPublicKey(ephemeralSecret);
  const shared = x25519.getSharedSecret(ephemeralSecret, recipientPublicKey);
  const key = deriveKey(shared, epk, recipientPublicKey, info);
  const ct = xchacha20poly1305(key, iv, aad).encrypt(pad(plaintext));
  return { epk, iv, ct };
}

/**
 * Decrypt; throws Error when the key, AAD or ciphertext is wrong (AEAD tag), RangeError on bad padding.
 * Pass `recipientPublicKey` when decrypting many payloads to skip recomputing it, and `agree` to do the X25519
 * step another way (the Node recount uses OpenSSL's, native-x25519.ts).
 */
export function decryptPayload(
  envelope: Envelope,
  recipientSecretKey: Uint8Array,
  aad: Uint8Array,
  info: string,
  recipientPublicKey?: Uint8Array,
  agree: KeyAgreement = (epk) => x25519.getSharedSecret(recipientSecretKey, epk),
): Uint8Array {
  abytes(envelope.epk, 32, 'epk');
  abytes(envelope.iv, 24, 'iv');
  abytes(envelope.ct, undefined, 'ct');
  abytes(recipientSecretKey, 32, 'recipientSecretKey');
  abytes(aad, undefined, 'aad');
  const recipient = recipientPublicKey
    ? abytes(recipientPublicKey, 32, 'recipientPublicKey')
    : x25519.getPublicKey(recipientSecretKey);
  const shared = agree(envelope.epk);
  const key = deriveKey(shared, envelope.epk, recipient, info);
  return unpad(xchacha20poly1305(key, envelope.iv, aad).decrypt(envelope.ct));
}

export const PAYLOAD_INFO = 'council-ballot/v1/payload';
export const SHARE_INFO = 'council-ballot/v1/key-share';

export function x25519PublicKey(secretKey: Uint8Array): Uint8Array {
  return x25519.getPublicKey(abytes(secretKey, 32, 'secretKey'));
}
