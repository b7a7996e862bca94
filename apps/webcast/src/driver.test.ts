import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  baseView,
  chamberMember,
  closedItem,
  speaking,
} from '../../../tests/support/webcast-views.ts';
import { ArchiveStore } from './archive/archive-store.ts';
import { ProgramDriver, markOf, type TimedView } from './driver.ts';
import { defaultRenditions } from './pipeline/types.ts';

describe('ProgramDriver', () => {
  let dir = '';
  let archive: ArchiveStore;
  let driver: ProgramDriver;
  let t = 0;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'webcast-driver-'));
    archive = new ArchiveStore(join(dir, 'webcast'), defaultRenditions, null);
    driver = new ProgramDriver({
      archive,
      publishDelayMs: 0,
      now: () => new Date(Date.UTC(2026, 10, 23, 17, 0, t)),
    });
  });
  afterEach(() => {
    driver.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('starts on a waiting slate, then follows each view', () => {
    expect(driver.program.layout).toEqual({ kind: 'slate', slate: 'not-started' });
    driver.onView(speaking(chamberMember));
    expect(driver.program.lowerThird?.name).toBe('Anna Åkesson (S)');
  });

  it('ignores a view older than the one on air (out-of-order delivery)', () => {
    driver.onView(speaking(chamberMember, {}, 5));
    driver.onView(baseView({ seq: 4 }));
    expect(driver.program.lowerThird?.name).toBe('Anna Åkesson (S)');
  });

  it('records a mark only when what is on air changes, stamped with its clock', () => {
    t = 1;
    driver.onView(baseView({ seq: 1 }));
    t = 2;
    driver.onView(baseView({ seq: 2, serving: 50 })); // nothing on air changed
    t = 3;
    driver.onView(speaking(chamberMember, {}, 3));
    expect(
      archive.readMarks('s-1').map((m) => [m.at.slice(17, 19), m.speaker?.name ?? null]),
    ).toEqual([
      ['01', null],
      ['03', 'Anna Åkesson'],
    ]);
  });

  it('R13: a mark of a confidential item carries neither its title nor a speaker', () => {
    expect(markOf({ ...closedItem(), floor: speaking(chamberMember).floor }, 'x')).toMatchObject({
      closed: true,
      item: '',
      speaker: null,
    });
  });

  it('tells subscribers, and publishes the archive when the sitting closes', async () => {
    const seen: TimedView[] = [];
    const off = driver.subscribe((v) => seen.push(v));
    t = 10;
    driver.onView(baseView({ seq: 1 }));
    t = 20;
    driver.onView(baseView({ seq: 2, status: 'closed' }));
    off();
    driver.onView(baseView({ seq: 3, status: 'closed' }));
    expect(seen.map((v) => v.view.seq)).toEqual([1, 2]);
    await new Promise((r) => setTimeout(r, 10));
    expect(archive.get('s-1')?.range).toEqual({
      start: '2026-11-23T17:00:10.000Z',
      end: '2026-11-23T17:00:20.000Z',
    });
  });
});
