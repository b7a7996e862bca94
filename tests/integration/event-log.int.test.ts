// The sitting event log on both drivers: gap-free, hash-chained, append-only in the database, serialised under
// concurrent writers (several engines = several processes), persisted across restarts.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { openPlenaryDatabase } from '../../apps/plenary/src/db/client.ts';
import { createSittingEngine } from '../../apps/plenary/src/app/sitting-engine.ts';
import { seedDemoCouncil } from '../../apps/plenary/src/app/seed.ts';
import { DEMO_SITTING_ID } from '../../apps/plenary/src/app/demo-council.ts';
import { verifySittingLog } from '../../apps/plenary/src/app/verify-log.ts';
import { eventsSince } from '../../apps/plenary/src/db/sitting-event.repo.ts';
import { describeEachDriver } from '../support/drivers.ts';

const secretary = { personId: 'sekreterare', roles: ['secretary'] as const };
/** Drizzle wraps driver errors; the database's own message is in the cause. */
const refusedAsAppendOnly = (error: unknown) => {
  const e = error as { message?: string; cause?: { message?: string } };
  return /append-only/.test(`${e.message ?? ''} ${e.cause?.message ?? ''}`);
};
const doc = (n: number) => ({
  type: 'handOutDocument' as const,
  itemId: 'i03',
  document: { title: `Bilaga ${n}`, url: `/d/${n}.pdf` },
});

describeEachDriver('event log', (driver) => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  async function open(url?: string, dataDir?: string) {
    const dir = dataDir ?? mkdtempSync(join(tmpdir(), 'log-test-'));
    const database = await openPlenaryDatabase({ url, dataDir: join(dir, 'db') });
    cleanups.push(async () => {
      await database.close();
      if (!dataDir) rmSync(dir, { recursive: true, force: true });
    });
    return database;
  }

  it('appends gap-free, hash-chained events that verify-log accepts', async () => {
    const { db } = await open(await driver.newDatabaseUrl());
    await seedDemoCouncil(db);
    const engine = createSittingEngine({ db });
    expect((await engine.execute(DEMO_SITTING_ID, { type: 'openSitting' }, secretary)).ok).toBe(
      true,
    );
    expect(
      (await engine.execute(DEMO_SITTING_ID, { type: 'startItem', itemId: 'i01' }, secretary)).ok,
    ).toBe(true);
    const events = await eventsSince(db, DEMO_SITTING_ID);
    expect(events.map((e) => e.seq)).toEqual([1, 2, 3]);
    expect(events.map((e) => e.type)).toEqual(['SittingScheduled', 'SittingOpened', 'ItemStarted']);
    const report = await verifySittingLog(db, DEMO_SITTING_ID);
    expect(report).toMatchObject({ ok: true, count: 3, headMatches: true });
  });

  it('a rejected command changes nothing', async () => {
    const { db } = await open(await driver.newDatabaseUrl());
    await seedDemoCouncil(db);
    const engine = createSittingEngine({ db });
    const result = await engine.execute(
      DEMO_SITTING_ID,
      { type: 'startItem', itemId: 'i01' },
      secretary,
    );
    expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_STATE' } });
    const member = await engine.execute(
      DEMO_SITTING_ID,
      { type: 'openSitting' },
      { personId: 'ledamot-05', roles: ['member'] },
    );
    expect(member).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect((await eventsSince(db, DEMO_SITTING_ID)).length).toBe(1);
  });

  it('the database refuses to update or delete events', async () => {
    const { db } = await open(await driver.newDatabaseUrl());
    await seedDemoCouncil(db);
    await expect(
      db.execute(sql`update sitting_event set type = 'Forged' where seq = 1`),
    ).rejects.toSatisfy(refusedAsAppendOnly);
    await expect(db.execute(sql`delete from sitting_event where seq = 1`)).rejects.toSatisfy(
      refusedAsAppendOnly,
    );
    await expect(db.execute(sql`truncate sitting_event cascade`)).rejects.toSatisfy(
      refusedAsAppendOnly,
    );
    expect((await eventsSince(db, DEMO_SITTING_ID)).length).toBe(1);
  });

  it('verify-log names the first broken link when a row is forged behind the triggers', async () => {
    const { db } = await open(await driver.newDatabaseUrl());
    await seedDemoCouncil(db);
    const engine = createSittingEngine({ db });
    for (let i = 0; i < 4; i++)
      await engine.execute(DEMO_SITTING_ID, i === 0 ? { type: 'openSitting' } : doc(i), secretary);
    // An attacker with superuser rights disables the trigger and edits event 3.
    await db.execute(sql`alter table sitting_event disable trigger sitting_event_no_update`);
    await db.execute(
      sql`update sitting_event set payload = '{"itemId":"i03","document":{"title":"Falsk","url":"/x"}}' where seq = 3`,
    );
    const report = await verifySittingLog(db, DEMO_SITTING_ID);
    expect(report).toMatchObject({ ok: false, seq: 3 });
  });

  it('many concurrent writers from several processes serialise without duplicate or missing seq numbers', async () => {
    const url = await driver.newDatabaseUrl();
    const first = await open(url);
    await seedDemoCouncil(first.db);
    // Each engine stands for one server process with its own connection pool (PGlite: one process, one engine).
    const engines = [createSittingEngine({ db: first.db })];
    if (url)
      for (let i = 0; i < 3; i++) engines.push(createSittingEngine({ db: (await open(url)).db }));
    await engines[0]?.execute(DEMO_SITTING_ID, { type: 'openSitting' }, secretary);
    const perEngine = driver.name === 'PostgreSQL' ? 60 : 150;
    const results = await Promise.all(
      engines.flatMap((engine, e) =>
        Array.from({ length: perEngine }, (_, i) =>
          engine.execute(DEMO_SITTING_ID, doc(e * 1000 + i), secretary),
        ),
      ),
    );
    expect(results.every((r) => r.ok)).toBe(true);
    const events = await eventsSince(first.db, DEMO_SITTING_ID);
    expect(events.length).toBe(2 + engines.length * perEngine);
    expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
    const acknowledged = new Set(
      results.flatMap((r) => (r.ok ? r.data.events.map((e) => e.seq) : [])),
    );
    expect(acknowledged.size).toBe(engines.length * perEngine);
    expect(await verifySittingLog(first.db, DEMO_SITTING_ID)).toMatchObject({
      ok: true,
      headMatches: true,
    });
  });
});

describe('event log without a database', () => {
  it('PGlite keeps its data across a restart', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'restart-'));
    try {
      const a = await openPlenaryDatabase({ dataDir: join(dir, 'db') });
      await seedDemoCouncil(a.db);
      await createSittingEngine({ db: a.db }).execute(
        DEMO_SITTING_ID,
        { type: 'openSitting' },
        secretary,
      );
      await a.close();
      const b = await openPlenaryDatabase({ dataDir: join(dir, 'db') });
      expect(await seedDemoCouncil(b.db)).toBe(false);
      const state = await createSittingEngine({ db: b.db }).state(DEMO_SITTING_ID);
      expect(state?.sitting.status).toBe('open');
      await b.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
  it('has nothing to verify for an unknown sitting', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'empty-'));
    const database = await openPlenaryDatabase({ dataDir: join(dir, 'db') });
    expect(await verifySittingLog(database.db, 'nope')).toBeNull();
    await database.close();
    rmSync(dir, { recursive: true, force: true });
  });
});
