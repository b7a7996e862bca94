// Socket handlers of the video room (R09): thin — the guard parses with the shared schemas, this checks who asks and
// lets the room's signalling act in Janus. Every answer goes through the ack. Without Janus every event is answered
// UNAVAILABLE with the reason, so a client always learns why there is no room.
import { isRejection, reject, roomSocketEvents } from '@council/shared';
import type { RoomSignalling } from '../video/room-signalling.ts';
import type { ClientEvent, ClientPayload } from './client-events.ts';
import { ackOf, guardedOn } from './guard.ts';
import type { SocketHandlers } from './handlers.ts';

type Person = { id: string; name: string; roles: readonly string[] };

export function roomHandlers(
  room: RoomSignalling | null,
  unavailable: () => string,
): SocketHandlers {
  return (socket, deps) => {
    const on = guardedOn(socket, deps.log);
    const roomSocket = {
      id: socket.id,
      emit: (event: 'participants' | 'closed' | 'held' | 'admitted', payload: unknown) =>
        socket.emit(roomSocketEvents[event], payload),
    };
    /** Requires a signed-in person and a running room, runs, and answers a Rejection or the data through the ack. */
    const handle = <E extends ClientEvent>(
      event: E,
      run: (room: RoomSignalling, input: ClientPayload<E>, person: Person) => Promise<unknown>,
    ) =>
      on(event, async (input, callback) => {
        const ack = ackOf<unknown>(callback);
        const person = deps.person();
        if (!person)
          return ack({
            ok: false,
            error: reject('UNAUTHENTICATED', 'Logga in först.', 'Log in first.'),
          });
        if (!room)
          return ack({
            ok: false,
            error: reject(
              'UNAVAILABLE',
              `Videorummet är inte tillgängligt.`,
              `The video room is not available: ${unavailable()}`,
            ),
          });
        const result = await run(room, input, person);
        return ack(isRejection(result) ? { ok: false, error: result } : { ok: true, data: result });
      });

    handle(roomSocketEvents.join, (r, m, person) => r.join(roomSocket, m.sittingId, person));
    handle(roomSocketEvents.publish, (r, m) => r.publish(socket.id, m.sittingId, m.jsep));
    handle(roomSocketEvents.subscribe, (r, m) => r.subscribe(socket.id, m.sittingId, m.feeds));
    handle(roomSocketEvents.answer, (r, m) => r.answer(socket.id, m.sittingId, m.jsep));
    handle(roomSocketEvents.layers, (r, m) => r.layers(socket.id, m.sittingId, m.layers));
    handle(roomSocketEvents.chamber, (r, m) => r.chamber(socket.id, m.sittingId));
    handle(roomSocketEvents.chamberAnswer, (r, m) =>
      r.chamberAnswer(socket.id, m.sittingId, m.jsep),
    );
    handle(roomSocketEvents.stats, (r, m) => Promise.resolve(r.stats(socket.id, m)));
    handle(roomSocketEvents.leave, async (r) => {
      await r.leave(socket.id);
      return true;
    });
    if (room)
      socket.on('disconnect', () => {
        void room
          .leave(socket.id)
          .catch((error: unknown) => deps.log?.('room leave failed', error));
      });
  };
}
