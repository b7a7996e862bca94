// Socket event handlers that never throw into socket.io: no input ends the process (issue #11). A handler's failure
// is logged and, when the client asked for an answer, answered INTERNAL through its ack.
import type { Socket } from 'socket.io';
import { reject, type Ack } from '@council/shared';

export type AckFn<T> = (answer: Ack<T>) => void;

/** The client's ack callback, or a no-op: clients that send none still get their command run. */
export function ackOf<T>(value: unknown): AckFn<T> {
  return typeof value === 'function' ? (answer) => (value as AckFn<T>)(answer) : () => undefined;
}

export type GuardedOn = (
  event: string,
  handler: (raw: unknown, callback: unknown) => Promise<unknown> | void,
) => void;

export function guardedOn(socket: Socket, log?: (m: string, e?: unknown) => void): GuardedOn {
  return (event, handler) => {
    socket.on(event, (raw: unknown, callback: unknown) => {
      Promise.resolve()
        .then(() => handler(raw, callback))
        .catch((error: unknown) => {
          log?.(`${event} failed`, error);
          ackOf(callback)({
            ok: false,
            error: reject('INTERNAL', 'Something went wrong on our side. Please try again.'),
          });
        });
    });
  };
}
