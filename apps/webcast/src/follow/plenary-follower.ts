// Follows plenary's public view over socket.io: finds the running sitting, joins it, and yields each view.
import { publicSittingViewSchema, type PublicSittingView } from '@council/shared';
import { io, type Socket } from 'socket.io-client';
import { z } from 'zod';

const sittingsSchema = z.object({
  sittings: z.array(
    z.object({ id: z.string(), title: z.string(), status: z.string(), startsAt: z.string() }),
  ),
});
const joinAckSchema = z.union([
  z.object({ ok: z.literal(true), data: z.object({ view: publicSittingViewSchema }) }),
  z.object({ ok: z.literal(false), error: z.unknown() }),
]);

export interface FollowerOptions {
  plenaryUrl: string;
  onView: (view: PublicSittingView) => void;
  log?: (msg: string) => void;
  /** How often to look for a sitting when none is running. */
  pollMs?: number;
}

/** Which sitting the webcast shows: a running one first, else the next scheduled one. */
export function pickSitting(
  list: z.infer<typeof sittingsSchema>['sittings'],
  now: number,
): string | null {
  const running = list.find((s) => s.status === 'open' || s.status === 'adjourned');
  if (running !== undefined) return running.id;
  const scheduled = list.filter((s) => s.status === 'scheduled');
  const upcoming = scheduled
    .filter((s) => Date.parse(s.startsAt) > now - 12 * 3_600_000)
    .sort((a, b) => Date.parse(a.startsAt) - Date.parse(b.startsAt))[0];
  // Else the latest one that should have started: it may still be opened.
  const late = scheduled.sort((a, b) => Date.parse(b.startsAt) - Date.parse(a.startsAt))[0];
  return upcoming?.id ?? late?.id ?? null;
}

export function followPlenary(o: FollowerOptions): { close(): void } {
  let socket: Socket | null = null;
  let sittingId: string | null = null;
  let closed = false;
  let timer: NodeJS.Timeout | null = null;

  const join = (): void => {
    if (socket === null || sittingId === null) return;
    const id = sittingId;
    socket
      .timeout(5000)
      .emit('sitting:join', { sittingId: id }, (err: Error | null, res: unknown) => {
        if (err !== null) return o.log?.(`webcast follower: join ${id} timed out`);
        const parsed = joinAckSchema.safeParse(res);
        if (!parsed.success) return o.log?.(`webcast follower: unexpected join answer for ${id}`);
        if (!parsed.data.ok)
          return o.log?.(
            `webcast follower: join ${id} refused: ${JSON.stringify(parsed.data.error)}`,
          );
        o.onView(parsed.data.data.view);
      });
  };

  const lookup = async (): Promise<void> => {
    timer = null;
    if (closed) return;
    try {
      const res = await fetch(new URL('/api/public/sittings', o.plenaryUrl));
      const list = sittingsSchema.parse(await res.json()).sittings;
      const id = pickSitting(list, Date.now());
      if (id !== null && id !== sittingId) {
        if (sittingId !== null) socket?.emit('sitting:leave', { sittingId });
        sittingId = id;
        o.log?.(`webcast follower: following sitting ${id}`);
        join();
      }
    } catch (err) {
      o.log?.(`webcast follower: cannot list sittings: ${String(err)}`);
    }
    if (!closed) timer = setTimeout(() => void lookup(), o.pollMs ?? 10_000);
  };

  socket = io(o.plenaryUrl, {
    path: '/socket.io',
    transports: ['websocket'],
    reconnectionDelayMax: 5000,
  });
  socket.on('connect', join);
  socket.on('sitting:view', (payload: unknown) => {
    const parsed = publicSittingViewSchema.safeParse(payload);
    if (!parsed.success) return o.log?.('webcast follower: ignored a malformed view');
    if (parsed.data.sittingId !== sittingId) return;
    o.onView(parsed.data);
  });
  void lookup();

  return {
    close() {
      closed = true;
      if (timer !== null) clearTimeout(timer);
      socket?.close();
    },
  };
}
