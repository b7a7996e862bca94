// The decision in Chromium (R11, R20, R21, R24, R25): three members make proposals from their own browsers, the chair
// runs the proposition order from the desk console, a member demands a division, a counter-proposal division and a
// main division are voted from members' browsers (and the rest of the assembly over HTTP), the tie is broken by the
// chair's casting vote, the decision gets its § number, and a member enters a reservation with written reasons.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VoteChoice } from '@council/shared';
import { demoCouncil, DEMO_SITTING_ID } from '../../apps/plenary/src/app/demo-council.ts';
import { e2eAvailable, startE2E, type E2E } from '../support/e2e.ts';

const nameOf = (id: string) => demoCouncil().people.find((p) => p.id === id)?.name ?? id;
const id = (n: number) => `ledamot-${String(n).padStart(2, '0')}`;
const user = (n: number) => (n === 1 ? 'ordforande' : `ledamot${String(n).padStart(2, '0')}`);
const PRESENT = 32;

describe.runIf(e2eAvailable())('decision (Chromium)', () => {
  let e2e: E2E;
  const cookies = new Map<number, string>();
  beforeAll(async () => {
    e2e = await startE2E();
  });
  afterAll(async () => {
    await e2e?.stop();
  });

  async function as(n: number): Promise<string> {
    const known = cookies.get(n);
    if (known) return known;
    const cookie = await e2e.plenary.login(user(n));
    cookies.set(n, cookie);
    return cookie;
  }

  /** The members not at a browser vote from their own sessions, as their devices would. */
  async function othersVote(divisionId: string, choices: [number, VoteChoice][]): Promise<void> {
    for (const [n, choice] of choices)
      await e2e.command(await as(n), { type: 'castVote', divisionId, memberId: id(n), choice });
  }

  async function latestDivisionId(): Promise<string> {
    const state = await e2e.plenary.service.engine.state(DEMO_SITTING_ID);
    return state?.decision.divisionIds.at(-1) ?? '';
  }

  it('three proposals, a counter-proposal division, a tied main division broken by the chair, a reservation', async () => {
    // 32 of 61 in the room (quorum), the roll call confirmed, the item taken up, the function check done (R19).
    const secretary = await e2e.startSitting(
      Array.from({ length: PRESENT }, (_, i) => id(i + 1)),
      'i04',
    );
    await e2e.command(secretary, { type: 'startFunctionCheck', seconds: 60 });

    const m5 = await e2e.user('ledamot05');
    const m20 = await e2e.user('ledamot20');
    const m30 = await e2e.user('ledamot30');
    const display = await e2e.user(undefined, '/display');
    const desk = await e2e.user('ordforande', '/desk');
    // The secretary's desk beside the chair's: the chair's powers (finding, gavel, casting vote) are not offered there.
    const secretaryDesk = await e2e.user('sekreterare', '/desk');

    // Three proposals from three browsers; member 20 supports member 30's amendment.
    for (const [m, kind, text] of [
      [m5, 'Bifall', 'Bifall till kommunstyrelsens förslag att anta detaljplanen.'],
      [m20, 'Avslag', 'Avslag på förslaget.'],
      [m30, 'Ändring', 'Detaljplanen antas med högst 250 bostäder.'],
    ] as const) {
      await m.page.getByLabel(kind, { exact: true }).check();
      await m.page.getByLabel('Yrkandets lydelse').fill(text);
      await m.page.getByRole('button', { name: 'Lägg yrkande' }).click();
      await expect.poll(() => m.page.getByText('Ditt yrkande är registrerat.').count()).toBe(1);
    }
    await m20.page.getByRole('button', { name: 'Instäm 3' }).click();
    await expect.poll(() => m20.page.getByText('Du instämmer i yrkandet.').count()).toBe(1);
    await expect.poll(() => desk.page.getByTestId('desk-proposals').locator('li').count()).toBe(3);
    await e2e.shot(m30.page, 'decision-member-proposals');

    // The chair sets the proposition order; the assembly approves it; the question is put.
    await desk.page.getByRole('button', { name: 'Ange propositionsordning' }).click();
    await desk.page
      .getByRole('button', { name: 'Församlingen godkänner propositionsordningen' })
      .click();
    await expect
      .poll(() => desk.page.getByText('Propositionsordningen är godkänd.').count())
      .toBeGreaterThan(0);
    await expect.poll(() => m5.page.getByRole('button', { name: 'Lägg yrkande' }).count()).toBe(0);
    await e2e.shot(desk.page, 'decision-desk-order');
    await desk.page.getByRole('button', { name: /^Ställ frågan/ }).click();

    // The chair finds for proposal 1 by acclamation; the gavel waits (R11); member 20 demands a division.
    await expect.poll(() => secretaryDesk.page.getByTestId('awaiting-chair').count()).toBe(1);
    expect(
      await secretaryDesk.page.getByRole('button', { name: /^Ordföranden finner/ }).count(),
    ).toBe(0);
    await desk.page.getByRole('button', { name: /^Ordföranden finner: 1\./ }).click();
    await expect
      .poll(() => secretaryDesk.page.getByTestId('awaiting-chair').textContent())
      .toBe('Ordföranden klubbar beslutet.');
    expect(await secretaryDesk.page.getByRole('button', { name: /^Klubba beslutet/ }).count()).toBe(
      0,
    );
    await expect
      .poll(() => desk.page.getByTestId('gavel-countdown').textContent())
      .toMatch(/Klubban kan falla om \d s|Votering kan begäras/);
    await m20.page.getByRole('button', { name: 'Begär votering' }).click();
    await expect
      .poll(() => desk.page.getByTestId('division-demanded').textContent())
      .toContain(nameOf(id(20)));
    await e2e.shot(desk.page, 'decision-desk-demanded');

    // Counter-proposal division: JA for proposal 2 (avslag), NEJ for proposal 3 (ändring).
    await expect
      .poll(() => desk.page.locator('fieldset legend').first().textContent())
      .toBe('Kontrapropositionsvotering');
    await desk.page.getByRole('button', { name: /^Starta votering/ }).click();
    await expect
      .poll(() => m30.page.getByRole('button', { name: 'JA', exact: true }).count())
      .toBe(1);
    await m30.page.getByRole('button', { name: 'JA', exact: true }).click();
    await expect
      .poll(() => m30.page.getByTestId('my-vote').textContent())
      .toBe('Din röst är registrerad: JA');
    await m30.page.getByRole('button', { name: 'NEJ', exact: true }).click(); // changed until close, counted once
    await expect
      .poll(() => m30.page.getByTestId('my-vote').textContent())
      .toBe('Din röst är registrerad: NEJ');
    await m20.page.getByRole('button', { name: 'JA', exact: true }).click();
    await m5.page.getByRole('button', { name: 'AVSTÅR', exact: true }).click();
    await expect
      .poll(() => m5.page.getByTestId('my-vote').textContent())
      .toBe('Din röst är registrerad: AVSTÅR');
    await e2e.shot(m30.page, 'decision-member-voted');
    const counter = await latestDivisionId();
    const rest = Array.from({ length: PRESENT }, (_, i) => i + 1).filter(
      (n) => ![5, 20, 30].includes(n),
    );
    await othersVote(
      counter,
      rest.map((n, k): [number, VoteChoice] => [n, k < 10 ? 'yes' : 'no']),
    );
    await expect
      .poll(() => desk.page.getByTestId('desk-voted').textContent())
      .toBe(`${PRESENT} av ${PRESENT} har röstat`);
    await expect.poll(() => display.page.getByTestId('vote-yes').textContent()).toBe('11');
    await e2e.shot(display.page, 'decision-display-live');
    await desk.page.getByRole('button', { name: /^Stäng voteringen/ }).click();
    await expect
      .poll(() => desk.page.getByTestId('vote-outcome').textContent())
      .toBe('Detaljplanen antas med högst 250 bostäder (yrkande 3) vann, 20–11');

    // Main division: JA for proposal 1 (the chair's finding), NEJ for proposal 3; the chair abstains; 15–15.
    await expect
      .poll(() => desk.page.locator('fieldset legend').first().textContent())
      .toBe('Huvudvotering');
    await desk.page.getByRole('button', { name: /^Starta votering/ }).click();
    await expect
      .poll(() => m5.page.getByRole('button', { name: 'JA', exact: true }).count())
      .toBe(1);
    await m5.page.getByRole('button', { name: 'JA', exact: true }).click();
    await m20.page.getByRole('button', { name: 'NEJ', exact: true }).click();
    await m30.page.getByRole('button', { name: 'NEJ', exact: true }).click();
    await expect
      .poll(() => m20.page.getByTestId('my-vote').textContent())
      .toBe('Din röst är registrerad: NEJ');
    const main = await latestDivisionId();
    expect(main).not.toBe(counter);
    const others = rest.filter((n) => n !== 1);
    await othersVote(main, [
      [1, 'abstain'],
      ...others.map((n, k): [number, VoteChoice] => [
        n,
        k < 14 ? 'yes' : k < 27 ? 'no' : 'abstain',
      ]),
    ]);
    await expect
      .poll(() => desk.page.getByTestId('desk-voted').textContent())
      .toBe(`${PRESENT} av ${PRESENT} har röstat`);
    await desk.page.getByRole('button', { name: /^Stäng voteringen/ }).click();
    await expect.poll(() => desk.page.getByTestId('casting-vote').count()).toBe(1);
    await expect
      .poll(() => display.page.getByTestId('vote-outcome').textContent())
      .toContain('Lika röstetal');
    await e2e.shot(desk.page, 'decision-desk-tie');
    await expect
      .poll(() => secretaryDesk.page.getByTestId('awaiting-chair').textContent())
      .toContain('utslagsröst');
    expect(await secretaryDesk.page.getByTestId('casting-vote').count()).toBe(0);
    await desk.page.getByRole('button', { name: 'Utslagsröst: JA' }).click();
    await expect
      .poll(() => display.page.getByTestId('vote-outcome').textContent())
      .toBe(
        'Bifall till kommunstyrelsens förslag att anta detaljplanen (yrkande 1) vann genom ordförandens utslagsröst, 15–15',
      );
    // The members see it on their own devices too, with their own vote.
    await expect
      .poll(() => m5.page.getByTestId('member-outcome').textContent())
      .toMatch(
        /^\s*Bifall till kommunstyrelsens förslag .*vann genom ordförandens utslagsröst, 15–15\s*$/,
      );
    await expect
      .poll(() => m5.page.getByTestId('my-final-vote').textContent())
      .toMatch(/Du röstade JA\./);
    await expect.poll(() => display.page.getByTestId('vote-yes').textContent()).toBe('15');
    await expect.poll(() => display.page.getByTestId('vote-no').textContent()).toBe('15');
    await e2e.shot(display.page, 'decision-display-result');

    // The decision box starts from the default wording, the body's name from the council (issue 14); the desk edits it
    // as prose and the edited text is recorded with the item's § number.
    const box = desk.page.getByLabel('Beslutets lydelse');
    await expect
      .poll(() => box.inputValue())
      .toBe(
        'Kommunfullmäktige beslutar att bifalla kommunstyrelsens förslag att anta detaljplanen.',
      );
    await box.fill(
      'Kommunfullmäktige beslutar att bifalla kommunstyrelsens förslag att anta detaljplanen för kvarteret Spinneriet.',
    );
    await desk.page.getByRole('button', { name: 'Protokollför beslut' }).click();
    await expect
      .poll(() => desk.page.getByTestId('desk-decision-recorded').textContent())
      .toBe(
        '§ 1: Kommunfullmäktige beslutar att bifalla kommunstyrelsens förslag att anta detaljplanen för kvarteret Spinneriet.',
      );
    await expect
      .poll(() => display.page.getByTestId('display-decision').textContent())
      .toContain('§ 1');

    // Member 20 enters a reservation and its written reasons; the desk sees it.
    await m20.page.getByRole('button', { name: 'Anmäl reservation' }).click();
    await expect
      .poll(() => m20.page.getByText('Din reservation är anmäld.').count())
      .toBeGreaterThan(0);
    await m20.page
      .getByLabel('Skriftlig motivering')
      .fill('Planen saknar en trafiklösning för Spinneriet.');
    await m20.page.getByRole('button', { name: 'Lämna motivering' }).click();
    await expect.poll(() => m20.page.getByText('Din motivering är sparad.').count()).toBe(1);
    await expect
      .poll(() => desk.page.getByTestId('desk-reservations').textContent())
      .toContain(nameOf(id(20)));
    await e2e.shot(m20.page, 'decision-member-reservation');
    await e2e.shot(desk.page, 'decision-desk-reservations');

    // The log holds it all, in order (R24).
    const state = await e2e.plenary.service.engine.state(DEMO_SITTING_ID);
    const item = state?.decision.items['i04'];
    expect(item?.steps.map((s) => [s.kind, s.method])).toEqual([['material', 'division']]);
    expect(item?.decision).toMatchObject({
      paragraph: 1,
      outcome: 'decided',
      wording:
        'Kommunfullmäktige beslutar att bifalla kommunstyrelsens förslag att anta detaljplanen för kvarteret Spinneriet.',
    });
    expect(item?.reservations).toEqual([
      expect.objectContaining({
        memberId: id(20),
        reason: 'Planen saknar en trafiklösning för Spinneriet.',
      }),
    ]);
    const divisions = (state?.decision.divisionIds ?? []).map((d) => state?.decision.divisions[d]);
    expect(divisions.map((d) => [d?.kind, d?.counts, d?.castingVote])).toEqual([
      ['counter', { yes: 11, no: 20, abstain: 1 }, null],
      ['main', { yes: 15, no: 15, abstain: 2 }, 'yes'],
    ]);
    expect(state?.items.find((i) => i.id === 'i04')).toMatchObject({
      status: 'decided',
      paragraph: 1,
    });
  }, 240_000);
});
