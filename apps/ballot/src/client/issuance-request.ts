// The member's own signed issuance request (issue 13, item 3, first bullet): the key lives in the member's browser,
// the registrar only answers a request signed by it, so an issuance on the board without one is visible.
// Browser-safe: noble only. The registrar checks it, the board publishes it, the verifier checks it again (issue 13).
import { canonicalJson } from '@council/shared';
import { concatBytes, fromHex, toHex, utf8ToBytes } from '../crypto/bytes.ts';
import {
  generateSigningKeyPair,
  signBytes,
  signingPublicKey,
  verifyBytes,
} from '../crypto/signing.ts';

/** Domain-separation tag of a member's issuance request (Ed25519). */
export const ISSUANCE_REQUEST_TAG = 'council-ballot/v1/issuance-request\n';

/** What the member signs: this election, this member, this blinded point, under this key. */
export interface IssuanceRequest {
  electionId: string;
  memberId: string;
  blinded: string;
  memberKey: string;
}

/** `utf8("council-ballot/v1/issuance-request\n") ‖ utf8(cj(request))`. */
export function issuanceRequestBytes(request: IssuanceRequest): Uint8Array {
  return concatBytes(utf8ToBytes(ISSUANCE_REQUEST_TAG), utf8ToBytes(canonicalJson(request)));
}

/** A fresh member key, made in the browser (the secret never leaves it). */
export function generateMemberKey(): { secretKey: string; publicKey: string } {
  const { secretKey, publicKey } = generateSigningKeyPair();
  return { secretKey: toHex(secretKey), publicKey: toHex(publicKey) };
}

/** Sign a request with the member's key (hex); the request's `memberKey` must be that key's public key. */
export function signIssuanceRequest(request: IssuanceRequest, secretKeyHex: string): string {
  return toHex(signBytes(issuanceRequestBytes(request), fromHex(secretKeyHex, 32, 'secretKey')));
}

/** Strict check of a request's signature under its own `memberKey` (false on any malformed input). */
export function verifyIssuanceRequest(request: IssuanceRequest, signatureHex: string): boolean {
  try {
    return verifyBytes(
      fromHex(signatureHex, 64, 'signature'),
      issuanceRequestBytes(request),
      fromHex(request.memberKey, 32, 'memberKey'),
    );
  } catch {
    return false;
  }
}

/** The request's signature and key as the board publishes them beside the registrar's answer (`BoardIssuance`). */
export function signedRequest(
  request: Omit<IssuanceRequest, 'memberKey'>,
  secretKeyHex: string,
): { memberKey: string; requestSignature: string } {
  const memberKey = toHex(signingPublicKey(fromHex(secretKeyHex, 32, 'secretKey')));
  return {
    memberKey,
    requestSignature: signIssuanceRequest({ ...request, memberKey }, secretKeyHex),
  };
}
