// The public player in Chromium: hls.js plays the live stream and the sitting beside it follows the picture (R25).
import { serve } from '@hono/node-server';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWebcastService, type WebcastService } from '../../apps/webcast/src/service.ts';
import { chromiumArgs, chromiumPath, requireProgram } from '../support/requires.ts';
import { buildWebcastPlayer } from '../support/webcast-build.ts';
import { findFfmpeg } from '../support/webcast-media.ts';
import {
  baseView,
  chamberMember,
  closedItem,
  remoteMember,
  speaking,
} from '../support/webcast-views.ts';

const ffmpeg = await findFfmpeg();
const chromiumOk = requireProgram(
  'Chromium',
  chromiumPath() !== null,
  'Install it with `apt-get install -y chromium` or set CHROMIUM_PATH.',
);
const shots = join(process.cwd(), 'test-results', 'e2e');

describe.runIf(ffmpeg !== null && chromiumOk)('webcast player (Chromium + hls.js)', () => {
  let dir = '';
  let service: WebcastService;
  let server: ReturnType<typeof serve>;
  let browser: Browser;
  let page: Page;
  let url = '';

  beforeAll(async () => {
    await buildWebcastPlayer(); // always: a stale dist would test yesterday's player
    dir = mkdtempSync(join(tmpdir(), 'webcast-e2e-'));
    service = createWebcastService({
      dataDir: dir,
      plenaryUrl: 'http://127.0.0.1:9',
      follow: false,
      ffmpegPath: ffmpeg ?? undefined,
      chamberSource: 'lavfi:testsrc2=size=384x216:rate=25|sine=frequency=440:sample_rate=48000',
      dimensions: { width: 384, height: 216 },
      renditions: [
        { name: '720p', width: 384, height: 216, videoKbps: 400, audioKbps: 64 },
        { name: '360p', width: 192, height: 108, videoKbps: 150, audioKbps: 48 },
      ],
      preset: 'ultrafast',
      publishDelayMs: 2500,
      authorizeIngest: async (token, sittingId) =>
        token === 'tok-bo' && sittingId === 's-1' ? { memberId: 'm-bo' } : null,
      log: () => undefined,
    });
    await service.start();
    service.onView(speaking(chamberMember, {}, 2));
    server = serve({ fetch: service.app.fetch, port: 0, hostname: '127.0.0.1' });
    if (server instanceof Server) service.attachUpgrade(server);
    await new Promise((r) => server.once('listening', r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    browser = await chromium.launch({
      executablePath: chromiumPath() ?? '/usr/bin/chromium',
      args: chromiumArgs,
      headless: true,
    });
    page = await (await browser.newContext({ viewport: { width: 1200, height: 800 } })).newPage();
    mkdirSync(shots, { recursive: true });
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await service?.close();
    await new Promise((r) => server?.close(r));
    rmSync(dir, { recursive: true, force: true });
  });

  const currentTime = () => page.locator('video').evaluate((v: HTMLVideoElement) => v.currentTime);

  it('plays the live stream through hls.js: currentTime advances', async () => {
    await page.goto(`${url}/webcast/`);
    await expect.poll(currentTime, { timeout: 30_000, interval: 250 }).toBeGreaterThan(1);
    const t0 = await currentTime();
    await expect.poll(currentTime, { timeout: 10_000, interval: 250 }).toBeGreaterThan(t0 + 1.5);
    await page.screenshot({ path: join(shots, 'webcast-live.png') });
  });

  it('the speaker beside the picture follows the sitting, in step with the picture', async () => {
    await expect
      .poll(() => page.getByTestId('speaker').textContent(), { timeout: 10_000 })
      .toContain('Anna Åkesson');
    service.onView(
      speaking(remoteMember, { queue: [{ kind: 'speech', speaker: chamberMember }] }, 3),
    );
    await expect
      .poll(() => page.getByTestId('speaker').textContent(), { timeout: 15_000 })
      .toContain('Bo Öberg');
    expect(await page.getByTestId('queue').textContent()).toContain('Anna Åkesson');
    expect(await page.locator('[aria-current="step"]').textContent()).toContain('Budget 2027');
    await page.screenshot({ path: join(shots, 'webcast-speaker.png') });
  });

  it('switches to English and back with the keyboard', async () => {
    service.onView(baseView({ seq: 4 }));
    const toggle = page.getByRole('button', { name: 'In English' });
    await toggle.focus();
    await page.keyboard.press('Enter');
    await expect
      .poll(() => page.getByRole('heading', { name: 'Speaker', exact: true }).count())
      .toBe(1);
    await page.getByRole('button', { name: 'På svenska' }).press('Enter');
    await expect
      .poll(() => page.getByRole('heading', { name: 'Talare', exact: true }).count())
      .toBe(1);
  });

  it("R09: a remote member's browser publishes MediaRecorder WebM over the ingest socket and is put on air", async () => {
    const publisher = await (await browser.newContext()).newPage();
    await publisher.goto(`${url}/webcast/`);
    // What the member app does when its member is given the floor (fake camera and microphone in this Chromium).
    await publisher.evaluate(
      async (ingest) => {
        const stream = await navigator.mediaDevices.getUserMedia({
          video: { width: 384, height: 216 },
          audio: true,
        });
        const ws = new WebSocket(ingest);
        ws.binaryType = 'arraybuffer';
        await new Promise((resolve, reject) => {
          ws.onopen = resolve;
          ws.onerror = reject;
        });
        const rec = new MediaRecorder(stream, { mimeType: 'video/webm;codecs=vp8,opus' });
        rec.ondataavailable = (e) =>
          void e.data.arrayBuffer().then((b) => ws.readyState === WebSocket.OPEN && ws.send(b));
        rec.start(200);
      },
      `${url.replace('http', 'ws')}/webcast/ingest/s-1?token=tok-bo`,
    );
    await expect
      .poll(() => service.feed('remote:m-bo')?.live() ?? false, { timeout: 20_000, interval: 100 })
      .toBe(true);
    service.onView(speaking(remoteMember, {}, 5));
    await expect
      .poll(() => service.compositor()?.onAir?.layout, { timeout: 5000 })
      .toEqual({ kind: 'pip', main: 'remote:m-bo', inset: 'chamber' });
    await publisher.close();
    // The member hangs up: the feed goes stale and the chamber takes over by itself.
    await expect
      .poll(() => service.compositor()?.onAir?.layout, { timeout: 5000 })
      .toEqual({ kind: 'full', main: 'chamber' });
  });

  it('R25: the archive of a closed sitting plays, and a chapter jumps to its speech', async () => {
    service.onView(speaking(remoteMember, {}, 6));
    await new Promise((r) => setTimeout(r, 3000));
    service.onView(closedItem(7));
    await new Promise((r) => setTimeout(r, 2000));
    service.onView(baseView({ seq: 8, status: 'closed' }));
    await expect
      .poll(async () => (await fetch(`${url}/webcast/archive/s-1/index.json`)).status, {
        timeout: 15_000,
        interval: 250,
      })
      .toBe(200);
    await page.getByRole('button', { name: 'Arkiv', exact: true }).click();
    await page.getByRole('button', { name: /Kommunfullmäktige 23 november 2026/ }).click();
    // Bo Öberg spoke twice (in the earlier test and here): two chapters; take the last.
    await expect
      .poll(() => page.getByRole('button', { name: 'Bo Öberg (M)' }).count(), { timeout: 10_000 })
      .toBe(2);
    const chapter = page.getByRole('button', { name: 'Bo Öberg (M)' }).last();
    expect(await page.getByRole('button', { name: /Förvärv/ }).count()).toBe(0);
    await expect.poll(currentTime, { timeout: 15_000, interval: 250 }).toBeGreaterThan(0.5);
    const index = (await (await fetch(`${url}/webcast/archive/s-1/index.json`)).json()) as {
      chapters: { title: string; offset: number }[];
    };
    const offset = index.chapters.filter((c) => c.title === 'Bo Öberg (M)').at(-1)?.offset ?? -1;
    await chapter.focus();
    await page.keyboard.press('Enter');
    // Played on from the chapter (not just seeking), so the screenshot shows the speech.
    await expect
      .poll(currentTime, { timeout: 10_000, interval: 100 })
      .toBeGreaterThanOrEqual(offset + 0.5);
    expect(await currentTime()).toBeLessThan(offset + 3);
    await page.screenshot({ path: join(shots, 'webcast-archive.png') });
  });
});
