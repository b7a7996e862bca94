// The independent verifier over the sample boards (issue 6): every valid board accepted, every tampered one rejected
// for the right reason; the CLI's exit codes and --receipt.
import { readdirSync, readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { bls12_381 } from '@noble/curves/bls12-381.js';
import type { Board } from '@council/shared';
import { createBatchPool } from '../../apps/ballot/src/crypto/batch-pool.ts';
import { verifyBatchReference } from '../../apps/ballot/src/crypto/batch-verify.ts';
import { hashToG1 } from '../../apps/ballot/src/crypto/blind-bls.ts';
import { fromHex } from '../../apps/ballot/src/crypto/bytes.ts';
import { messageOf } from '../../apps/ballot/src/protocol/ballot-codec.ts';
import { verifyBoard } from '../../apps/ballot/src/verifier/verify-board.ts';
import { main } from '../../apps/ballot/src/cli/verify-ballot.ts';
import { buildBoard } from '../../apps/ballot/src/app/close.ts';
import {
  type Election,
  closeElection,
  closeRequest,
  runElection,
} from '../support/ballot-election.ts';

const dir = fileURLToPath(new URL('../fixtures/ballot/', import.meta.url));
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.json'))
  .sort();
const load = (f: string): Board => JSON.parse(readFileSync(dir + f, 'utf8')) as Board;
const pool = createBatchPool(1);
afterAll(() => pool.close());

/** The check that must fail for each attack in issue 6. */
const expectedFailure: Record<string, string> = {
  'tampered-duplicate-nonce': 'ballots-unique',
  'tampered-duplicate-signature': 'ballots-unique',
  'tampered-second-issuance': 'issuance-answers',
  'tampered-forged-random-point': 'ballot-signatures',
  'tampered-forged-identity': 'ballot-signatures',
  'tampered-forged-non-subgroup': 'ballot-signatures',
  'tampered-forged-other-key': 'ballot-signatures',
  'tampered-forged-wrong-tag': 'ballot-signatures',
  'tampered-replayed-other-question': 'ballots-unique',
  'tampered-edited-ballot': 'ballot-signatures',
  'tampered-deleted-ballot': 'root',
  'tampered-inserted-ballots': 'invariant',
  'tampered-reordered': 'ballots-unique',
  'tampered-aggregate-trap': 'ballot-signatures',
  'tampered-registrar-other-key': 'issuance-signatures',
  'tampered-absent-member': 'issuance-answers',
  'tampered-manifest': 'election-id',
  'tampered-tally': 'tally',
  'tampered-lottning': 'lottning',
  'tampered-decryption-key': 'decryption-key',
  'tampered-counts': 'blank-invalid-counts',
  'tampered-close-unapproved': 'close-approvals',
  'tampered-physical-lot': 'lottning-reveals',
};

describe('verify-ballot over the sample boards', () => {
  it("ships one valid board per ballot type (incl. a d'Hondt tie) and one tampered board per attack", () => {
    const valid = files.filter((f) => f.startsWith('valid-'));
    expect(valid).toEqual(
      expect.arrayContaining([
        'valid-single.json',
        'valid-multi.json',
        'valid-yesno.json',
        'valid-list-dhondt-tie.json',
      ]),
    );
    expect(
      files
        .filter((f) => f.startsWith('tampered-'))
        .map((f) => f.replace('.json', ''))
        .sort(),
    ).toEqual(Object.keys(expectedFailure).sort());
    expect(
      load('valid-list-dhondt-tie.json').lottning.draws.some((d) => d.context.startsWith('seat')),
    ).toBe(true);
  });

  it.each(files.filter((f) => f.startsWith('valid-')))('R22: accepts %s', async (f) => {
    const report = await verifyBoard(load(f), { batch: pool.verify });
    expect(report.checks.filter((c) => !c.ok)).toEqual([]);
    expect(report.ok).toBe(true);
  });

  it.each(files.filter((f) => f.startsWith('tampered-')))('R22: rejects %s', async (f) => {
    const report = await verifyBoard(load(f), { batch: pool.verify });
    expect(report.ok).toBe(false);
    expect(report.checks.filter((c) => !c.ok).map((c) => c.name)).toContain(
      expectedFailure[f.replace('.json', '')],
    );
  });

  it('--reference (@noble/curves only) reaches the same verdict, check by check, on every sample board', async () => {
    for (const f of files) {
      const fast = await verifyBoard(load(f), { batch: pool.verify });
      const reference = await verifyBoard(load(f), {
        batch: verifyBatchReference,
        reference: true,
      });
      expect({ f, checks: reference.checks.map((c) => [c.name, c.ok]) }).toEqual({
        f,
        checks: fast.checks.map((c) => [c.name, c.ok]),
      });
    }
  });

  it('the +X/−X board passes plain aggregation (the trap is real) but not the random-coefficient check', async () => {
    const board = load('tampered-aggregate-trap.json');
    const sigs = bls12_381.shortSignatures;
    const agg = sigs.aggregateSignatures(board.ballots.map((b) => fromHex(b.signature, 48, 's')));
    const plain = sigs.verifyBatch(
      agg,
      board.ballots.map((b) => ({
        message: hashToG1(messageOf(b)),
        publicKey: fromHex(board.manifest.blsPublicKey, 96, 'pk'),
      })),
    );
    expect(plain).toBe(true);
    const report = await verifyBoard(board, { batch: pool.verify });
    expect(report.checks.find((c) => c.name === 'ballot-signatures')?.ok).toBe(false);
  });

  it('--receipt: the voter finds their ballot on the valid board, and notices when it was deleted', async () => {
    const valid = load('valid-single.json');
    const deleted = load('tampered-deleted-ballot.json');
    const missing = valid.ballots.find((b) => !deleted.ballots.some((d) => d.nonce === b.nonce));
    if (!missing) throw new Error('fixture: no deleted ballot');
    expect((await verifyBoard(valid, { batch: pool.verify, receipt: missing.nonce })).ok).toBe(
      true,
    );
    const r = await verifyBoard(deleted, { batch: pool.verify, receipt: missing.nonce });
    expect(r.checks.find((c) => c.name === 'receipt')).toMatchObject({ ok: false });
  });

  it('a board that is not JSON of the schema fails the schema check, never throws', async () => {
    for (const input of [
      null,
      42,
      { format: 'x' },
      { ...load('valid-yesno.json'), ballots: [{ nonce: 'zz' }] },
    ]) {
      const r = await verifyBoard(input, { batch: pool.verify });
      expect(r.ok).toBe(false);
      expect(r.checks[0]?.name).toBe('schema');
    }
  });

  it('CLI: exit 0 with a JSON report for a valid board, 1 for a tampered one', () => {
    const cli = fileURLToPath(
      new URL('../../apps/ballot/src/cli/verify-ballot.ts', import.meta.url),
    );
    const run = (...args: string[]) =>
      spawnSync(process.execPath, ['--import', 'tsx', cli, ...args], { encoding: 'utf8' });
    const ok = run(dir + 'valid-yesno.json');
    expect(ok.status).toBe(0);
    expect(JSON.parse(ok.stdout)).toMatchObject({ ok: true });
    const bad = run(dir + 'tampered-forged-identity.json');
    expect(bad.status).toBe(1);
    expect(JSON.parse(bad.stdout)).toMatchObject({ ok: false });
    const reference = run(dir + 'tampered-aggregate-trap.json', '--reference');
    expect(reference.status).toBe(1);
    expect(JSON.parse(reference.stdout)).toMatchObject({ ok: false });
  });

  it('CLI: usage errors exit 2', async () => {
    expect((await main([])).code).toBe(2);
    expect((await main(['a.json', '--receipt'])).code).toBe(2);
    expect((await main([dir + 'does-not-exist.json'])).code).toBe(2);
  });

  it('lottning fallback: with a seed withheld, the recorded in-room draw decides the tie and the board verifies', async () => {
    const e = runElection({ type: 'single', candidates: ['Anna', 'Bertil'], seats: 1 }, 3, [
      'Anna',
      'Bertil',
      undefined,
    ]);
    const close = closeRequest(e.created, e.committee, false);
    const noLot = buildBoard({ ...boardInput(e), close });
    expect(noLot).toMatchObject({ code: 'INVALID_STATE' });
    const wrongTie = buildBoard({
      ...boardInput(e),
      close: { ...close, physicalDraws: [{ context: 'place 1', order: ['Anna', 'Cecilia'] }] },
    });
    expect(wrongTie).toMatchObject({ code: 'INVALID_INPUT' });
    const board = closeElection(e, {
      ...close,
      physicalDraws: [{ context: 'place 1', order: ['Bertil', 'Anna'] }],
    });
    expect(board.lottning.method).toBe('physical');
    expect(board.tally.elected).toEqual(['Bertil']);
    expect((await verifyBoard(board, { batch: pool.verify })).ok).toBe(true);
  });
});

function boardInput(e: Election) {
  return {
    manifest: e.created.manifest,
    electionId: e.created.electionId,
    manifestSignatures: e.manifestSignatures,
    roll: e.roll,
    issuance: e.issuance,
    ballots: e.ballots,
  };
}
