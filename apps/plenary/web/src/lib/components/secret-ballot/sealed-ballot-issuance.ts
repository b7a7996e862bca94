// Sealing a member's secret ballot before anything waits (R21, R22): encrypt and blind here, keep the prepared ballot,
// get the blind signature through plenary's assertion and the registrar, unblind and store the cast request.
import {
  decodeVoterAssertion,
  type Ack,
  type BallotChoice,
  type CastRequest,
  type QuestionView,
  type SignedIssuance,
} from '@council/shared';
import {
  finishBallot,
  prepareBallot,
  verifyQuestion,
  type PreparedBallot,
} from '../../../../../../ballot/src/client/voter.ts';
import { signedRequest } from '../../../../../../ballot/src/client/issuance-request.ts';
import { call } from '../../api/http.ts';
import { ballotQuestionPath, plenaryBallotsPath } from './ballot-api.ts';
import { issuingFor, pendingFor, storeIssuing, storedIssuing } from './sealed-ballot-store.ts';
import { ensureVoterKey, voterKey } from './voter-key.ts';

// Issuance and cast are two moments: the registrar knows who was issued a signature and when, the box sees when a ballot
// arrives. Cast right after issuance, one operator holding both logs could pair them. So the finished ballot is sealed
// (unblinded, encrypted) and stored in this browser first, then cast after a random delay; the stored copy survives a
// closed tab or a lost connection and is cast on the next load, so the wait never costs a vote.

/**
 * Ask plenary for an assertion and the registrar for the blind signature of a stored prepared ballot, check the answer
 * against the published key, unblind, and store the finished cast request (dropping the prepared one). A network
 * failure answers `INTERNAL` and keeps the prepared ballot; a refusal or a bad answer drops it (it can never be cast).
 */
export async function issueStored(
  sittingId: string,
  personId: string,
  view: QuestionView,
  prepared: PreparedBallot,
  signal?: AbortSignal,
): Promise<Ack<CastRequest>> {
  const drop = () => localStorage.removeItem(issuingFor(personId, view.questionId));
  const askAssertion = () =>
    call<{ token: string }>(
      'POST',
      `${plenaryBallotsPath(sittingId)}/${encodeURIComponent(view.questionId)}/assertion`,
      {},
      signal ? { signal } : {},
    );
  try {
    let assertion = await askAssertion();
    // The assertion names the key plenary's log holds for this member (issue 13, item 3): when it is not the key kept
    // in this browser (none registered yet, another device's, cleared storage), register this one and ask again.
    const held = assertion.ok
      ? (decodeVoterAssertion(assertion.data.token)?.assertion.memberKey ?? null)
      : null;
    if (assertion.ok && held !== voterKey(personId).publicKey) {
      const registered = await ensureVoterKey(sittingId, personId, held, signal);
      if (!registered.ok) {
        if (registered.error.code !== 'INTERNAL') drop();
        return registered;
      }
      assertion = await askAssertion();
    }
    if (!assertion.ok) {
      if (assertion.error.code !== 'INTERNAL') drop();
      return assertion;
    }
    // The member's own request, signed here by the key the assertion names (issue 13, item 3): the registrar answers
    // nothing else. Ed25519 is deterministic, so a retry of the same blinded point sends the same request.
    const { requestSignature } = signedRequest(
      { electionId: view.electionId, memberId: personId, blinded: prepared.blinded },
      voterKey(personId).secretKey,
    );
    const answer = await call<SignedIssuance>(
      'POST',
      `${ballotQuestionPath(view.questionId)}/issue`,
      { blinded: prepared.blinded, requestSignature },
      {
        credentials: 'omit',
        headers: { authorization: `Bearer ${assertion.data.token}` },
        ...(signal ? { signal } : {}),
      },
    );
    if (!answer.ok) {
      if (answer.error.code !== 'INTERNAL') drop();
      return answer;
    }
    const cast = finishBallot(view.manifest, prepared, answer.data);
    localStorage.setItem(pendingFor(personId, view.questionId), JSON.stringify(cast));
    drop();
    return { ok: true, data: cast };
  } catch (error) {
    drop();
    return {
      ok: false,
      error: { code: 'INTERNAL', message: error instanceof Error ? error.message : String(error) },
    };
  }
}

/**
 * Seal one member's vote: check the manifest, encrypt and blind here, keep the prepared ballot, ask plenary for an
 * assertion and the registrar for the blind signature, check its answer against the published key, unblind, and store
 * the finished cast request — all before anything waits (deliverSealed casts it). `interrupted`: the registrar could not
 * be reached; the prepared ballot is kept and deliverSealed asks again. Nothing has reached the box when this returns.
 */
export async function sealVote(
  sittingId: string,
  personId: string,
  view: QuestionView,
  choice: BallotChoice,
): Promise<Ack<'sealed' | 'interrupted'>> {
  let prepared: PreparedBallot;
  try {
    verifyQuestion(view);
    prepared = prepareBallot(view.manifest, choice);
  } catch (error) {
    return {
      ok: false,
      error: { code: 'INTERNAL', message: error instanceof Error ? error.message : String(error) },
    };
  }
  storeIssuing(personId, view.questionId, prepared);
  const sealed = await issueStored(sittingId, personId, view, prepared);
  if (sealed.ok) return { ok: true, data: 'sealed' };
  return storedIssuing(personId, view.questionId)
    ? { ok: true, data: 'interrupted' }
    : { ok: false, error: sealed.error };
}
