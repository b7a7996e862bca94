import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ed25519 } from '@noble/curves/ed25519.js';
import { hexToBytes } from '@noble/hashes/utils.js';
import { headMessage } from '../domain/log/signed-head.ts';
import {
  ephemeralLogSigner,
  loadLogSigner,
  publicKeyOfKeyFile,
  verifySignedHead,
} from './log-signer.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
const head = {
  sittingId: 'kf',
  seq: 3,
  hash: 'ab'.repeat(32),
  signedAt: '2026-12-14T18:00:00.000Z',
};

describe('log signer', () => {
  it('makes the key file on first start (0600, PEM), says so, and loads the same key after', () => {
    const dir = mkdtempSync(join(tmpdir(), 'log-key-'));
    dirs.push(dir);
    const file = join(dir, 'keys', 'log-signing.pem');
    const lines: string[] = [];
    const first = loadLogSigner({
      keyFile: file,
      dataDir: join(dir, 'data'),
      log: (m) => lines.push(m),
    });
    expect(lines).toEqual([
      expect.stringMatching(/^Generated the log-signing key .*log-signing\.pem/),
    ]);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readFileSync(file, 'utf8')).toMatch(/^-----BEGIN PRIVATE KEY-----/);
    const again = loadLogSigner({ keyFile: file, log: (m) => lines.push(m) });
    expect(lines.length).toBe(1);
    expect(again.publicKeyHex).toBe(first.publicKeyHex);
    expect(publicKeyOfKeyFile(file)).toBe(first.publicKeyHex);
  });

  it('warns when the key file is inside the data directory', () => {
    const dir = mkdtempSync(join(tmpdir(), 'log-key-'));
    dirs.push(dir);
    const lines: string[] = [];
    loadLogSigner({
      keyFile: join(dir, 'data', 'k.pem'),
      dataDir: join(dir, 'data'),
      log: (m) => lines.push(m),
    });
    expect(lines[0]).toMatch(/^WARNING: the log-signing key .* is inside the data directory/);
  });

  it('signs standard Ed25519 (noble verifies it) that only the trusted key verifies', () => {
    const signer = ephemeralLogSigner();
    const signed = signer.signHead(head);
    expect(signed).toMatchObject({ ...head, format: 'council-log-head/v1', keyId: signer.keyId });
    expect(
      ed25519.verify(
        hexToBytes(signed.signature),
        headMessage(signed),
        hexToBytes(signer.publicKeyHex),
      ),
    ).toBe(true);
    expect(verifySignedHead(signed, [signer.publicKeyHex])).toBe(true);
    expect(verifySignedHead(signed, [ephemeralLogSigner().publicKeyHex])).toBe(false);
    expect(verifySignedHead({ ...signed, hash: 'cd'.repeat(32) }, [signer.publicKeyHex])).toBe(
      false,
    );
    expect(verifySignedHead(signed, ['00'])).toBe(false);
  });
});
