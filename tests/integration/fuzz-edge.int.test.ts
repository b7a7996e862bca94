// The fuzz suite of issue #11: every HTTP route of plenary, ballot and webcast (read from the apps' own route tables)
// and every socket.io event a client may send (client-events.ts) get malformed JSON, wrong types, huge and odd
// strings (NUL, lone surrogates, 1 MB), unknown ids, %00 and broken escapes in path params, `__proto__` keys, broken
// cookies and malformed multipart — while 30 members vote in an open division. Nothing may answer 5xx (or INTERNAL
// over a socket), the process must go on, /healthz must answer, and every honest vote must commit.
import { request as httpRequest } from 'node:http';
import fc from 'fast-check';
import type { Hono } from 'hono';
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commandSchema, type Ack, type StoredEvent } from '@council/shared';
import { DEMO_SITTING_ID } from '../../apps/plenary/src/app/demo-council.ts';
import { clientEvents } from '../../apps/plenary/src/realtime/client-events.ts';
import { exec, memberId, questionPut } from '../support/division.ts';
import { request, startTestPlenary, type TestPlenary } from '../support/plenary.ts';

const SEED = Number(process.env['FUZZ_SEED'] ?? 20261211);
/** Cases per HTTP route and per socket event: ~1,300 in all, well inside a minute and a half on 2 loaded cores. */
const HTTP_RUNS = 12;
const SOCKET_RUNS = 40;
/** A 503 that names what is not running here (no live picture yet, no web build): an answer, not a failure. */
const UNAVAILABLE = 1503;
/** plenary's socket.io message cap (realtime/io.ts): a bigger message closes the connection, by design. */
const SOCKET_MESSAGE_CAP = 64 * 1024;
const BROKEN_COOKIE = 'council_session=%E0%A4%A';
const VOTERS = Array.from({ length: 30 }, (_, i) => i + 2); // ledamot-02 … ledamot-31; the chair is seat 1

interface Route {
  service: 'plenary' | 'ballot' | 'webcast';
  method: string;
  path: string;
}

/** The routes an app serves, from hono's own table: middleware (ALL, wildcards) is not a route of its own. */
function routesOf(service: Route['service'], app: Pick<Hono, 'routes'>): Route[] {
  const seen = new Map<string, Route>();
  const all = app.routes.filter((r) => !r.path.includes('*'));
  const concrete = new Set(all.filter((r) => r.method !== 'ALL').map((r) => r.path));
  for (const r of all) {
    if (r.method === 'ALL' && concrete.has(r.path)) continue; // a route's own middleware (body limits)
    const method = r.method === 'ALL' ? 'POST' : r.method;
    seen.set(`${method} ${r.path}`, { service, method, path: r.path });
  }
  return [...seen.values()];
}

// ——— what the fuzzer sends ———

/** Strings that have broken servers: NUL, lone surrogates, controls, escapes, prototype names, path tricks, sizes. */
const oddString = fc.oneof(
  fc.constantFrom(
    '',
    '\u0000',
    'a\u0000b',
    '\uD800',
    'x\uDC00y',
    '\u001B[31m',
    '\u202Eevil',
    '%00',
    '%E0%A4%A',
    '__proto__',
    'constructor',
    '../../etc/passwd',
    'javascript:alert(1)',
    '<script>alert(1)</script>',
    "' OR 1=1 --",
    '𝕮𝖔𝖚𝖓𝖈𝖎𝖑',
    'x'.repeat(70_000),
  ),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
);

const oddValue: fc.Arbitrary<unknown> = fc.oneof(
  oddString,
  fc.constantFrom(null, true, false, 0, -1, 1e308, Number.MAX_SAFE_INTEGER + 2, 0.5, [], {}),
  fc.array(oddString, { maxLength: 3 }),
  fc.dictionary(oddString, oddString, { maxKeys: 3 }),
);

const commandTypes = commandSchema.options.map((o) =>
  String((o as unknown as { shape: { type: { value: unknown } } }).shape.type.value),
);

/** Field names the services read, so the values reach the validators behind the first check. */
const fieldName = fc.oneof(
  fc.constantFrom(
    'type',
    'title',
    'text',
    'reason',
    'username',
    'password',
    'current',
    'next',
    'name',
    'email',
    'roles',
    'url',
    'document',
    'itemId',
    'memberId',
    'personId',
    'divisionId',
    'questionId',
    'choice',
    'format',
    'council',
    'members',
    'body',
    'sittingId',
    'token',
    'blinded',
    'signature',
    'ballot',
    'share',
    'counts',
    'seats',
    'changes',
    'startsAt',
  ),
  fc.string({ maxLength: 12 }),
);

/** A JSON text built by hand: `__proto__` must stay an own key, which an object literal would not keep. */
const jsonObjectText = fc.array(fc.tuple(fieldName, oddValue), { maxLength: 6 }).chain((pairs) =>
  fc
    .option(fc.constantFrom(...commandTypes, 'castVote', 'no-such-command'), { nil: undefined })
    .map((type) => {
      const entries = pairs.map(([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v) ?? 'null'}`);
      if (type) entries.unshift(`"type":${JSON.stringify(type)}`);
      return `{${entries.join(',')}}`;
    }),
);

const bodyText = fc.oneof(
  { weight: 5, arbitrary: jsonObjectText },
  fc.constantFrom(
    '{',
    '{"a":',
    '[1,',
    'nul',
    '{"a":1}}',
    '\u0000',
    '"\\ud800"',
    '{"__proto__":{"admin":true,"roles":["chair"]}}',
    '{"constructor":{"prototype":{"polluted":true}}}',
    '{"title":"a\\u0000b","text":"\\udc00"}',
    '1',
    'true',
    'null',
    '[]',
    '""',
  ),
  fc.constant(`{"text":"${'x'.repeat(1_048_576)}"}`),
  fc.json({ maxDepth: 3 }),
);

/** Multipart bodies for the upload routes: broken framing, no boundary, odd titles and names, a string for a file. */
function multipart(title: string, filename: string, fileAsText: boolean): string {
  const b = 'fuzzboundary';
  const filePart = fileAsText
    ? `--${b}\r\nContent-Disposition: form-data; name="file"\r\n\r\nnot a file\r\n`
    : `--${b}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.4\n%%EOF\r\n`;
  return `--${b}\r\nContent-Disposition: form-data; name="title"\r\n\r\n${title}\r\n${filePart}--${b}--\r\n`;
}
const multipartBody = fc.oneof(
  fc.tuple(oddString, oddString, fc.boolean()).map(([t, f, s]) => ({
    type: 'multipart/form-data; boundary=fuzzboundary',
    body: multipart(t, f, s),
  })),
  fc.constantFrom(
    { type: 'multipart/form-data; boundary=fuzzboundary', body: '--fuzzboundary\r\nbroken' },
    { type: 'multipart/form-data', body: '--x\r\n\r\n--x--' },
    { type: 'multipart/form-data; boundary=', body: '' },
    {
      type: 'multipart/form-data; boundary=fuzzboundary',
      body: '--fuzzboundary\r\nContent-Disposition: form-data; name="file"; filename="\u0000.pdf"\r\n\r\n',
    },
  ),
);

/** A path parameter as it goes on the wire: the known value, an unknown id, or something hostile, escaped or raw. */
function paramValue(known: string | undefined): fc.Arbitrary<string> {
  const escaped = oddString.map((s) => {
    try {
      return encodeURIComponent(s.slice(0, 300));
    } catch {
      return 'lone%ED%A0%80surrogate'; // encodeURIComponent refuses lone surrogates; send their UTF-8 form
    }
  });
  return fc.oneof(
    ...(known ? [{ weight: 3, arbitrary: fc.constant(known) }] : []),
    fc.uuid(),
    fc.constantFrom(
      '%00',
      'a%00',
      '%E0%A4%A',
      '%ED%A0%80',
      '__proto__',
      '..',
      '%2e%2e%2f',
      'x'.repeat(5000),
    ),
    escaped,
  );
}
const KNOWN: Record<string, string> = {
  id: DEMO_SITTING_ID,
  itemId: 'i01',
  bodyId: 'kf',
  personId: 'ledamot-61',
  rendition: '720p',
};

const queryText = fc.oneof(
  fc.constant(''),
  fc
    .tuple(
      fc.constantFrom('since', 'sinceSeq', 'format', 'item', 'q', '__proto__[x]', 'x'),
      oddString,
    )
    .map(([k, v]) => {
      try {
        return `?${k}=${encodeURIComponent(v.slice(0, 2000))}`;
      } catch {
        return `?${k}=%ED%A0%80`;
      }
    }),
  fc.constantFrom('?since=-1', '?since=1e999', '?since=%00', '?%E0%A4%A=1', '?since[]=1&since[]=2'),
);

describe('fuzzing the edge', () => {
  let plenary: TestPlenary;
  let routes: Route[] = [];
  const cookies: Record<string, string> = {};
  const roles = ['secretary', 'chair', 'admin', 'member'] as const;
  const people = {
    secretary: 'sekreterare',
    chair: 'ledamot-01',
    admin: 'admin',
    member: 'ledamot-40',
  } as const;

  beforeAll(async () => {
    plenary = await startTestPlenary({
      ballot: true,
      webcast: true,
      // The fuzzer posts hundreds of wrong logins from one address; its own re-logins must still get through.
      loginThrottle: { perAccount: 100_000, perAddress: 100_000, windowSeconds: 60 },
    });
    const { ballot, webcast } = plenary;
    if (!ballot || !webcast) throw new Error('the ballot and webcast services must run');
    routes = [
      ...routesOf('plenary', plenary.service.app),
      ...routesOf('ballot', ballot.app),
      ...routesOf('webcast', webcast.app),
    ];
    for (const role of roles) cookies[role] = await sessionFor(people[role]);
  }, 240_000);
  afterAll(async () => {
    await plenary?.stop();
  });

  /** A session as a sign-in starts it, without the scrypt of a password login: the fuzzer needs many, and fast. */
  const sessionFor = async (personId: string): Promise<string> =>
    `council_session=${(await plenary.service.auth.startSession(personId)).token}`;

  /** The fuzzer's own sessions: logout and password routes may end them; log in again so the cases go on signed in. */
  async function refreshSessions(): Promise<void> {
    for (const role of roles) {
      const res = await fetch(`${plenary.url}/api/auth/me`, {
        headers: { cookie: cookies[role] ?? '' },
      });
      if (res.status !== 200) cookies[role] = await sessionFor(people[role]);
    }
  }

  it('walks every route and socket event with hostile input: no 5xx, no crash, honest votes all commit', async () => {
    expect(routes.length).toBeGreaterThan(80);
    const events = Object.keys(clientEvents);
    const failures: string[] = [];
    let httpCases = 0;
    let socketCases = 0;
    const statuses = new Map<number, number>();

    // An open division, and 30 members signed in on their own sockets, ready to vote while the fuzzer runs.
    const { yes, no } = await questionPut(plenary);
    const [started] = await exec(plenary, { type: 'startDivision', yes, no, mode: 'devices' });
    const divisionId = String(started?.payload['divisionId']);
    const voters = await Promise.all(
      VOTERS.map(async (n) => ({
        n,
        socket: await plenary.socket(await sessionFor(memberId(n))),
      })),
    );

    const sendHttp = async (
      route: Route,
      c: {
        params: Record<string, string>;
        query: string;
        cookie: string | null;
        body: { type: string; body: string } | null;
      },
    ): Promise<number> => {
      const path = route.path.replace(/:(\w+)/g, (_, name: string) => c.params[name] ?? 'x');
      const body = c.body && route.method !== 'GET' && route.method !== 'HEAD' ? c.body : null;
      // node:http, one connection per case: the path goes on the wire as written (%00 and broken escapes intact), and
      // a server that answers a huge body early and closes cannot break the next case's kept-alive connection.
      return new Promise<number>((resolve, reject) => {
        const req = httpRequest(
          {
            host: '127.0.0.1',
            port: plenary.port,
            method: route.method,
            path: `${path}${c.query}`,
            agent: false,
            timeout: 30_000,
            headers: {
              ...(c.cookie ? { cookie: c.cookie } : {}),
              ...(body ? { 'content-type': body.type } : {}),
            },
          },
          // The status is the answer; a stream (the webcast's events) would never end, so the body is not awaited.
          // A 503 is read: it must say which part is not running (UNAVAILABLE), as a deliberate answer does.
          (res) => {
            const status = res.statusCode ?? 0;
            if (status !== 503) {
              resolve(status);
              res.destroy();
              return;
            }
            let text = '';
            res.on('data', (d: Buffer) => (text += d.toString()));
            res.on('end', () =>
              resolve(/"code":"UNAVAILABLE"|is not built/.test(text) ? UNAVAILABLE : status),
            );
          },
        );
        req.on('timeout', () => req.destroy(new Error('no answer within 30 s')));
        req.on('error', (error: NodeJS.ErrnoException) =>
          // Refused before the 1 MB was sent: the server's early answer and close, if it goes on answering.
          error.code === 'EPIPE' || error.code === 'ECONNRESET' ? resolve(-1) : reject(error),
        );
        req.end(body?.body);
      });
    };

    const fuzzRoute = async (route: Route, index: number): Promise<void> => {
      const names = [...route.path.matchAll(/:(\w+)/g)].map((m) => m[1] ?? '');
      const params = fc.record(Object.fromEntries(names.map((n) => [n, paramValue(KNOWN[n])])));
      const upload = /\/files$/.test(route.path) && route.method === 'POST';
      const hasBody = route.method !== 'GET' && route.method !== 'HEAD';
      const body = hasBody
        ? fc.oneof(
            {
              weight: upload ? 1 : 6,
              arbitrary: bodyText.map((b) => ({ type: 'application/json', body: b })),
            },
            { weight: upload ? 6 : 1, arbitrary: multipartBody },
            fc.constant({ type: 'text/plain', body: '{"a":1}' }),
          )
        : fc.constant(null);
      const cookie = fc.oneof(
        fc.constant(null),
        fc.constant(BROKEN_COOKIE),
        fc.constantFrom(...roles).map((r) => cookies[r] ?? null),
        // Bytes a header cannot carry go as broken escapes: what a client can really send.
        oddString.map(
          (s) =>
            `council_session=${s.slice(0, 200).replace(/[^\x20-\x7e]/g, (ch) => `%${ch.charCodeAt(0).toString(16)}`)}`,
        ),
      );
      type Case = [
        Record<string, string>,
        string,
        string | null,
        { type: string; body: string } | null,
      ];
      // The classes seen before, on every route whatever the random draw: %00 in each path parameter, a broken
      // cookie, a `__proto__` body, and for uploads a well-formed form with NUL in its title and in its file name.
      const examplesFor = (names: string[]): Case[] => {
        const known = Object.fromEntries(names.map((n) => [n, KNOWN[n] ?? 'x']));
        const json = hasBody
          ? { type: 'application/json', body: '{"__proto__":{"admin":true},"title":"a\u0000b"}' }
          : null;
        const desk = cookies['secretary'] ?? null;
        return [
          [known, '', BROKEN_COOKIE, json],
          [known, '', desk, json],
          ...names.map((n): Case => [{ ...known, [n]: '%00' }, '', desk, json]),
          ...(upload
            ? [
                [
                  known,
                  '',
                  desk,
                  {
                    type: 'multipart/form-data; boundary=fuzzboundary',
                    body: multipart('a\u0000b', 'bilaga.pdf', false),
                  },
                ] satisfies Case,
                [
                  known,
                  '',
                  desk,
                  {
                    type: 'multipart/form-data; boundary=fuzzboundary',
                    body: multipart('Bilaga', 'a\u0001.pdf', false),
                  },
                ] satisfies Case,
              ]
            : []),
        ];
      };
      const result = await fc.check(
        fc.asyncProperty(params, queryText, cookie, body, async (p, query, ck, b) => {
          httpCases += 1;
          const status = await sendHttp(route, { params: p, query, cookie: ck, body: b });
          if (status === -1) return (await fetch(`${plenary.url}/healthz`)).status === 200;
          statuses.set(status, (statuses.get(status) ?? 0) + 1);
          return status < 500 || status === UNAVAILABLE;
        }),
        {
          numRuns: HTTP_RUNS,
          seed: SEED + index,
          endOnFailure: false,
          examples: examplesFor(names),
        },
      );
      if (result.failed && process.env['FUZZ_DEBUG'])
        console.log(
          'FAIL',
          route.method,
          route.path,
          JSON.stringify(result.counterexample).slice(0, 300),
        );
      if (result.failed)
        failures.push(
          `${route.method} ${route.path}: ${JSON.stringify(result.counterexample).slice(0, 300)}`,
        );
    };

    // Sockets as the public, with a broken cookie, as a member not voting, as the secretary; on sessions of their
    // own, since the HTTP fuzzer's logouts end its sessions and cut their sockets (as they must).
    const socketCookies = [
      undefined,
      BROKEN_COOKIE,
      await sessionFor(people.member),
      await sessionFor(people.secretary),
    ];
    const fuzzSockets: Socket[] = await Promise.all(socketCookies.map((c) => plenary.socket(c)));
    let disconnects = 0;
    const payload = fc.oneof(
      oddValue,
      fc.record({ sittingId: oddString }),
      fc.record({
        sittingId: fc.constantFrom(DEMO_SITTING_ID, 'no-such-sitting'),
        sinceSeq: oddValue,
        audio: oddValue,
        video: oddValue,
        roundTripMs: oddValue,
      }),
      fc.record({
        sittingId: fc.constant(DEMO_SITTING_ID),
        // Known command types only from the public, the broken cookie and a non-voting member: the desk's real
        // powers could close the division the honest voters need, so the desk gets unknown types only.
        command: jsonObjectText.map((t) => JSON.parse(t) as unknown),
      }),
    );
    const fuzzEvent = async (event: string, index: number): Promise<void> => {
      const silent = event === 'sitting:leave' || !(event in clientEvents);
      const result = await fc.check(
        fc.asyncProperty(fc.nat(fuzzSockets.length - 1), payload, async (who, p) => {
          socketCases += 1;
          let socket = fuzzSockets[who];
          if (!socket) return true;
          // The server may cut a socket that sent garbage (socket.io's own parser limits): a fresh one goes on.
          if (!socket.connected) {
            disconnects += 1;
            socket = fuzzSockets[who] = await plenary.socket(socketCookies[who]);
          }
          const desk = who === fuzzSockets.length - 1;
          const sent =
            desk && typeof p === 'object' && p !== null && 'command' in p
              ? { ...p, command: { type: 'no-such-command' } }
              : p;
          const over = Buffer.byteLength(JSON.stringify(sent) ?? '') > SOCKET_MESSAGE_CAP;
          const s = socket;
          const answer = await Promise.race([
            s.timeout(5_000).emitWithAck(event, sent) as Promise<Ack<unknown> | undefined>,
            new Promise<'cut'>((r) => s.once('disconnect', () => r('cut'))),
            // sitting:leave answers only bad input, an event no one listens to nothing: silence is their answer.
            new Promise<'silent'>((r) => setTimeout(() => r('silent'), silent ? 200 : 8_000)),
          ]).catch(() => 'timeout' as const);
          if (answer === 'cut') return over; // only a message over the cap may close the connection
          if (answer === 'silent') return socket.connected;
          if (answer === 'timeout') return false;
          return !(answer && !answer.ok && answer.error.code === 'INTERNAL');
        }),
        { numRuns: SOCKET_RUNS, seed: SEED + 1000 + index, endOnFailure: false },
      );
      if (process.env['FUZZ_DEBUG']) console.log('event', event, socketCases, result.failed);
      if (result.failed)
        failures.push(`socket ${event}: ${JSON.stringify(result.counterexample).slice(0, 300)}`);
    };

    const startedAt = Date.now();
    // The honest votes go out while the fuzzer runs: one member every 300 ms from the first second on.
    const honest = Promise.all(
      voters.map(
        ({ n, socket }, i) =>
          new Promise<Ack<{ events: StoredEvent[] }>>((resolve) =>
            setTimeout(
              () => {
                void request<Ack<{ events: StoredEvent[] }>>(socket, 'sitting:command', {
                  sittingId: DEMO_SITTING_ID,
                  command: {
                    type: 'castVote',
                    divisionId,
                    memberId: memberId(n),
                    choice: n % 3 ? 'yes' : 'no',
                  },
                }).then(resolve);
              },
              1000 + i * 300,
            ),
          ),
      ),
    );

    // Four routes at a time; the socket events alongside, every group separated by a check that the sessions hold.
    const queue = routes.map((r, i) => [r, i] as const);
    const workers = Array.from({ length: 4 }, async () => {
      for (let next = queue.shift(); next; next = queue.shift()) {
        await fuzzRoute(next[0], next[1]);
        if (process.env['FUZZ_DEBUG'])
          console.log(
            'route',
            next[1],
            next[0].method,
            next[0].path,
            httpCases,
            Date.now() - startedAt,
          );
        if (next[1] % 8 === 0) await refreshSessions();
      }
    });
    const socketWork = (async () => {
      for (const [i, e] of [...events, 'no:such-event'].entries()) await fuzzEvent(e, i);
    })();
    await Promise.all([...workers, socketWork]);
    const acks = await honest;
    const elapsed = Date.now() - startedAt;

    const health = await fetch(`${plenary.url}/healthz`);
    const state = await plenary.service.engine.state(DEMO_SITTING_ID);
    const stored = (await plenary.service.engine.eventsSince(DEMO_SITTING_ID, 0)).filter(
      (e) =>
        e.type === 'VoteCast' &&
        e.payload['divisionId'] === divisionId &&
        VOTERS.some((n) => e.payload['memberId'] === memberId(n)),
    );
    const committed = new Set(stored.map((e) => String(e.payload['memberId'])));
    console.log(
      `fuzz: ${routes.length} routes (${routes.filter((r) => r.service === 'plenary').length} plenary, ` +
        `${routes.filter((r) => r.service === 'ballot').length} ballot, ${routes.filter((r) => r.service === 'webcast').length} webcast), ` +
        `${events.length} socket events; ${httpCases} HTTP + ${socketCases} socket cases in ${(elapsed / 1000).toFixed(1)} s; ` +
        `statuses (1503: a 503 naming the part not running) ${JSON.stringify(Object.fromEntries([...statuses].sort((a, b) => a[0] - b[0])))}; ` +
        `sockets cut and replaced ${disconnects}; honest votes acknowledged ${acks.filter((a) => a.ok).length}/${VOTERS.length}, stored ${committed.size}/${VOTERS.length}; ` +
        `failures ${failures.length}`,
    );
    expect(failures).toEqual([]);
    expect(health.status).toBe(200);
    expect(state).not.toBeNull();
    expect(acks.map((a) => (a.ok ? 'ok' : a.error.code))).toEqual(VOTERS.map(() => 'ok'));
    expect(committed.size).toBe(VOTERS.length);
    for (const v of voters) expect(v.socket.connected).toBe(true);
  }, 240_000);

  it('the list of socket events is every event the server listens to', async () => {
    const socket = await plenary.socket(cookies['secretary']);
    const server = plenary.realtime.io.of('/').sockets.get(socket.id ?? '');
    const listened = (server?.eventNames() ?? [])
      .map(String)
      .filter((e) => e !== 'disconnect' && e !== 'error'); // socket.io's own
    expect(listened.sort()).toEqual(Object.keys(clientEvents).sort());
  });
});
