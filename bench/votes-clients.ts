// Simulated clients for the votes benchmark, in their own process: viewers (public view only), members (vote on their
// devices, answered through an ack) or the desk (starts and closes the division, sees every vote arrive).
// Real socket.io-client connections to 127.0.0.1; times are wall-clock milliseconds comparable across processes.
import { io, type Socket } from 'socket.io-client';

type Role = 'viewers' | 'members' | 'desk';
interface Init {
  role: Role;
  url: string;
  sittingId: string;
  /** viewers: how many; members: [memberId, token]; desk: [['desk', token]]. */
  count?: number;
  members?: [string, string][];
  /** Members join from this seq (a resync), so 2,000 of them do not each load the whole state. */
  sinceSeq?: number;
}

interface StoredEventLike {
  type: string;
  payload: Record<string, unknown>;
}
interface ViewLike {
  votes?: { id: string; status: string }[];
}

const now = () => performance.timeOrigin + performance.now();
const send = (m: unknown) => process.send?.(m);
const sockets: Socket[] = [];
let watchDivision: string | null = null;
let stopping = false;
const resultSeen: number[] = [];

function connect(url: string, token: string | null): Promise<Socket> {
  const s = io(url, {
    transports: ['websocket'],
    reconnection: false,
    timeout: 60_000,
    extraHeaders: token ? { cookie: `council_session=${token}` } : {},
  });
  sockets.push(s);
  s.on('disconnect', (reason: string) => {
    if (!stopping)
      console.error(
        `[clients] ${token ? 'member' : 'viewer'} disconnected: ${reason} at ${new Date().toISOString()}`,
      );
  });
  return new Promise((resolve, reject) => {
    s.once('connect', () => resolve(s));
    s.once('connect_error', (e: Error) => reject(e));
  });
}

function join(s: Socket, sittingId: string, sinceSeq?: number): Promise<void> {
  return new Promise((resolve, reject) => {
    s.timeout(60_000).emit(
      'sitting:join',
      { sittingId, ...(sinceSeq === undefined ? {} : { sinceSeq }) },
      (err: Error | null, ack: { ok: boolean }) =>
        err || !ack.ok ? reject(err ?? new Error('join refused')) : resolve(),
    );
  });
}

/** Record when this client first learns the watched division is closed, from the public view or the event stream. */
function watchResult(s: Socket): void {
  let seen = false;
  const mark = () => {
    if (!seen) {
      seen = true;
      resultSeen.push(now());
    }
  };
  s.on('sitting:view', (view: ViewLike) => {
    if (watchDivision && view.votes?.some((v) => v.id === watchDivision && v.status === 'closed'))
      mark();
  });
  s.on('sitting:event', (m: { events: StoredEventLike[] }) => {
    if (
      watchDivision &&
      m.events.some(
        (e) =>
          (e.type === 'DivisionClosed' || e.type === 'CastingVoteCast') &&
          e.payload['divisionId'] === watchDivision,
      )
    )
      mark();
  });
}

async function connectAll(init: Init): Promise<void> {
  const tokens: (string | null)[] =
    init.role === 'viewers'
      ? Array.from({ length: init.count ?? 0 }, () => null)
      : (init.members ?? []).map(([, t]) => t);
  // Bounded: at most 100 handshakes in flight.
  for (let i = 0; i < tokens.length; i += 100) {
    const batch = await Promise.all(tokens.slice(i, i + 100).map((t) => connect(init.url, t)));
    await Promise.all(
      batch.map((s) =>
        join(s, init.sittingId, init.role === 'members' ? init.sinceSeq : undefined),
      ),
    );
    for (const s of batch) watchResult(s);
  }
}

function command(
  s: Socket,
  sittingId: string,
  cmd: unknown,
): Promise<{ ok: boolean; data?: { events: StoredEventLike[] }; error?: unknown }> {
  return new Promise((resolve) => {
    s.timeout(30_000).emit(
      'sitting:command',
      { sittingId, command: cmd },
      (err: Error | null, ack: { ok: boolean; data?: { events: StoredEventLike[] } }) =>
        resolve(err ? { ok: false, error: err.message } : ack),
    );
  });
}

let init: Init | null = null;
const deskSeen = new Map<string, number>();

process.on('message', (raw: unknown) => {
  const m = raw as { type: string } & Record<string, unknown>;
  void handle(m).catch((error: unknown) => send({ type: 'error', message: String(error) }));
});

async function handle(m: { type: string } & Record<string, unknown>): Promise<void> {
  if (m.type === 'init') {
    init = m as unknown as Init;
    await connectAll(init);
    if (init.role === 'desk') {
      const desk = sockets[0];
      desk?.on('sitting:event', (msg: { events: StoredEventLike[] }) => {
        const t = now();
        for (const e of msg.events)
          if (
            e.type === 'VoteCast' &&
            typeof e.payload['memberId'] === 'string' &&
            !deskSeen.has(e.payload['memberId'])
          )
            deskSeen.set(e.payload['memberId'], t);
      });
    }
    console.error(`[clients] ${init.role} ready at ${new Date().toISOString()}`);
    send({ type: 'ready', connected: sockets.length });
  } else if (m.type === 'watch') {
    watchDivision = String(m['divisionId']);
    resultSeen.length = 0;
    deskSeen.clear();
  } else if (m.type === 'startDivision' && init) {
    const desk = sockets[0];
    if (!desk) throw new Error('no desk socket');
    const r = await command(desk, init.sittingId, {
      type: 'startDivision',
      yes: m['yes'],
      no: m['no'],
      mode: 'devices',
    });
    const id = r.data?.events.find((e) => e.type === 'DivisionStarted')?.payload['divisionId'];
    if (!r.ok || typeof id !== 'string')
      throw new Error(`startDivision failed: ${JSON.stringify(r.error)}`);
    send({ type: 'divisionStarted', divisionId: id });
  } else if (m.type === 'vote' && init) {
    // Each member votes at a random moment within the window: everybody "in the same second".
    const { divisionId, startAt, spreadMs } = m as unknown as {
      divisionId: string;
      startAt: number;
      spreadMs: number;
    };
    const results: { memberId: string; sent: number; acked: number; ok: boolean }[] = [];
    const members = init.members ?? [];
    const sittingId = init.sittingId;
    await Promise.all(
      members.map(
        ([memberId], i) =>
          new Promise<void>((resolve) => {
            const s = sockets[i];
            const choice = i % 3 === 0 ? 'no' : i % 7 === 0 ? 'abstain' : 'yes';
            setTimeout(
              () => {
                const sent = now();
                if (!s) return resolve();
                void command(s, sittingId, { type: 'castVote', divisionId, memberId, choice }).then(
                  (ack) => {
                    results.push({ memberId, sent, acked: now(), ok: ack.ok });
                    resolve();
                  },
                );
              },
              Math.max(0, startAt - now() + Math.random() * spreadMs),
            );
          }),
      ),
    );
    send({ type: 'voted', results });
  } else if (m.type === 'deskSeen') {
    send({ type: 'deskSeen', seen: [...deskSeen.entries()] });
  } else if (m.type === 'closeDivision' && init) {
    const desk = sockets[0];
    if (!desk) throw new Error('no desk socket');
    const closedAt = now();
    const r = await command(desk, init.sittingId, {
      type: 'closeDivision',
      divisionId: m['divisionId'],
    });
    if (!r.ok) throw new Error(`closeDivision failed: ${JSON.stringify(r.error)}`);
    send({ type: 'closed', closedAt });
  } else if (m.type === 'results') {
    send({ type: 'results', seen: resultSeen, clients: sockets.length });
  } else if (m.type === 'stop') {
    stopping = true;
    for (const s of sockets) s.disconnect();
    process.exit(0);
  }
}
