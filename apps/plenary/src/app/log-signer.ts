// The key that signs the log's heads (issue 11 item 4): an Ed25519 key in a PEM file outside the database and the data
// directory (LOG_SIGNING_KEY_FILE), made on first start for the demo. node:crypto signs (~30 µs, noble ~600 µs).
import {
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  sign,
  verify,
  type KeyObject,
} from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, relative, resolve, isAbsolute } from 'node:path';
import { LOG_HEAD_FORMAT, type SignedHead } from '@council/shared';
import { headMessage, keyIdOf } from '../domain/log/signed-head.ts';

export interface LogSigner {
  publicKeyHex: string;
  keyId: string;
  signHead(head: { sittingId: string; seq: number; hash: string; signedAt: string }): SignedHead;
}

const rawPublicKey = (key: KeyObject): Buffer => {
  const jwk = key.export({ format: 'jwk' });
  if (typeof jwk.x !== 'string') throw new Error('not an Ed25519 key');
  return Buffer.from(jwk.x, 'base64url');
};

export function logSignerFrom(privateKey: KeyObject): LogSigner {
  if (privateKey.asymmetricKeyType !== 'ed25519')
    throw new TypeError('the log-signing key must be an Ed25519 private key');
  const publicKey = rawPublicKey(createPublicKey(privateKey));
  const keyId = keyIdOf(publicKey);
  return {
    publicKeyHex: publicKey.toString('hex'),
    keyId,
    signHead(h) {
      const body = { format: LOG_HEAD_FORMAT, ...h, keyId } as const;
      return { ...body, signature: sign(null, headMessage(body), privateKey).toString('hex') };
    },
  };
}

/** A key that lives as long as the process: for tests, and never for a real sitting. */
export function ephemeralLogSigner(): LogSigner {
  return logSignerFrom(generateKeyPairSync('ed25519').privateKey);
}

function inside(dir: string, file: string): boolean {
  const rel = relative(resolve(dir), resolve(file));
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

/**
 * Load the key file, or make one (mode 0600) when it does not exist yet. Says so through `log`: whoever runs the
 * service must know where the key is, keep it out of the database's backups, and give every node the same file.
 */
export function loadLogSigner(options: {
  keyFile: string;
  dataDir?: string;
  log?: (message: string) => void;
}): LogSigner {
  const file = resolve(options.keyFile);
  if (options.dataDir && inside(options.dataDir, file))
    options.log?.(
      `WARNING: the log-signing key ${file} is inside the data directory; keep it elsewhere (LOG_SIGNING_KEY_FILE), ` +
        'or whoever holds the data can forge the log',
    );
  if (!existsSync(file)) {
    mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
    const { privateKey } = generateKeyPairSync('ed25519');
    // 'wx': two processes starting at once do not overwrite each other's key; the loser reads the winner's.
    try {
      writeFileSync(file, privateKey.export({ format: 'pem', type: 'pkcs8' }), {
        mode: 0o600,
        flag: 'wx',
      });
      const signer = logSignerFrom(privateKey);
      options.log?.(
        `Generated the log-signing key ${file} (Ed25519, key id ${signer.keyId}). It signs the log's heads and is ` +
          'never stored in the database: keep it apart from the database and its backups. Public key: /api/public/keys',
      );
      return signer;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
  return logSignerFrom(createPrivateKey(readFileSync(file)));
}

/** The public half of a key file, hex (for verify-log on the server itself). */
export function publicKeyOfKeyFile(keyFile: string): string {
  return rawPublicKey(createPublicKey(createPrivateKey(readFileSync(keyFile)))).toString('hex');
}

/** True when one of the trusted public keys (raw, hex) made this head's signature. */
export function verifySignedHead(head: SignedHead, trustedKeysHex: readonly string[]): boolean {
  for (const hex of trustedKeysHex) {
    const raw = Buffer.from(hex, 'hex');
    if (raw.length !== 32 || keyIdOf(raw) !== head.keyId) continue;
    const key = createPublicKey({
      key: { kty: 'OKP', crv: 'Ed25519', x: raw.toString('base64url') },
      format: 'jwk',
    });
    if (verify(null, headMessage(head), key, Buffer.from(head.signature, 'hex'))) return true;
  }
  return false;
}
