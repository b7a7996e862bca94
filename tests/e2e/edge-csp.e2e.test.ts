// The pages under their Content-Security-Policy in Chromium (issue 11 item 6): the built Svelte app and the webcast
// player run with no violation, and a member's page goes to the sign-in when the session is logged out elsewhere.
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../apps/plenary/src/app/demo-council.ts';
import { chromiumArgs, chromiumPath } from '../support/requires.ts';
import { e2eAvailable } from '../support/e2e.ts';
import { startTestPlenary, type TestPlenary } from '../support/plenary.ts';

/** Collects every CSP violation the page reports, from before its first script runs. */
async function watch(page: Page): Promise<string[]> {
  const seen: string[] = [];
  await page.exposeFunction('__cspViolation', (v: string) => seen.push(v));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      const report = (window as unknown as { __cspViolation: (v: string) => void }).__cspViolation;
      report(`${e.violatedDirective} ${e.blockedURI}`);
    });
  });
  page.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text())) seen.push(m.text());
  });
  return seen;
}

describe.runIf(e2eAvailable())('pages under the CSP (Chromium)', () => {
  let plenary: TestPlenary;
  let browser: Browser;

  beforeAll(async () => {
    plenary = await startTestPlenary({ web: true, webcast: true });
    const executablePath = chromiumPath();
    if (!executablePath) throw new Error('Chromium is missing');
    browser = await chromium.launch({ executablePath, args: chromiumArgs, headless: true });
  });
  afterAll(async () => {
    await browser?.close();
    await plenary?.stop();
  });

  const signIn = async (page: Page, username: string, path: string) => {
    await page.goto(`${plenary.url}${path}`);
    await page.getByLabel(/Användarnamn|Username/).fill(username);
    await page.getByLabel(/Lösenord|Password/).fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: /Logga in|Log in/ }).click();
    await page.getByLabel(/Lösenord|Password/).waitFor({ state: 'detached' });
  };

  it('the member page, the desk, the display and the webcast player run with no violation', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const violations = await watch(page);
    await signIn(page, 'ledamot05', '/member');
    await expect
      .poll(() => page.getByRole('heading', { name: /Kommunfullmäktiges sammanträde/ }).count())
      .toBe(1);
    const desk = await (await browser.newContext()).newPage();
    const deskViolations = await watch(desk);
    await signIn(desk, 'sekreterare', '/desk');
    await expect
      .poll(() => desk.getByRole('button', { name: /Öppna sammanträdet/ }).count())
      .toBe(1);
    const display = await context.newPage();
    const displayViolations = await watch(display);
    await display.goto(`${plenary.url}/display`);
    const player = await context.newPage();
    const playerViolations = await watch(player);
    // No encoder runs here: the player page renders and starts hls.js (tests/e2e/webcast-player.e2e.test.ts plays it).
    await player.goto(`${plenary.url}/webcast/`);
    await expect.poll(() => player.locator('#app *').count()).toBeGreaterThan(3);
    await display.waitForTimeout(1000);
    expect([...violations, ...deskViolations, ...displayViolations, ...playerViolations]).toEqual(
      [],
    );
    await context.close();
  });

  it('logged out in one tab, the member page in another goes to the sign-in', async () => {
    const context = await browser.newContext();
    const member = await context.newPage();
    await signIn(member, 'ledamot06', '/member');
    await expect
      .poll(() => member.getByRole('heading', { name: /Kommunfullmäktiges sammanträde/ }).count())
      .toBe(1);
    const other = await context.newPage();
    await other.goto(`${plenary.url}/`);
    const status = await other.evaluate(async () => {
      const res = await fetch('/api/auth/logout', { method: 'POST', credentials: 'same-origin' });
      return res.status;
    });
    expect(status).toBe(204);
    await member.waitForURL(/\/login\?next=%2Fmember/, { timeout: 10_000 });
    await member.getByLabel(/Lösenord|Password/).waitFor();
    await context.close();
  });
});
