// Short-lived tokens that let the member who has the floor publish camera and microphone to the webcast.
// Only the member on the floor of a non-confidential item gets one, and the webcast re-checks at connect time.
import { randomBytes } from 'node:crypto';
import { reject, type Rejection } from '@council/shared';
import type { SittingEngine } from './sitting-engine.ts';
import type { SittingState } from '../domain/sitting/types.ts';

const TTL_MS = 2 * 60_000;

function onFloor(state: SittingState, personId: string): boolean {
  const current = state.items.find((i) => i.id === state.sitting.currentItemId);
  return (
    state.debate.floor?.personId === personId &&
    !current?.confidential &&
    state.sitting.status === 'open'
  );
}

export function createIngestTokens(deps: { engine: SittingEngine; clock?: () => Date }) {
  const clock = deps.clock ?? (() => new Date());
  const tokens = new Map<string, { personId: string; sittingId: string; expires: number }>();

  return {
    async issue(
      sittingId: string,
      personId: string,
    ): Promise<{ token: string; expiresAt: string } | Rejection> {
      const state = await deps.engine.state(sittingId);
      if (!state)
        return reject(
          'NOT_FOUND',
          'Det finns inget sådant sammanträde.',
          'There is no such sitting.',
        );
      if (!onFloor(state, personId))
        return reject(
          'FORBIDDEN',
          'Endast den som har ordet sänds.',
          'Only the member who has the floor is on air.',
        );
      const now = clock().getTime();
      for (const [t, v] of tokens) if (v.expires < now) tokens.delete(t);
      const token = randomBytes(24).toString('base64url');
      tokens.set(token, { personId, sittingId, expires: now + TTL_MS });
      return { token, expiresAt: new Date(now + TTL_MS).toISOString() };
    },
    /** For the webcast's ingest: the token is valid, unexpired, and its member still has the floor. */
    async authorize(token: string, sittingId: string): Promise<{ memberId: string } | null> {
      const entry = tokens.get(token);
      if (!entry || entry.sittingId !== sittingId || entry.expires < clock().getTime()) return null;
      const state = await deps.engine.state(sittingId);
      return state && onFloor(state, entry.personId) ? { memberId: entry.personId } : null;
    },
  };
}
