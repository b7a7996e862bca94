// Ballot benchmark (issue 6): registrar signatures/s, casts/s, board verification for 101/349/1000 ballots, one member's vote over HTTP.
// `npm run bench -- ballot` (bench/run.ts calls run()); prints a table and returns the figures.
import { serve } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import { loadavg } from 'node:os';
import type { Ballot, Board, SignedIssuance } from '@council/shared';
import { createBatchPool } from '../apps/ballot/src/crypto/batch-pool.ts';
import { verifyBatchReference } from '../apps/ballot/src/crypto/batch-verify.ts';
import { unblind } from '../apps/ballot/src/crypto/blind-bls.ts';
import { fromHex, toHex } from '../apps/ballot/src/crypto/bytes.ts';
import { prepareBallot } from '../apps/ballot/src/client/voter.ts';
import { answerIssuance } from '../apps/ballot/src/app/issue.ts';
import { createQuestion } from '../apps/ballot/src/app/question.ts';
import { buildBoard, checkCloseApprovals } from '../apps/ballot/src/app/close.ts';
import { createBallotService } from '../apps/ballot/src/service.ts';
import {
  ISSUE_ROUND_MS,
  ISSUE_ROUND_SIZE,
  MIX_ROUND_MS,
  MIX_ROUND_SIZE,
} from '../apps/ballot/src/app/operations.ts';
import { simulateLinking } from './ballot-linking.ts';
import { verifyBoard } from '../apps/ballot/src/verifier/verify-board.ts';
import {
  anchorProblems,
  anchorsFromSittingLog,
  keyFingerprint,
} from '../apps/ballot/src/verifier/log-anchors.ts';
import { checkOwnBallot } from '../apps/ballot/src/client/receipt-check.ts';
import { chain } from '../apps/plenary/src/domain/log/hash-chain.ts';
import { verify as verifyIndependent } from '../apps/ballot-verifier-independent/src/verify.ts';
import {
  generateSigningKeyPair,
  signBytes,
  verifyBytes,
} from '../apps/ballot/src/crypto/signing.ts';
import { ed25519 } from '@noble/curves/ed25519.js';
import {
  closeRequest,
  createRequest,
  keypair,
  makeCommittee,
  makeRoll,
  signManifest,
  signRoll,
} from '../tests/support/ballot-election.ts';
import {
  type Requester,
  jsonPost,
  openQuestion,
  vote,
  bearer,
  json,
  issueBody,
} from '../tests/support/ballot-client.ts';

const candidates = ['Anna Andersson', 'Bertil Berg', 'Cecilia Carlsson', 'David Dahl'];

/** A board of n ballots built fast: the voter client's own answer checks are skipped (they are timed elsewhere). */
function buildElection(n: number): { boards: (k: number) => Board; signPerS: number } {
  const plenary = keypair();
  const committee = makeCommittee();
  const roll = signRoll(makeRoll('q-bench', n), plenary);
  const created = createQuestion(
    createRequest(roll, { type: 'single', candidates, seats: 1 }, committee),
    plenary.publicKey,
    new Date(),
  );
  if ('code' in created) throw new Error(created.message);
  const keys = { electionId: created.electionId, ...created.secrets };
  const issuance: SignedIssuance[] = [];
  const ballots: Ballot[] = [];
  let signing = 0;
  roll.roll.members.forEach((m, i) => {
    const p = prepareBallot(created.manifest, candidates[i % candidates.length] ?? null);
    const t = performance.now();
    const a = answerIssuance(keys, m.memberId, p.blinded);
    signing += performance.now() - t;
    if ('code' in a) throw new Error(a.message);
    issuance.push(a);
    ballots.push({
      electionId: p.electionId,
      nonce: p.nonce,
      payload: p.payload,
      signature: toHex(unblind(fromHex(a.answer.blindSignature, 48, 's'), p.factor)),
    });
  });
  const manifestSignatures = signManifest(created.electionId, committee);
  const close = closeRequest(created, committee);
  return {
    signPerS: (n / signing) * 1000,
    boards: (k) => {
      const b = buildBoard({
        manifest: created.manifest,
        electionId: created.electionId,
        manifestSignatures,
        roll,
        issuance: issuance.slice(0, k),
        ballots: ballots.slice(0, k),
        close,
      });
      if ('code' in b) throw new Error(b.message);
      return b;
    },
  };
}

async function httpFigures(): Promise<{ roundtrip: number; castPerS: number }> {
  const plenary = keypair();
  // Rounds of one for the single vote (its own work and HTTP; a real round adds up to MIX_ROUND_MS of waiting by
  // design); the casts below go in full rounds of MIX_ROUND_SIZE, as when the council votes together.
  const service = await createBallotService({
    dataDir: 'memory://',
    plenaryRollKey: async () => plenary.publicKey,
    log: () => undefined,
    mixRound: { roundMs: MIX_ROUND_MS, roundSize: 1 },
    issueRound: { roundMs: ISSUE_ROUND_MS, roundSize: 1 },
    countsWindowMs: 0,
  });
  const mixed = await createBallotService({
    dataDir: 'memory://',
    plenaryRollKey: async () => plenary.publicKey,
    log: () => undefined,
    mixRound: { roundMs: MIX_ROUND_MS, roundSize: MIX_ROUND_SIZE },
    issueRound: { roundMs: ISSUE_ROUND_MS, roundSize: 1 },
  });
  const server = serve({ fetch: service.app.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise((resolve) => server.once('listening', resolve));
  const { port } = server.address() as AddressInfo;
  const request: Requester = (path, init) => fetch(`http://127.0.0.1:${port}${path}`, init);
  try {
    const members = 10;
    const q = await openQuestion(
      request,
      plenary,
      { type: 'single', candidates, seats: 1 },
      members,
      'q-http',
    );
    const times: number[] = [];
    for (let i = 0; i < 10; i++) {
      const t = performance.now();
      await vote(
        request,
        plenary,
        q,
        `member-${String(i + 1).padStart(4, '0')}`,
        candidates[i % 4] ?? null,
      );
      times.push(performance.now() - t);
    }
    times.sort((a, b) => a - b);
    // Casts alone, all at once, into a box that mixes in full rounds: issue first, then cast together.
    const { finishBallot } = await import('../apps/ballot/src/client/voter.ts');
    const mixedRequest: Requester = (path, init) => Promise.resolve(mixed.app.request(path, init));
    const casters = 4 * MIX_ROUND_SIZE;
    const qm = await openQuestion(
      mixedRequest,
      plenary,
      { type: 'single', candidates, seats: 1 },
      casters,
      'q-mix',
    );
    const ready = [];
    for (let i = 0; i < casters; i++) {
      const p = prepareBallot(qm.view.manifest, candidates[i % 4] ?? null);
      const answer = await json<SignedIssuance>(
        await jsonPost(
          mixedRequest,
          '/questions/q-mix/issue',
          issueBody(qm.view.electionId, `member-${String(i + 1).padStart(4, '0')}`, p.blinded),
          bearer(plenary, `member-${String(i + 1).padStart(4, '0')}`, 'q-mix'),
        ),
        200,
      );
      ready.push(finishBallot(qm.view.manifest, p, answer));
    }
    const t = performance.now();
    const answers = await Promise.all(
      ready.map((b) => jsonPost(mixedRequest, '/questions/q-mix/cast', b)),
    );
    for (const a of answers) await json(a, 201);
    const castPerS = (ready.length / (performance.now() - t)) * 1000;
    return { roundtrip: times[Math.floor(times.length / 2)] ?? Number.NaN, castPerS };
  } finally {
    server.close();
    await service.close();
    await mixed.close();
  }
}

export async function run(): Promise<Record<string, number>> {
  const t0 = performance.now();
  const election = buildElection(1000);
  const boards = {
    101: election.boards(101),
    349: election.boards(349),
    1000: election.boards(1000),
  };
  const buildS = (performance.now() - t0) / 1000;
  const tPool = performance.now();
  const pool = createBatchPool();
  const verifyMs: Record<number, number> = {};
  const cpuMs: Record<number, number> = {};
  try {
    await verifyBoard(boards[101], { batch: pool.verify }); // warm-up: workers loaded, JIT warm
    const poolStart = performance.now() - tPool;
    for (const n of [101, 349, 1000] as const) {
      const t = performance.now();
      const cpu = process.cpuUsage();
      const r = await verifyBoard(boards[n], { batch: pool.verify });
      verifyMs[n] = performance.now() - t;
      // CPU time of all threads: what the work costs regardless of other load on the machine.
      const used = process.cpuUsage(cpu);
      cpuMs[n] = (used.user + used.system) / 1000;
      if (!r.ok)
        throw new Error(
          `board ${n} did not verify: ${JSON.stringify(r.checks.filter((c) => !c.ok))}`,
        );
    }
    // Baseline in the same run: the same boards on @noble/curves alone, one thread (`verify-ballot --reference`).
    const referenceMs: Record<number, number> = {};
    for (const n of [101, 1000] as const) {
      const t = performance.now();
      const r = await verifyBoard(boards[n], { batch: verifyBatchReference, reference: true });
      referenceMs[n] = performance.now() - t;
      if (!r.ok) throw new Error(`board ${n} did not verify on the reference path`);
    }
    // The verifier written from docs/ballot.md alone (noble, one thread, signatures batched the same way).
    const independentMs: Record<number, number> = {};
    for (const n of [101] as const) {
      const t = performance.now();
      const r = verifyIndependent(boards[n]);
      independentMs[n] = performance.now() - t;
      if (!r.ok)
        throw new Error(`board ${n} did not verify on the independent verifier: ${r.error}`);
    }
    // Issue 13, item 6: our Ed25519 check on noble is the cofactorless equation; noble's own verify is the baseline.
    const ed = generateSigningKeyPair();
    const edMessages = Array.from({ length: 100 }, (_, i) =>
      new TextEncoder().encode(`answer ${i}`),
    );
    const edSigs = edMessages.map((msg) => signBytes(msg, ed.secretKey));
    const tCof = performance.now();
    edMessages.forEach((msg, i) => verifyBytes(edSigs[i] ?? new Uint8Array(), msg, ed.publicKey));
    const edStrictMs = (performance.now() - tCof) / 100;
    const tPlain = performance.now();
    edMessages.forEach((msg, i) =>
      ed25519.verify(edSigs[i] ?? new Uint8Array(), msg, ed.publicKey, { zip215: false }),
    );
    const edPlainMs = (performance.now() - tPlain) / 100;
    const http = await httpFigures();
    // The new close check (issue 13): two committee Ed25519 signatures, once per close and once per verification.
    const b101 = boards[101];
    const tApprovals = performance.now();
    for (let i = 0; i < 200; i++)
      checkCloseApprovals(b101.manifest, b101.electionId, b101.closeApprovals);
    const closeApprovalsMs = (performance.now() - tApprovals) / 200;
    // Issue 13 item 3: the trust anchors. Read from a whole export of a long sitting's log (2,000 events, every link
    // rehashed), compared with the board, and the 1000-ballot board verified with them; the member's own receipt check.
    const b1000 = boards[1000];
    const m1000 = b1000.manifest;
    const at = '2026-11-23T15:00:00.000Z';
    const sittingLog = chain({ seq: 0, hash: '0'.repeat(64) }, [
      ...Array.from({ length: 1998 }, (_, i) => ({
        sittingId: m1000.sittingId,
        type: 'FloorRequested',
        payload: { personId: `member-${i}`, speechId: `s-${i}` },
        actorId: `member-${i}`,
        at,
      })),
      {
        sittingId: m1000.sittingId,
        type: 'SecretBallotOpened',
        payload: {
          questionId: m1000.questionId,
          electionId: b1000.electionId,
          plenaryKey: m1000.plenaryKey,
          committee: m1000.committee.map((c) => ({
            memberId: c.memberId,
            name: c.name,
            fingerprint: keyFingerprint(c.publicKey),
          })),
        },
        actorId: null,
        at,
      },
      {
        sittingId: m1000.sittingId,
        type: 'SecretBallotResultRecorded',
        payload: { questionId: m1000.questionId, boardRoot: b1000.root },
        actorId: null,
        at,
      },
    ]);
    const question = { sittingId: m1000.sittingId, questionId: m1000.questionId };
    const tLog = performance.now();
    let fromLog = anchorsFromSittingLog({ events: sittingLog }, question);
    for (let i = 1; i < 20; i++) fromLog = anchorsFromSittingLog({ events: sittingLog }, question);
    const logAnchorsMs = (performance.now() - tLog) / 20;
    if (!fromLog.ok || fromLog.source.head === null)
      throw new Error(`the log's anchors: ${fromLog.ok ? 'no head' : fromLog.error}`);
    const anchors = fromLog.anchors;
    const tCompare = performance.now();
    for (let i = 0; i < 1000; i++)
      if (anchorProblems(b1000, anchors).length) throw new Error('anchors differ');
    const anchorCompareMs = (performance.now() - tCompare) / 1000;
    const tAnchored = performance.now();
    const anchored = await verifyBoard(b1000, { batch: pool.verify, anchors });
    const verifyAnchoredMs = performance.now() - tAnchored;
    if (!anchored.ok) throw new Error('the 1000-ballot board failed with its anchors');
    const mine = b1000.ballots[500];
    if (!mine) throw new Error('no ballot');
    const tOwn = performance.now();
    for (let i = 0; i < 100; i++)
      if (checkOwnBallot(b1000, { ballot: mine, receipt: null }).kind !== 'found')
        throw new Error('own ballot not found');
    const ownCheckMs = (performance.now() - tOwn) / 100;
    // Timing links (issue 13, item 5): 61 voters, issuance times against storage order, 200 simulated votes each.
    const mixRound = { ms: MIX_ROUND_MS, size: MIX_ROUND_SIZE };
    const link = {
      unmixed3: simulateLinking({ voters: 61, spanS: 180, round: null }),
      mixed3: simulateLinking({ voters: 61, spanS: 180, round: mixRound }),
      unmixed10: simulateLinking({ voters: 61, spanS: 600, round: null }),
      mixed10: simulateLinking({ voters: 61, spanS: 600, round: mixRound }),
      // An attacker with the two databases but not the registrar's process: issuance known only by its stored round.
      dbOnly10: simulateLinking({
        voters: 61,
        spanS: 600,
        round: mixRound,
        issueRound: { ms: ISSUE_ROUND_MS, size: ISSUE_ROUND_SIZE },
      }),
      // The previous rounds (15 s or 8 casts), for comparison in the same run.
      previous10: simulateLinking({ voters: 61, spanS: 600, round: { ms: 15_000, size: 8 } }),
    };
    const figures = {
      sign_per_s: round(election.signPerS),
      cast_per_s: round(http.castPerS),
      verify_101_ms: round(verifyMs[101] ?? Number.NaN),
      verify_349_ms: round(verifyMs[349] ?? Number.NaN),
      verify_1000_ms: round(verifyMs[1000] ?? Number.NaN),
      vote_roundtrip_ms: round(http.roundtrip),
      pool_warmup_ms: round(poolStart),
      verify_101_cpu_ms: round(cpuMs[101] ?? Number.NaN),
      verify_1000_cpu_ms: round(cpuMs[1000] ?? Number.NaN),
      verify_101_reference_ms: round(referenceMs[101] ?? Number.NaN),
      verify_1000_reference_ms: round(referenceMs[1000] ?? Number.NaN),
      close_approvals_check_ms: Math.round(closeApprovalsMs * 100) / 100,
      log_anchors_2000_events_ms: Math.round(logAnchorsMs * 100) / 100,
      anchor_compare_ms: Math.round(anchorCompareMs * 1000) / 1000,
      verify_1000_anchored_ms: round(verifyAnchoredMs),
      own_ballot_check_1000_ms: Math.round(ownCheckMs * 1000) / 1000,
      verify_101_independent_ms: round(independentMs[101] ?? Number.NaN),
      ed25519_verify_noble_ms: Math.round(edPlainMs * 100) / 100,
      ed25519_verify_cofactorless_ms: Math.round(edStrictMs * 100) / 100,
      mix_round_max_wait_ms: MIX_ROUND_MS,
      issue_round_max_wait_ms: ISSUE_ROUND_MS,
      linked_pct_3min_unmixed: round(link.unmixed3.linkedPct),
      linked_pct_3min_mixed: round(link.mixed3.linkedPct),
      linked_pct_10min_unmixed: round(link.unmixed10.linkedPct),
      linked_pct_10min_mixed: round(link.mixed10.linkedPct),
      linked_pct_10min_previous_rounds: round(link.previous10.linkedPct),
      linked_pct_10min_db_only: round(link.dbOnly10.linkedPct),
      anonymity_round_min_10min: link.mixed10.anonymityMin,
      anonymity_round_mean_3min: round(link.mixed3.anonymityMean),
      anonymity_time_mean_3min: round(link.mixed3.overlapMean),
      anonymity_round_mean_10min: round(link.mixed10.anonymityMean),
      anonymity_time_mean_10min: round(link.mixed10.overlapMean),
      load_average_1m: round(loadavg()[0] ?? Number.NaN),
    };
    const rows: [string, string, string][] = [
      ['registrar signatures/s', String(figures.sign_per_s), ''],
      ['casts/s accepted (HTTP, verified)', String(figures.cast_per_s), ''],
      ['verify board, 101 ballots', `${figures.verify_101_ms} ms`, '< 500 ms'],
      ['verify board, 349 ballots', `${figures.verify_349_ms} ms`, ''],
      ['verify board, 1000 ballots', `${figures.verify_1000_ms} ms`, '< 2000 ms'],
      ['one vote, issue + cast (HTTP)', `${figures.vote_roundtrip_ms} ms`, '< 300 ms'],
      ['worker pool warm-up (first board)', `${figures.pool_warmup_ms} ms`, ''],
      [
        'CPU, all threads, 101 / 1000 ballots',
        `${figures.verify_101_cpu_ms} / ${figures.verify_1000_cpu_ms} ms`,
        '',
      ],
      [
        'baseline: noble only, one thread, 101 / 1000',
        `${figures.verify_101_reference_ms} / ${figures.verify_1000_reference_ms} ms`,
        `×${round(figures.verify_1000_reference_ms / figures.verify_1000_ms)} faster now`,
      ],
      ['close approvals check (2 × Ed25519)', `${figures.close_approvals_check_ms} ms`, ''],
      [
        'anchors from a log export, 2,000 events',
        `${figures.log_anchors_2000_events_ms} ms`,
        'chain rehashed',
      ],
      ['anchor check against the board', `${figures.anchor_compare_ms} ms`, '3 fingerprints'],
      [
        'verify board, 1000 ballots, with anchors',
        `${figures.verify_1000_anchored_ms} ms`,
        '< 2000 ms',
      ],
      [
        "member's own ballot check, 1000 ballots",
        `${figures.own_ballot_check_1000_ms} ms`,
        'in the browser',
      ],
      [
        'independent verifier (docs only, noble), 101',
        `${figures.verify_101_independent_ms} ms`,
        'one thread',
      ],
      [
        "Ed25519 on noble: noble's verify / ours (cofactorless)",
        `${figures.ed25519_verify_noble_ms} / ${figures.ed25519_verify_cofactorless_ms} ms`,
        'per signature',
      ],
      ['mix round: longest wait of a cast', `${figures.mix_round_max_wait_ms} ms`, 'by design'],
      ['issuance round: longest wait', `${figures.issue_round_max_wait_ms} ms`, 'by design'],
      [
        'timing links, 61 voters, 3 min: unmixed / mixed',
        `${figures.linked_pct_3min_unmixed} / ${figures.linked_pct_3min_mixed} %`,
        '',
      ],
      [
        'timing links, 61 voters, 10 min: unmixed / mixed',
        `${figures.linked_pct_10min_unmixed} / ${figures.linked_pct_10min_mixed} %`,
        '',
      ],
      [
        'timing links, 10 min: 15 s/8 rounds / databases only',
        `${figures.linked_pct_10min_previous_rounds} / ${figures.linked_pct_10min_db_only} %`,
        '',
      ],
      [
        'anonymity set, 3 min: round / by time',
        `${figures.anonymity_round_mean_3min} / ${figures.anonymity_time_mean_3min}`,
        'mean',
      ],
      [
        'anonymity set, 10 min: round / by time',
        `${figures.anonymity_round_mean_10min} / ${figures.anonymity_time_mean_10min}`,
        'mean',
      ],
      ['load average during the run', String(figures.load_average_1m), ''],
    ];
    console.log(
      `ballot bench (boards built in ${buildS.toFixed(1)} s; verification on a worker pool)`,
    );
    for (const [name, value, target] of rows)
      console.log(`  ${name.padEnd(50)} ${value.padStart(14)}  ${target}`);
    return figures;
  } finally {
    await pool.close();
  }
}

function round(x: number): number {
  return Math.round(x * 10) / 10;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(JSON.stringify(await run()));
}
