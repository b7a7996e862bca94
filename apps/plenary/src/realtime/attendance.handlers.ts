// Socket handlers of attendance (R15, R18): remote members' heartbeats with their own audio/video state, and the desk's
// live view of every remote connection. Heartbeats are not commands: the monitor turns them into commands when it matters.
import { attendanceSocketEvents, reject, type ConnectionReport } from '@council/shared';
import type { AttendanceMonitor } from '../app/attendance-monitor.ts';
import { toActor } from '../app/auth.ts';
import { isDesk } from '../domain/sitting/roles.ts';
import { ackOf, guardedOn } from './guard.ts';
import type { SocketHandlers } from './handlers.ts';

export const deskRoom = (sittingId: string) => `desk:${sittingId}`;

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

    const on = guardedOn(socket, deps.log);
    on(attendanceSocketEvents.heartbeat, async (heartbeat, callback) => {
      const ack = ackOf<{ at: string }>(callback);
      const person = deps.person();
      if (!person)
        return ack({
          ok: false,
          error: reject('UNAUTHENTICATED', 'Logga in först.', 'Log in first.'),
        });
      try {
        // Only a member or substitute of an existing sitting reports in: the monitor watches nothing else.
        const state = await deps.engine.state(heartbeat.sittingId);
        if (!state)
          return ack({
            ok: false,
            error: reject(
              'NOT_FOUND',
              'Det finns inget sådant sammanträde.',
              'There is no such sitting.',
            ),
          });
        const inRoster =
          state.roster.seats.some((s) => s.memberId === person.id) ||
          state.roster.substitutes.some((s) => s.personId === person.id);
        if (!inRoster)
          return ack({
            ok: false,
            error: reject(
              'FORBIDDEN',
              'Du är inte ledamot i organet.',
              'You are not a member of this body.',
            ),
          });
        monitor.heartbeat(person.id, heartbeat);
        return ack({ ok: true, data: { at: new Date().toISOString() } });
      } catch (error) {
        deps.log?.('attendance:heartbeat failed', error);
        return ack({
          ok: false,
          error: reject(
            'INTERNAL',
            'Anslutningskontrollen kunde inte sparas.',
            'The heartbeat could not be recorded.',
          ),
        });
      }
    });

    on(attendanceSocketEvents.watch, async ({ sittingId }, callback) => {
      const ack = ackOf<ConnectionReport[]>(callback);
      const person = deps.person();
      if (!person || !isDesk(toActor(person)))
        return ack({
          ok: false,
          error: reject(
            'FORBIDDEN',
            'Endast presidiet ser anslutningarna.',
            'Only the desk sees the connections.',
          ),
        });
      try {
        await socket.join(deskRoom(sittingId));
        monitor.watch(sittingId);
        return ack({ ok: true, data: await monitor.connections(sittingId) });
      } catch (error) {
        deps.log?.('attendance:watch failed', error);
        return ack({
          ok: false,
          error: reject(
            'INTERNAL',
            'Anslutningarna kunde inte läsas in. Försök igen.',
            'Could not load the connections. Try again.',
          ),
        });
      }
    });
  };
}
