// Every surface at every size in its main states (issue 15): no sideways scroll (WCAG 1.4.10), the display and the
// desk fit a 1920×1080 screen (the desk from 1280×800), no list numbered twice, and axe-core finds no WCAG A/AA violation. The screenshots go to
// test-results/screens/ (CI keeps them); docs/screens/ has the most telling of them.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_SITTING_ID } from '../../apps/plenary/src/app/demo-council.ts';
import { exec, memberActor, memberId, chair } from '../support/division.ts';
import { e2eAvailable, startE2E, type E2E } from '../support/e2e.ts';
import { checkScreen, describeCheck, sizes, type ScreenCheck } from '../support/screens.ts';

interface Surface {
  name: string;
  page: Page;
  /**
   * From this width up the page must not scroll at all: the display is a screen of its own (1920×1080), and the desk
   * is a console of panes from a laptop up (1280×800), each pane scrolling inside.
   */
  fitsFrom?: number;
}

describe.runIf(e2eAvailable())('screens at every size', () => {
  let e2e: E2E;
  let member: Page;
  let chairPage: Page;
  let desk: Page;
  let display: Page;
  let webcast: Page;
  const checks: ScreenCheck[] = [];
  let rollCallId = '';

  beforeAll(async () => {
    e2e = await startE2E({ plenary: { webcast: true } });
    member = (await e2e.user('ledamot05')).page;
    chairPage = (await e2e.user('ordforande')).page;
    desk = (await e2e.user('sekreterare', '/desk')).page;
    display = (await e2e.user(undefined, `/display/${DEMO_SITTING_ID}`)).page;
    webcast = (await e2e.user(undefined, '/webcast/')).page;
    await pushWebcastView();
  });

  afterAll(async () => {
    console.log(`screens checked: ${checks.length}\n${checks.map(describeCheck).join('\n')}`);
    await e2e?.stop();
  });

  /** The webcast in the test follows no plenary: it is handed plenary's public view, as its follower would be. */
  async function pushWebcastView(): Promise<void> {
    const res = await fetch(`${e2e.plenary.url}/api/public/sittings/${DEMO_SITTING_ID}`);
    e2e.plenary.webcast?.onView(await res.json());
  }

  /** Checks each surface at each size; returns what failed, one readable line each. */
  async function checkAll(state: string, surfaces: Surface[]): Promise<string[]> {
    const failures: string[] = [];
    for (const s of surfaces)
      for (const size of sizes) {
        const c = await checkScreen(s.page, `${state}-${s.name}`, size);
        checks.push(c);
        const where = `${state} ${s.name} ${size.width}×${size.height}`;
        if (c.scrollWidth > c.innerWidth)
          failures.push(
            `${where}: scrolls sideways (${c.scrollWidth} > ${c.innerWidth}): ${c.overflowing.join(', ')}`,
          );
        if (s.fitsFrom && size.width >= s.fitsFrom && c.scrollHeight > c.innerHeight)
          failures.push(`${where}: does not fit the screen (${c.scrollHeight} > ${c.innerHeight})`);
        if (c.doubleNumbered.length > 0)
          failures.push(`${where}: numbered twice: ${c.doubleNumbered.join(' | ')}`);
        for (const v of c.violations)
          failures.push(`${where}: axe ${v.id} (${v.impact}): ${v.help} — ${v.targets.join(', ')}`);
      }
    return failures;
  }

  /**
   * The desk's seat map during a division, at a laptop's and a desk monitor's size: it heads the decision pane, by
   * vote, wholly inside the screen with the page unscrolled and not wider than the screen; the step pane has none.
   */
  async function deskSeatMapInView(): Promise<string[]> {
    const failures: string[] = [];
    for (const size of sizes.filter((s) => s.width >= 1280)) {
      await desk.setViewportSize({ width: size.width, height: size.height });
      await desk.evaluate(
        () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => r(null)))),
      );
      const m = await desk.evaluate(() => {
        const map = document.querySelector(
          '[data-testid="desk-seat-map"][data-place="decision"] [data-testid="seat-map"]',
        );
        const r = map?.getBoundingClientRect();
        return {
          box: r ? { top: r.top, left: r.left, bottom: r.bottom, right: r.right } : null,
          mode: map?.getAttribute('data-mode') ?? null,
          inStep: document.querySelectorAll('[data-testid="desk-seat-map"][data-place="step"]')
            .length,
          scrollX: window.scrollX,
          scrollY: window.scrollY,
          scrollWidth: document.documentElement.scrollWidth,
          scrollHeight: document.documentElement.scrollHeight,
          innerWidth: window.innerWidth,
          innerHeight: window.innerHeight,
        };
      });
      const where = `desk ${size.width}×${size.height}`;
      if (!m.box) failures.push(`${where}: no seat map in the decision pane`);
      else if (
        m.box.top < 0 ||
        m.box.left < 0 ||
        m.box.bottom > m.innerHeight ||
        m.box.right > m.innerWidth
      )
        failures.push(`${where}: seat map outside the screen ${JSON.stringify(m.box)}`);
      if (m.mode !== 'vote') failures.push(`${where}: seat map by ${m.mode}, not by vote`);
      if (m.inStep !== 0) failures.push(`${where}: a second seat map in the step pane`);
      if (m.scrollX !== 0 || m.scrollY !== 0 || m.scrollHeight > m.innerHeight)
        failures.push(`${where}: the page scrolls (${m.scrollHeight} > ${m.innerHeight})`);
      if (m.scrollWidth > m.innerWidth)
        failures.push(`${where}: scrolls sideways (${m.scrollWidth} > ${m.innerWidth})`);
    }
    return failures;
  }

  it('before the sitting: start page, sign-in, member, chair, desk, display, webcast, ballot, office', async () => {
    const anonymous = (await e2e.user()).page;
    await anonymous.goto('/');
    const login = (await e2e.user()).page;
    await login.goto('/login');
    const ballot = (await e2e.user()).page;
    await ballot.goto('/ballot/');
    const office = (await e2e.user('admin', '/kansli')).page;
    await member.getByRole('heading', { level: 2 }).first().waitFor();
    const failures = await checkAll('before', [
      { name: 'home', page: anonymous },
      { name: 'login', page: login },
      { name: 'member', page: member },
      { name: 'chair', page: chairPage },
      { name: 'desk', page: desk, fitsFrom: 1280 },
      { name: 'display', page: display },
      { name: 'webcast', page: webcast },
      { name: 'ballot', page: ballot },
      { name: 'office', page: office },
    ]);
    expect(failures).toEqual([]);
  }, 600_000);

  it('the chair is named as the chair on their own screen and on the desk', async () => {
    await expect.poll(() => chairPage.getByTestId('my-role').textContent()).toMatch(/ordförande/i);
    await expect.poll(() => member.getByTestId('my-role').count()).toBe(0);
    // The roll call marks the chair's seat.
    await exec(e2e.plenary, { type: 'openSitting' });
    const [started] = await exec(e2e.plenary, { type: 'startRollCall' });
    rollCallId = String(started?.payload['rollCallId']);
    await expect
      .poll(() => desk.getByTestId('rollcall-ledamot-01').textContent())
      .toMatch(/Ordförande/);
    await expect
      .poll(() => desk.getByTestId('rollcall-ledamot-02').textContent())
      .not.toMatch(/Ordförande/);
  });

  it('the debate: an item taken up, a speaker on the floor and a queue', async () => {
    for (let n = 1; n <= 61; n++)
      await exec(e2e.plenary, { type: 'markAttendance', personId: memberId(n), mode: 'room' });
    await exec(e2e.plenary, { type: 'confirmRollCall', rollCallId });
    await exec(e2e.plenary, { type: 'startItem', itemId: 'i05' });
    for (const n of [30, 12, 44])
      await exec(e2e.plenary, { type: 'requestFloor', kind: 'speech' }, memberActor(n));
    await exec(e2e.plenary, { type: 'giveFloor', seenAndHeard: true }, chair);
    await pushWebcastView();
    await display.getByTestId('display-speaker').waitFor();
    const failures = await checkAll('debate', [
      { name: 'member', page: member },
      { name: 'desk', page: desk, fitsFrom: 1280 },
      { name: 'display', page: display, fitsFrom: 1920 },
      { name: 'webcast', page: webcast },
    ]);
    expect(failures).toEqual([]);
  }, 600_000);
  it('a division open, with the member’s vote cast, and its result', async () => {
    await exec(e2e.plenary, { type: 'endFloor' });
    await exec(e2e.plenary, { type: 'startFunctionCheck', seconds: 60 });
    const [a] = await exec(
      e2e.plenary,
      {
        type: 'makeProposal',
        memberId: memberId(30),
        kind: 'approve',
        text: 'Bifall till motionen',
      },
      memberActor(30),
    );
    const [b] = await exec(
      e2e.plenary,
      { type: 'makeProposal', memberId: memberId(2), kind: 'reject', text: 'Avslag på motionen' },
      memberActor(2),
    );
    const yes = String(a?.payload['proposalId']);
    const no = String(b?.payload['proposalId']);
    await exec(
      e2e.plenary,
      { type: 'setPropositionOrder', formal: [], material: [yes, no], additions: [] },
      chair,
    );
    await exec(e2e.plenary, { type: 'approvePropositionOrder' });
    await exec(e2e.plenary, { type: 'putQuestion' });
    // A first round voided (a technical failure, R18): the desk and the member are told; no stale counts, and the desk
    // does not offer to void it again.
    await exec(e2e.plenary, { type: 'startDivision', yes, no, mode: 'devices' });
    await member.getByRole('button', { name: 'NEJ', exact: true }).click();
    await expect.poll(() => member.getByTestId('my-vote').textContent()).toMatch(/NEJ/);
    await exec(e2e.plenary, {
      type: 'invalidateRound',
      reason: 'Uppkopplingen bröts för en ledamot på distans',
    });
    await expect.poll(() => member.getByTestId('member-voided').textContent()).toMatch(/ogiltig/);
    expect(await member.getByText(/R18|R19/).count()).toBe(0);
    await expect.poll(() => desk.getByTestId('desk-voided').textContent()).toMatch(/ogiltig/);
    expect(await desk.getByTestId('desk-voted').count()).toBe(0);
    expect(await desk.getByRole('button', { name: /Ogiltigförklara omgången/ }).count()).toBe(0);
    const voidedScreens = await checkAll('voided', [
      { name: 'member', page: member },
      { name: 'desk', page: desk, fitsFrom: 1280 },
    ]);
    const [opened] = await exec(e2e.plenary, { type: 'startDivision', yes, no, mode: 'devices' });
    const divisionId = String(opened?.payload['divisionId']);
    for (let n = 1; n <= 61; n++)
      if (n !== 5)
        await exec(
          e2e.plenary,
          {
            type: 'castVote',
            divisionId,
            memberId: memberId(n),
            choice: n % 3 === 0 ? 'no' : 'yes',
          },
          n === 1 ? chair : memberActor(n),
        );
    await member.getByRole('button', { name: 'JA', exact: true }).click();
    await expect.poll(() => member.getByTestId('my-vote').textContent()).toMatch(/JA/);
    await pushWebcastView();
    const voting = await checkAll('division', [
      { name: 'member', page: member },
      { name: 'desk', page: desk, fitsFrom: 1280 },
      { name: 'display', page: display, fitsFrom: 1920 },
      { name: 'webcast', page: webcast },
    ]);
    const mapDuring = await deskSeatMapInView();
    await exec(e2e.plenary, { type: 'closeDivision', divisionId });
    await pushWebcastView();
    await display.getByTestId('vote-outcome').waitFor();
    // The member sees the result on their own device, and their own vote.
    await expect
      .poll(() => member.getByTestId('my-final-vote').textContent())
      .toBe('Du röstade JA.');
    await expect.poll(() => member.getByTestId('member-result').textContent()).toMatch(/JA\s+41/);
    const result = await checkAll('result', [
      { name: 'member', page: member },
      { name: 'desk', page: desk, fitsFrom: 1280 },
      { name: 'display', page: display, fitsFrom: 1920 },
      { name: 'webcast', page: webcast },
    ]);
    const mapAfter = await deskSeatMapInView();
    expect([...voidedScreens, ...voting, ...result, ...mapDuring, ...mapAfter]).toEqual([]);
  }, 600_000);
});
