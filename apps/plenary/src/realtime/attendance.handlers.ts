// Socket handlers of attendance (R15, R18): remote members' heartbeats with their own audio/video state, and the desk's
// live view of every remote connection. Heartbeats are not commands: the monitor turns them into commands when it matters.
import {
  attendanceSocketEvents,
  heartbeatSchema,
  invalidInput,
  reject,
  watchConnectionsSchema,
  type Ack,
  type ConnectionReport,
} from '@council/shared';
import type { AttendanceMonitor } from '../app/attendance-monitor.ts';
import { toActor } from '../app/auth.ts';
import { isDesk } from '../domain/sitting/roles.ts';
import type { SocketHandlers } from './handlers.ts';

export const deskRoom = (sittingId: string) => `desk:${sittingId}`;

function ackOf<T>(value: unknown): (answer: Ack<T>) => void {
  return typeof value === 'function'
    ? (answer) => (value as (a: Ack<T>) => void)(answer)
    : () => undefined;
}

export function attendanceHandlers(monitor: AttendanceMonitor): SocketHandlers {
  let publishing = false;
  return (socket, deps) => {
    if (!publishing) {
      publishing = true;
      // One publisher for the whole namespace: the desk room of each sitting gets every tick's connection report.
      const nsp = socket.nsp;
      monitor.onConnections((sittingId, message) =>
        nsp.to(deskRoom(sittingId)).emit(attendanceSocketEvents.connections, message),
      );
    }

    socket.on(attendanceSocketEvents.heartbeat, (raw: unknown, callback: unknown) => {
      const ack = ackOf<{ at: string }>(callback);
      const parsed = heartbeatSchema.safeParse(raw);
      if (!parsed.success) return ack({ ok: false, error: invalidInput(parsed.error) });
      const person = deps.person();
      if (!person)
        return ack({
          ok: false,
          error: reject('UNAUTHENTICATED', 'Log in first. / Logga in först.'),
        });
      monitor.heartbeat(person.id, parsed.data);
      return ack({ ok: true, data: { at: new Date().toISOString() } });
    });

    socket.on(attendanceSocketEvents.watch, async (raw: unknown, callback: unknown) => {
      const ack = ackOf<ConnectionReport[]>(callback);
      const parsed = watchConnectionsSchema.safeParse(raw);
      if (!parsed.success) return ack({ ok: false, error: invalidInput(parsed.error) });
      const person = deps.person();
      if (!person || !isDesk(toActor(person)))
        return ack({
          ok: false,
          error: reject(
            'FORBIDDEN',
            'Only the desk sees the connections. / Endast presidiet ser anslutningarna.',
          ),
        });
      try {
        await socket.join(deskRoom(parsed.data.sittingId));
        monitor.watch(parsed.data.sittingId);
        return ack({ ok: true, data: await monitor.connections(parsed.data.sittingId) });
      } catch (error) {
        deps.log?.('attendance:watch failed', error);
        return ack({
          ok: false,
          error: reject('INTERNAL', 'Could not load the connections. Try again.'),
        });
      }
    });
  };
}
