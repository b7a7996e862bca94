// The registrar's signing step (R21): one blind signature per eligible member, answered under its Ed25519 key.
import { type Rejection, type SignedIssuance, reject } from '@council/shared';
import { signBlinded } from '../crypto/blind-bls.ts';
import { fromHex, toHex } from '../crypto/bytes.ts';
import { signJson } from '../crypto/signing.ts';

export interface RegistrarKeys {
  electionId: string;
  blsSecretKey: Uint8Array;
  registrarSecretKey: Uint8Array;
}

/** Sign a blinded point (subgroup-checked, identity refused) and sign the answer so a bad answer is provable. */
export function answerIssuance(
  keys: RegistrarKeys,
  memberId: string,
  blindedHex: string,
): SignedIssuance | Rejection {
  let blindSignature: Uint8Array;
  try {
    blindSignature = signBlinded(fromHex(blindedHex, 48, 'blinded'), keys.blsSecretKey);
  } catch (error) {
    return reject(
      'INVALID_INPUT',
      `The blinded ballot is not a valid G1 point: ${error instanceof Error ? error.message : 'decode failed'}.`,
    );
  }
  const answer = {
    electionId: keys.electionId,
    memberId,
    blinded: blindedHex,
    blindSignature: toHex(blindSignature),
  };
  return { answer, signature: toHex(signJson(answer, keys.registrarSecretKey)) };
}
