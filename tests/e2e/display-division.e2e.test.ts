// The public display on a 1920×1080 TV during a division (issue 15, R25): it fits without scrolling while the vote
// runs and with its result, the result says in Swedish which proposal won, the per-party bars are drawn (not empty
// squares), earlier decisions do not push a running vote off the screen, and the language button sits beside the
// header's text, never over it; a voided round is explained, and the seat map has one seat per seat, coloured as
// the counts say. The figures are printed.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_SITTING_ID } from '../../apps/plenary/src/app/demo-council.ts';
import { chair, exec, memberActor, memberId, questionPut } from '../support/division.ts';
import { e2eAvailable, startE2E, type E2E } from '../support/e2e.ts';

describe.runIf(e2eAvailable())('the display on a 1920×1080 screen during a division', () => {
  let e2e: E2E;
  let display: Page;
  const figures: string[] = [];

  beforeAll(async () => {
    e2e = await startE2E();
    display = (await e2e.user(undefined, `/display/${DEMO_SITTING_ID}`)).page;
    await display.setViewportSize({ width: 1920, height: 1080 });
  }, 240_000);

  afterAll(async () => {
    console.log(`display figures:\n${figures.join('\n')}`);
    await e2e?.stop();
  });

  /** The page's height against the screen's, and every per-party bar segment's width against its count. */
  async function measure(state: string) {
    await display.evaluate(
      () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => r(null)))),
    );
    const m = await display.evaluate(() => ({
      scrollHeight: document.documentElement.scrollHeight,
      innerHeight: window.innerHeight,
      scrollWidth: document.documentElement.scrollWidth,
      innerWidth: window.innerWidth,
      bars: [...document.querySelectorAll<HTMLElement>('[data-testid="party-bar"]')].map((bar) => ({
        party: bar.dataset['party'] ?? '',
        width: bar.getBoundingClientRect().width,
        segments: [...bar.querySelectorAll<HTMLElement>('[data-count]')].map((seg) => ({
          count: Number(seg.dataset['count']),
          width: seg.getBoundingClientRect().width,
        })),
      })),
    }));
    figures.push(
      `${state}: scrollHeight ${m.scrollHeight}/${m.innerHeight}, scrollWidth ${m.scrollWidth}/${m.innerWidth}, ${m.bars.length} party bars`,
    );
    await e2e.shot(display, `display-1920-${state}`);
    return m;
  }

  function expectFits(m: Awaited<ReturnType<typeof measure>>): void {
    expect(m.scrollHeight).toBeLessThanOrEqual(m.innerHeight);
    expect(m.scrollWidth).toBeLessThanOrEqual(m.innerWidth);
  }

  function expectBarsDrawn(m: Awaited<ReturnType<typeof measure>>): void {
    expect(m.bars.length).toBeGreaterThan(0);
    for (const bar of m.bars) {
      expect(bar.width, bar.party).toBeGreaterThan(0);
      for (const seg of bar.segments)
        if (seg.count > 0) expect(seg.width, `${bar.party} ${seg.count}`).toBeGreaterThan(0);
        else expect(seg.width, `${bar.party} 0`).toBe(0);
    }
  }

  /** One seat on the map per seat of the body, coloured by vote in the numbers the counts show. */
  async function expectSeatMap(): Promise<void> {
    const map = display.getByTestId('seat-map');
    await expect.poll(() => map.getAttribute('data-mode')).toBe('vote');
    const counts = await display.evaluate(() => {
      const n = (sel: string) => document.querySelectorAll(sel).length;
      const text = (id: string) =>
        Number(document.querySelector(`[data-testid="${id}"]`)?.textContent);
      return {
        seats: n('[data-testid="seat"]'),
        numbers: new Set(
          [...document.querySelectorAll<SVGElement>('[data-testid="seat"]')].map(
            (s) => s.dataset['seat'],
          ),
        ).size,
        named: [...document.querySelectorAll('[data-testid="seat"]')].filter((s) =>
          /^Plats \d+: .+ \(.+\), /.test(s.getAttribute('aria-label') ?? ''),
        ).length,
        J: n('[data-testid="seat"][data-state="J"]'),
        N: n('[data-testid="seat"][data-state="N"]'),
        A: n('[data-testid="seat"][data-state="A"]'),
        none: n('[data-testid="seat"][data-state="."]'),
        yes: text('vote-yes'),
        no: text('vote-no'),
        abstain: text('vote-abstain'),
        legendYes: text('seat-count-J'),
        legendNo: text('seat-count-N'),
      };
    });
    figures.push(`seat map: ${JSON.stringify(counts)}`);
    // The demo council has 61 seats, every one served.
    expect(counts.seats).toBe(61);
    expect(counts.numbers).toBe(61);
    expect(counts.named).toBe(61);
    expect([counts.J, counts.N, counts.A]).toEqual([counts.yes, counts.no, counts.abstain]);
    expect([counts.legendYes, counts.legendNo]).toEqual([counts.yes, counts.no]);
    expect(counts.J + counts.N + counts.A + counts.none).toBe(61);
  }

  async function voteAll(divisionId: string, choice: (n: number) => 'yes' | 'no' | 'abstain') {
    for (let n = 1; n <= 61; n++)
      await exec(
        e2e.plenary,
        { type: 'castVote', divisionId, memberId: memberId(n), choice: choice(n) },
        n === 1 ? chair : memberActor(n),
      );
  }

  it('a running division and its result fit the screen; the bars are drawn; the winner is named in Swedish', async () => {
    const { yes, no } = await questionPut(e2e.plenary);
    const [opened] = await exec(e2e.plenary, { type: 'startDivision', yes, no, mode: 'devices' });
    const divisionId = String(opened?.payload['divisionId']);
    await voteAll(divisionId, (n) => (n % 3 === 0 ? 'no' : n % 7 === 0 ? 'abstain' : 'yes'));
    await expect.poll(() => display.getByTestId('vote-yes').textContent()).not.toBe('0');
    const live = await measure('division');
    expectFits(live);
    expectBarsDrawn(live);
    await expectSeatMap();

    await exec(e2e.plenary, { type: 'closeDivision', divisionId });
    await expect
      .poll(() => display.getByTestId('vote-outcome').textContent())
      .toMatch(/^Bifall till motionen \(yrkande 1\) vann, \d+–\d+$/);
    expect(await display.getByText(/casting vote|utslagsröst \//i).count()).toBe(0);
    const result = await measure('result');
    expectFits(result);
    expectBarsDrawn(result);
    await expectSeatMap();
  });

  it('with earlier decisions and a speaker queue on the screen a new division still fits, and the language button covers nothing', async () => {
    await exec(e2e.plenary, { type: 'recordDecision', wording: 'Motionen bifalls.' });
    await exec(e2e.plenary, { type: 'startItem', itemId: 'i06' });
    // A debate before the vote: one speech held, two still asking for the floor (the queue stays on the display).
    for (const n of [30, 12, 44])
      await exec(e2e.plenary, { type: 'requestFloor', kind: 'speech' }, memberActor(n));
    await exec(e2e.plenary, { type: 'giveFloor', seenAndHeard: true }, chair);
    await exec(e2e.plenary, { type: 'endFloor' });
    await exec(e2e.plenary, { type: 'startFunctionCheck', seconds: 60 });
    const [a] = await exec(
      e2e.plenary,
      {
        type: 'makeProposal',
        memberId: memberId(12),
        kind: 'approve',
        text: 'Bifall till förslaget',
      },
      memberActor(12),
    );
    const yes = String(a?.payload['proposalId']);
    await exec(
      e2e.plenary,
      { type: 'setPropositionOrder', formal: [], material: [yes], additions: [] },
      chair,
    );
    await exec(e2e.plenary, { type: 'approvePropositionOrder' });
    await exec(e2e.plenary, { type: 'putQuestion' });
    // A first round voided: the display says so and why, not the figures of a round that does not count.
    const [voidedRound] = await exec(e2e.plenary, {
      type: 'startDivision',
      yes,
      no: 'no',
      mode: 'devices',
    });
    for (const n of [2, 3, 4])
      await exec(
        e2e.plenary,
        {
          type: 'castVote',
          divisionId: String(voidedRound?.payload['divisionId']),
          memberId: memberId(n),
          choice: 'yes',
        },
        memberActor(n),
      );
    await exec(e2e.plenary, {
      type: 'invalidateRound',
      reason: 'Ljudet bröts för en ledamot på distans.',
    });
    await expect
      .poll(() => display.getByTestId('display-voided').textContent())
      .toMatch(/ogiltig: Ljudet bröts för en ledamot på distans\.\s+Frågan ställs på nytt\./);
    expect(await display.getByTestId('vote-result').count()).toBe(0);
    expect(await display.getByTestId('seat-map').getAttribute('data-mode')).toBe('attendance');
    expectFits(await measure('voided'));

    // The demand for a division stands: the round is held again.
    const [opened] = await exec(e2e.plenary, {
      type: 'startDivision',
      yes,
      no: 'no',
      mode: 'devices',
    });
    const divisionId = String(opened?.payload['divisionId']);
    await expect.poll(() => display.getByTestId('display-voided').count()).toBe(0);
    await voteAll(divisionId, (n) => (n <= 35 ? 'yes' : 'no'));
    await expect.poll(() => display.getByTestId('vote-yes').textContent()).toBe('35');
    const m = await measure('division-after-decision');
    expectFits(m);
    expectBarsDrawn(m);
    await expectSeatMap();
    // The running vote is on the screen, whole.
    const box = await display.getByTestId('vote-result').boundingBox();
    expect(box && box.y + box.height).toBeLessThanOrEqual(1080);

    const overlaps = await display.evaluate(() => {
      const button = document.querySelector('.lang-inline')?.getBoundingClientRect();
      if (!button) return ['no language button'];
      return [...document.querySelectorAll('header p')]
        .map((p) => ({ text: p.textContent ?? '', r: p.getBoundingClientRect() }))
        .filter(
          ({ r }) =>
            r.left < button.right &&
            button.left < r.right &&
            r.top < button.bottom &&
            button.top < r.bottom,
        )
        .map(({ text }) => text);
    });
    expect(overlaps).toEqual([]);
    // While the vote has the screen the earlier decision waits; it is back once this one is recorded, which fits too.
    expect(await display.getByTestId('display-decision').textContent()).not.toContain('§ 1');
    await exec(e2e.plenary, { type: 'closeDivision', divisionId });
    await exec(e2e.plenary, { type: 'recordDecision', wording: 'Förslaget bifalls.' });
    await expect
      .poll(() => display.getByTestId('display-decision').textContent())
      .toMatch(/§ 2 Förslaget bifalls\.\s*§ 1 Motionen bifalls\./);
    expectFits(await measure('decided'));
  });
});
