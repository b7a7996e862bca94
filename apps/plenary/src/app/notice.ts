// The notice (kallelse, KL 5 kap. 11–13 §§, R02): generated from the agenda as PDF/A, posted on the digital notice
// board at least a week before, and e-mailed through SMTP to every member and substitute with the documents. The
// notice board (anslagstavla, KL 8 kap. 9–12 §§) lists notices and adjusted minutes (posted by the minutes' lock).
import { randomUUID } from 'node:crypto';
import { createTransport } from 'nodemailer';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { reject, type AgendaItemKind } from '@council/shared';
import type { PlenaryDb } from '../db/client.ts';
import { recordChange } from '../db/office-change.repo.ts';
import {
  dispatchesOf,
  emailsOf,
  fileById,
  insertDispatch,
  insertFile,
  listPostings,
  upsertPosting,
} from '../db/office.repo.ts';
import { listSittings } from '../db/council.repo.ts';
import { swedishDate } from '../domain/attendance/working-days.ts';
import { minutesOf } from '../domain/minutes/state.ts';
import { swedishLocal, swedishLongDate } from '../domain/minutes/time.ts';
import { isPosted, noticePosting } from '../domain/office/notice-dates.ts';
import type { SittingState } from '../domain/sitting/types.ts';
import { fileUrl } from './documents.ts';
import type { Block } from './minutes/layout.ts';
import { blocksPdf } from './minutes/pdf.ts';
import type { SittingEngine } from './sitting-engine.ts';

export interface MailSettings {
  /** smtp://user:pass@host:port or smtps://… */
  url: string;
  from: string;
}

export const kindLabel: Record<AgendaItemKind, string> = {
  matter: 'Ärende',
  motion: 'Motion',
  citizenProposal: 'Medborgarförslag',
  interpellation: 'Interpellation',
  question: 'Fråga',
  election: 'Val',
  report: 'Anmälan',
};

export function noticeBlocks(state: SittingState): Block[] {
  const s = state.sitting;
  const when = swedishLocal(s.startsAt);
  const items = state.items.map((i) => {
    const kind = kindLabel[i.kind ?? 'matter'];
    const extra = [
      i.caseNumber ? `Dnr ${i.caseNumber}` : '',
      i.details?.electionMode === 'secret' ? 'sluten omröstning' : '',
      i.details?.answeredBy ? `besvaras av ${i.details.answeredBy}` : '',
      i.confidential ? 'behandlas inom stängda dörrar' : '',
    ].filter(Boolean);
    // A closed item's documents are not named in the public notice (R13).
    const docs = i.confidential ? [] : i.documents.map((d) => `   Handling: ${d.title}`);
    return [
      `${i.position}. ${kind}: ${i.title}${extra.length ? ` (${extra.join(', ')})` : ''}`,
      ...docs,
    ].join('\n');
  });
  return [
    { t: 'title', text: `Kallelse — ${state.roster.body.name}`, sub: s.title },
    {
      t: 'kv',
      rows: [
        ['Dag', swedishLongDate(when.date)],
        ['Tid', `kl. ${when.time}`],
        ['Plats', s.room],
        ['Deltagande på distans', s.remoteReason ?? 'Medges inte vid detta sammanträde.'],
      ],
    },
    { t: 'h1', text: 'Föredragningslista' },
    { t: 'list', items },
    {
      t: 'p',
      text: 'Ledamot som är förhindrad meddelar kansliet, så att ersättare kan kallas in i partiets ordning.',
      muted: true,
    },
  ];
}

export function createNotices(deps: {
  db: PlenaryDb;
  engine: SittingEngine;
  mail: MailSettings | null;
  clock?: () => Date;
}) {
  const clock = deps.clock ?? (() => new Date());

  return {
    async pdf(state: SittingState): Promise<Buffer> {
      return blocksPdf(noticeBlocks(state), {
        title: `Kallelse ${state.roster.body.name} ${swedishLocal(state.sitting.startsAt).date}`,
        author: state.roster.body.name,
        subject: state.sitting.title,
        lang: 'sv-SE',
        footer: (page, pages) => `Kallelse — ${state.sitting.title} — sida ${page} av ${pages}`,
      });
    },

    /** Post the notice on the board and e-mail it, with the open items' documents, to every member and substitute. */
    async send(actorId: string, sittingId: string) {
      const state = await deps.engine.state(sittingId);
      if (!state)
        return reject('NOT_FOUND', 'Det finns inget sådant sammanträde.', 'No such sitting.');
      if (state.sitting.status !== 'scheduled')
        return reject('INVALID_STATE', 'Sammanträdet har redan börjat.', 'The sitting has begun.');
      if (!deps.mail)
        return reject(
          'INVALID_STATE',
          'Ingen e-postserver är inställd (SMTP_URL).',
          'No SMTP server is configured.',
        );
      const now = clock().toISOString();
      const dates = noticePosting(swedishDate(now), swedishDate(state.sitting.startsAt));
      if ('error' in dates) return reject('INVALID_STATE', dates.error);
      const pdf = await this.pdf(state);
      const fileId = randomUUID();
      await insertFile(deps.db, {
        id: fileId,
        sittingId,
        itemId: null,
        title: 'Kallelse',
        filename: 'kallelse.pdf',
        mediaType: 'application/pdf',
        size: pdf.length,
        sha256: bytesToHex(sha256(pdf)),
        content: pdf,
        uploadedBy: actorId,
        uploadedAt: now,
      });
      await upsertPosting(deps.db, {
        id: `${sittingId}:notice`,
        sittingId,
        kind: 'notice',
        title: `Kallelse: ${state.roster.body.name}, ${state.sitting.title}`,
        postedOn: dates.postedOn,
        removedOn: dates.removedOn,
        postedAt: now,
        fileId,
      });
      // Documents of closed items stay in the member app (R13); e-mail carries only the open items' documents.
      const attachments: { filename: string; content: Buffer; contentType: string }[] = [
        { filename: 'kallelse.pdf', content: pdf, contentType: 'application/pdf' },
      ];
      for (const item of state.items.filter((i) => !i.confidential))
        for (const d of item.documents) {
          const id = d.url.startsWith('/api/files/') ? d.url.slice('/api/files/'.length) : null;
          const f = id ? await fileById(deps.db, id) : null;
          if (f)
            attachments.push({
              filename: f.filename,
              content: Buffer.from(f.content),
              contentType: f.mediaType,
            });
        }
      const recipients = [
        ...state.roster.seats.map((s) => s.memberId),
        ...state.roster.substitutes.map((s) => s.personId),
      ];
      const emails = await emailsOf(deps.db, recipients);
      const transport = createTransport(deps.mail.url);
      const sent: string[] = [];
      const failed: { personId: string; error: string }[] = [];
      const missing = recipients.filter((p) => !emails.has(p));
      const text = noticeBlocks(state)
        .flatMap((b) =>
          b.t === 'kv'
            ? b.rows.map(([k, v]) => `${k}: ${v}`)
            : b.t === 'list'
              ? b.items
              : b.t === 'title'
                ? [b.text, b.sub, '']
                : 'text' in b
                  ? ['', b.text]
                  : [],
        )
        .join('\n');
      try {
        for (const personId of recipients) {
          const to = emails.get(personId);
          if (!to) continue;
          try {
            const info = await transport.sendMail({
              from: deps.mail.from,
              to,
              subject: `Kallelse: ${state.roster.body.name} ${swedishLongDate(swedishLocal(state.sitting.startsAt).date)}`,
              text,
              attachments,
            });
            sent.push(personId);
            await insertDispatch(deps.db, {
              sittingId,
              personId,
              email: to,
              sentAt: clock().toISOString(),
              messageId: info.messageId,
            });
          } catch (error) {
            // One address the server refuses never stops the others' notices.
            const message = error instanceof Error ? error.message : String(error);
            failed.push({ personId, error: message });
            await insertDispatch(deps.db, {
              sittingId,
              personId,
              email: to,
              sentAt: clock().toISOString(),
              error: message.slice(0, 500),
            });
          }
        }
      } finally {
        transport.close();
      }
      await recordChange(deps.db, now, {
        actorId,
        subject: `sitting:${sittingId}`,
        action: 'notice.sent',
        detail: { sent: sent.length, failed: failed.length, missing, fileId },
      });
      return { posting: dates, noticeUrl: fileUrl(fileId), sent, failed, missing };
    },

    /** Where the notice stands: its posting and each recipient's delivery (the SMTP server's answer). */
    async status(sittingId: string) {
      const posting = (await listPostings(deps.db)).find(
        (p) => p.sittingId === sittingId && p.kind === 'notice',
      );
      const dispatches = await dispatchesOf(deps.db, sittingId);
      return {
        posting: posting
          ? {
              postedOn: posting.postedOn,
              removedOn: posting.removedOn,
              url: posting.fileId ? fileUrl(posting.fileId) : null,
            }
          : null,
        deliveries: dispatches
          .sort((a, b) => a.sentAt.localeCompare(b.sentAt))
          .map((d) => ({
            personId: d.personId,
            email: d.email,
            sentAt: d.sentAt,
            ok: d.error === null,
            error: d.error,
          })),
      };
    },

    /** The notice board on a day: notices posted and minutes adjusted, each with when posted and when taken down. */
    async board(today = swedishDate(clock().toISOString())) {
      const notices = (await listPostings(deps.db)).map((p) => ({
        id: p.id,
        kind: p.kind,
        sittingId: p.sittingId,
        title: p.title,
        postedOn: p.postedOn,
        removedOn: p.removedOn,
        url: p.fileId ? fileUrl(p.fileId) : null,
      }));
      const minutes: typeof notices = [];
      for (const s of await listSittings(deps.db)) {
        const state = await deps.engine.state(s.id);
        const lock = state ? minutesOf(state).lock : null;
        if (!state || !lock) continue;
        // The lock of the minutes sets the posting: the day adjusted, three weeks up (KL 8 kap. 12 §).
        minutes.push({
          id: `${s.id}:minutes`,
          kind: 'minutes',
          sittingId: s.id,
          title: `Justerat protokoll: ${s.bodyName}, ${s.title}`,
          postedOn: lock.noticePostedOn,
          removedOn: lock.noticeRemovedOn,
          url: `/api/public/sittings/${encodeURIComponent(s.id)}/minutes.html`,
        });
      }
      return [...notices, ...minutes]
        .filter((p) => isPosted(p, today))
        .sort((a, b) => b.postedOn.localeCompare(a.postedOn));
    },
  };
}

export type Notices = ReturnType<typeof createNotices>;

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The board as an Atom feed (RFC 4287). */
export function boardAtom(
  base: string,
  postings: Awaited<ReturnType<Notices['board']>>,
  updated: string,
): string {
  const entries = postings
    .map(
      (p) => `  <entry>
    <id>urn:council:posting:${esc(p.id)}</id>
    <title>${esc(p.title)}</title>
    <updated>${p.postedOn}T00:00:00Z</updated>
    ${p.url ? `<link href="${esc(base + p.url)}"/>` : ''}
    <summary>Anslaget ${p.postedOn}, tas ned ${p.removedOn}.</summary>
  </entry>`,
    )
    .join('\n');
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="sv">
  <id>urn:council:anslagstavla</id>
  <title>Anslagstavla</title>
  <updated>${updated}</updated>
  <link rel="self" href="${esc(base)}/api/public/anslagstavla.atom"/>
${entries}
</feed>
`;
}
