// The secret ballot end to end in Chromium (R21, R22): three election committee members, each with a key made in their own
// browser, and members voting from the member app (blinding in the browser, the sealed ballot stored and cast after a
// random delay without a cookie — through a reload, a lost answer, and too late for a box that closed). The
// committee creates the question from the current item, signs the manifest, watches the counts, hands in two key shares;
// plenary verifies the board and records it; the public display shows live counts, then the result.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page, Route } from 'playwright-core';
import type { StoredEvent } from '@council/shared';
import { DEMO_SITTING_ID } from '../../apps/plenary/src/app/demo-council.ts';
import { e2eAvailable, startE2E, type E2E } from '../support/e2e.ts';
import {
  CAST_DELAY_MS,
  castDelayRange,
  randomDelay,
  retryDelay,
} from '../../apps/plenary/web/src/lib/components/secret-ballot/cast-timing.ts';
import { pendingFor } from '../../apps/plenary/web/src/lib/components/secret-ballot/sealed-ballot-store.ts';

const ROLL = ['ledamot-02', 'ledamot-03', 'ledamot-04', 'ledamot-05', 'ledamot-06'];
/** Present but not voting here: an election is a decision and needs quorum (31 of 61 serving). */
const PRESENT = [
  ...ROLL,
  ...Array.from(
    { length: 31 - ROLL.length },
    (_, i) => `ledamot-${String(30 + i).padStart(2, '0')}`,
  ),
];

// The member app's pure helpers, run here in Node: the unit project covers `apps/*/src` only, not the web shell.
describe('secret ballot cast delay (helpers)', () => {
  it('R22: the cast waits 2–8 s by default; only a well-formed page address sets another range', () => {
    expect(CAST_DELAY_MS).toEqual({ min: 2_000, max: 8_000 });
    expect(castDelayRange('')).toEqual({ min: 2_000, max: 8_000 });
    expect(castDelayRange('?sbCastDelay=50-200')).toEqual({ min: 50, max: 200 });
    expect(castDelayRange('?sitting=x&sbCastDelay=0-0')).toEqual({ min: 0, max: 0 });
    for (const bad of [
      '?sbCastDelay=9-1',
      '?sbCastDelay=-5-10',
      '?sbCastDelay=1e3-2e3',
      '?sbCastDelay=1-9999999',
    ])
      expect(castDelayRange(bad)).toEqual({ min: 2_000, max: 8_000 });
  });

  it('R22: random delays stay within the range and spread evenly over it', () => {
    for (let i = 0; i < 1_000; i++) {
      const d = randomDelay(CAST_DELAY_MS);
      expect(d).toBeGreaterThanOrEqual(2_000);
      expect(d).toBeLessThanOrEqual(8_000);
    }
    const buckets = new Array<number>(10).fill(0);
    for (let i = 0; i < 20_000; i++) {
      const d = randomDelay({ min: 0, max: 9 });
      buckets[d] = (buckets[d] ?? 0) + 1;
    }
    // 2,000 expected per bucket; ±15 % is > 10 standard deviations.
    for (const n of buckets) expect(Math.abs(n - 2_000)).toBeLessThan(300);
    expect(randomDelay({ min: 7, max: 7 })).toBe(7);
  });

  it('R22: a sealed ballot is stored per question and per person (one tablet may serve several members)', () => {
    expect(pendingFor('ledamot-02', 'q1')).toBe('council.secretBallot.pending.q1.ledamot-02');
    expect(pendingFor('ledamot-02', 'q1')).not.toBe(pendingFor('ledamot-03', 'q1'));
    expect(pendingFor('ledamot-02', 'q1')).not.toBe(pendingFor('ledamot-02', 'q2'));
  });

  it('R22: a failed cast is retried after 1, 2, 4, 8 s, then every 15 s (each plus up to 1 s)', () => {
    const base = [1_000, 2_000, 4_000, 8_000, 15_000, 15_000];
    base.forEach((ms, i) => {
      const d = retryDelay(i + 1);
      expect(d).toBeGreaterThanOrEqual(ms);
      expect(d).toBeLessThanOrEqual(ms + 1_000);
    });
  });
});

describe.runIf(e2eAvailable())('secret ballot (Chromium)', () => {
  let e2e: E2E;

  beforeAll(async () => {
    e2e = await startE2E();
    // The sitting is opened and the roll called by the desk (its own e2e covers that screen): here over HTTP.
    await e2e.startSitting(PRESENT, 'i06');
  }, 240_000);

  afterAll(async () => {
    await e2e?.stop();
  });

  const text = (page: Page, testId: string) => page.getByTestId(testId).textContent();

  /** A member's page with the cast delay shortened through the page address (`sbCastDelay=MIN-MAX`, ms). */
  const member = async (username: string, delay: string) => {
    const { page } = await e2e.user(username);
    // Signed in once the member app shows the ballot (after the login screen's own navigation).
    await page.getByRole('heading', { name: 'Sluten omröstning' }).waitFor({ timeout: 20_000 });
    await page.goto(`/member?sbCastDelay=${delay}`);
    return page;
  };
  /** This browser's stored secret-ballot entries of one kind (`issuing` prepared, `pending` sealed, `receipt` nonces). */
  const storage = (page: Page, kind: 'issuing' | 'pending' | 'receipt') =>
    page.evaluate(
      (prefix) => Object.keys(localStorage).filter((k) => k.startsWith(prefix)),
      `council.secretBallot.${kind}.`,
    );
  /** Counts the page's requests to the ballot box's cast route (across reloads) and when the last one left. */
  const countCasts = (page: Page) => {
    const casts: { n: number; at?: number } = { n: 0 };
    page.on('request', (r) => {
      if (r.method() === 'POST' && /\/ballot\/api\/questions\/[^/]+\/cast$/.test(r.url())) {
        casts.n++;
        casts.at = Date.now();
      }
    });
    return casts;
  };

  it('R21, R22: create from the item, sign, vote from the member browsers (sealed, cast after a random delay; through reloads, lost answers, an unreachable registrar and going offline; too late when the box closed first), close with two shares, result on the display', async () => {
    const committee: Page[] = [];
    for (const n of [1, 2, 3]) {
      const { page } = await e2e.user(`valberedning${n}`, '/desk');
      page.on('dialog', (d) => void d.accept());
      committee.push(page);
    }
    const [c1, c2, c3] = committee;
    if (!c1 || !c2 || !c3) throw new Error('committee pages');
    const display = (await e2e.user(undefined, `/display/${DEMO_SITTING_ID}`)).page;

    // Each committee member's browser makes its own key and lot seed and enrols the public parts.
    for (const page of committee) {
      await page
        .getByRole('button', { name: 'Anmäl mig – skapa nyckel i denna webbläsare' })
        .click();
      await expect
        .poll(() => page.getByRole('link', { name: 'Ladda ner säkerhetskopia av nyckeln' }).count())
        .toBe(1);
    }
    await expect.poll(() => c1.getByText('Anmälda rösträknare: 3 av 3').count()).toBe(1);
    const stored = await c1.evaluate(() =>
      localStorage.getItem('council.secretBallot.keys.valberedning-1'),
    );
    expect(stored).toMatch(/"secretKey"/);
    await e2e.shot(c1, 'secret-ballot-committee-enrolled');

    // Create the question from the current item (yes/no).
    await c1.getByLabel('Fråga').fill('Ska Anna Berg väljas till revisor?');
    await c1.getByRole('button', { name: 'Skapa sluten omröstning' }).click();
    await expect
      .poll(() => c1.getByText('Omröstningen är skapad', { exact: false }).count())
      .toBe(1);
    // 31 eligible: no small-anonymity-set warning (the unit tests cover when it shows).
    expect(await c1.getByText('Få röstberättigade', { exact: false }).count()).toBe(0);

    // Each member of the committee reviews and signs the manifest; then voting opens.
    for (const page of committee) {
      await page
        .getByRole('button', { name: 'Granska och signera manifestet' })
        .click({ timeout: 15_000 });
      await expect
        .poll(() => page.getByRole('button', { name: 'Granska och signera manifestet' }).count())
        .toBe(0);
    }
    await expect.poll(() => c1.getByText('Röstningen pågår').count(), { timeout: 15_000 }).toBe(1);
    expect(await text(c1, 'sb-eligible')).toBe(String(PRESENT.length));
    await e2e.shot(c1, 'secret-ballot-committee-open');

    // Two members vote in their own browsers: a large ballot, a confirmation, and only "your vote is cast" afterwards.
    // The sealed ballot waits a random 2–8 s before the cast; here the page address shortens it (the test hook).
    const votes: [string, string][] = [
      ['ledamot02', 'JA'],
      ['ledamot03', 'Blankt'],
    ];
    const voters: Page[] = [];
    for (const [username, choice] of votes) {
      const page = await member(username, '50-200');
      voters.push(page);
      await page.getByRole('button', { name: choice, exact: true }).click({ timeout: 20_000 });
      await page.getByRole('button', { name: 'Lägg min röst' }).click();
      await expect
        .poll(() => page.getByText('Din röst är lagd').count(), { timeout: 20_000 })
        .toBe(1);
      expect(await page.getByText('Du har valt').count()).toBe(0);
      expect(await storage(page, 'pending')).toEqual([]);
      await e2e.shot(page, `secret-ballot-member-${username}`);
    }
    await expect.poll(() => text(c1, 'sb-cast'), { timeout: 15_000 }).toBe('2');

    // A member's page is reloaded while the sealed ballot waits: it was stored before the wait, nothing reached the box,
    // and after the reload it is cast (after a fresh delay) and the receipt shown.
    {
      const page = await member('ledamot04', '3000-4000');
      const casts = countCasts(page);
      await page.getByRole('button', { name: 'JA', exact: true }).click({ timeout: 20_000 });
      await page.getByRole('button', { name: 'Lägg min röst' }).click();
      await expect
        .poll(() => page.getByText('Din röst är förseglad', { exact: false }).count(), {
          timeout: 20_000,
        })
        .toBe(1);
      expect(await page.getByRole('progressbar').count()).toBe(1);
      await e2e.shot(page, 'secret-ballot-member-sealed');
      expect(await storage(page, 'pending')).toHaveLength(1);
      expect(await storage(page, 'receipt')).toEqual([]);
      expect(casts.n).toBe(0);
      const reloadedAt = Date.now();
      await page.reload();
      await expect
        .poll(() => page.getByText('Din röst är förseglad', { exact: false }).count(), {
          timeout: 20_000,
        })
        .toBe(1);
      await expect
        .poll(() => page.getByText('Din röst är lagd').count(), { timeout: 20_000 })
        .toBe(1);
      expect(casts.n).toBe(1);
      // Cast only after a fresh delay of at least 3 s from the reload.
      expect((casts.at ?? 0) - reloadedAt).toBeGreaterThanOrEqual(3_000);
      expect(await storage(page, 'pending')).toEqual([]);
      expect(await storage(page, 'receipt')).toHaveLength(1);
      await expect.poll(() => text(c1, 'sb-cast'), { timeout: 15_000 }).toBe('3');
    }

    // The box stores a ballot but the answer is lost on the way back: the member's browser tries again with backoff,
    // the box answers "already cast" (same nonce), and the member is told the ballot is in the box.
    {
      const page = await member('ledamot05', '50-200');
      const casts = countCasts(page);
      // The registrar's answer is lost too: asked again with the same blinded value, it answers the same.
      const lost = new Set<string>();
      const loseFirstAnswer = (what: string) => async (route: Route) => {
        if (lost.has(what)) return route.continue();
        lost.add(what);
        await route.fetch();
        await route.abort('connectionreset');
      };
      await page.route('**/ballot/api/questions/*/issue', loseFirstAnswer('issue'));
      await page.route('**/ballot/api/questions/*/cast', loseFirstAnswer('cast'));
      await page.getByRole('button', { name: 'NEJ', exact: true }).click({ timeout: 20_000 });
      await page.getByRole('button', { name: 'Lägg min röst' }).click();
      await expect
        .poll(() => page.getByText('Ingen kontakt med urnan', { exact: false }).count(), {
          timeout: 20_000,
        })
        .toBe(1);
      await e2e.shot(page, 'secret-ballot-member-retrying');
      await expect
        .poll(() => page.getByText('Din röst finns redan i urnan').count(), { timeout: 20_000 })
        .toBe(1);
      expect(casts.n).toBe(2);
      expect([...lost].sort()).toEqual(['cast', 'issue']);
      expect(await storage(page, 'pending')).toEqual([]);
      expect(await storage(page, 'receipt')).toHaveLength(1);
      await e2e.shot(page, 'secret-ballot-member-already');
      await expect.poll(() => text(c1, 'sb-cast'), { timeout: 15_000 }).toBe('4');
    }

    // The tablet goes offline while the sealed ballot waits: the cast fails and is retried; back online, it is cast
    // (after a fresh delay) and the receipt shown.
    {
      const page = await member('ledamot30', '1000-1500');
      const casts = countCasts(page);
      await page.getByRole('button', { name: 'Blankt', exact: true }).click({ timeout: 20_000 });
      await page.getByRole('button', { name: 'Lägg min röst' }).click();
      await expect
        .poll(() => page.getByText('Din röst är förseglad', { exact: false }).count(), {
          timeout: 20_000,
        })
        .toBe(1);
      await page.context().setOffline(true);
      await expect
        .poll(() => page.getByText('Ingen kontakt med urnan', { exact: false }).count(), {
          timeout: 20_000,
        })
        .toBe(1);
      expect(await storage(page, 'pending')).toHaveLength(1);
      expect(await text(c1, 'sb-cast')).toBe('4');
      await page.context().setOffline(false);
      await expect
        .poll(() => page.getByText('Din röst är lagd').count(), { timeout: 20_000 })
        .toBe(1);
      expect(casts.n).toBeGreaterThanOrEqual(2);
      expect(await storage(page, 'pending')).toEqual([]);
      await expect.poll(() => text(c1, 'sb-cast'), { timeout: 15_000 }).toBe('5');
    }

    // The registrar cannot be reached when the member confirms, and the page is reloaded: the prepared ballot was kept
    // before asking, so after the reload the same blinded value is asked for, signed once, and the ballot cast.
    {
      const page = await member('ledamot31', '50-200');
      const blinded: string[] = [];
      page.on('request', (r) => {
        if (r.method() === 'POST' && r.url().endsWith('/issue'))
          blinded.push((r.postDataJSON() as { blinded: string }).blinded);
      });
      const unreachable = '**/ballot/api/questions/*/issue';
      await page.route(unreachable, (route) => route.abort('connectionrefused'));
      await page.getByRole('button', { name: 'JA', exact: true }).click({ timeout: 20_000 });
      await page.getByRole('button', { name: 'Lägg min röst' }).click();
      await expect
        .poll(() => page.getByText('Ingen kontakt med urnan', { exact: false }).count(), {
          timeout: 20_000,
        })
        .toBe(1);
      expect(await storage(page, 'issuing')).toHaveLength(1);
      expect(await storage(page, 'pending')).toEqual([]);
      await page.unroute(unreachable);
      await page.reload();
      await expect
        .poll(() => page.getByText('Din röst är lagd').count(), { timeout: 20_000 })
        .toBe(1);
      expect(blinded.length).toBeGreaterThanOrEqual(3);
      expect(new Set(blinded).size).toBe(1);
      expect(await storage(page, 'issuing')).toEqual([]);
      expect(await storage(page, 'pending')).toEqual([]);
      await expect.poll(() => text(c1, 'sb-issued'), { timeout: 15_000 }).toBe('6');
      await expect.poll(() => text(c1, 'sb-cast'), { timeout: 15_000 }).toBe('6');
    }

    // A member seals a ballot whose delay outlasts the vote: when the box closes first, they are told plainly.
    const lateMember = await member('ledamot06', '600000-600000');
    await lateMember.getByRole('button', { name: 'JA', exact: true }).click({ timeout: 20_000 });
    await lateMember.getByRole('button', { name: 'Lägg min röst' }).click();
    await expect
      .poll(() => lateMember.getByText('Din röst är förseglad', { exact: false }).count(), {
        timeout: 20_000,
      })
      .toBe(1);

    // Live counts on the committee panel and the public display; no choice anywhere.
    await expect.poll(() => text(c1, 'sb-issued'), { timeout: 15_000 }).toBe('7');
    expect(await text(c1, 'sb-cast')).toBe('6');
    await expect
      .poll(() => text(display, 'display-secret-ballot'), { timeout: 15_000 })
      .toMatch(new RegExp(`6 av ${PRESENT.length} har röstat`));
    await e2e.shot(display, 'secret-ballot-display-live');

    // Two committee members decrypt and hand in their shares; plenary closes, verifies the board and records the result.
    await c1.getByRole('button', { name: 'Stäng och lämna min nyckelandel' }).click();
    await expect.poll(() => c1.getByText('Din andel är lämnad.').count()).toBe(1);
    // The second share closes, verifies and records in one request: its answer says which, so a failure names its cause.
    const [closing] = await Promise.all([
      c3.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith('/share'), {
        timeout: 90_000,
      }),
      c3.getByRole('button', { name: 'Stäng och lämna min nyckelandel' }).click(),
    ]);
    expect(closing.status(), await closing.text()).toBe(200);
    const outcome = (await closing.json()) as { recorded: unknown; problem: string | null };
    expect(outcome.problem).toBeNull();
    expect(outcome.recorded).not.toBeNull();
    // Both the member who closed and the others see the recorded result, from the log.
    await expect.poll(() => text(c3, 'sb-result'), { timeout: 30_000 }).toMatch(/Utfall: JA/);
    await expect.poll(() => text(c2, 'sb-result'), { timeout: 15_000 }).toMatch(/Utfall: JA/);
    await e2e.shot(c2, 'secret-ballot-committee-result');

    await expect
      .poll(() => text(display, 'display-secret-ballot'), { timeout: 15_000 })
      .toMatch(/JA 3 – NEJ 1; blanka 2, ogiltiga 0\. Utfall: JA/);
    await e2e.shot(display, 'secret-ballot-display-result');

    // Issue 13 item 3: after the close the member's own browser checks the published board for the ballot it cast,
    // against the box's signed receipt it kept, and says so plainly; the receipt is one click to copy.
    const [voter] = voters;
    if (!voter) throw new Error('no voter page');
    await expect
      .poll(() => voter.getByText('Din röst finns på den publicerade listan').count(), {
        timeout: 30_000,
      })
      .toBe(1);
    expect(await text(voter, 'sb-board-check')).toMatch(/urnans kvitto stämmer/);
    await voter.context().grantPermissions(['clipboard-read', 'clipboard-write']);
    await voter.getByRole('button', { name: 'Kopiera kvittot' }).click();
    await expect.poll(() => voter.getByText('Kvittot är kopierat.').count()).toBe(1);
    const kept = await voter.evaluate(() => {
      const key = Object.keys(localStorage).find((k) =>
        k.startsWith('council.secretBallot.receipt.'),
      );
      return key ? (JSON.parse(localStorage.getItem(key) ?? 'null') as unknown) : null;
    });
    expect(kept).toMatchObject({
      ballot: { nonce: expect.stringMatching(/^[0-9a-f]{64}$/) },
      receipt: { receipt: { ballotHash: expect.any(String) } },
    });
    const copiedText = await voter.evaluate(() => navigator.clipboard.readText());
    expect(copiedText).toBe((kept as { ballot: { nonce: string } }).ballot.nonce);
    await e2e.shot(voter, 'secret-ballot-member-board-check');

    // Issue 13 item 3: each voter's browser made its own key and registered it through plenary before its issuance;
    // the log's registration is the public half of the key this browser keeps (the secret half never left it).
    const log = await fetch(`${e2e.plenary.url}/api/sittings/${DEMO_SITTING_ID}/events?since=0`, {
      headers: { cookie: await e2e.plenary.login('sekreterare') },
    });
    const registered = ((await log.json()) as { events: StoredEvent[] }).events
      .filter((e) => e.type === 'SecretBallotVoterKeyRegistered')
      .map((e) => e.payload as { personId: string; publicKey: string });
    for (const [i, page] of voters.entries()) {
      const personId = votes[i]?.[0].replace('ledamot', 'ledamot-') ?? '';
      const own = await page.evaluate(
        (k) => JSON.parse(localStorage.getItem(k) ?? 'null') as { publicKey: string } | null,
        `council.secretBallot.voterKey.${personId}`,
      );
      expect(own?.publicKey).toMatch(/^[0-9a-f]{64}$/);
      expect(registered.filter((r) => r.personId === personId).at(-1)?.publicKey).toBe(
        own?.publicKey,
      );
    }

    // The sealed ballot that waited too long: not on the board, and the member is told it did not arrive in time.
    await expect
      .poll(
        () =>
          lateMember.getByText('Urnan stängdes innan din röst kom fram', { exact: false }).count(),
        {
          timeout: 20_000,
        },
      )
      .toBe(1);
    await e2e.shot(lateMember, 'secret-ballot-member-late');
    // 232 s at load 47 beside other tests (39 s on a quieter machine).
  }, 360_000);
});
