// The documented import examples in docs/examples import cleanly (the docs cannot drift from the code).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openPlenaryDatabase } from '../../apps/plenary/src/db/client.ts';
import { importCouncil, importCouncilCsv } from '../../apps/plenary/src/app/council-import.ts';
import { createSittingEngine } from '../../apps/plenary/src/app/sitting-engine.ts';

const example = (name: string) =>
  readFileSync(join(process.cwd(), 'docs', 'examples', name), 'utf8');

describe('documented import examples', () => {
  it('imports docs/examples/council.json and members.csv + board.json', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'examples-'));
    const { db, close } = await openPlenaryDatabase({ dataDir: join(dir, 'db') });
    try {
      const council = await importCouncil(db, JSON.parse(example('council.json')));
      expect(council).toEqual({ ok: true, people: 4, seats: 2, substitutes: 1, sittings: 1 });
      const state = await createSittingEngine({ db }).state('kf-2026-12-14');
      expect(state?.items.map((i) => i.id)).toEqual(['i01', 'i02', 'i03']);
      const board = await importCouncilCsv(
        db,
        JSON.parse(example('board.json')),
        example('members.csv'),
      );
      expect(board).toEqual({ ok: true, people: 5, seats: 3, substitutes: 2, sittings: 0 });
    } finally {
      await close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
