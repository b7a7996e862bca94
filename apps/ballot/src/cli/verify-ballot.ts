// verify-ballot: recheck a published bulletin board (R22) against trust anchors from outside it (issue 13, item 3).
// `npm run verify-ballot -- <board.json> [--receipt <nonce|receipt.json>] [--reference] [--sitting-log <events.json>]
//   [--expect-root <hex>] [--expect-election <hex>] [--expect-plenary-key <hex>] [--expect-committee <fp,fp,fp>]`
// Prints a JSON report; exit 0 when every check passes, 1 when any fails, 2 on usage errors. By default the bulk
// cryptography runs on mcl (WebAssembly) and OpenSSL over every core; --reference uses @noble/curves alone (slower).
import { existsSync, readFileSync } from 'node:fs';
import { type SignedReceipt, signedReceiptSchema } from '@council/shared';
import { createBatchPool } from '../crypto/batch-pool.ts';
import { verifyBatchReference } from '../crypto/batch-verify.ts';
import {
  type LogAnchorSource,
  anchorsFromSittingLog,
  mergeAnchors,
} from '../verifier/log-anchors.ts';
import { type TrustAnchors, type VerifyReport, verifyBoard } from '../verifier/verify-board.ts';

const USAGE =
  'usage: verify-ballot <board.json> [--receipt <nonce-hex | receipt.json>] [--reference] ' +
  '[--sitting-log <events.json>] [--expect-root <hex>] [--expect-election <hex>] ' +
  '[--expect-plenary-key <hex>] [--expect-committee <key-or-fingerprint,…>]';

const HEX64 = /^[0-9a-fA-F]{64}$/;

/** Take every `flag <value>` out of args (each value may list several, comma-separated); null when one is not hex32. */
function takeHex(args: string[], ...flags: string[]): string[] | null {
  const values: string[] = [];
  for (const flag of flags)
    for (let i = args.indexOf(flag); i >= 0; i = args.indexOf(flag)) {
      const value = args[i + 1];
      const parts = value?.split(',').map((v) => v.trim()) ?? [];
      if (parts.length === 0 || parts.some((v) => !HEX64.test(v))) return null;
      values.push(...parts.map((v) => v.toLowerCase()));
      args.splice(i, 2);
    }
  return values;
}

function readJson(file: string): { value: unknown } | { error: string } {
  try {
    return { value: JSON.parse(readFileSync(file, 'utf8')) };
  } catch (error) {
    return {
      error: `cannot read ${file}: ${error instanceof Error ? error.message : String(error)}`,
    };
  }
}

/** The board's own question, to find in the sitting's log (a board without one fails `schema` anyway). */
function questionOf(board: unknown): { sittingId: string; questionId: string } | null {
  if (typeof board !== 'object' || board === null || !('manifest' in board)) return null;
  const m = board.manifest;
  if (typeof m !== 'object' || m === null || !('sittingId' in m) || !('questionId' in m))
    return null;
  return typeof m.sittingId === 'string' && typeof m.questionId === 'string'
    ? { sittingId: m.sittingId, questionId: m.questionId }
    : null;
}

export type CliReport = (VerifyReport & { sittingLog?: LogAnchorSource }) | { error: string };

export async function main(argv: readonly string[]): Promise<{ code: number; report: CliReport }> {
  const args = [...argv];
  const takeOne = (flag: string): string | null | undefined => {
    const i = args.indexOf(flag);
    if (i < 0) return undefined;
    const value = args[i + 1];
    args.splice(i, 2);
    return value === undefined || args.includes(flag) ? null : value;
  };
  const receiptArg = takeOne('--receipt');
  const logArg = takeOne('--sitting-log');
  const roots = takeHex(args, '--expect-root');
  const elections = takeHex(args, '--expect-election');
  // --plenary-key and --committee-key: the earlier names, still taken.
  const plenaryKeys = takeHex(args, '--expect-plenary-key', '--plenary-key');
  const committee = takeHex(args, '--expect-committee', '--committee-key');
  if (
    receiptArg === null ||
    logArg === null ||
    !roots ||
    !elections ||
    !plenaryKeys ||
    !committee ||
    roots.length > 1 ||
    elections.length > 1 ||
    plenaryKeys.length > 1
  )
    return { code: 2, report: { error: USAGE } };
  const explicit: TrustAnchors = {
    ...(roots[0] === undefined ? {} : { root: roots[0] }),
    ...(elections[0] === undefined ? {} : { electionId: elections[0] }),
    ...(plenaryKeys[0] === undefined ? {} : { plenaryKey: plenaryKeys[0] }),
    ...(committee.length ? { committeeKeys: committee } : {}),
  };
  const f = args.indexOf('--reference');
  const reference = f >= 0;
  if (reference) args.splice(f, 1);
  const file = args[0];
  if (!file || args.length !== 1) return { code: 2, report: { error: USAGE } };
  // Start the workers first: they load while the board is read and parsed.
  const pool = reference ? null : createBatchPool();
  try {
    const read = readJson(file);
    if ('error' in read) return { code: 2, report: { error: read.error } };
    const board = read.value;
    let anchors = explicit;
    let sittingLog: LogAnchorSource | undefined;
    const question = questionOf(board);
    if (logArg !== undefined && question) {
      const log = readJson(logArg);
      if ('error' in log) return { code: 2, report: { error: log.error } };
      const fromLog = anchorsFromSittingLog(log.value, question);
      if (!fromLog.ok) return { code: 1, report: { error: `--sitting-log: ${fromLog.error}` } };
      const merged = mergeAnchors(fromLog.anchors, explicit);
      if ('conflict' in merged)
        return {
          code: 2,
          report: {
            error: `the anchors disagree: ${merged.conflict} on the command line is not the one in the sitting's log`,
          },
        };
      anchors = merged.anchors;
      sittingLog = fromLog.source;
    }
    let receipt: string | SignedReceipt | undefined = receiptArg;
    if (receiptArg !== undefined && existsSync(receiptArg)) {
      const parsed = signedReceiptSchema.safeParse(JSON.parse(readFileSync(receiptArg, 'utf8')));
      if (!parsed.success)
        return {
          code: 2,
          report: { error: `${receiptArg} is not a signed receipt from the ballot box` },
        };
      receipt = parsed.data;
    }
    const report = await verifyBoard(board, {
      batch: pool ? pool.verify : verifyBatchReference,
      reference,
      ...(receipt === undefined ? {} : { receipt }),
      ...(Object.keys(anchors).length ? { anchors } : {}),
    });
    return { code: report.ok ? 0 : 1, report: sittingLog ? { ...report, sittingLog } : report };
  } finally {
    await pool?.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { code, report } = await main(process.argv.slice(2));
  process.stdout.write(JSON.stringify(report, null, 2) + '\n');
  process.exitCode = code;
}
