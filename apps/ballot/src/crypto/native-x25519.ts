// X25519 through Node's OpenSSL for the recount: with the question's key published, decrypting 1,000 ballots is 1,000
// agreements; noble's pure-JS X25519 takes ~1 ms each here, OpenSSL ~0.3 ms. Same RFC 7748 function (a low-order peer
// key fails in both), checked against noble in native-x25519.test.ts. Node only: the voter's client uses noble.
import { createPrivateKey, createPublicKey, diffieHellman } from 'node:crypto';
import { abytes, concatBytes } from './bytes.ts';
import type { KeyAgreement } from './payload-encryption.ts';

// DER prefixes of RFC 8410 structures for a raw 32-byte X25519 key.
const PKCS8_PREFIX = Uint8Array.from([
  0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x6e, 0x04, 0x22, 0x04, 0x20,
]);
const SPKI_PREFIX = Uint8Array.from([
  0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x6e, 0x03, 0x21, 0x00,
]);

/** Agreement with a fixed X25519 secret key; throws like noble for a peer key that gives the all-zero secret. */
export function nativeAgreement(secretKey: Uint8Array): KeyAgreement {
  const privateKey = createPrivateKey({
    key: Buffer.from(concatBytes(PKCS8_PREFIX, abytes(secretKey, 32, 'secretKey'))),
    format: 'der',
    type: 'pkcs8',
  });
  return (peerPublicKey) => {
    const publicKey = createPublicKey({
      key: Buffer.from(concatBytes(SPKI_PREFIX, abytes(peerPublicKey, 32, 'peerPublicKey'))),
      format: 'der',
      type: 'spki',
    });
    return new Uint8Array(diffieHellman({ privateKey, publicKey }));
  };
}
