// End-to-end support: a real plenary server (fresh embedded database, built web shell) and Debian's Chromium
// driven by playwright-core. Screenshots of each screen go to test-results/e2e/.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { chromiumArgs, chromiumPath, requireProgram } from './requires.ts';
import { startTestPlenary, type TestPlenary } from './plenary.ts';
import { DEMO_PASSWORD } from '../../apps/plenary/src/app/demo-council.ts';

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
  /** A new browser context (own cookies) with a page, optionally logged in through the login screen. */
  user(username?: string, path?: string): Promise<{ context: BrowserContext; page: Page }>;
  shot(page: Page, name: string): Promise<void>;
  stop(): Promise<void>;
}

export async function startE2E(options: { clock?: () => Date } = {}): Promise<E2E> {
  const executablePath = chromiumPath();
  if (!executablePath) throw new Error('Chromium is missing');
  const plenary = await startTestPlenary({
    web: true,
    ...(options.clock ? { clock: options.clock } : {}),
  });
  const browser = await chromium.launch({ executablePath, args: chromiumArgs, headless: true });
  const contexts: BrowserContext[] = [];
  mkdirSync(screenshotDir, { recursive: true });
  return {
    plenary,
    browser,
    async user(username, path = '/member') {
      const context = await browser.newContext({
        viewport: { width: 1024, height: 1366 },
        baseURL: plenary.url,
      });
      contexts.push(context);
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
    async shot(page, name) {
      await page.screenshot({ path: join(screenshotDir, `${name}.png`), fullPage: true });
    },
    async stop() {
      for (const c of contexts) await c.close().catch(() => undefined);
      await browser.close();
      await plenary.stop();
    },
  };
}
