// Imports a council (JSON, or members CSV with a JSON body/parties file) in one transaction: all or nothing.
// Each sitting's log starts with SittingScheduled, a snapshot of the roster and agenda, so the log alone explains it.
import { councilImportSchema, type CouncilImport, type SittingInput } from '@council/shared';
import type { PlenaryDb, PlenaryTx } from '../db/client.ts';
import { existingIds, insertCouncil, insertSitting } from '../db/council.repo.ts';
import { appendEvents, createHead } from '../db/sitting-event.repo.ts';
import { rosterOn } from '../domain/council/edit.ts';
import { parseMembersCsv } from '../domain/council/members-csv.ts';
import { validateCouncilImport, type ImportError } from '../domain/council/validate-import.ts';
import { chain, GENESIS_HASH } from '../domain/log/hash-chain.ts';
import type { Roster } from '../domain/sitting/types.ts';

export type ImportResult =
  | { ok: true; people: number; seats: number; substitutes: number; sittings: number }
  | { ok: false; errors: ImportError[] };

/** The roster of an imported council (no successions yet): the same rule as the office's rosterOn. */
export function rosterOf(data: CouncilImport): Roster {
  return rosterOn(
    {
      ...data,
      districts: data.districts ?? [],
      people: data.people.map((p) => ({ ...p, email: null, active: true })),
      successions: [],
    },
    '0000-00-00',
  );
}

/** A sitting's first event: SittingScheduled, the roster frozen as it stands now (later council edits never reach it). */
export async function writeScheduledSitting(
  tx: PlenaryTx,
  s: SittingInput,
  roster: Roster,
  at: string,
  actorId: string | null,
): Promise<void> {
  await insertSitting(tx, s);
  await createHead(tx, s.id);
  const events = chain({ seq: 0, hash: GENESIS_HASH }, [
    {
      sittingId: s.id,
      type: 'SittingScheduled',
      payload: {
        sitting: {
          id: s.id,
          title: s.title,
          startsAt: s.startsAt,
          room: s.room,
          remoteReason: s.remoteReason,
        },
        roster,
        items: s.items,
      },
      actorId,
      at,
    },
  ]);
  await appendEvents(tx, events, { seq: 1 });
}

async function writeSittings(tx: PlenaryTx, data: CouncilImport, at: string): Promise<void> {
  const roster = rosterOf(data);
  for (const s of data.sittings) await writeScheduledSitting(tx, s, roster, at, null);
}

export async function importCouncil(
  db: PlenaryDb,
  input: unknown,
  options: { passwordHashes?: Map<string, string>; now?: Date } = {},
): Promise<ImportResult> {
  const parsed = councilImportSchema.safeParse(input);
  if (!parsed.success)
    return {
      ok: false,
      errors: parsed.error.issues.map((i) => ({
        path: i.path.join('.') || '(root)',
        message: i.message,
      })),
    };
  const data = parsed.data;
  const errors = validateCouncilImport(data, await existingIds(db));
  if (errors.length > 0) return { ok: false, errors };
  const at = (options.now ?? new Date()).toISOString();
  await db.transaction(async (tx) => {
    await insertCouncil(tx, data, options.passwordHashes ?? new Map());
    await writeSittings(tx, data, at);
  });
  return {
    ok: true,
    people: data.people.length,
    seats: data.seats.length,
    substitutes: data.substitutes.length,
    sittings: data.sittings.length,
  };
}

/** Members CSV plus a JSON file with body, parties and (optionally) sittings. */
export async function importCouncilCsv(
  db: PlenaryDb,
  bodyJson: unknown,
  membersCsv: string,
): Promise<ImportResult> {
  const members = parseMembersCsv(membersCsv);
  if ('errors' in members) return { ok: false, errors: members.errors };
  const base: Record<string, unknown> =
    typeof bodyJson === 'object' && bodyJson !== null ? { ...bodyJson } : {};
  // The CSV's `identity` column holds the claim's value; the provider is named once, in the JSON file.
  const issuer = base['identityIssuer'];
  delete base['identityIssuer'];
  const { identities: subjects, ...rest } = members;
  if (subjects.length > 0 && typeof issuer !== 'string')
    return {
      ok: false,
      errors: [
        {
          path: 'identityIssuer',
          message:
            'the CSV has identities: name the identity provider (its issuer address) as identityIssuer in the JSON file',
        },
      ],
    };
  const identities =
    typeof issuer === 'string' ? subjects.map((s) => ({ ...s, issuer })) : undefined;
  // Seat ids are per body: a second council's seat 1 is not the first one's.
  const body = base['body'];
  const bodyId =
    typeof body === 'object' && body !== null && 'id' in body && typeof body.id === 'string'
      ? body.id
      : null;
  const seats = bodyId
    ? rest.seats.map((s) => ({ ...s, id: `${bodyId}-seat-${s.number}` }))
    : rest.seats;
  return importCouncil(db, {
    ...base,
    ...rest,
    seats,
    ...(identities && identities.length > 0 ? { identities } : {}),
  });
}
