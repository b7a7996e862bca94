// The council office's use cases for the council and sittings: import by upload (all or nothing), the council as it
// stands, scheduling a sitting with its agenda (the roster frozen in SittingScheduled), and § series (R24).
import { CLOSED_ITEM_TITLE, hiddenItems, type Viewer } from '../domain/projection/viewer.ts';
import { randomUUID } from 'node:crypto';
import {
  reject,
  sittingInputSchema,
  type AgendaItemInput,
  type CouncilEdit,
  type Rejection,
} from '@council/shared';
import type { PlenaryDb } from '../db/client.ts';
import { loadCouncil, writeCouncilEdit } from '../db/council-edit.repo.ts';
import { existingIds, usernameOwner } from '../db/council.repo.ts';
import { listChanges, recordChange } from '../db/office-change.repo.ts';
import { bodyById, filesOfSitting, sittingsOfBody } from '../db/office.repo.ts';
import { listSittings } from '../db/council.repo.ts';
import { swedishDate } from '../domain/attendance/working-days.ts';
import { applyCouncilEdit, rosterOn, seatsOn, withinMandate } from '../domain/council/edit.ts';
import type { ImportError } from '../domain/council/validate-import.ts';
import { firstParagraph } from '../domain/office/paragraph-series.ts';
import { agendaChanges, type AgendaChanges } from '../domain/sitting/agenda.ts';
import type { Actor, Roster } from '../domain/sitting/types.ts';
import {
  importCouncil,
  importCouncilCsv,
  writeScheduledSitting,
  type ImportResult,
} from './council-import.ts';
import type { SittingEngine } from './sitting-engine.ts';

export type ImportUpload =
  { format: 'json'; council: unknown } | { format: 'csv'; body: unknown; members: string };

function bodyIdOf(x: unknown): string {
  const b = typeof x === 'object' && x !== null && 'body' in x ? x.body : null;
  return typeof b === 'object' && b !== null && 'id' in b && typeof b.id === 'string' ? b.id : '?';
}

export function createOffice(deps: { db: PlenaryDb; engine: SittingEngine; clock?: () => Date }) {
  const clock = deps.clock ?? (() => new Date());
  const now = () => clock().toISOString();

  /** The roster a sitting on `day` freezes: who holds each seat that day (successions), active people only. */
  async function rosterFor(bodyId: string, day: string): Promise<Roster | Rejection> {
    const council = await loadCouncil(deps.db, bodyId);
    if (!council) return reject('NOT_FOUND', `Det finns inget organ ${bodyId}.`, `No such body.`);
    return rosterOn(council, day);
  }

  return {
    rosterFor,

    /** The council as the office edits it: seats with today's holders, successions, districts and its change record. */
    async council(bodyId: string) {
      const council = await loadCouncil(deps.db, bodyId);
      if (!council) return reject('NOT_FOUND', `Det finns inget organ ${bodyId}.`, `No such body.`);
      const today = swedishDate(now());
      const changes = await listChanges(deps.db, `council:${bodyId}`);
      return {
        ...council,
        today,
        holdersToday: Object.fromEntries(seatsOn(council, today).map((s) => [s.id, s.memberId])),
        changes: changes.map((c) => ({
          at: c.at,
          actorId: c.actorId,
          action: c.action,
          detail: c.detail,
        })),
      };
    },

    /** One hand edit of the council, checked against the whole council and recorded; scheduled sittings keep theirs. */
    async editCouncil(
      actorId: string,
      bodyId: string,
      edit: CouncilEdit,
    ): Promise<{ ok: true } | { ok: false; errors: ImportError[] } | Rejection> {
      return deps.db.transaction(async (tx) => {
        const council = await loadCouncil(tx, bodyId);
        if (!council)
          return reject('NOT_FOUND', `Det finns inget organ ${bodyId}.`, `No such body.`);
        if (edit.type === 'putPerson') {
          const taken = await usernameOwner(tx, edit.person.username);
          if (taken !== null && taken !== edit.person.id)
            return {
              ok: false as const,
              errors: [
                {
                  path: 'person.username',
                  message: `Användarnamnet ${edit.person.username} är upptaget.`,
                },
              ],
            };
        }
        const result = applyCouncilEdit(council, edit);
        if ('errors' in result) return { ok: false as const, errors: result.errors };
        await writeCouncilEdit(tx, bodyId, edit, result.council);
        await recordChange(tx, now(), {
          actorId,
          subject: `council:${bodyId}`,
          action: `council.${edit.type}`,
          detail: { ...edit },
        });
        return { ok: true as const };
      });
    },

    async importUpload(actorId: string, upload: ImportUpload): Promise<ImportResult> {
      const result =
        upload.format === 'json'
          ? await importCouncil(deps.db, upload.council, { now: clock() })
          : await importCouncilCsv(deps.db, upload.body, upload.members);
      if (result.ok)
        await recordChange(deps.db, now(), {
          actorId,
          subject:
            upload.format === 'json'
              ? `council:${bodyIdOf(upload.council)}`
              : `council:${bodyIdOf(upload.body)}`,
          action: 'council.imported',
          detail: { format: upload.format, people: result.people, seats: result.seats },
        });
      return result;
    },

    async bodies() {
      const ids = await existingIds(deps.db);
      return [...ids.bodyIds];
    },

    /** Schedule a sitting: the agenda as entered and the roster as it stands today, frozen in the log. */
    async scheduleSitting(actorId: string, input: unknown): Promise<{ id: string } | Rejection> {
      const raw = typeof input === 'object' && input !== null ? input : {};
      const parsed = sittingInputSchema.safeParse({ id: `s-${randomUUID().slice(0, 8)}`, ...raw });
      if (!parsed.success)
        return {
          code: 'INVALID_INPUT',
          message: 'Sammanträdet är inte fullständigt.',
          en: 'The sitting is incomplete.',
          issues: parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
        };
      const s = parsed.data;
      if (swedishDate(s.startsAt) < swedishDate(now()))
        return reject(
          'INVALID_INPUT',
          'Sammanträdet kan inte läggas i det förflutna.',
          'The sitting is in the past.',
        );
      if ((await existingIds(deps.db)).sittingIds.has(s.id))
        return reject('CONFLICT', `Sammanträdet ${s.id} finns redan.`, `The sitting exists.`);
      const day = swedishDate(s.startsAt);
      const roster = await rosterFor(s.bodyId, day);
      if ('code' in roster) return roster;
      if (!withinMandate(roster.body, day))
        return reject(
          'INVALID_INPUT',
          `Sammanträdet ${day} ligger utanför mandatperioden ${roster.body.mandateFrom ?? '…'}–${roster.body.mandateTo ?? '…'}.`,
          `The sitting is outside the mandate period.`,
        );
      await deps.db.transaction(async (tx) => {
        await writeScheduledSitting(tx, s, roster, now(), actorId);
        await recordChange(tx, now(), {
          actorId,
          subject: `sitting:${s.id}`,
          action: 'sitting.scheduled',
          detail: { title: s.title, startsAt: s.startsAt, items: s.items.length },
        });
      });
      return { id: s.id };
    },

    /**
     * Amend a scheduled sitting's agenda (one change: add, edit, close, reorder or remove items): an AgendaAmended event
     * in the sitting's log through the desk's command, and what changed in the office's record.
     */
    async amendAgenda(
      actor: Actor,
      sittingId: string,
      items: AgendaItemInput[],
    ): Promise<{ seq: number; changes: AgendaChanges } | Rejection> {
      const state = await deps.engine.state(sittingId);
      if (!state)
        return reject('NOT_FOUND', 'Det finns inget sådant sammanträde.', 'No such sitting.');
      const result = await deps.engine.execute(sittingId, { type: 'amendAgenda', items }, actor);
      if (!result.ok) return result.error;
      const event = result.data.events.find((e) => e.type === 'AgendaAmended');
      const after = (event?.payload['items'] ?? items) as AgendaItemInput[];
      const changes = agendaChanges(state.items, after);
      await recordChange(deps.db, now(), {
        actorId: actor.personId,
        subject: `sitting:${sittingId}`,
        action: 'agenda.amended',
        detail: { seq: result.data.seq, ...changes, items: after.length },
      });
      return { seq: result.data.seq, changes };
    },

    /** The office's list for this viewer: a closed item they may not read (R13) keeps only its place and number. */
    async sittings(viewer: Viewer) {
      const rows = await listSittings(deps.db);
      return Promise.all(
        rows.map(async (r) => {
          const state = await deps.engine.state(r.id);
          const hidden = state ? hiddenItems(state, viewer) : new Set<string>();
          return {
            id: r.id,
            title: r.title,
            bodyId: r.bodyId,
            bodyName: r.bodyName,
            startsAt: new Date(r.startsAt).toISOString(),
            room: r.room,
            remoteReason: state?.sitting.remoteReason ?? null,
            status: state?.sitting.status ?? 'scheduled',
            items: (state?.items ?? []).map((i) =>
              hidden.has(i.id)
                ? {
                    id: i.id,
                    position: i.position,
                    title: CLOSED_ITEM_TITLE,
                    kind: i.kind ?? 'matter',
                    details: {},
                    caseNumber: '',
                    confidential: true,
                    paragraph: i.paragraph,
                    documents: [],
                  }
                : {
                    id: i.id,
                    position: i.position,
                    title: i.title,
                    kind: i.kind ?? 'matter',
                    details: i.details ?? {},
                    caseNumber: i.caseNumber,
                    confidential: i.confidential,
                    paragraph: i.paragraph,
                    documents: [...i.documents, ...i.handedOut],
                  },
            ),
            files: await filesOfSitting(deps.db, r.id),
          };
        }),
      );
    },

    /** Where the body's § series stands for this sitting (numbering runs on through the year). */
    async firstParagraph(sittingId: string): Promise<number> {
      const state = await deps.engine.state(sittingId);
      if (!state) return 1;
      const body = await bodyById(deps.db, state.roster.body.id);
      const series = body?.paragraphSeries ?? 'year';
      const others = await sittingsOfBody(deps.db, state.roster.body.id);
      const withLast = await Promise.all(
        others
          .filter((o) => o.id !== sittingId)
          .map(async (o) => {
            const st = await deps.engine.state(o.id);
            const startsAt = new Date(o.startsAt).toISOString();
            return {
              id: o.id,
              startsAt,
              date: swedishDate(st?.sitting.openedAt ?? startsAt),
              lastParagraph: Math.max(0, ...(st?.items ?? []).map((i) => i.paragraph ?? 0)),
            };
          }),
      );
      const startsAt = new Date(state.sitting.startsAt).toISOString();
      return firstParagraph(
        series,
        { id: sittingId, startsAt, date: swedishDate(now()) },
        withLast,
      );
    },
  };
}

export type Office = ReturnType<typeof createOffice>;
