// The ballot service over HTTP (app.request): the whole flow and the adversarial list of issue 6 (R21, R22).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  Board,
  PublicCounts,
  QuestionView,
  SignedIssuance,
  SignedReceipt,
} from '@council/shared';
import { bls12_381 } from '@noble/curves/bls12-381.js';
import { createBallotService } from '../../apps/ballot/src/service.ts';
import { verifyBatchInProcess } from '../../apps/ballot/src/crypto/batch-verify.ts';
import { toHex } from '../../apps/ballot/src/crypto/bytes.ts';
import { prepareBallot, finishBallot } from '../../apps/ballot/src/client/voter.ts';
import { verifyBoard } from '../../apps/ballot/src/verifier/verify-board.ts';
import {
  approveClose,
  keypair,
  makeCommittee,
  makeRoll,
  createRequest,
  memberPublicKey,
  memberSecretKey,
  signRoll,
  type Keys,
} from '../support/ballot-election.ts';
import {
  type OpenQuestion,
  type Requester,
  bearer,
  closeBody,
  json,
  jsonPost,
  openQuestion,
  vote,
  issueBody,
} from '../support/ballot-client.ts';

let plenary: Keys;
let service: Awaited<ReturnType<typeof createBallotService>>;
let request: Requester;
const logs: string[] = [];

beforeAll(async () => {
  plenary = keypair();
  service = await createBallotService({
    dataDir: 'memory://',
    plenaryRollKey: async () => plenary.publicKey,
    log: (m) => logs.push(m),
    // Short mix rounds: these members cast one after another (the rounds themselves: mix-round.test.ts).
    mixRound: { roundMs: 50, roundSize: 8 },
    issueRound: { roundMs: 20, roundSize: 8 },
    countsWindowMs: 0,
  });
  request = (path, init) => Promise.resolve(service.app.request(path, init));
});
afterAll(() => service.close());

const get = (path: string) => request(`/ballot/api${path}`);

describe('ballot HTTP flow', () => {
  let q: OpenQuestion;
  const receipts: string[] = [];
  const signedReceipts: SignedReceipt[] = [];

  it('R22: a question opens only with the plenary-signed roll and all three committee signatures', async () => {
    const committee = makeCommittee();
    const forgedRoll = signRoll(makeRoll('q-forged', 3), keypair());
    const r = await jsonPost(
      request,
      '/questions',
      createRequest(forgedRoll, { type: 'yesno' }, committee),
    );
    expect(r.status).toBe(403);
    q = await openQuestion(
      request,
      plenary,
      { type: 'single', candidates: ['Anna', 'Bertil'], seats: 1 },
      6,
      'q-flow',
    );
    expect(q.view.status).toBe('open');
    const again = await jsonPost(
      request,
      '/questions',
      createRequest(signRoll(makeRoll('q-flow', 3), plenary), { type: 'yesno' }, committee),
    );
    expect(again.status).toBe(409);
  });

  it('R21, R22: members vote; only counts are public before close', async () => {
    for (const [memberId, choice] of [
      ['member-0001', 'Anna'],
      ['member-0002', 'Bertil'],
      ['member-0003', 'Anna'],
      ['member-0004', null],
    ] as const) {
      const { receipt } = await vote(request, plenary, q, memberId, choice);
      receipts.push(receipt.receipt.nonce);
      signedReceipts.push(receipt);
    }
    const counts = await json<PublicCounts>(await get('/questions/q-flow/counts'), 200);
    expect(counts).toEqual({
      questionId: 'q-flow',
      status: 'open',
      eligible: 6,
      issued: 4,
      cast: 4,
    });
    const board = await get('/questions/q-flow/board');
    expect(board.status).toBe(409);
    expect(await board.json()).toMatchObject({ code: 'INVALID_STATE' });
    const view = await json<QuestionView>(await get('/questions/q-flow'), 200);
    expect(Object.keys(view)).not.toContain('ballots');
    expect(JSON.stringify(view)).not.toMatch(/Anna"|Bertil"/.source.replace(/"/g, '",'));
  });

  it('a voter who drops out after issuance is counted as issued, not cast', async () => {
    const prepared = prepareBallot(q.view.manifest, 'Bertil');
    const r = await jsonPost(
      request,
      '/questions/q-flow/issue',
      issueBody(q.view.electionId, 'member-0005', prepared.blinded),
      bearer(plenary, 'member-0005', 'q-flow'),
    );
    expect(r.status).toBe(200);
    const first = await r.json();
    // A retry with the same blinded value (the answer was lost) gets the same answer, not a new signature.
    const retry = await jsonPost(
      request,
      '/questions/q-flow/issue',
      issueBody(q.view.electionId, 'member-0005', prepared.blinded),
      bearer(plenary, 'member-0005', 'q-flow'),
    );
    expect(retry.status).toBe(200);
    expect(await retry.json()).toEqual(first);
    const counts = await json<PublicCounts>(await get('/questions/q-flow/counts'), 200);
    expect(counts).toMatchObject({ issued: 5, cast: 4 });
    const view = await json<QuestionView>(await get('/questions/q-flow'), 200);
    expect(view.warnings.join(' ')).toMatch(/dropped out/);
  });

  it('R21: double vote — a second issuance to the same member is refused', async () => {
    const prepared = prepareBallot(q.view.manifest, 'Anna');
    const r = await jsonPost(
      request,
      '/questions/q-flow/issue',
      issueBody(q.view.electionId, 'member-0001', prepared.blinded),
      bearer(plenary, 'member-0001', 'q-flow'),
    );
    expect(r.status).toBe(409);
    expect(await r.json()).toMatchObject({ code: 'CONFLICT' });
  });

  it("issue 13: the registrar signs only the member's own request, by the key plenary's assertion names", async () => {
    const blinded = prepareBallot(q.view.manifest, 'Anna').blinded;
    const own = issueBody(q.view.electionId, 'member-0006', blinded);
    const ask = (body: unknown, headers = bearer(plenary, 'member-0006', 'q-flow')) =>
      jsonPost(request, '/questions/q-flow/issue', body, headers);
    // Unsigned: the body lacks the request signature.
    const unsigned = await ask({ blinded });
    expect(unsigned.status).toBe(400);
    expect(await unsigned.json()).toMatchObject({ issues: [{ path: 'requestSignature' }] });
    // Signed by another key than the registered one, for another member, another point, another election.
    const refusals = [
      issueBody(q.view.electionId, 'member-0006', blinded, memberSecretKey('member-0005')),
      issueBody(q.view.electionId, 'member-0005', blinded),
      { ...own, blinded: prepareBallot(q.view.manifest, 'Anna').blinded },
      issueBody('ab'.repeat(32), 'member-0006', blinded),
    ];
    for (const body of refusals) {
      const r = await ask(body);
      expect(r.status).toBe(403);
      expect(await r.json()).toMatchObject({
        code: 'FORBIDDEN',
        message:
          'The issuance request is not signed by your registered voting key for this ballot.',
      });
    }
    // An assertion naming no key (the member never registered one): refused, whatever the request.
    const keyless = await ask(own, bearer(plenary, 'member-0006', 'q-flow', undefined, null));
    expect(keyless.status).toBe(403);
    expect(await keyless.json()).toMatchObject({ message: expect.stringMatching(/No voting key/) });
    // An assertion naming another key than the one that signed.
    const otherKey = await ask(
      own,
      bearer(plenary, 'member-0006', 'q-flow', undefined, memberPublicKey('member-0005')),
    );
    expect(otherKey.status).toBe(403);
    const counts = await json<PublicCounts>(await get('/questions/q-flow/counts'), 200);
    expect(counts.issued).toBe(5);
  });

  it('R21: concurrent second issuance — exactly one of many simultaneous requests gets a signature', async () => {
    const attempts = Array.from({ length: 6 }, () =>
      jsonPost(
        request,
        '/questions/q-flow/issue',
        issueBody(q.view.electionId, 'member-0006', prepareBallot(q.view.manifest, 'Anna').blinded),
        bearer(plenary, 'member-0006', 'q-flow'),
      ),
    );
    const statuses = (await Promise.all(attempts)).map((r) => r.status).sort();
    expect(statuses).toEqual([200, 409, 409, 409, 409, 409]);
  });

  it('R21: the registrar refuses missing, forged, expired, foreign and absent-member assertions', async () => {
    const blinded = prepareBallot(q.view.manifest, 'Anna').blinded;
    const issue = (headers: Record<string, string>) =>
      jsonPost(
        request,
        '/questions/q-flow/issue',
        issueBody(q.view.electionId, 'member-0001', blinded),
        headers,
      );
    expect((await issue({})).status).toBe(401);
    expect((await issue({ authorization: 'Bearer not-a-token' })).status).toBe(401);
    expect((await issue(bearer(keypair(), 'member-0001', 'q-flow'))).status).toBe(401);
    expect(
      (await issue(bearer(plenary, 'member-0001', 'q-flow', '2020-01-01T00:00:00.000Z'))).status,
    ).toBe(401);
    expect((await issue(bearer(plenary, 'member-0001', 'q-other'))).status).toBe(403);
    const absent = await issue(bearer(plenary, 'member-0099', 'q-flow'));
    expect(absent.status).toBe(403);
    expect(await absent.json()).toMatchObject({ code: 'NOT_SERVING' });
  });

  it('R22: the registrar refuses the identity point and malformed blinded values (400 with issue paths)', async () => {
    const identity = toHex(bls12_381.G1.Point.ZERO.toBytes(true));
    const r = await jsonPost(
      request,
      '/questions/q-flow/issue',
      issueBody(q.view.electionId, 'member-0002', identity),
      bearer(plenary, 'member-0002', 'q-flow'),
    );
    expect(r.status).toBe(400);
    const bad = await jsonPost(
      request,
      '/questions/q-flow/issue',
      issueBody(q.view.electionId, 'member-0002', 'zz'),
      bearer(plenary, 'member-0002', 'q-flow'),
    );
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({
      code: 'INVALID_INPUT',
      issues: [{ path: 'blinded' }],
    });
  });

  it('R22: the box refuses a replayed ballot (same nonce), forged signatures and malformed payloads', async () => {
    const board = await get('/questions/q-flow/board');
    expect(board.status).toBe(409);
    // A fresh valid ballot, from a member in a second question, to replay and tamper with.
    const q2 = await openQuestion(
      request,
      plenary,
      { type: 'single', candidates: ['Anna', 'Bertil'], seats: 1 },
      3,
      'q-second',
    );
    const { ballot } = await vote(request, plenary, q2, 'member-0001', 'Anna');
    const again = await jsonPost(request, '/questions/q-second/cast', ballot);
    expect(again.status).toBe(409);
    const replayedElsewhere = await jsonPost(request, '/questions/q-flow/cast', ballot);
    expect(replayedElsewhere.status).toBe(400);
    const forged = await jsonPost(request, '/questions/q-second/cast', {
      ...ballot,
      nonce: 'ab'.repeat(32),
    });
    expect(forged.status).toBe(403);
    const identity = await jsonPost(request, '/questions/q-second/cast', {
      ...ballot,
      nonce: 'cd'.repeat(32),
      signature: toHex(bls12_381.G1.Point.ZERO.toBytes(true)),
    });
    expect(identity.status).toBe(403);
    const malformed = await jsonPost(request, '/questions/q-second/cast', {
      ...ballot,
      payload: { ...ballot.payload, ct: 'x' },
    });
    expect(malformed.status).toBe(400);
    expect(await malformed.json()).toMatchObject({
      code: 'INVALID_INPUT',
      issues: [{ path: 'payload.ct' }],
    });
    const notJson = await request('/ballot/api/questions/q-second/cast', {
      method: 'POST',
      body: '{',
      headers: { 'content-type': 'application/json' },
    });
    expect(notJson.status).toBe(400);
  });

  it('the cast endpoint needs no cookie or token and logs nothing about the client', async () => {
    const q3 = await openQuestion(request, plenary, { type: 'yesno' }, 3, 'q-anon');
    const prepared = prepareBallot(q3.view.manifest, 'ja');
    const answer = await json<SignedIssuance>(
      await jsonPost(
        request,
        '/questions/q-anon/issue',
        issueBody(q3.view.electionId, 'member-0001', prepared.blinded),
        bearer(plenary, 'member-0001', 'q-anon'),
      ),
      200,
    );
    const ballot = finishBallot(q3.view.manifest, prepared, answer);
    const before = logs.length;
    const r = await jsonPost(request, '/questions/q-anon/cast', ballot, {
      cookie: 'session=member-0001',
      'x-forwarded-for': '203.0.113.77',
    });
    expect(r.status).toBe(201);
    expect(logs.slice(before).join('\n')).not.toMatch(/203\.0\.113\.77|member-0001|session/);
  });

  it('R22: close needs two committee shares; a tie needs the lot seeds; then the board verifies', async () => {
    const wrong = closeBody(q);
    const badShares = await jsonPost(request, '/questions/q-flow/close', {
      ...wrong,
      shares: wrong.shares.map((s) => ({ ...s, share: '11'.repeat(32) })),
    });
    expect(badShares.status).toBe(403);
    const tieQ = await openQuestion(
      request,
      plenary,
      { type: 'single', candidates: ['Anna', 'Bertil'], seats: 1 },
      2,
      'q-tie',
    );
    await vote(request, plenary, tieQ, 'member-0001', 'Anna');
    await vote(request, plenary, tieQ, 'member-0002', 'Bertil');
    const noLot = await jsonPost(request, '/questions/q-tie/close', closeBody(tieQ, false));
    expect(noLot.status).toBe(409);
    const tieAnswer = await noLot.json();
    expect(tieAnswer.message).toMatch(/Lika röstetal/);
    expect(tieAnswer.tie).toEqual({
      context: 'place 1',
      tied: expect.arrayContaining(['Anna', 'Bertil']),
    });
    const closedTie = await jsonPost(request, '/questions/q-tie/close', closeBody(tieQ));
    expect(closedTie.status).toBe(200);
    const tieBoard = await json<Board>(await get('/questions/q-tie/board'), 200);
    expect(tieBoard.lottning.method).toBe('commit-reveal');
    expect(tieBoard.lottning.draws).toHaveLength(1);

    const summary = await json<{ root: string; elected: string[] }>(
      await jsonPost(request, '/questions/q-flow/close', closeBody(q)),
      200,
    );
    expect(summary.elected).toEqual(['Anna']);
    const board = await json<Board>(await get('/questions/q-flow/board'), 200);
    expect(board.root).toBe(summary.root);
    expect(board.counts).toEqual({ eligible: 6, issued: 6, cast: 4, blank: 1, invalid: 0 });
    const report = await verifyBoard(board, {
      batch: verifyBatchInProcess,
      receipt: receipts[0] ?? '',
    });
    expect(report.checks.filter((c) => !c.ok)).toEqual([]);
    // The order is by SHA-256(nonce), not arrival: the first voter's ballot is not necessarily first.
    expect(board.ballots.map((b) => b.nonce).sort()).toEqual([...receipts].sort());
    // A signed receipt from the box: the ballot is on the board unchanged; a forged receipt is caught.
    const signed = signedReceipts[1];
    if (!signed) throw new Error('no receipt');
    expect((await verifyBoard(board, { batch: verifyBatchInProcess, receipt: signed })).ok).toBe(
      true,
    );
    const forged = { ...signed, receipt: { ...signed.receipt, ballotHash: '00'.repeat(32) } };
    const r2 = await verifyBoard(board, { batch: verifyBatchInProcess, receipt: forged });
    expect(r2.checks.find((c) => c.name === 'receipt')).toMatchObject({ ok: false });
  });

  it('issue 13: a close without two committee approvals changes nothing — casts still go in', async () => {
    const q2 = await openQuestion(request, plenary, { type: 'yesno' }, 3, 'q-unauthorised-close');
    await vote(request, plenary, q2, 'member-0001', 'ja');
    const body = closeBody(q2);
    // No approvals at all: refused at the edge.
    const { approvals, ...withoutApprovals } = body;
    expect(approvals).toHaveLength(2);
    const none = await jsonPost(request, '/questions/q-unauthorised-close/close', withoutApprovals);
    expect(none.status).toBe(400);
    // Approvals signed by keys the desk holds (not the committee's), and one approval twice.
    const [o1, o2] = makeCommittee();
    const [a1] = body.approvals;
    if (!o1 || !o2 || !a1) throw new Error('committee too small');
    const forged = {
      ...body,
      approvals: [
        approveClose(q2.view.electionId, { ...o1, memberId: 'valberedning-1' }),
        approveClose(q2.view.electionId, { ...o2, memberId: 'valberedning-2' }),
      ],
    };
    const r1 = await jsonPost(request, '/questions/q-unauthorised-close/close', forged);
    expect(r1.status).toBe(403);
    const once = { ...body, approvals: [a1, a1] };
    const r2 = await jsonPost(request, '/questions/q-unauthorised-close/close', once);
    expect(r2.status).toBe(403);
    // Real approvals but shares that do not rebuild the key: refused before anything closes.
    const badShares = {
      ...body,
      shares: body.shares.map((x) => ({ ...x, share: '11'.repeat(32) })),
    };
    const r3 = await jsonPost(request, '/questions/q-unauthorised-close/close', badShares);
    expect(r3.status).toBe(403);
    // Nothing changed: the question is open, the next member's ballot goes in and is counted.
    const counts = await json<PublicCounts>(
      await get('/questions/q-unauthorised-close/counts'),
      200,
    );
    expect(counts.status).toBe('open');
    await vote(request, plenary, q2, 'member-0002', 'nej');
    await vote(request, plenary, q2, 'member-0003', 'ja');
    const summary = await json<{ elected: string[] }>(
      await jsonPost(request, '/questions/q-unauthorised-close/close', body),
      200,
    );
    expect(summary.elected).toEqual(['ja']);
    const board = await json<Board>(await get('/questions/q-unauthorised-close/board'), 200);
    expect(board.closeApprovals.map((a) => a.memberId)).toEqual([
      'valberedning-1',
      'valberedning-2',
    ]);
    expect(board.counts.cast).toBe(3);
  });

  it('issue 13: a tie without the third seed ends by the draw in the room, reported as physical', async () => {
    const q3 = await openQuestion(
      request,
      plenary,
      { type: 'single', candidates: ['Anna', 'Bertil'], seats: 1 },
      2,
      'q-physical',
    );
    await vote(request, plenary, q3, 'member-0001', 'Anna');
    await vote(request, plenary, q3, 'member-0002', 'Bertil');
    const twoSeeds = closeBody(q3);
    const partial = { ...twoSeeds, reveals: twoSeeds.reveals.slice(0, 2) };
    const tie = await jsonPost(request, '/questions/q-physical/close', partial);
    expect(tie.status).toBe(409);
    expect((await tie.json()).tie.context).toBe('place 1');
    const drawn = await json<{ elected: string[] }>(
      await jsonPost(request, '/questions/q-physical/close', {
        ...partial,
        physicalDraws: [{ context: 'place 1', order: ['Bertil', 'Anna'] }],
      }),
      200,
    );
    expect(drawn.elected).toEqual(['Bertil']);
    const board = await json<Board>(await get('/questions/q-physical/board'), 200);
    expect(board.lottning.method).toBe('physical');
    expect(board.lottning.reveals.map((r) => r.memberId)).toEqual([
      'valberedning-1',
      'valberedning-2',
    ]);
    const report = await verifyBoard(board, { batch: verifyBatchInProcess });
    expect(report.checks.filter((c) => !c.ok)).toEqual([]);
  });

  it('no casting or issuing after close', async () => {
    const prepared = prepareBallot(q.view.manifest, 'Anna');
    const r = await jsonPost(
      request,
      '/questions/q-flow/issue',
      issueBody(q.view.electionId, 'member-0006', prepared.blinded),
      bearer(plenary, 'member-0006', 'q-flow'),
    );
    expect(r.status).toBe(409);
  });

  it('every route validates input and answers { code, message }', async () => {
    const r = await jsonPost(request, '/questions', { roll: {}, title: '' });
    expect(r.status).toBe(400);
    const body = await r.json();
    expect(body.code).toBe('INVALID_INPUT');
    expect(body.issues.map((i: { path: string }) => i.path)).toEqual(
      expect.arrayContaining(['title']),
    );
    const huge = await jsonPost(request, '/questions/q-flow/cast', { padding: 'x'.repeat(70_000) });
    expect(huge.status).toBe(413);
    expect(await huge.json()).toMatchObject({ code: 'PAYLOAD_TOO_LARGE' });
    expect((await get('/questions/nope')).status).toBe(404);
    expect((await get('/nothing-here')).status).toBe(404);
  });
});
