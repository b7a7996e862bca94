// Drives the ballot HTTP API like the member app and the committee would: through app.request() or real fetch.
import type {
  BallotChoice,
  BallotSpec,
  CastRequest,
  QuestionView,
  SignedIssuance,
  SignedReceipt,
} from '@council/shared';
import {
  finishBallot,
  prepareBallot,
  verifyQuestion,
  verifyReceipt,
} from '../../apps/ballot/src/client/voter.ts';
import {
  type CommitteeKeys,
  type Keys,
  assertionToken,
  closeRequest,
  createRequest,
  makeCommittee,
  issueBody,
  makeRoll,
  memberPublicKey,
  signManifest,
  signRoll,
} from './ballot-election.ts';

export type Requester = (path: string, init?: RequestInit) => Promise<Response>;

export function jsonPost(
  request: Requester,
  path: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<Response> {
  return request(`/ballot/api${path}`, {
    method: 'POST',
    body: JSON.stringify(body),
    headers: { 'content-type': 'application/json', ...headers },
  });
}

export async function json<T>(res: Response, status: number): Promise<T> {
  const body: unknown = await res.json();
  if (res.status !== status)
    throw new Error(`expected HTTP ${status}, got ${res.status}: ${JSON.stringify(body)}`);
  return body as T;
}

export interface OpenQuestion {
  questionId: string;
  view: QuestionView;
  committee: CommitteeKeys[];
}

/** Create a question from a plenary-signed roll and have the whole committee approve it. */
export async function openQuestion(
  request: Requester,
  plenary: Keys,
  spec: BallotSpec,
  eligible: number,
  questionId = 'q-1',
  concurrentApproval = false,
): Promise<OpenQuestion> {
  const committee = makeCommittee();
  const roll = signRoll(makeRoll(questionId, eligible), plenary);
  const created = await json<QuestionView>(
    await jsonPost(request, '/questions', createRequest(roll, spec, committee)),
    201,
  );
  const sigs = signManifest(created.electionId, committee);
  const post = (s: (typeof sigs)[number]) =>
    jsonPost(request, `/questions/${questionId}/signatures`, s);
  if (concurrentApproval) {
    for (const r of await Promise.all(sigs.map(post))) await json<QuestionView>(r, 200);
  } else {
    for (const s of sigs) await json<QuestionView>(await post(s), 200);
  }
  const view = await json<QuestionView>(await request(`/ballot/api/questions/${questionId}`), 200);
  if (view.status !== 'open')
    throw new Error(`question ${questionId} did not open: ${view.status}`);
  verifyQuestion(view);
  return { questionId, view, committee };
}

/**
 * A plenary voter assertion as the Authorization header; it names the member's registered key (`memberKey`, by
 * default the test key of `memberSecretKey`), or none when `memberKey` is null.
 */
export function bearer(
  plenary: Keys,
  memberId: string,
  questionId: string,
  expiresAt = '2099-01-01T00:00:00.000Z',
  memberKey: string | null = memberPublicKey(memberId),
): Record<string, string> {
  const assertion = { memberId, questionId, expiresAt, ...(memberKey ? { memberKey } : {}) };
  return { authorization: `Bearer ${assertionToken(assertion, plenary)}` };
}

export { issueBody };

/** One member's whole vote: prepare, sign the request, issue, finish, cast, check the receipt. */
export async function vote(
  request: Requester,
  plenary: Keys,
  q: OpenQuestion,
  memberId: string,
  choice: BallotChoice,
): Promise<{ ballot: CastRequest; receipt: SignedReceipt }> {
  const prepared = prepareBallot(q.view.manifest, choice);
  const answer = await json<SignedIssuance>(
    await jsonPost(
      request,
      `/questions/${q.questionId}/issue`,
      issueBody(q.view.electionId, memberId, prepared.blinded),
      bearer(plenary, memberId, q.questionId),
    ),
    200,
  );
  const ballot = finishBallot(q.view.manifest, prepared, answer);
  const receipt = await json<SignedReceipt>(
    await jsonPost(request, `/questions/${q.questionId}/cast`, ballot),
    201,
  );
  verifyReceipt(q.view.manifest, ballot, receipt);
  return { ballot, receipt };
}

export function closeBody(q: OpenQuestion, reveal = true) {
  return closeRequest(
    { encryptedShares: q.view.encryptedShares, electionId: q.view.electionId },
    q.committee,
    reveal,
  );
}
