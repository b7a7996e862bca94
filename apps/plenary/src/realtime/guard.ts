// Socket event handlers that never throw into socket.io: no input ends the process (issue #11). Only events of the
// one list (client-events.ts) register, each payload parsed by its schema before the handler sees it; a failure is
// answered INVALID_INPUT, a handler's error is logged and, when the client asked for an answer, answered INTERNAL.
import type { Socket } from 'socket.io';
import { invalidInput, reject, type Ack } from '@council/shared';
import { clientEvents, type ClientEvent, type ClientPayload } from './client-events.ts';

export type AckFn<T> = (answer: Ack<T>) => void;

/** The client's ack callback, or a no-op: clients that send none still get their command run. */
export function ackOf<T>(value: unknown): AckFn<T> {
  return typeof value === 'function' ? (answer) => (value as AckFn<T>)(answer) : () => undefined;
}

export type GuardedOn = <E extends ClientEvent>(
  event: E,
  handler: (data: ClientPayload<E>, callback: unknown) => Promise<unknown> | void,
) => void;

export function guardedOn(socket: Socket, log?: (m: string, e?: unknown) => void): GuardedOn {
  return (event, handler) => {
    const schema = clientEvents[event];
    const name: string = event;
    socket.on(name, (raw: unknown, callback: unknown) => {
      const parsed = schema.safeParse(raw);
      if (!parsed.success) {
        ackOf(callback)({ ok: false, error: invalidInput(parsed.error) });
        return;
      }
      Promise.resolve()
        .then(() => handler(parsed.data as ClientPayload<typeof event>, callback))
        .catch((error: unknown) => {
          log?.(`${event} failed`, error);
          ackOf(callback)({
            ok: false,
            error: reject(
              'INTERNAL',
              'Något gick fel hos oss. Försök igen.',
              'Something went wrong on our side. Please try again.',
            ),
          });
        });
    });
  };
}
