// The member's own voting key (issue 13, item 3): an Ed25519 key made and kept in this browser, its public half
// registered through plenary (registerSecretBallotVoterKey) from the member's signed-in session. The registrar answers
// only an issuance request signed by the key plenary's log holds for the member, so it cannot mint one in their name.
import type { Ack } from '@council/shared';
import { generateMemberKey } from '../../../../../../ballot/src/client/issuance-request.ts';
import { call } from '../../api/http.ts';

export interface VoterKey {
  publicKey: string;
  secretKey: string;
}

const keyFor = (personId: string) => `council.secretBallot.voterKey.${personId}`;
const HEX64 = /^[0-9a-f]{64}$/;

/** This browser's key for the member, or null (never made here, or the storage was cleared). */
export function storedVoterKey(personId: string): VoterKey | null {
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(keyFor(personId)) ?? 'null');
    if (typeof parsed !== 'object' || parsed === null) return null;
    const { publicKey, secretKey } = parsed as Record<string, unknown>;
    return typeof publicKey === 'string' &&
      typeof secretKey === 'string' &&
      HEX64.test(publicKey) &&
      HEX64.test(secretKey)
      ? { publicKey, secretKey }
      : null;
  } catch {
    return null;
  }
}

/** The key kept here, made (and kept) first when there is none. */
export function voterKey(personId: string): VoterKey {
  const kept = storedVoterKey(personId);
  if (kept) return kept;
  const made = generateMemberKey();
  localStorage.setItem(keyFor(personId), JSON.stringify(made));
  return made;
}

/**
 * Make sure plenary's log holds this browser's key for the member: register it when `registered` (the key the log
 * holds, as the member's state shows it) is another or none. Registering the same key again changes nothing.
 */
export async function ensureVoterKey(
  sittingId: string,
  personId: string,
  registered: string | null,
  signal?: AbortSignal,
): Promise<Ack<VoterKey>> {
  const key = voterKey(personId);
  if (registered === key.publicKey) return { ok: true, data: key };
  const done = await call<unknown>(
    'POST',
    `/api/sittings/${encodeURIComponent(sittingId)}/commands`,
    { type: 'registerSecretBallotVoterKey', memberId: personId, publicKey: key.publicKey },
    signal ? { signal } : {},
  );
  return done.ok ? { ok: true, data: key } : done;
}
