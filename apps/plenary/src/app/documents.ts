// Documents of an item (R02, R08): stored in the database with SHA-256, size and a type checked from the content;
// attached to the agenda before the sitting, handed out to everyone at once during it; served only to those allowed
// (a closed item's files by the same rule as its documents in the member view, R13).
import { randomUUID } from 'node:crypto';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { reject, type Rejection } from '@council/shared';
import type { PersonRow } from '../db/auth.repo.ts';
import type { PlenaryDb } from '../db/client.ts';
import { recordChange } from '../db/office-change.repo.ts';
import { deleteFile, fileById, insertFile, type StoredFileRow } from '../db/office.repo.ts';
import { checkFile } from '../domain/office/file-type.ts';
import { mayReadItem } from '../domain/projection/viewer.ts';
import { toActor } from './auth.ts';
import type { SittingEngine } from './sitting-engine.ts';

export const fileUrl = (id: string) => `/api/files/${id}`;

export function createDocuments(deps: {
  db: PlenaryDb;
  engine: SittingEngine;
  clock?: () => Date;
}) {
  const clock = deps.clock ?? (() => new Date());

  return {
    async upload(
      person: PersonRow,
      sittingId: string,
      itemId: string,
      title: string,
      filename: string,
      bytes: Uint8Array,
    ): Promise<{ id: string; sha256: string; size: number; mediaType: string } | Rejection> {
      const state = await deps.engine.state(sittingId);
      if (!state)
        return reject('NOT_FOUND', 'Det finns inget sådant sammanträde.', 'No such sitting.');
      if (!state.items.some((i) => i.id === itemId))
        return reject('NOT_FOUND', `Det finns inget ärende ${itemId}.`, `No such item.`);
      if (state.sitting.status === 'closed')
        return reject('INVALID_STATE', 'Sammanträdet är avslutat.', 'The sitting is closed.');
      const checked = checkFile(filename, bytes);
      if ('error' in checked) return reject('INVALID_INPUT', checked.error);
      const id = randomUUID();
      const hash = bytesToHex(sha256(bytes));
      const at = clock().toISOString();
      await insertFile(deps.db, {
        id,
        sittingId,
        itemId,
        title,
        filename,
        mediaType: checked.mediaType,
        size: bytes.length,
        sha256: hash,
        content: bytes,
        uploadedBy: person.id,
        uploadedAt: at,
      });
      // Before the sitting the document joins the agenda (and the notice); during it, it is handed out (R08).
      const document = { title, url: fileUrl(id) };
      const result = await deps.engine.execute(
        sittingId,
        state.sitting.status === 'scheduled'
          ? { type: 'attachDocument', itemId, document }
          : { type: 'handOutDocument', itemId, document },
        toActor(person),
      );
      if (!result.ok) return result.error;
      await recordChange(deps.db, at, {
        actorId: person.id,
        subject: `sitting:${sittingId}`,
        action: 'document.uploaded',
        detail: { itemId, fileId: id, title, sha256: hash, size: bytes.length },
      });
      return { id, sha256: hash, size: bytes.length, mediaType: checked.mediaType };
    },

    /** Before the sitting: take a document off its item and delete the stored file (it was never handed out). */
    async remove(
      person: PersonRow,
      sittingId: string,
      fileId: string,
    ): Promise<{ removed: string } | Rejection> {
      const file = await fileById(deps.db, fileId);
      if (!file || file.sittingId !== sittingId || file.itemId === null)
        return reject('NOT_FOUND', 'Det finns ingen sådan handling.', 'No such document.');
      const result = await deps.engine.execute(
        sittingId,
        { type: 'detachDocument', itemId: file.itemId, url: fileUrl(fileId) },
        toActor(person),
      );
      if (!result.ok) return result.error;
      const at = clock().toISOString();
      await deleteFile(deps.db, fileId);
      await recordChange(deps.db, at, {
        actorId: person.id,
        subject: `sitting:${sittingId}`,
        action: 'document.removed',
        detail: { itemId: file.itemId, fileId, title: file.title, sha256: file.sha256 },
      });
      return { removed: fileId };
    },

    /** The file if this person (or the public, null) may read it now. */
    async read(id: string, person: PersonRow | null): Promise<StoredFileRow | Rejection> {
      const file = await fileById(deps.db, id);
      const missing = reject('NOT_FOUND', 'Det finns ingen sådan handling.', 'No such document.');
      if (!file) return missing;
      const state = await deps.engine.state(file.sittingId);
      const item = state?.items.find((i) => i.id === file.itemId);
      if (!state) return missing;
      if (item?.confidential) {
        if (!person) return reject('UNAUTHENTICATED', 'Logga in först.', 'Log in first.');
        // The one rule of the per-person projection (R13).
        if (!mayReadItem(state, toActor(person), item.id)) return missing;
      }
      return file;
    },
  };
}

export type Documents = ReturnType<typeof createDocuments>;
