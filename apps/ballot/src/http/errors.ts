// HTTP edge helpers: zod-validated bodies (400 with issue paths), Rejection → { code, message } with its status.
import type { Context } from 'hono';
import type { z } from 'zod';
import { type Rejection, httpStatusOf, invalidInput, reject } from '@council/shared';
import type { TieRejection } from '../app/close.ts';

export function respond(c: Context, rejection: Rejection | TieRejection): Response {
  const base = { code: rejection.code, message: rejection.message };
  const body = rejection.issues
    ? { ...base, issues: rejection.issues }
    : 'tie' in rejection
      ? { ...base, tie: rejection.tie }
      : base;
  return c.json(body, httpStatusOf[rejection.code]);
}

/** Parse the JSON body with a schema; a Rejection (INVALID_INPUT) for bad JSON or a failed schema. */
export async function parseBody<S extends z.ZodType>(
  c: Context,
  schema: S,
): Promise<z.infer<S> | Rejection> {
  let json: unknown;
  try {
    json = await c.req.json();
  } catch {
    return reject('INVALID_INPUT', 'The request body must be JSON.');
  }
  const parsed = schema.safeParse(json);
  return parsed.success ? parsed.data : invalidInput(parsed.error);
}

/** Parse a path parameter. */
export function parseParam<S extends z.ZodType>(
  value: string | undefined,
  schema: S,
  name: string,
): z.infer<S> | Rejection {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const r = invalidInput(parsed.error);
  return { ...r, issues: r.issues?.map((i) => ({ ...i, path: name })) };
}
