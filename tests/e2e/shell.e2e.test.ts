// The web shell in a real browser: a demo member logs in and sees the sitting; the desk opens it and the member
// and the public display update live.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { e2eAvailable, startE2E, type E2E } from '../support/e2e.ts';

describe.runIf(e2eAvailable())('web shell (Chromium)', () => {
  let e2e: E2E;
  beforeAll(async () => {
    e2e = await startE2E();
  });
  afterAll(async () => {
    await e2e?.stop();
  });

  it('a demo member logs in and sees the sitting with its agenda', async () => {
    const { page } = await e2e.user('ledamot05');
    await expect
      .poll(() => page.getByRole('heading', { name: /Kommunfullmäktiges sammanträde/ }).count())
      .toBe(1);
    await expect
      .poll(() => page.getByText('Budget 2027 och verksamhetsplan').count())
      .toBeGreaterThan(0);
    expect(await page.getByText(/Inloggad som/).textContent()).toContain('Inloggad som');
    await e2e.shot(page, 'member-sitting');
  });

  it('refuses a wrong password with a clear message', async () => {
    const { page } = await e2e.user(undefined, '/member');
    await page.getByLabel('Användarnamn').fill('ledamot05');
    await page.getByLabel('Lösenord').fill('fel-lösenord');
    await page.getByRole('button', { name: 'Logga in' }).click();
    await expect
      .poll(() => page.getByRole('alert').textContent())
      .toContain('Fel användarnamn eller lösenord');
    // One language per person (issue 15): the server's "English / Swedish" refusal shows only the reader's half.
    expect(await page.getByRole('alert').textContent()).not.toMatch(/Wrong| \/ /);
    await page.evaluate(() => localStorage.setItem('lang', 'en'));
    await page.reload();
    await page.getByLabel(/Username/).fill('ledamot05');
    await page.getByLabel(/Password/).fill('fel-lösenord');
    await page.getByRole('button', { name: /Log in/ }).click();
    await expect
      .poll(() => page.getByRole('alert').textContent())
      .toContain('Wrong username or password.');
    expect(await page.getByRole('alert').textContent()).not.toMatch(/Fel användarnamn| \/ /);
  });

  it('the desk opens the sitting and takes up an item; member and public display follow live', async () => {
    const member = await e2e.user('ledamot07');
    const display = await e2e.user(undefined, '/display');
    const desk = await e2e.user('sekreterare', '/desk');
    await desk.page.getByRole('button', { name: /Öppna sammanträdet/ }).click();
    await expect.poll(() => member.page.getByText('Pågår').first().isVisible()).toBe(true);
    await desk.page.keyboard.press('n');
    await expect
      .poll(() => display.page.locator('.big').textContent())
      .toContain('Val av justerare');
    await expect
      .poll(() => member.page.locator('.item-title').textContent())
      .toContain('Val av justerare');
    await e2e.shot(desk.page, 'desk-open');
    await e2e.shot(display.page, 'display-item');
  });

  it('switches to English', async () => {
    const { page } = await e2e.user(undefined, '/');
    await page.getByRole('button', { name: 'English' }).click();
    await expect.poll(() => page.getByRole('heading', { name: 'Choose a view' }).count()).toBe(1);
  });
});
