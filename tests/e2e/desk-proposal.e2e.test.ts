// The desk records proposals on a member's behalf in Chromium (R21): the clerk hears "jag yrkar återremiss" in the
// chamber and enters it from the keyboard alone — Y, the seat number, Enter, the kind, the reason, Enter; the member's
// own device shows it as their proposal, and both it and the desk's list say the desk entered it; support
// (instämmande) on behalf; and the server's refusal for a member with jäv is said about that member.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoCouncil, DEMO_SITTING_ID } from '../../apps/plenary/src/app/demo-council.ts';
import { e2eAvailable, startE2E, type E2E } from '../support/e2e.ts';

const nameOf = (id: string) => demoCouncil().people.find((p) => p.id === id)?.name ?? id;
const id = (n: number) => `ledamot-${String(n).padStart(2, '0')}`;
const PRESENT = 32;
const REASON = 'Återremiss för att utreda trafiken till det nya området.';

describe.runIf(e2eAvailable())('desk records proposals on behalf (Chromium)', () => {
  let e2e: E2E;
  beforeAll(async () => {
    e2e = await startE2E();
  });
  afterAll(async () => {
    await e2e?.stop();
  });

  it('R21: the desk records a referral back for a member from the keyboard; the member’s device shows it as theirs', async () => {
    // 32 of 61 in the room, the roll call confirmed, item i04 taken up.
    const secretary = await e2e.startSitting(
      Array.from({ length: PRESENT }, (_, i) => id(i + 1)),
      'i04',
    );

    const m12 = await e2e.user('ledamot12');
    const desk = await e2e.user('sekreterare', '/desk');
    const page = desk.page;
    const picker = page.locator('#behalf-member');
    const message = page.getByTestId('behalf-message');
    await expect.poll(() => picker.count()).toBe(1);

    // Y from anywhere on the console focuses the picker; "12" lists seat 12 first; Enter picks it.
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('y');
    await expect.poll(() => picker.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.type('12');
    await expect
      .poll(() => page.locator('#behalf-options').getByRole('option').first().textContent())
      .toContain(`12 · ${nameOf(id(12))} (S)`);
    await e2e.shot(page, 'desk-proposal-picker');
    await page.keyboard.press('Enter');
    await expect
      .poll(() => page.getByTestId('behalf-action').evaluate((el) => el === document.activeElement))
      .toBe(true);

    // The kind from the keyboard (bifall, avslag, ändring, tillägg, återremiss), Tab to the reason, Enter records.
    for (let i = 0; i < 4; i++) await page.keyboard.press('ArrowDown');
    await expect.poll(() => page.getByTestId('behalf-action').inputValue()).toBe('referBack');
    await page.keyboard.press('Enter'); // without the reason: said at once, nothing sent
    await expect.poll(() => message.textContent()).toContain('Skriv skälet för återremissen.');
    await expect
      .poll(() => page.getByTestId('behalf-text').evaluate((el) => el === document.activeElement))
      .toBe(true);
    await page.keyboard.type(REASON);
    await page.keyboard.press('Enter');
    await expect
      .poll(() => message.textContent())
      .toContain(`Registrerat för ${nameOf(id(12))} (S): återremiss – ”${REASON}”`);
    await expect.poll(() => picker.evaluate((el) => el === document.activeElement)).toBe(true);
    await expect.poll(() => picker.inputValue()).toBe('');

    // The desk's list says the desk entered it; the log holds it as member 12's, entered by the secretary.
    const deskList = page.getByTestId('desk-proposals');
    await expect.poll(() => deskList.locator('li').count()).toBe(1);
    await expect.poll(() => deskList.textContent()).toContain('registrerat av kansliet');
    const state = await e2e.plenary.service.engine.state(DEMO_SITTING_ID);
    const proposal = Object.values(state?.decision.proposals ?? {})[0];
    expect(proposal).toMatchObject({
      by: id(12),
      kind: 'referBack',
      text: REASON,
      recordedBy: 'sekreterare',
    });
    await e2e.shot(page, 'desk-proposal-recorded');

    // Member 12's own tablet shows it as their proposal: their name, the reason, and theirs to withdraw.
    await expect
      .poll(() => m12.page.getByText(`1. Återremiss – ${nameOf(id(12))}`).count())
      .toBe(1);
    await expect.poll(() => m12.page.getByText(`”${REASON}”`).count()).toBe(1);
    await expect.poll(() => m12.page.getByRole('button', { name: 'Återta' }).count()).toBe(1);
    // …and says the desk entered it for them.
    await expect
      .poll(() => m12.page.getByTestId('member-recorded-by-desk').textContent())
      .toContain('registrerat av kansliet');
    await e2e.shot(m12.page, 'desk-proposal-member');

    // Instämmande on behalf: a name typed (any case), Enter, the last option "Instämmer i 1.", Enter.
    await page.keyboard.type('peter and');
    await expect.poll(() => page.locator('#behalf-options').getByRole('option').count()).toBe(1);
    await page.keyboard.press('Enter');
    await page.keyboard.press('End');
    await expect.poll(() => page.getByTestId('behalf-action').inputValue()).toMatch(/^support:/);
    await page.keyboard.press('Enter');
    await expect
      .poll(() => message.textContent())
      .toContain(`Registrerat: ${nameOf(id(20))} (M) instämmer i yrkande 1 (återremiss).`);
    await expect.poll(() => m12.page.getByText(`Instämmer: ${nameOf(id(20))}`).count()).toBe(1);

    // Picked, then the member declares jäv before the clerk presses Enter: the refusal names the member.
    await page.keyboard.type('25');
    await page.keyboard.press('Enter');
    await e2e.command(secretary, { type: 'declareRecusal', itemId: 'i04', personId: id(25) });
    await page.keyboard.press('Enter');
    await expect
      .poll(() => message.textContent())
      .toContain(`${nameOf(id(25))} (M) har anmält jäv i ärendet`);
    await e2e.shot(page, 'desk-proposal-recused');
    expect(
      Object.values(
        (await e2e.plenary.service.engine.state(DEMO_SITTING_ID))?.decision.proposals ?? {},
      )[0]?.supporters,
    ).toEqual([id(20)]);
  });
});
