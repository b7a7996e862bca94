// The voter's client: verifies the registrar's answer against the one published key before casting (R21, R22).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { dirname, resolve } from 'node:path';
import {
  type Manifest,
  type SignedIssuance,
  rollSigningBytes as sharedRollBytes,
} from '@council/shared';
import { ed25519 } from '@noble/curves/ed25519.js';
import { fromHex, toHex } from '../crypto/bytes.ts';
import { generateBlsKeyPair, signBlinded } from '../crypto/blind-bls.ts';
import { lotCommitment } from '../domain/lottning.ts';
import { signJson } from '../crypto/signing.ts';
import { answerIssuance } from '../app/issue.ts';
import { checkCast } from '../app/cast.ts';
import { createQuestion } from '../app/question.ts';
import { VoterError, finishBallot, prepareBallot, verifyQuestion, verifyReceipt } from './voter.ts';
import { manifestSigningBytes } from '../crypto/hash.ts';

function setup() {
  const plenary = ed25519.keygen();
  const committee = [1, 2, 3].map((i) => ({ memberId: `c${i}`, ...ed25519.keygen() }));
  const roll = {
    questionId: 'q',
    sittingId: 's',
    itemId: 'i',
    frozenAt: '2026-11-23T15:00:00.000Z',
    members: [{ memberId: 'm1', name: 'M', party: 'S' }],
  };
  const created = createQuestion(
    {
      roll: { roll, signature: toHex(ed25519.sign(sharedRollBytes(roll), plenary.secretKey)) },
      title: 'Val',
      ballot: { type: 'single', candidates: ['A', 'B'], seats: 1 },
      committee: committee.map((c) => ({
        memberId: c.memberId,
        name: c.memberId,
        publicKey: toHex(c.publicKey),
        lotCommitment: toHex(lotCommitment(new Uint8Array(32))),
      })),
    },
    plenary.publicKey,
    new Date('2026-11-23T15:01:00.000Z'),
  );
  if ('code' in created) throw new Error(created.message);
  const sigs = committee.map((c) => ({
    memberId: c.memberId,
    signature: toHex(
      ed25519.sign(manifestSigningBytes(fromHex(created.electionId, 32, 'e')), c.secretKey),
    ),
  }));
  return { created, sigs, keys: { electionId: created.electionId, ...created.secrets } };
}

describe('voter client', () => {
  const { created, sigs, keys } = setup();
  const manifest: Manifest = created.manifest;

  it('R22: accepts a committee-signed manifest and refuses an edited one', () => {
    expect(
      verifyQuestion({ manifest, electionId: created.electionId, manifestSignatures: sigs }),
    ).toBe(created.electionId);
    expect(() =>
      verifyQuestion({
        manifest: { ...manifest, title: 'x' },
        electionId: created.electionId,
        manifestSignatures: sigs,
      }),
    ).toThrow(VoterError);
    expect(() =>
      verifyQuestion({
        manifest,
        electionId: created.electionId,
        manifestSignatures: sigs.slice(1),
      }),
    ).toThrow(/has not signed/);
  });

  it('R21: hashes, blinds, unblinds and gets a receipt for exactly its ballot', () => {
    const prepared = prepareBallot(manifest, 'A');
    const answer = answerIssuance(keys, 'm1', prepared.blinded);
    if ('code' in answer) throw new Error(answer.message);
    const ballot = finishBallot(manifest, prepared, answer);
    const receipt = checkCast(
      {
        electionId: created.electionId,
        blsPublicKey: manifest.blsPublicKey,
        boxSecretKey: keys.boxSecretKey,
      },
      ballot,
    );
    if ('code' in receipt) throw new Error(receipt.message);
    expect(() => verifyReceipt(manifest, ballot, receipt)).not.toThrow();
    expect(() => verifyReceipt(manifest, { ...ballot, nonce: '00'.repeat(32) }, receipt)).toThrow(
      VoterError,
    );
  });

  it('detects a registrar answering with another key (a per-voter tagging key)', () => {
    const prepared = prepareBallot(manifest, 'B');
    const other = generateBlsKeyPair();
    const answer = {
      electionId: created.electionId,
      memberId: 'm1',
      blinded: prepared.blinded,
      blindSignature: toHex(signBlinded(fromHex(prepared.blinded, 48, 'b'), other.secretKey)),
    };
    const signed: SignedIssuance = {
      answer,
      signature: toHex(signJson(answer, keys.registrarSecretKey)),
    };
    expect(() => finishBallot(manifest, prepared, signed)).toThrow(
      expect.objectContaining({ code: 'WRONG_KEY' }),
    );
  });

  it('refuses an answer not signed by the registrar key, or for another blinded ballot', () => {
    const prepared = prepareBallot(manifest, 'A');
    const good = answerIssuance(keys, 'm1', prepared.blinded);
    if ('code' in good) throw new Error(good.message);
    const forged = {
      ...good,
      signature: toHex(ed25519.sign(new Uint8Array(1), ed25519.utils.randomSecretKey())),
    };
    expect(() => finishBallot(manifest, prepared, forged)).toThrow(
      expect.objectContaining({ code: 'BAD_ANSWER_SIGNATURE' }),
    );
    const otherPrepared = prepareBallot(manifest, 'A');
    expect(() => finishBallot(manifest, otherPrepared, good)).toThrow(
      expect.objectContaining({ code: 'ANSWER_MISMATCH' }),
    );
  });

  it('refuses an invalid choice before anything is sent', () => {
    expect(() => prepareBallot(manifest, 'Z')).toThrow(
      expect.objectContaining({ code: 'INVALID_CHOICE' }),
    );
  });

  it('is browser-safe: nothing the voter or committee client imports uses node:* modules', () => {
    const seen = new Set<string>();
    const visit = (file: string) => {
      if (seen.has(file)) return;
      seen.add(file);
      const src = readFileSync(file, 'utf8');
      expect(src, file).not.toMatch(/from ['"]node:/);
      for (const m of src.matchAll(/from '(\.{1,2}\/[^']+\.ts)'/g))
        if (m[1]) visit(resolve(dirname(file), m[1]));
    };
    visit(fileURLToPath(new URL('./voter.ts', import.meta.url)));
    visit(fileURLToPath(new URL('./committee.ts', import.meta.url)));
    expect(seen.size).toBeGreaterThan(5);
  });
});
