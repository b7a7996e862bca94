// R13 over every read path (issue 11 item 3): a closed item is handled — a document handed out, a speaker, a proposal,
// an adjournment with its reason — and for each kind of person not allowed to read it nothing of it leaves the server
// by any route: every GET route of plenary, ballot and webcast (walked from the Hono apps), `?since=` catch-up, socket
// joins with and without sinceSeq, the live stream, the member view, the draft and the adjusted minutes in every
// format (JSON, HTML, CSV, PDF read back with pdftotext, DOCX read back with unzip), the open data and the webcast's
// own follower. Eight kinds of person are not allowed, among them a member who was present and left before the item. A member in the room and the desk do see it, so the test fails both ways.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Socket } from 'socket.io-client';
import type { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Ack, PublicSittingView } from '@council/shared';
import { DEMO_SITTING_ID } from '../../apps/plenary/src/app/demo-council.ts';
import type { JoinResult } from '../../apps/plenary/src/realtime/io.ts';
import { followPlenary } from '../../apps/webcast/src/follow/plenary-follower.ts';
import { publicAccount } from '../support/authz-matrix.ts';
import { remoteMemberCheckedIn } from '../support/remote-member.ts';
import { findProgram, requireProgram } from '../support/requires.ts';
import { request, startTestPlenary, type TestPlenary } from '../support/plenary.ts';

/** What was typed or handed out during the closed item, and the item's own agenda text (demo item i07). */
const SECRETS = [
  'HEMLIGHET',
  'Kvarnen',
  'kvarnen',
  'Värderingsutlåtande',
  'KS 2026/377',
  '19 kap. 1 § OSL',
];

interface Viewer {
  who: string;
  username: string | null;
  cookie: string | null;
  socket: Socket | null;
  live: string[];
}

let plenary: TestPlenary;
let desk: string;
let chair: string;
let seqBeforeClosed = 0;
const notAllowed: Viewer[] = [];
const allowed: Viewer[] = [];
const webcastViews: PublicSittingView[] = [];
let follower: { close(): void } | null = null;

const pdftotext = findProgram('pdftotext');
const unzip = findProgram('unzip');
const hasTools =
  requireProgram('pdftotext', pdftotext !== null, 'apt-get install poppler-utils') &&
  requireProgram('unzip', unzip !== null, 'apt-get install unzip');

async function command(cookie: string, c: unknown): Promise<void> {
  const res = await fetch(`${plenary.url}/api/sittings/${DEMO_SITTING_ID}/commands`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie },
    body: JSON.stringify(c),
  });
  if (!res.ok) throw new Error(`${JSON.stringify(c)}: ${res.status} ${await res.text()}`);
}

async function state(cookie: string) {
  const res = await fetch(`${plenary.url}/api/sittings/${DEMO_SITTING_ID}`, {
    headers: { cookie },
  });
  return (
    (await res.json()) as {
      seq: number;
      state: {
        attendance: { rollCall: { id: string } | null };
        debate: { queue: { id: string; personId: string }[] };
      };
    }
  ).state;
}

/** A response as text: PDFs through pdftotext, DOCX through unzip, an event stream for a moment. */
async function readable(res: Response): Promise<string> {
  const type = res.headers.get('content-type') ?? '';
  if (type.includes('text/event-stream')) {
    const reader = res.body?.getReader();
    let text = '';
    const deadline = Date.now() + 1500;
    while (reader && Date.now() < deadline) {
      const chunk = await Promise.race([
        reader.read(),
        new Promise<null>((r) => setTimeout(() => r(null), deadline - Date.now())),
      ]);
      if (!chunk || chunk.done) break;
      text += new TextDecoder().decode(chunk.value);
    }
    await reader?.cancel();
    return text;
  }
  const bytes = Buffer.from(await res.arrayBuffer());
  const dir = mkdtempSync(join(tmpdir(), 'closed-items-'));
  try {
    if (type.includes('application/pdf')) {
      const file = join(dir, 'x.pdf');
      writeFileSync(file, bytes);
      return execFileSync(pdftotext ?? 'pdftotext', ['-enc', 'UTF-8', file, '-'], {
        encoding: 'utf8',
      });
    }
    if (type.includes('wordprocessingml')) {
      const file = join(dir, 'x.docx');
      writeFileSync(file, bytes);
      return execFileSync(unzip ?? 'unzip', ['-p', file], { encoding: 'utf8' });
    }
    return bytes.toString('utf8');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Every GET route of an app with its parameters filled for this sitting (the shell's catch-alls left out). */
function getRoutes(app: Pick<Hono, 'routes'>, personId: string): string[] {
  const out = new Set<string>();
  for (const r of app.routes) {
    if (r.method !== 'GET' || r.path.includes('*')) continue;
    out.add(
      r.path
        .replace(/:bodyId\b/g, 'kf')
        .replace(/:personId\b/g, personId)
        .replace(/:id\b/g, DEMO_SITTING_ID)
        .replace(/:[A-Za-z]+/g, 'x'),
    );
  }
  return [...out];
}

function allGetRoutes(personId: string): string[] {
  return [
    ...getRoutes(plenary.service.app, personId),
    ...(plenary.ballot ? getRoutes(plenary.ballot.app, personId) : []),
    ...(plenary.webcast ? getRoutes(plenary.webcast.app, personId) : []),
    // The catch-up from the start and from just before the closed item.
    `/api/sittings/${DEMO_SITTING_ID}/events?since=0`,
    `/api/sittings/${DEMO_SITTING_ID}/events?since=${seqBeforeClosed}`,
    `/api/sittings/${DEMO_SITTING_ID}/minutes.pdf?lang=en`,
  ];
}

/** Everything a viewer can read now, path by path: every GET route and every kind of socket join. */
async function readEverything(v: Viewer): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const path of allGetRoutes(v.username ?? 'anonym')) {
    const res = await fetch(`${plenary.url}${path}`, {
      headers: v.cookie ? { cookie: v.cookie } : {},
    });
    // 503 is a part not running here (the web shell, the live picture); never an internal error.
    expect(res.status, `GET ${path} as ${v.who}`).not.toBe(500);
    out.set(`GET ${path}`, await readable(res));
  }
  const s = await plenary.socket(v.cookie ?? undefined);
  for (const sinceSeq of [undefined, 0, seqBeforeClosed]) {
    const joined = await request<Ack<JoinResult>>(s, 'sitting:join', {
      sittingId: DEMO_SITTING_ID,
      ...(sinceSeq === undefined ? {} : { sinceSeq }),
    });
    expect(joined.ok, `join as ${v.who}`).toBe(true);
    out.set(`socket join sinceSeq=${String(sinceSeq)}`, JSON.stringify(joined));
  }
  s.disconnect();
  return out;
}

function leaks(read: Map<string, string>): string[] {
  const found: string[] = [];
  for (const [path, text] of read)
    for (const secret of SECRETS) if (text.includes(secret)) found.push(`${path}: "${secret}"`);
  return found;
}

beforeAll(async () => {
  // Ten minutes before the sitting starts: remote check-in is open (R04).
  let now = new Date('2026-12-14T16:50:00Z').getTime();
  plenary = await startTestPlenary({
    ballot: true,
    webcast: true,
    clock: () => new Date((now += 10)),
  });
  desk = await plenary.login('sekreterare');
  chair = await plenary.login('ordforande');
  const admin = await plenary.login('admin');
  const remote = await plenary.login('ledamot05');
  await remoteMemberCheckedIn((as, c) => command(as === 'chair' ? chair : remote, c));
  const recused = await plenary.login('ledamot12');
  // R12: ledamot-12 has jäv in the closed item and says so before it is taken up.
  await command(recused, { type: 'declareRecusal', itemId: 'i07', personId: 'ledamot-12' });

  const viewer = async (who: string, username: string | null, cookie: string | null) => {
    const v: Viewer = { who, username, cookie, socket: null, live: [] };
    v.socket = await plenary.socket(cookie ?? undefined);
    for (const event of ['sitting:event', 'sitting:view', 'sitting:resync'])
      v.socket.on(event, (m: unknown) => v.live.push(JSON.stringify(m)));
    const joined = await request<Ack<JoinResult>>(v.socket, 'sitting:join', {
      sittingId: DEMO_SITTING_ID,
    });
    expect(joined.ok).toBe(true);
    return v;
  };
  notAllowed.push(
    await viewer('anonymous', null, null),
    await viewer(
      'a member of another body (signed in, no seat here)',
      'medborgare',
      await publicAccount(plenary, admin),
    ),
    await viewer(
      'an election committee member off the roster',
      'valberedning-1',
      await plenary.login('valberedning1'),
    ),
    await viewer('the administrator', 'admin', admin),
    await viewer('a member recused from the item (jäv)', 'ledamot-12', recused),
    await viewer('an absent member', 'ledamot-10', await plenary.login('ledamot10')),
    await viewer('a remote member not admitted to the item', 'ledamot-05', remote),
    await viewer(
      'a member who left the sitting before the item',
      'ledamot-15',
      await plenary.login('ledamot15'),
    ),
  );
  allowed.push(
    await viewer('a member in the room', 'ledamot-06', await plenary.login('ledamot06')),
    await viewer('the secretary', 'sekreterare', desk),
  );
  follower = followPlenary({ plenaryUrl: plenary.url, onView: (v) => webcastViews.push(v) });

  await command(desk, { type: 'openSitting' });
  await command(desk, { type: 'startRollCall' });
  for (let n = 1; n <= 61; n++)
    await command(desk, {
      type: 'markAttendance',
      personId: `ledamot-${String(n).padStart(2, '0')}`,
      mode: n === 5 ? 'remote' : n === 10 ? 'absent' : 'room',
    });
  await command(desk, {
    type: 'confirmRollCall',
    rollCallId: (await state(desk)).attendance.rollCall?.id,
  });
  await command(desk, { type: 'startItem', itemId: 'i06' });
  seqBeforeClosed = (
    (await (await fetch(`${plenary.url}/api/public/sittings/${DEMO_SITTING_ID}`)).json()) as {
      seq: number;
    }
  ).seq;

  // Ledamot-15 was in the room at the roll call and leaves before the closed item (their seat passes to a substitute).
  await command(desk, { type: 'markAttendance', personId: 'ledamot-15', mode: 'absent' });

  // The closed item: a document, a speaker, a proposal and an adjournment whose reason names the property.
  await command(desk, { type: 'startItem', itemId: 'i07' });
  await command(desk, {
    type: 'handOutDocument',
    itemId: 'i07',
    document: { title: 'Köpekontrakt HEMLIGHET', url: '/documents/kopekontrakt-hemlighet.pdf' },
  });
  const member06 = allowed[0]?.cookie ?? '';
  await command(member06, { type: 'requestFloor', kind: 'speech' });
  await command(desk, { type: 'giveFloor', seenAndHeard: true });
  await command(member06, {
    type: 'makeProposal',
    memberId: 'ledamot-06',
    kind: 'amend',
    text: 'HEMLIGHET: köpeskillingen sänks till 4,1 miljoner kronor.',
  });
  await command(desk, { type: 'endFloor' });
  await command(desk, {
    type: 'adjourn',
    reason: 'HEMLIGHET: säljarens bud på Kvarnen 4 ska läsas',
    resumesAt: null,
  });
  await command(desk, { type: 'resume' });
  await command(desk, { type: 'startItem', itemId: 'i08' });
  // Every live message has had time to arrive: the members' stream is merged over at most 200 ms.
  const deadline = Date.now() + 30_000;
  while (!allowed[0]?.live.some((m) => m.includes('köpeskillingen')) && Date.now() < deadline)
    await new Promise((r) => setTimeout(r, 100));
  await new Promise((r) => setTimeout(r, 1000));
}, 600_000);

afterAll(async () => {
  follower?.close();
  await plenary.stop();
});

describe.runIf(hasTools)(
  'R13: nothing of a closed item reaches anyone not allowed, by any path',
  () => {
    it('live: the stream and the public views sent while the item was handled', () => {
      for (const v of notAllowed)
        expect(
          SECRETS.filter((s) => v.live.some((m) => m.includes(s))),
          `live messages to ${v.who}`,
        ).toEqual([]);
      expect(webcastViews.length).toBeGreaterThan(0);
      expect(
        SECRETS.filter((s) => webcastViews.some((v) => JSON.stringify(v).includes(s))),
        "the webcast's views",
      ).toEqual([]);
      // Both ways: those allowed got the item's events live.
      for (const v of allowed) expect(v.live.join('\n'), v.who).toContain('HEMLIGHET');
    });

    it('during the sitting: every GET route, ?since=, socket joins with and without sinceSeq, draft minutes', async () => {
      for (const v of notAllowed) expect(leaks(await readEverything(v)), v.who).toEqual([]);
      for (const v of allowed) {
        const read = await readEverything(v);
        const sees = (path: string) => read.get(path)?.includes('HEMLIGHET') ?? false;
        expect(sees(`GET /api/sittings/${DEMO_SITTING_ID}`), `member view, ${v.who}`).toBe(true);
        expect(sees(`GET /api/sittings/${DEMO_SITTING_ID}/events?since=0`), v.who).toBe(true);
        expect(sees('socket join sinceSeq=undefined'), v.who).toBe(true);
        expect(sees(`socket join sinceSeq=${seqBeforeClosed}`), v.who).toBe(true);
        for (const format of ['minutes', 'minutes.html', 'minutes.pdf', 'minutes.docx'])
          expect(
            sees(`GET /api/sittings/${DEMO_SITTING_ID}/${format}`),
            `${format}, ${v.who}`,
          ).toBe(true);
      }
    }, 600_000);

    it('after adjustment: the locked minutes in every format, the open data, the public minutes', async () => {
      await command(desk, { type: 'closeSitting' });
      await command(desk, {
        type: 'chooseAdjusters',
        personIds: ['ledamot-21', 'ledamot-22'],
        itemId: null,
        place: 'Stadshuset',
        date: '2026-12-18',
      });
      await command(chair, { type: 'approveMinutes' });
      for (const username of ['ledamot21', 'ledamot22'])
        await command(await plenary.login(username), { type: 'approveMinutes' });
      const record = await fetch(
        `${plenary.url}/api/public/sittings/${DEMO_SITTING_ID}/record.json`,
      );
      expect(record.status).toBe(200);

      for (const v of notAllowed) expect(leaks(await readEverything(v)), v.who).toEqual([]);
      const member = allowed[0];
      if (!member) throw new Error('no allowed viewer');
      const read = await readEverything(member);
      for (const format of ['minutes', 'minutes.html', 'minutes.pdf', 'minutes.docx'])
        expect(
          read.get(`GET /api/sittings/${DEMO_SITTING_ID}/${format}`),
          `${format}, ${member.who}`,
        ).toContain('HEMLIGHET');
    }, 600_000);
  },
);
