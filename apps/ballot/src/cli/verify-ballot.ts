// verify-ballot: recheck a published bulletin board (R22).
// `npm run verify-ballot -- <board.json> [--receipt <nonce|receipt.json>] [--reference]
//   [--expect-root <hex>] [--plenary-key <hex>] [--committee-key <hex>]…`
// Prints a JSON report; exit 0 when every check passes, 1 when any fails, 2 on usage errors. By default the bulk
// cryptography runs on mcl (WebAssembly) and OpenSSL over every core; --reference uses @noble/curves alone (slower).
import { existsSync, readFileSync } from 'node:fs';
import { type SignedReceipt, signedReceiptSchema } from '@council/shared';
import { createBatchPool } from '../crypto/batch-pool.ts';
import { verifyBatchReference } from '../crypto/batch-verify.ts';
import { type TrustAnchors, type VerifyReport, verifyBoard } from '../verifier/verify-board.ts';

const USAGE =
  'usage: verify-ballot <board.json> [--receipt <nonce-hex | receipt.json>] [--reference] ' +
  '[--expect-root <hex>] [--plenary-key <hex>] [--committee-key <hex>] [--committee-key <hex>] [--committee-key <hex>]';

const HEX64 = /^[0-9a-fA-F]{64}$/;

/** Take every `flag <value>` out of args; null when a flag has no value or the value is not 32 bytes of hex. */
function takeHex(args: string[], flag: string): string[] | null {
  const values: string[] = [];
  for (let i = args.indexOf(flag); i >= 0; i = args.indexOf(flag)) {
    const value = args[i + 1];
    if (value === undefined || !HEX64.test(value)) return null;
    values.push(value.toLowerCase());
    args.splice(i, 2);
  }
  return values;
}

export async function main(
  argv: readonly string[],
): Promise<{ code: number; report: VerifyReport | { error: string } }> {
  const args = [...argv];
  let receiptArg: string | undefined;
  const r = args.indexOf('--receipt');
  if (r >= 0) {
    receiptArg = args[r + 1];
    if (receiptArg === undefined) return { code: 2, report: { error: USAGE } };
    args.splice(r, 2);
  }
  const roots = takeHex(args, '--expect-root');
  const plenaryKeys = takeHex(args, '--plenary-key');
  const committeeKeys = takeHex(args, '--committee-key');
  if (!roots || !plenaryKeys || !committeeKeys || roots.length > 1 || plenaryKeys.length > 1)
    return { code: 2, report: { error: USAGE } };
  const anchors: TrustAnchors = {
    ...(roots[0] === undefined ? {} : { root: roots[0] }),
    ...(plenaryKeys[0] === undefined ? {} : { plenaryKey: plenaryKeys[0] }),
    ...(committeeKeys.length ? { committeeKeys } : {}),
  };
  const f = args.indexOf('--reference');
  const reference = f >= 0;
  if (reference) args.splice(f, 1);
  const file = args[0];
  if (!file || args.length !== 1) return { code: 2, report: { error: USAGE } };
  // Start the workers first: they load while the board is read and parsed.
  const pool = reference ? null : createBatchPool();
  try {
    let board: unknown;
    try {
      board = JSON.parse(readFileSync(file, 'utf8'));
    } catch (error) {
      return {
        code: 2,
        report: {
          error: `cannot read ${file}: ${error instanceof Error ? error.message : String(error)}`,
        },
      };
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
    return { code: report.ok ? 0 : 1, report };
  } finally {
    await pool?.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { code, report } = await main(process.argv.slice(2));
  process.stdout.write(JSON.stringify(report, null, 2) + '\n');
  process.exitCode = code;
}
