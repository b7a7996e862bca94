// Expected rejections shared by server and client: one code union, one code → HTTP status table.
import { z } from 'zod';

export const rejectionCodes = [
  'INVALID_INPUT',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_SERVING',
  'NOT_FOUND',
  'CONFLICT',
  'INVALID_STATE',
  'NO_QUORUM',
  'ADJOURNED',
  'RECUSED',
  'PAYLOAD_TOO_LARGE',
  /** A body that is not JSON (or the one other type a route takes): 415. */
  'UNSUPPORTED_MEDIA_TYPE',
  'RATE_LIMITED',
  /** The act needs a stronger sign-in (e-legitimation) than the session has: sign in again with it (issue 17). */
  'STEP_UP_REQUIRED',
  /** A part the request needs is not running (e.g. the video room without Janus). */
  'UNAVAILABLE',
  'INTERNAL',
] as const;

export type RejectionCode = (typeof rejectionCodes)[number];

/** An expected refusal: decide() returns it, routes map it to a status, sockets put it in the ack. */
export interface Rejection {
  readonly code: RejectionCode;
  /** For people, in Swedish (the sitting's language): what was wrong and what to do. */
  readonly message: string;
  /** The same in English, for a reader who chose English; a client without it shows `message`. */
  readonly en?: string;
  /** Zod issue paths for INVALID_INPUT. */
  readonly issues?: readonly { path: string; message: string }[];
}

export const rejectionSchema = z.object({
  code: z.enum(rejectionCodes),
  message: z.string(),
  en: z.string().optional(),
  issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
});

export const httpStatusOf: Record<
  RejectionCode,
  400 | 401 | 403 | 404 | 409 | 413 | 415 | 429 | 500 | 503
> = {
  INVALID_INPUT: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_SERVING: 403,
  RECUSED: 403,
  STEP_UP_REQUIRED: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  INVALID_STATE: 409,
  NO_QUORUM: 409,
  ADJOURNED: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  RATE_LIMITED: 429,
  UNAVAILABLE: 503,
  INTERNAL: 500,
};

/**
 * Build a rejection: Swedish text, and the English for a reader who chose English. Never "Svenska / English" in one
 * string (issue 15: one language per person); `one-language.test.ts` reads the code for that.
 * @example reject('NOT_SERVING', 'Du tjänstgör inte på det här ärendet.', 'You do not serve on this item.')
 */
export function reject(code: RejectionCode, message: string, en?: string): Rejection {
  return en === undefined ? { code, message } : { code, message, en };
}

/** A rejection's text in the reader's language. */
export function rejectionText(
  rejection: Pick<Rejection, 'message' | 'en'>,
  lang: 'sv' | 'en',
): string {
  return lang === 'en' && rejection.en ? rejection.en : rejection.message;
}

export function isRejection(value: unknown): value is Rejection {
  return (
    typeof value === 'object' &&
    value !== null &&
    'code' in value &&
    'message' in value &&
    typeof (value as { code: unknown }).code === 'string' &&
    (rejectionCodes as readonly string[]).includes((value as { code: string }).code)
  );
}

/** Map zod issues to the machine-readable INVALID_INPUT rejection. */
export function invalidInput(error: {
  issues: readonly { path: readonly PropertyKey[]; message: string }[];
}): Rejection {
  const detail = error.issues
    .map((i) => `${i.path.map(String).join('.') || '(body)'}: ${i.message}`)
    .join('; ');
  return {
    code: 'INVALID_INPUT',
    message: 'Begäran är inte giltig: ' + detail,
    en: 'The request is not valid: ' + detail,
    issues: error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message })),
  };
}

/** Socket acknowledgements: every member action is answered. */
export type Ack<T> = { ok: true; data: T } | { ok: false; error: Rejection };
