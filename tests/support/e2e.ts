// End-to-end support: a real plenary server (fresh embedded database, built web shell) and Debian's Chromium
// driven by playwright-core. Screenshots of each screen go to test-results/e2e/.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { chromiumArgs, chromiumPath, requireProgram } from './requires.ts';
import { startTestPlenary, type TestPlenary } from './plenary.ts';
import type { VideoOptions } from '../../apps/plenary/src/service.ts';
import type { Command } from '@council/shared';
import { DEMO_PASSWORD, DEMO_SITTING_ID } from '../../apps/plenary/src/app/demo-council.ts';

export const screenshotDir = join(process.cwd(), 'test-results', 'e2e');

/** True when Chromium is here; under CI its absence throws, locally it warns loudly. */
export function e2eAvailable(): boolean {
  return requireProgram(
    'Chromium',
    chromiumPath() !== null,
    'Install it with `apt-get install -y chromium` or set CHROMIUM_PATH.',
  );
}

export interface E2E {
  plenary: TestPlenary;
  browser: Browser;
  /**
   * A new browser context (own cookies) with a page, optionally logged in through the login screen; `initScript` runs
   * in every document of the context before the page's own scripts.
   */
  user(
    username?: string,
    path?: string,
    /** The browser's own locale and zone (e.g. en-US in New York: the page must still speak Swedish time). */
    browserSettings?: { locale?: string; timezoneId?: string; initScript?: string },
  ): Promise<{ context: BrowserContext; page: Page }>;
  shot(page: Page, name: string): Promise<void>;
  /**
   * A command on a sitting (the demo sitting unless named) over HTTP, as a screen sends it; throws with the server's
   * answer when refused.
   */
  command(cookie: string, command: Command, sittingId?: string): Promise<CommandAnswer>;
  /**
   * The desk (sekreterare) opens the demo sitting, calls the roll with `present` in the room, confirms it and takes
   * up `itemId` — the screens for that have their own e2e. Returns the desk's session cookie.
   */
  startSitting(present: readonly string[], itemId: string): Promise<string>;
  stop(): Promise<void>;
}

export interface CommandAnswer {
  events?: { type: string; payload: Record<string, unknown> }[];
}

/** WebRTC between pages and Janus on 127.0.0.1 (Janus offers only `lo`), and sound that plays without a click. */
export const webrtcArgs = [
  '--allow-loopback-in-peer-connection',
  '--disable-features=WebRtcHideLocalIpsWithMdns',
  '--autoplay-policy=no-user-gesture-required',
];

export async function startE2E(
  options: {
    clock?: () => Date;
    /** More of the test plenary's options (sign-in providers, step-up, a fixed port). */
    plenary?: Omit<Parameters<typeof startTestPlenary>[0], 'web' | 'clock'>;
    /** Run Janus for the sitting's video room (with these options: e.g. small chamber cameras). */
    video?: boolean | VideoOptions;
    /** Chromium flags beyond the usual ones. */
    args?: readonly string[];
  } = {},
): Promise<E2E> {
  const executablePath = chromiumPath();
  if (!executablePath) throw new Error('Chromium is missing');
  const plenary = await startTestPlenary({
    ...options.plenary,
    web: true,
    ...(options.clock ? { clock: options.clock } : {}),
    ...(options.video ? { video: options.video } : {}),
  });
  const browser = await chromium.launch({
    executablePath,
    args: [...chromiumArgs, ...(options.args ?? [])],
    headless: true,
  });
  const contexts: BrowserContext[] = [];
  mkdirSync(screenshotDir, { recursive: true });
  const command = async (
    cookie: string,
    cmd: Command,
    sittingId: string = DEMO_SITTING_ID,
  ): Promise<CommandAnswer> => {
    const res = await fetch(
      `${plenary.url}/api/sittings/${encodeURIComponent(sittingId)}/commands`,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie },
        body: JSON.stringify(cmd),
      },
    );
    const text = await res.text();
    if (!res.ok) throw new Error(`${cmd.type}: ${res.status} ${text}`);
    return JSON.parse(text) as CommandAnswer;
  };
  const startSitting = async (present: readonly string[], itemId: string): Promise<string> => {
    const desk = await plenary.login('sekreterare');
    await command(desk, { type: 'openSitting' });
    const started = await command(desk, { type: 'startRollCall' });
    for (const personId of present)
      await command(desk, { type: 'markAttendance', personId, mode: 'room' });
    await command(desk, {
      type: 'confirmRollCall',
      rollCallId: String(started.events?.[0]?.payload['rollCallId']),
    });
    await command(desk, { type: 'startItem', itemId });
    return desk;
  };
  return {
    plenary,
    browser,
    async user(username, path = '/member', browserSettings = {}) {
      const { initScript, ...settings } = browserSettings;
      const context = await browser.newContext({
        viewport: { width: 1024, height: 1366 },
        baseURL: plenary.url,
        ...settings,
      });
      contexts.push(context);
      if (initScript) await context.addInitScript(initScript);
      const page = await context.newPage();
      await page.goto(path);
      if (username) {
        await page.getByLabel(/Användarnamn|Username/).fill(username);
        await page.getByLabel(/Lösenord|Password/).fill(DEMO_PASSWORD);
        await page.getByRole('button', { name: /Logga in|Log in/ }).click();
        await page.waitForURL(`**${path}`);
        // The member surface shows the login form at its own address: wait for the form to go, not only for the URL.
        await page.getByLabel(/Lösenord|Password/).waitFor({ state: 'detached' });
      }
      return { context, page };
    },
    command,
    startSitting,
    async shot(page, name) {
      await page.screenshot({ path: join(screenshotDir, `${name}.png`), fullPage: true });
    },
    async stop() {
      const debug = process.env['DEBUG_PLENARY']
        ? (m: string) => console.error(m)
        : () => undefined;
      for (const c of contexts) await c.close().catch(() => undefined);
      debug('contexts closed');
      await browser.close();
      debug('browser closed');
      await plenary.stop();
      debug('plenary stopped');
    },
  };
}
