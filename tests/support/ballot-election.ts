// A whole secret ballot in memory (plenary, committee, registrar, voters, box): for fixtures, tests and the benchmark.
import {
  type Ballot,
  type BoardIssuance,
  type BallotChoice,
  type BallotSpec,
  type CloseApproval,
  type Board,
  type CloseRequest,
  type CreateQuestionRequest,
  type EligibleRoll,
  type ManifestSignature,
  type Rejection,
  type SignedEligibleRoll,
  type SignedIssuance,
  type VoterAssertion,
  encodeVoterAssertion,
  isRejection,
  rollSigningBytes,
  voterAssertionSigningBytes,
} from '@council/shared';
import { ed25519 } from '@noble/curves/ed25519.js';
import { fromHex, toHex } from '../../apps/ballot/src/crypto/bytes.ts';
import {
  closeSigningBytes,
  manifestSigningBytes,
  sha256,
} from '../../apps/ballot/src/crypto/hash.ts';
import { SHARE_INFO, decryptPayload } from '../../apps/ballot/src/crypto/payload-encryption.ts';
import { signingSecretToX25519 } from '../../apps/ballot/src/crypto/signing.ts';
import { lotCommitment } from '../../apps/ballot/src/domain/lottning.ts';
import { envelopeFromJson } from '../../apps/ballot/src/protocol/ballot-codec.ts';
import { type CreatedQuestion, createQuestion } from '../../apps/ballot/src/app/question.ts';
import { answerIssuance } from '../../apps/ballot/src/app/issue.ts';
import { signedRequest } from '../../apps/ballot/src/client/issuance-request.ts';
import { checkCast } from '../../apps/ballot/src/app/cast.ts';
import { buildBoard } from '../../apps/ballot/src/app/close.ts';
import {
  finishBallot,
  prepareBallot,
  prepareBallotPlaintext,
} from '../../apps/ballot/src/client/voter.ts';

export interface Keys {
  secretKey: Uint8Array;
  publicKey: Uint8Array;
}

export interface CommitteeKeys extends Keys {
  memberId: string;
  name: string;
  seed: Uint8Array;
}

export function keypair(): Keys {
  const secretKey = ed25519.utils.randomSecretKey();
  return { secretKey, publicKey: ed25519.getPublicKey(secretKey) };
}

export function makeCommittee(): CommitteeKeys[] {
  return ['valberedning-1', 'valberedning-2', 'valberedning-3'].map((memberId, i) => ({
    memberId,
    name: ['Karin Berg', 'Olof Lind', 'Sara Holm'][i] ?? memberId,
    ...keypair(),
    seed: ed25519.utils.randomSecretKey(),
  }));
}

export function makeRoll(
  questionId: string,
  members: number,
  frozenAt = '2026-11-23T15:00:00.000Z',
): EligibleRoll {
  const parties = ['S', 'M', 'SD', 'V', 'C', 'KD', 'L', 'MP'];
  return {
    questionId,
    sittingId: 'sitting-2026-11-23',
    itemId: 'item-7',
    frozenAt,
    members: Array.from({ length: members }, (_, i) => ({
      memberId: `member-${String(i + 1).padStart(4, '0')}`,
      name: `Ledamot ${i + 1}`,
      party: parties[i % parties.length] ?? 'S',
    })),
  };
}

export function signRoll(roll: EligibleRoll, plenary: Keys): SignedEligibleRoll {
  return { roll, signature: toHex(ed25519.sign(rollSigningBytes(roll), plenary.secretKey)) };
}

export function assertionToken(assertion: VoterAssertion, plenary: Keys): string {
  return encodeVoterAssertion(
    assertion,
    ed25519.sign(voterAssertionSigningBytes(assertion), plenary.secretKey),
  );
}

export function createRequest(
  roll: SignedEligibleRoll,
  ballot: BallotSpec,
  committee: readonly CommitteeKeys[],
  title = 'Val av revisorer',
): CreateQuestionRequest {
  return {
    roll,
    title,
    ballot,
    committee: committee.map((c) => ({
      memberId: c.memberId,
      name: c.name,
      publicKey: toHex(c.publicKey),
      lotCommitment: toHex(lotCommitment(c.seed)),
    })),
  };
}

export function signManifest(
  electionId: string,
  committee: readonly CommitteeKeys[],
): ManifestSignature[] {
  return committee.map((c) => ({
    memberId: c.memberId,
    signature: toHex(
      ed25519.sign(manifestSigningBytes(fromHex(electionId, 32, 'electionId')), c.secretKey),
    ),
  }));
}

/** A committee member opens their encrypted share. */
export function openShare(
  created: Pick<CreatedQuestion, 'encryptedShares' | 'electionId'>,
  member: CommitteeKeys,
): { index: number; share: string } {
  const enc = created.encryptedShares.find((s) => s.memberId === member.memberId);
  if (!enc) throw new Error('no share for ' + member.memberId);
  const value = decryptPayload(
    envelopeFromJson(enc.payload),
    signingSecretToX25519(member.secretKey),
    fromHex(created.electionId, 32, 'electionId'),
    SHARE_INFO,
  );
  return { index: enc.index, share: toHex(value) };
}

/** A committee member's signed consent to close. */
export function approveClose(electionId: string, member: CommitteeKeys): CloseApproval {
  return {
    memberId: member.memberId,
    signature: toHex(
      ed25519.sign(closeSigningBytes(fromHex(electionId, 32, 'electionId')), member.secretKey),
    ),
  };
}

export function closeRequest(
  created: Pick<CreatedQuestion, 'encryptedShares' | 'electionId'>,
  committee: readonly CommitteeKeys[],
  reveal = true,
): CloseRequest {
  const [a, b] = committee;
  if (!a || !b) throw new Error('committee too small');
  return {
    approvals: [approveClose(created.electionId, a), approveClose(created.electionId, b)],
    shares: [openShare(created, a), openShare(created, b)],
    reveals: reveal ? committee.map((c) => ({ memberId: c.memberId, seed: toHex(c.seed) })) : [],
  };
}

function ok<T extends object>(value: T | Rejection): T {
  if (isRejection(value)) throw new Error(`${value.code}: ${value.message}`);
  return value;
}

export interface Election {
  plenary: Keys;
  committee: CommitteeKeys[];
  roll: SignedEligibleRoll;
  created: CreatedQuestion;
  manifestSignatures: ManifestSignature[];
  issuance: SignedIssuance[];
  ballots: Ballot[];
}

/**
 * A member's own voting key in tests (issue 13, item 3): deterministic from the member id, so generated boards and
 * vectors stay the same; a real one is made at random in the member's browser.
 */
export function memberSecretKey(memberId: string): string {
  return toHex(sha256(new TextEncoder().encode(`council-ballot test member key\n${memberId}`)));
}

/** The public half of `memberSecretKey`: the key plenary's log would hold for the member. */
export function memberPublicKey(memberId: string): string {
  return toHex(ed25519.getPublicKey(fromHex(memberSecretKey(memberId), 32, 'secretKey')));
}

/** The request body of `/issue`: the blinded point and the member's own signature over the request. */
export function issueBody(
  electionId: string,
  memberId: string,
  blinded: string,
  secretKey = memberSecretKey(memberId),
): { blinded: string; requestSignature: string } {
  return {
    blinded,
    requestSignature: signedRequest({ electionId, memberId, blinded }, secretKey).requestSignature,
  };
}

/** The registrar's answer with the member's own signed request for it, as the board publishes it. */
export function withRequest(
  answer: SignedIssuance,
  secretKey = memberSecretKey(answer.answer.memberId),
): BoardIssuance {
  const { electionId, memberId, blinded } = answer.answer;
  return { ...answer, ...signedRequest({ electionId, memberId, blinded }, secretKey) };
}

/** A raw plaintext, as a modified client could send (invalid-ballot tests). */
export interface RawPlaintext {
  raw: string;
}

/** A member who receives a signature and then never casts (drops out after issuance). */
export interface DropOut {
  dropOut: true;
}

export type SimulatedVote = BallotChoice | RawPlaintext | DropOut | undefined;

function isRaw(v: SimulatedVote): v is RawPlaintext {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && 'raw' in v;
}
function isDropOut(v: SimulatedVote): v is DropOut {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && 'dropOut' in v;
}

/** Run an election in memory; `choices[i]` is member i's vote (undefined: does not vote). */
export function runElection(
  spec: BallotSpec,
  eligible: number,
  choices: readonly SimulatedVote[],
  questionId = 'q-1',
  /** The roll to use instead of a made-up one (a board rebuilt for a real question, with fresh keys throughout). */
  rollOf?: EligibleRoll,
): Election {
  const plenary = keypair();
  const committee = makeCommittee();
  const roll = signRoll(rollOf ?? makeRoll(questionId, eligible), plenary);
  const created = ok(
    createQuestion(
      createRequest(roll, spec, committee),
      plenary.publicKey,
      new Date('2026-11-23T15:01:00.000Z'),
    ),
  );
  const manifestSignatures = signManifest(created.electionId, committee);
  const keys = { electionId: created.electionId, ...created.secrets };
  const issuance: SignedIssuance[] = [];
  const ballots: Ballot[] = [];
  choices.forEach((choice, i) => {
    if (choice === undefined) return;
    const member = roll.roll.members[i];
    if (!member) throw new Error('more choices than members');
    const prepared = isRaw(choice)
      ? prepareBallotPlaintext(created.manifest, choice.raw)
      : isDropOut(choice)
        ? prepareBallot(created.manifest, null)
        : prepareBallot(created.manifest, choice);
    const answer = ok(answerIssuance(keys, member.memberId, prepared.blinded));
    issuance.push(answer);
    if (isDropOut(choice)) return;
    const ballot = finishBallot(created.manifest, prepared, answer);
    ok(
      checkCast(
        {
          electionId: created.electionId,
          blsPublicKey: created.manifest.blsPublicKey,
          boxSecretKey: created.secrets.boxSecretKey,
        },
        ballot,
      ),
    );
    ballots.push(ballot);
  });
  return { plenary, committee, roll, created, manifestSignatures, issuance, ballots };
}

export function closeElection(
  e: Election,
  close: CloseRequest = closeRequest(e.created, e.committee),
): Board {
  return ok(
    buildBoard({
      manifest: e.created.manifest,
      electionId: e.created.electionId,
      manifestSignatures: e.manifestSignatures,
      roll: e.roll,
      issuance: e.issuance,
      ballots: e.ballots,
      close,
    }),
  );
}
