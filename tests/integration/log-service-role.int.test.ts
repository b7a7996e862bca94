// Issue 11 item 4 on PostgreSQL: the deployment where the service connects as a role that is not the tables' owner.
// It appends to the log, its head and its signed heads, and can neither change nor remove them nor switch the triggers
// off; the owner still can, which is what the signed heads (tests/integration/log-anchor.int.test.ts) catch.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_SITTING_ID } from '../../apps/plenary/src/app/demo-council.ts';
import { verifyLogAnchors, verifySittingLog } from '../../apps/plenary/src/app/verify-log.ts';
import { openPlenaryDatabase } from '../../apps/plenary/src/db/client.ts';
import { grantServiceRole } from '../../apps/plenary/src/db/service-role.ts';
import { createPlenaryService } from '../../apps/plenary/src/service.ts';
import {
  postgresAvailable,
  startPostgresCluster,
  type PostgresCluster,
} from '../support/postgres-cluster.ts';
import { requireProgram } from '../support/requires.ts';

const secretary = { personId: 'sekreterare', roles: ['secretary'] as const };
/** Drizzle wraps driver errors; the database's own message is in the cause. */
const refusedWith = (pattern: RegExp) => (error: unknown) => {
  const e = error as { message?: string; cause?: { message?: string } };
  return pattern.test(`${e.message ?? ''} ${e.cause?.message ?? ''}`);
};
const withUser = (url: string, user: string) => {
  const u = new URL(url);
  u.username = user;
  return u.toString();
};

const pg = requireProgram(
  'PostgreSQL server (initdb, pg_ctl)',
  postgresAvailable(),
  'Install postgresql or set DATABASE_URL.',
);

describe.runIf(pg)('the service as a role that is not the owner [PostgreSQL]', () => {
  let cluster: PostgresCluster | null = null;
  beforeAll(async () => {
    cluster = await startPostgresCluster();
  }, 120_000);
  afterAll(async () => {
    await cluster?.stop();
  });

  it('appends, but cannot change, remove or unprotect the log, its head or its signed heads; the owner can', async () => {
    if (!cluster) throw new Error('cluster not started');
    const name = `roles_${process.pid}`;
    const url = await cluster.createDatabase(name);
    const admin = postgres(url, { max: 1, onnotice: () => undefined });
    const dir = mkdtempSync(join(tmpdir(), 'service-role-'));
    const closers: (() => Promise<unknown>)[] = [() => admin.end({ timeout: 1 })];
    try {
      const owner = `owner_${process.pid}`;
      const service = `service_${process.pid}`;
      await admin.unsafe(`create role ${owner} login`);
      await admin.unsafe(`create role ${service} login`);
      await admin.unsafe(`alter database "${name}" owner to ${owner}`);

      // `npm run db:migrate -- --service-role <role>`, as the owner.
      const asOwner = await openPlenaryDatabase({ url: withUser(url, owner), dataDir: dir });
      closers.unshift(() => asOwner.close());
      // Before the grant, a service that does not migrate says what to run.
      await expect(
        openPlenaryDatabase({ url: withUser(url, service), dataDir: dir, migrate: false }),
      ).rejects.toThrow(/npm run db:migrate/);
      await expect(grantServiceRole(asOwner.db, owner)).rejects.toThrow(/owner/);
      await expect(grantServiceRole(asOwner.db, 'postgres')).rejects.toThrow(/superuser/);
      await grantServiceRole(asOwner.db, service);

      const plenary = await createPlenaryService({
        databaseUrl: withUser(url, service),
        migrate: false,
        dataDir: join(dir, 'plenary'),
        seedDemo: true,
        log: () => undefined,
      });
      closers.unshift(() => plenary.close());
      const { engine, db } = plenary;
      for (const command of [
        { type: 'openSitting' },
        { type: 'startItem', itemId: 'i01' },
      ] as const)
        expect((await engine.execute(DEMO_SITTING_ID, command, secretary)).ok).toBe(true);
      expect(await verifySittingLog(db, DEMO_SITTING_ID)).toMatchObject({ ok: true, count: 3 });
      expect(
        await verifyLogAnchors(db, DEMO_SITTING_ID, {
          trustedKeys: [plenary.logSigner.publicKeyHex],
        }),
      ).toMatchObject({ ok: true });

      const denied = /permission denied|must be owner/;
      const attempts = [
        sql`update sitting_event set type = 'Forged' where seq = 2`,
        sql`delete from sitting_event where seq = 3`,
        sql`truncate sitting_event cascade`,
        sql`alter table sitting_event disable trigger user`,
        sql`alter table sitting_head disable trigger user`,
        sql`alter table sitting_head_signature disable trigger user`,
        sql`delete from sitting_head`,
        sql`update sitting_head_signature set hash = repeat('1', 64)`,
        sql`delete from sitting_head_signature`,
        sql`drop trigger sitting_event_no_update on sitting_event`,
      ];
      for (const attempt of attempts)
        await expect(db.execute(attempt)).rejects.toSatisfy(refusedWith(denied));
      await expect(db.execute(sql`set session_replication_role = replica`)).rejects.toSatisfy(
        refusedWith(/permission denied/),
      );
      // The head it may update only moves forward, onto an event that is in the log.
      await expect(db.execute(sql`update sitting_head set seq = seq - 1`)).rejects.toSatisfy(
        refusedWith(/may only move forward/),
      );
      await expect(
        db.execute(sql`update sitting_head set hash = repeat('2', 64)`),
      ).rejects.toSatisfy(refusedWith(/no event 3 with that hash/));
      await expect(
        db.execute(
          sql`insert into sitting_head_signature values (${DEMO_SITTING_ID}, 3, repeat('3', 64), 'x', 'y', 'z')`,
        ),
      ).rejects.toSatisfy(refusedWith(/no event 3 with that hash/));
      expect(await verifySittingLog(db, DEMO_SITTING_ID)).toMatchObject({ ok: true, count: 3 });

      // The owner, though, can switch the triggers off: hence the heads signed outside the database.
      await asOwner.db.execute(sql`alter table sitting_event disable trigger user`);
      await asOwner.db.execute(sql`update sitting_event set type = 'Forged' where seq = 2`);
      await asOwner.db.execute(sql`alter table sitting_event enable trigger user`);
      expect(await verifySittingLog(db, DEMO_SITTING_ID)).toMatchObject({ ok: false, seq: 2 });
    } finally {
      for (const close of closers) await close();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 180_000);
});
