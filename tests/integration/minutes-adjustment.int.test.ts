// R24: adjustment (justering) over HTTP by the signed-in chair and adjusters; the lock prints the minutes' SHA-256 and
// the log head hash; afterwards nothing changes and a correction is a new linked document; verify-log regenerates the
// locked minutes from the log and names the paragraph a tampered protocol gets wrong. On PGlite and PostgreSQL.
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import type { StoredEvent } from '@council/shared';
import { DEMO_SITTING_ID } from '../../apps/plenary/src/app/demo-council.ts';
import type { MinutesView } from '../../apps/plenary/src/app/minutes/view.ts';
import {
  checkMinutes,
  verifyMinutes,
  verifySittingLog,
} from '../../apps/plenary/src/app/verify-log.ts';
import { describeEachDriver } from '../support/drivers.ts';
import { runMinutesScript, startMinutesService } from '../support/minutes.ts';

const base = `/api/sittings/${DEMO_SITTING_ID}`;

describeEachDriver('minutes adjustment', (driver) => {
  it('R24: the chair and both adjusters approve, the minutes lock, later changes are refused, verify-log checks them', async () => {
    const m = await startMinutesService({ databaseUrl: await driver.newDatabaseUrl() });
    try {
      await runMinutesScript(m);
      expect((await m.get(`/api/public/sittings/${DEMO_SITTING_ID}/minutes.html`)).status).toBe(
        409,
      );
      // Adjustment four days later (sessions are logged in then).
      m.clock.advance(4 * 86_400);
      const desk = await m.login('sekreterare');
      const chair = await m.login('ordforande');
      const adj1 = await m.login('ledamot20');
      const adj2 = await m.login('ledamot44');
      const other = await m.login('ledamot21');
      const view = async (): Promise<MinutesView> =>
        (await (await m.get(`${base}/minutes`, desk)).json()) as MinutesView;

      // The secretary's prose edit is an event; a member cannot edit; someone not an adjuster cannot approve.
      expect(
        (
          await m.command(
            {
              type: 'editMinutesProse',
              itemId: 'i05',
              field: 'description',
              text: 'Motion från V om avgiftsfri kollektivtrafik.',
            },
            desk,
          )
        ).status,
      ).toBe(200);
      expect(
        (
          await m.command(
            { type: 'editMinutesProse', itemId: 'i05', field: 'description', text: 'x' },
            other,
          )
        ).status,
      ).toBe(403);
      expect((await m.command({ type: 'approveMinutes' }, other)).status).toBe(403);

      expect((await m.command({ type: 'approveMinutes' }, chair)).status).toBe(200);
      expect((await m.command({ type: 'approveMinutes' }, adj1)).status).toBe(200);
      expect((await view()).status).toBe('draft');
      expect((await view()).approvals.map((a) => [a.personId, a.as, a.approved])).toEqual([
        ['ledamot-01', 'chair', true],
        ['ledamot-20', 'adjuster', true],
        ['ledamot-44', 'adjuster', false],
      ]);
      expect((await m.command({ type: 'approveMinutes' }, adj2)).status).toBe(200);

      const locked = await view();
      expect(locked.status).toBe('locked');
      const events = (await (await m.get(`${base}/events`, desk)).json()) as {
        events: StoredEvent[];
      };
      const lockEvent = events.events.find((e) => e.type === 'MinutesLocked');
      const head = events.events.find((e) => e.seq === locked.lock?.logHeadSeq);
      expect(lockEvent?.payload).toMatchObject({
        sha256: locked.sha256,
        noticePostedOn: '2026-12-18',
        noticeRemovedOn: '2027-01-08',
      });
      expect(locked.lock?.logHeadHash).toBe(head?.hash);
      expect(head?.type).toBe('MinutesApproved');
      const html = await (await m.get(`${base}/minutes.html`, desk)).text();
      expect(html).toContain(locked.sha256);
      expect(html).toContain(`nr ${locked.lock?.logHeadSeq ?? 0}: ${head?.hash ?? 'x'}`);
      expect(html).toContain('Justerat protokoll');
      expect(html).toContain('18 december 2026');

      // The adjusted minutes are public, the confidential § only as a secrecy note.
      const publicHtml = await (
        await m.get(`/api/public/sittings/${DEMO_SITTING_ID}/minutes.html`)
      ).text();
      expect(publicHtml).toContain(locked.sha256);
      expect(publicHtml).toContain('§ 5  Sekretessbelagt ärende');
      expect(publicHtml).not.toContain('Kvarnen');
      expect(publicHtml).toContain('Fullmäktige antar detaljplanen för kvarteret Spinneriet.');

      // Locked: no edit, no approval; a reservation reason after the lock does not change the minutes.
      const edit = await m.command(
        { type: 'editMinutesProse', itemId: 'i04', field: 'decision', text: 'Ändrat' },
        desk,
      );
      expect(edit.status).toBe(409);
      expect(((await edit.json()) as { code: string }).code).toBe('INVALID_STATE');
      expect((await m.command({ type: 'approveMinutes' }, chair)).status).toBe(409);
      await m.command(
        { type: 'addReservationReason', itemId: 'i05', memberId: 'ledamot-49', text: 'Sent skäl.' },
        desk,
      );
      expect((await view()).sha256).toBe(locked.sha256);

      // A correction is a new document linked to the locked minutes.
      const corr = await m.command(
        {
          type: 'issueMinutesCorrection',
          paragraph: 2,
          text: 'Rättelse: diarienumret är KS 2025/233.',
        },
        desk,
      );
      expect(corr.status).toBe(200);
      const [c] = (await view()).corrections;
      expect(c).toMatchObject({ paragraph: 2, correctsSha256: locked.sha256 });
      const corrHtml = await (
        await m.get(`${base}/minutes/corrections/${c?.id ?? ''}`, desk)
      ).text();
      expect(corrHtml).toContain(locked.sha256);
      expect(corrHtml).toContain('Rättelse: diarienumret är KS 2025/233.');

      // verify-log: the chain, the locked minutes regenerated from the log, and the protocol file.
      const db = m.service.db;
      expect(await verifySittingLog(db, DEMO_SITTING_ID)).toMatchObject({
        ok: true,
        headMatches: true,
      });
      expect(await verifyMinutes(db, DEMO_SITTING_ID)).toMatchObject({
        locked: true,
        ok: true,
        mismatches: [],
        regeneratedSha256: locked.sha256,
      });
      expect(await verifyMinutes(db, DEMO_SITTING_ID, locked)).toMatchObject({ ok: true });

      const tampered = structuredClone(locked);
      const vote = tampered.document.paragraphs[1]?.divisions[0]?.votes.find(
        (v) => v.personId === 'ledamot-20',
      );
      if (!vote) throw new Error('no vote');
      vote.choice = 'JA';
      const report = await verifyMinutes(db, DEMO_SITTING_ID, tampered);
      expect(report?.ok).toBe(false);
      expect(report?.mismatches).toHaveLength(1);
      expect(report?.mismatches[0]).toMatch(
        /^§ 2: divisions\[0\]\.votes\[\d+\]\.choice: "JA" in the protocol, "NEJ" from the log$/,
      );

      const attendance = structuredClone(locked);
      attendance.document.attendance.absentMembers = [];
      expect((await verifyMinutes(db, DEMO_SITTING_ID, attendance))?.mismatches).toEqual([
        'beslutande: absentMembers[0]: missing in the protocol, {"personId":"ledamot-03","name":"Birgitta Bergström","party":"S"} from the log',
      ]);

      // A log whose facts no longer produce the locked minutes (a vote rewritten) fails naming the paragraph.
      const log = (await (await m.get(`${base}/events`, desk)).json()) as { events: StoredEvent[] };
      const rewritten = log.events.map((e) =>
        e.type === 'VoteCast' && e.payload.memberId === 'ledamot-20'
          ? { ...e, payload: { ...e.payload, choice: 'yes' } }
          : e,
      );
      expect(checkMinutes(DEMO_SITTING_ID, rewritten).mismatches).toEqual([
        '§ 2: the log no longer produces the facts that were locked',
      ]);
    } finally {
      await m.stop();
    }
  }, 180_000);
});

/** Run a plenary CLI with tsx against an embedded database in `dataDir`; resolves with its exit code and output. */
async function cli(
  script: string,
  args: string[],
  dataDir: string,
): Promise<{ code: number; out: string }> {
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir };
  delete env.DATABASE_URL;
  try {
    const { stdout } = await promisify(execFile)('npx', ['tsx', script, ...args], { env });
    return { code: 0, out: stdout };
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string };
    return { code: e.code ?? -1, out: `${e.stdout ?? ''}${e.stderr ?? ''}` };
  }
}

describe('minutes CLIs', () => {
  it('R24: `npm run verify-log -- <sitting> --protocol <file>` passes the locked protocol and fails a tampered one naming §; the open-data CLI writes files', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'minutes-cli-'));
    try {
      const m = await startMinutesService({ dataDir });
      await runMinutesScript(m);
      const desk = await m.login('sekreterare');
      for (const u of ['ordforande', 'ledamot20', 'ledamot44'])
        expect((await m.command({ type: 'approveMinutes' }, await m.login(u))).status).toBe(200);
      const locked = (await (await m.get(`${base}/minutes`, desk)).json()) as MinutesView;
      expect(locked.status).toBe('locked');
      const key = m.service.logSigner.publicKeyHex;
      await m.stop();

      const good = join(dataDir, 'protokoll.json');
      writeFileSync(good, JSON.stringify(locked));
      const ok = await cli(
        'apps/plenary/src/cli/verify-log.ts',
        [DEMO_SITTING_ID, '--protocol', good, '--public-key', key],
        dataDir,
      );
      expect(ok.out).toContain(
        `OK: the locked minutes (SHA-256 ${locked.sha256}) follow from the log`,
      );
      expect(ok.out).toMatch(/OK: the log matches \d+ signed head\(s\)/);
      expect(ok.code).toBe(0);

      const tampered = structuredClone(locked);
      const p3 = tampered.document.paragraphs[2];
      if (!p3) throw new Error('no § 3');
      p3.reservations = [];
      const bad = join(dataDir, 'tampered.json');
      writeFileSync(bad, JSON.stringify(tampered));
      const failed = await cli(
        'apps/plenary/src/cli/verify-log.ts',
        [DEMO_SITTING_ID, '--protocol', bad, '--public-key', key],
        dataDir,
      );
      expect(failed.code).toBe(1);
      expect(failed.out).toMatch(/MINUTES DIFFER § 3: reservations\[0\]: missing in the protocol/);

      const out = join(dataDir, 'open-data');
      const exported = await cli('apps/plenary/src/cli/open-data.ts', [out], dataDir);
      expect(exported.code).toBe(0);
      expect(readdirSync(out).sort()).toEqual([
        `${DEMO_SITTING_ID}.popolo.json`,
        `${DEMO_SITTING_ID}.record.json`,
        'record.schema.json',
      ]);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 180_000);
});
