// verify-ballot-independent: `npm run verify-ballot-independent -- <board.json> [--receipt <nonce|receipt.json>]
//   [--expect-root <hex>] [--expect-election <hex>] [--expect-plenary-key <hex>] [--expect-committee <hex,hex,hex>]` — prints { ok, error?, … } as JSON; exit 0 when
// the board is valid, 1 when a check fails (the first is named), 2 on usage errors. docs/ballot.md is its only source.
import { existsSync, readFileSync } from 'node:fs';
import { type Anchors, type Outcome, verify } from './verify.ts';

const USAGE =
  'usage: verify-ballot-independent <board.json> [--receipt <nonce|receipt.json>] [--expect-root <hex>] [--expect-election <hex>] [--expect-plenary-key <hex>] [--expect-committee <hex,hex,hex>]';

export function main(argv: readonly string[]): {
  code: number;
  report: Outcome | { error: string };
} {
  const args = [...argv];
  const take = (flag: string): string[] | null => {
    const out: string[] = [];
    for (let i = args.indexOf(flag); i >= 0; i = args.indexOf(flag)) {
      const value = args[i + 1];
      if (value === undefined) return null;
      out.push(value);
      args.splice(i, 2);
    }
    return out;
  };
  const receipts = take('--receipt');
  const roots = take('--expect-root');
  const elections = take('--expect-election');
  // --plenary-key and --committee-key (once per key): the earlier names of the --expect- flags.
  const plenaryNew = take('--expect-plenary-key');
  const plenaryOld = take('--plenary-key');
  const committeeNew = take('--expect-committee');
  const committeeOld = take('--committee-key');
  if (!plenaryNew || !plenaryOld || !committeeNew || !committeeOld)
    return { code: 2, report: { error: USAGE } };
  const plenary = [...plenaryNew, ...plenaryOld];
  const committee = [...committeeNew, ...committeeOld].flatMap((v) => v.split(','));
  const file = args[0];
  if (
    !receipts ||
    !roots ||
    !elections ||
    receipts.length > 1 ||
    roots.length > 1 ||
    elections.length > 1 ||
    plenary.length > 1
  )
    return { code: 2, report: { error: USAGE } };
  if (!file || args.length !== 1) return { code: 2, report: { error: USAGE } };
  let board: unknown;
  let receipt: unknown;
  try {
    board = JSON.parse(readFileSync(file, 'utf8'));
    const r = receipts[0];
    receipt = r !== undefined && existsSync(r) ? JSON.parse(readFileSync(r, 'utf8')) : r;
  } catch (error) {
    return {
      code: 2,
      report: { error: `cannot read: ${error instanceof Error ? error.message : String(error)}` },
    };
  }
  const anchors: Anchors = {
    ...(roots[0] === undefined ? {} : { root: roots[0] }),
    ...(elections[0] === undefined ? {} : { electionId: elections[0] }),
    ...(plenary[0] === undefined ? {} : { plenaryKey: plenary[0] }),
    ...(committee.length ? { committeeKeys: committee } : {}),
  };
  const report = verify(board, {
    ...(receipt === undefined ? {} : { receipt }),
    ...(Object.keys(anchors).length ? { anchors } : {}),
  });
  return { code: report.ok ? 0 : 1, report };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { code, report } = main(process.argv.slice(2));
  process.stdout.write(JSON.stringify(report, null, 2) + '\n');
  process.exitCode = code;
}
