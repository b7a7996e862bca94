// The one entry for commands from HTTP and sockets: parse at the edge, then the engine decides and stores.
import { commandSchema, invalidInput, reject } from '@council/shared';
import type { PersonRow } from '../db/auth.repo.ts';
import type { CommandResult, SittingEngine } from './sitting-engine.ts';
import { toActor } from './auth.ts';

export async function runCommand(
  engine: SittingEngine,
  sittingId: string,
  raw: unknown,
  person: PersonRow | null,
): Promise<CommandResult> {
  if (!person)
    return { ok: false, error: reject('UNAUTHENTICATED', 'Log in first. / Logga in först.') };
  const parsed = commandSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, error: invalidInput(parsed.error) };
  return engine.execute(sittingId, parsed.data, toActor(person));
}
