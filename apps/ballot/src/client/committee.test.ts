// The committee's client steps: lot commitment, manifest approval, opening a key share (R22).
import { describe, expect, it } from 'vitest';
import { ed25519 } from '@noble/curves/ed25519.js';
import { rollSigningBytes } from '@council/shared';
import { fromHex, toHex } from '../crypto/bytes.ts';
import { manifestSigningBytes } from '../crypto/hash.ts';
import { x25519PublicKey } from '../crypto/payload-encryption.ts';
import { combineShares } from '../crypto/shamir.ts';
import { verifyBytes } from '../crypto/signing.ts';
import { lotCommitment } from '../domain/lottning.ts';
import { createQuestion } from '../app/question.ts';
import { approveManifest, newLotSeed, openKeyShare } from './committee.ts';

describe('committee client', () => {
  const plenary = ed25519.keygen();
  const members = [1, 2, 3].map((i) => ({
    memberId: `c${i}`,
    ...ed25519.keygen(),
    lot: newLotSeed(),
  }));
  const roll = {
    questionId: 'q',
    sittingId: 's',
    itemId: 'i',
    frozenAt: '2026-11-23T15:00:00.000Z',
    members: [{ memberId: 'm1', name: 'M', party: 'S' }],
  };
  const created = createQuestion(
    {
      roll: { roll, signature: toHex(ed25519.sign(rollSigningBytes(roll), plenary.secretKey)) },
      title: 'Val',
      ballot: { type: 'yesno' },
      committee: members.map((m) => ({
        memberId: m.memberId,
        name: m.memberId,
        publicKey: toHex(m.publicKey),
        lotCommitment: m.lot.commitment,
      })),
    },
    plenary.publicKey,
    new Date('2026-11-23T15:01:00.000Z'),
  );
  if ('code' in created) throw new Error(created.message);

  it('the lot commitment is SHA-256 of the tagged seed', () => {
    const { seed, commitment } = newLotSeed();
    expect(commitment).toBe(toHex(lotCommitment(fromHex(seed, 32, 'seed'))));
  });

  it('approves only a manifest that hashes to the election id', () => {
    const [c1] = members;
    if (!c1) throw new Error('members');
    const sig = approveManifest(created, c1.memberId, c1.secretKey);
    expect(
      verifyBytes(
        fromHex(sig.signature, 64, 's'),
        manifestSigningBytes(fromHex(created.electionId, 32, 'e')),
        c1.publicKey,
      ),
    ).toBe(true);
    expect(() =>
      approveManifest(
        { ...created, manifest: { ...created.manifest, title: 'x' } },
        c1.memberId,
        c1.secretKey,
      ),
    ).toThrow(/hash/);
  });

  it('any two opened shares rebuild the key whose public half is in the manifest; no other key opens a share', () => {
    const [a, , c] = members;
    if (!a || !c) throw new Error('members');
    const sa = openKeyShare(created, a.memberId, a.secretKey);
    const sc = openKeyShare(created, c.memberId, c.secretKey);
    const key = combineShares([
      { index: sa.index, value: fromHex(sa.share, 32, 's') },
      { index: sc.index, value: fromHex(sc.share, 32, 's') },
    ]);
    expect(toHex(x25519PublicKey(key))).toBe(created.manifest.encryptionKey);
    expect(() => openKeyShare(created, a.memberId, c.secretKey)).toThrow();
  });
});
