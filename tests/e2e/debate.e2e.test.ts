// The debate in Chromium (R07, R25): two members ask for the floor and a reply from their own browsers, the desk gives
// the floor in order from the keyboard, members see their place and the public display shows the current speaker.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoCouncil, DEMO_SITTING_ID } from '../../apps/plenary/src/app/demo-council.ts';
import { e2eAvailable, startE2E, type E2E } from '../support/e2e.ts';

const nameOf = (id: string) => demoCouncil().people.find((p) => p.id === id)?.name ?? id;

describe.runIf(e2eAvailable())('debate (Chromium)', () => {
  let e2e: E2E;
  beforeAll(async () => {
    e2e = await startE2E();
  });
  afterAll(async () => {
    await e2e?.stop();
  });

  it('two members ask for the floor and a reply; the desk gives it in order; the display shows the speaker', async () => {
    // The sitting is opened, the roll is called with everyone in the room, and the budget item is taken up.
    await e2e.startSitting(
      Array.from({ length: 61 }, (_, i) => `ledamot-${String(i + 1).padStart(2, '0')}`),
      'i03',
    );

    const m5 = await e2e.user('ledamot05');
    const m6 = await e2e.user('ledamot06');
    const display = await e2e.user(undefined, '/display');
    const desk = await e2e.user('sekreterare', '/desk');
    const [name5, name6] = [nameOf('ledamot-05'), nameOf('ledamot-06')];

    // Member 5 asks first, member 6 second: each sees their place.
    await m5.page.getByRole('button', { name: 'Begär ordet' }).click();
    await expect.poll(() => m5.page.getByText('Du är nummer 1 i talarlistan').count()).toBe(1);
    await m6.page.getByRole('button', { name: 'Begär ordet' }).click();
    await expect.poll(() => m6.page.getByText('Du är nummer 2 i talarlistan').count()).toBe(1);
    await expect.poll(() => desk.page.getByTestId('desk-queue').locator('li').count()).toBe(2);
    await e2e.shot(m6.page, 'debate-member-queued');

    // The desk gives the floor from the keyboard: member 5 first.
    // L focuses the speaker list; its keys stay inside it (the decision panel has its own G).
    await desk.page.keyboard.press('l');
    await desk.page.keyboard.press('g');
    await expect
      .poll(() => display.page.getByTestId('display-speaker').textContent())
      .toContain(name5);
    await expect.poll(() => m5.page.getByText('Du har ordet').count()).toBe(1);
    await expect.poll(() => m6.page.getByText('Du är nummer 1 i talarlistan').count()).toBe(1);
    await expect
      .poll(() => display.page.getByTestId('speaker-timer').textContent())
      .toMatch(/\d:\d\d/);

    // Member 6 asks for a reply: it goes before their own speech.
    await m6.page.getByRole('button', { name: 'Replik', exact: true }).click();
    await expect
      .poll(() => m6.page.getByText('Din begäran är registrerad: Replik.').count())
      .toBe(1);
    await expect
      .poll(() => display.page.getByTestId('display-queue').locator('li').first().textContent())
      .toContain('Replik');
    await e2e.shot(desk.page, 'debate-desk-queue');

    await desk.page.keyboard.press('g');
    await expect
      .poll(() => display.page.locator('.debate .label').first().textContent())
      .toContain(`Replik till ${name5}`);
    await expect
      .poll(() => display.page.getByTestId('display-speaker').textContent())
      .toContain(name6);
    await expect
      .poll(() => desk.page.getByTestId('desk-floor-speaker').textContent())
      .toContain(name6);
    await e2e.shot(display.page, 'debate-display-reply');

    // Then member 6's own speech, and the desk ends it.
    await desk.page.keyboard.press('g');
    await expect
      .poll(() => display.page.locator('.debate .label').first().textContent())
      .toContain('Anförande');
    await expect.poll(() => m6.page.getByText('Du har ordet').count()).toBe(1);
    await e2e.shot(m6.page, 'debate-member-floor');
    // Member 6 speaks for a couple of seconds, so the speaking-time chart has a bar to draw.
    await new Promise((r) => setTimeout(r, 2500));
    await desk.page.keyboard.press('e');
    await expect.poll(() => display.page.getByTestId('display-speaker').count()).toBe(0);

    // Budget debate: the desk sets party time pots; members and the public display show each party's time left.
    await expect.poll(() => desk.page.getByText('Ingen har ordet just nu').count()).toBe(1);
    await desk.page.getByText('Partitidspotter').click();
    await desk.page.getByLabel('Minuter per parti').fill('12');
    await desk.page.getByRole('button', { name: 'Sätt potter' }).click();
    await expect.poll(() => display.page.getByTestId('party-pots').locator('li').count()).toBe(8);
    await expect.poll(() => m5.page.getByTestId('party-pots').textContent()).toContain('12:00');
    await e2e.shot(display.page, 'debate-display-pots');

    // Keyboard control at the desk: add two speakers on their behalf, move the second up, remove it.
    const [name10, name11] = [nameOf('ledamot-10'), nameOf('ledamot-11')];
    const queue = desk.page.getByTestId('desk-queue').locator('li');
    for (const id of ['ledamot-10', 'ledamot-11']) {
      await desk.page.locator('#debate-add-person').selectOption(id);
      await desk.page.getByRole('button', { name: /Lägg till/ }).click();
    }
    await expect.poll(() => queue.count()).toBe(2);
    await desk.page.keyboard.press('l');
    await desk.page.keyboard.press('ArrowDown');
    await desk.page.keyboard.press('Shift+ArrowUp');
    await expect.poll(() => queue.first().textContent()).toContain(name11);
    await expect
      .poll(() => display.page.getByTestId('display-queue').locator('li').first().textContent())
      .toContain(name11);
    await desk.page.keyboard.press('Delete');
    await expect.poll(() => queue.count()).toBe(1);
    await expect.poll(() => queue.first().textContent()).toContain(name10);
    await e2e.shot(desk.page, 'debate-desk-keyboard');

    // Speaking time per party and per member as bars beside the figures: each as wide as its share of the longest,
    // never an empty box for time spoken.
    await desk.page.getByText('Taltid under sammanträdet').click();
    const bars = await desk.page.evaluate(() =>
      [...document.querySelectorAll<HTMLElement>('[data-testid="speaking-bar"]')].map((b) => ({
        seconds: Number(b.dataset['seconds']),
        width: b.getBoundingClientRect().width,
        track: b.parentElement?.getBoundingClientRect().width ?? 0,
      })),
    );
    // Member 5's party and member 6's (one or two parties), then the two members.
    expect(bars.length).toBeGreaterThanOrEqual(3);
    expect(bars.filter((b) => b.seconds >= 2).length).toBeGreaterThanOrEqual(2);
    for (const b of bars) {
      if (b.seconds > 0) expect(b.width).toBeGreaterThan(0);
      else expect(b.width).toBe(0);
      expect(b.width).toBeLessThanOrEqual(b.track);
    }
    await e2e.shot(desk.page, 'debate-desk-speaking-time');

    const after = await e2e.plenary.service.engine.state(DEMO_SITTING_ID);
    expect(after?.debate.turns.map((t) => [t.kind, t.personId, t.seenAndHeard])).toEqual([
      ['speech', 'ledamot-05', true],
      ['reply', 'ledamot-06', true],
      ['speech', 'ledamot-06', true],
    ]);
  });
});
