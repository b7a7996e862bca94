// One mapping from rejections and unexpected errors to HTTP answers: never SQL, params or stacks to a client.
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { httpStatusOf, type Rejection } from '@council/shared';

export function sendRejection(c: Context, rejection: Rejection): Response {
  return c.json(rejection, httpStatusOf[rejection.code]);
}

export function onError(log: (message: string, error?: unknown) => void) {
  return (error: Error, c: Context): Response => {
    if (error instanceof HTTPException) {
      const status = error.status;
      if (status === 413)
        return c.json(
          {
            code: 'PAYLOAD_TOO_LARGE',
            message: 'Begäran är för stor.',
            en: 'The request body is too large.',
          },
          413,
        );
      if (status >= 400 && status < 500)
        return c.json(
          {
            code: 'INVALID_INPUT',
            message: 'Begäran är inte giltig.',
            en: error.message || 'The request is not valid.',
          },
          400,
        );
    }
    const requestId = c.get('requestId');
    log(`request ${requestId} ${c.req.method} ${c.req.path} failed`, error);
    return c.json(
      {
        code: 'INTERNAL',
        message: 'Något gick fel hos oss. Referens: ' + requestId,
        en: 'Something went wrong on our side. Reference: ' + requestId,
        requestId,
      },
      500,
    );
  };
}
