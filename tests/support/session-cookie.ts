// The session cookie an answer sets ("council_session=…"), or null when it sets none or clears it.
export const sessionOf = (res: Response): string | null =>
  res.headers
    .getSetCookie()
    .find((c) => c.startsWith('council_session=') && !c.startsWith('council_session=;'))
    ?.split(';')[0] ?? null;
