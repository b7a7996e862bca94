// The one entry for commands from HTTP and sockets: parse at the edge, then the engine decides and stores.
import { commandSchema, invalidInput, reject } from '@council/shared';
import type { PersonRow } from '../db/auth.repo.ts';
import type { CommandResult, SittingEngine } from './sitting-engine.ts';
import { toActor } from './auth.ts';
import { refuseFromClient } from '../domain/sitting/rights.ts';

export async function runCommand(
  engine: SittingEngine,
  sittingId: string,
  raw: unknown,
  person: PersonRow | null,
): Promise<CommandResult> {
  if (!person)
    return { ok: false, error: reject('UNAUTHENTICATED', 'Logga in först.', 'Log in first.') };
  const parsed = commandSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, error: invalidInput(parsed.error) };
  // Secret-ballot facts come only from the ballot service (issue 11 item 5): a client's copy is refused.
  const serviceOnly = refuseFromClient(parsed.data);
  if (serviceOnly) return { ok: false, error: serviceOnly };
  return engine.execute(sittingId, parsed.data, toActor(person));
}
