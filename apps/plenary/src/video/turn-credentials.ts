// TURN credentials that expire (the TURN REST API scheme coturn implements with use-auth-secret): the username is
// "<unix expiry>:<person>", the password base64(HMAC-SHA1(shared secret, username)). coturn refuses it after expiry.
import { hmac } from '@noble/hashes/hmac.js';
import { sha1 } from '@noble/hashes/legacy.js';
import { utf8ToBytes } from '@noble/hashes/utils.js';

export interface TurnCredentials {
  urls: string[];
  username: string;
  credential: string;
  /** ISO time after which the TURN server refuses them. */
  expiresAt: string;
}

function base64(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s);
}

/** @example turnCredentials({ secret, personId: 'p1', now: new Date(), ttlSeconds: 600, urls: ['turn:host:3478'] }) */
export function turnCredentials(input: {
  secret: string;
  personId: string;
  now: Date;
  ttlSeconds: number;
  urls: string[];
}): TurnCredentials {
  if (input.secret.length < 16) throw new RangeError('TURN secret must be at least 16 characters');
  if (!Number.isInteger(input.ttlSeconds) || input.ttlSeconds < 1)
    throw new RangeError('ttlSeconds must be a positive integer');
  // A ':' in the person id would shift the expiry field coturn parses; ids never contain one, but make sure.
  const who = input.personId.replace(/:/g, '_');
  const expiry = Math.floor(input.now.getTime() / 1000) + input.ttlSeconds;
  const username = `${expiry}:${who}`;
  const credential = base64(hmac(sha1, utf8ToBytes(input.secret), utf8ToBytes(username)));
  return {
    urls: input.urls,
    username,
    credential,
    expiresAt: new Date(expiry * 1000).toISOString(),
  };
}
