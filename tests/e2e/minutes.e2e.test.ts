// The minutes in Chromium (R24): the desk's Protokoll view with the draft and a prose edit, the chair and the two
// adjusters approving from the member app, the lock shown on the desk, and the HTML minutes' screenshot for docs/.
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_SITTING_ID } from '../../apps/plenary/src/app/demo-council.ts';
import { e2eAvailable, screenshotDir, startE2E, type E2E } from '../support/e2e.ts';
import { runMinutesScript, scriptClock } from '../support/minutes.ts';

describe.runIf(e2eAvailable())('minutes (Chromium)', () => {
  let e2e: E2E;
  const clock = scriptClock();
  beforeAll(async () => {
    e2e = await startE2E({ clock: () => clock.now });
    await runMinutesScript({ service: e2e.plenary.service, clock });
    // Adjustment two days later; everyone logs in then.
    clock.advance(2 * 86_400);
  }, 240_000);
  afterAll(async () => {
    await e2e?.stop();
  });

  it('R24: the desk sees the draft and edits a decision wording; the chair and the adjusters approve in the member app; the minutes lock', async () => {
    const { page: desk } = await e2e.user('sekreterare', '/desk');
    await desk.getByTestId('minutes-toggle').click();
    await expect
      .poll(() => desk.getByTestId('minutes-status').textContent())
      .toContain('Utkast – väntar på justering');
    await desk
      .getByTestId('prose-paragraph')
      .selectOption({ label: '§ 3 Motion om avgiftsfri kollektivtrafik för personer över 75 år' });
    await desk
      .getByTestId('prose-decision')
      .fill('Fullmäktige avslår motionen om avgiftsfri kollektivtrafik för personer över 75 år.');
    await desk.getByTestId('prose-save-decision').click();
    await expect.poll(() => desk.getByText('Texten är sparad.').count()).toBe(1);
    await e2e.shot(desk, 'minutes-desk-draft');

    for (const username of ['ordforande', 'ledamot20', 'ledamot44']) {
      const { page } = await e2e.user(username, '/member');
      page.on('dialog', (d) => void d.accept());
      const approve = page.getByTestId('approve-minutes');
      await approve.waitFor();
      expect(await page.getByText('Protokollet väntar på din justering').count()).toBe(1);
      if (username === 'ledamot20') await e2e.shot(page, 'minutes-member-approve');
      await approve.click();
      await expect
        .poll(() => page.getByText(/Du har justerat protokollet|justerat av alla och låst/).count())
        .toBe(1);
      expect(await page.getByTestId('approve-minutes').count()).toBe(0);
    }

    await desk.reload();
    await desk.getByTestId('minutes-toggle').click();
    await expect
      .poll(() => desk.getByTestId('minutes-status').textContent())
      .toContain('Justerat och låst');
    await expect.poll(() => desk.getByTestId('desk-minutes').textContent()).toMatch(/[0-9a-f]{64}/);
    await e2e.shot(desk, 'minutes-desk-locked');

    // The HTML minutes as printed: the edited wording, the lock, and a screenshot for docs/.
    const res = await desk.goto(`/api/sittings/${DEMO_SITTING_ID}/minutes.html`);
    expect(res?.status()).toBe(200);
    const text = (await desk.textContent('body')) ?? '';
    expect(text).toContain('Justerat protokoll');
    expect(text).toContain(
      'Fullmäktige avslår motionen om avgiftsfri kollektivtrafik för personer över 75 år.',
    );
    expect(text).toContain('ersättare för Birgitta Bergström (S) §§ 1–5');
    await desk.setViewportSize({ width: 900, height: 1500 });
    const shot = join(screenshotDir, 'minutes-html.png');
    await desk.screenshot({ path: shot, fullPage: false });
    copyFileSync(shot, join(process.cwd(), 'docs', 'minutes-screenshot.png'));
  }, 240_000);
});
