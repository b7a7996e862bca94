// The minutes as the server generates them (GET /api/sittings/:id/minutes), refreshed when the sitting's log moves.
import type { MinutesDocument } from '$domain/minutes/document.ts';

export interface MinutesApprovalLite {
  personId: string;
  name: string;
  party: string | null;
  as: 'chair' | 'adjuster';
  approved: boolean;
  at: string | null;
}

export interface MinutesViewLite {
  status: 'preview' | 'draft' | 'locked';
  document: MinutesDocument;
  sha256: string;
  approvals: MinutesApprovalLite[];
  lock: {
    sha256: string;
    logHeadSeq: number;
    logHeadHash: string;
    noticePostedOn: string;
    noticeRemovedOn: string;
    at: string;
  } | null;
  corrections: { id: string; paragraph: number | null; text: string; at: string }[];
  generatedAtSeq: number;
}

export class MinutesLoader {
  readonly sittingId: string;
  view = $state.raw<MinutesViewLite | null>(null);
  error = $state<string | null>(null);
  #loadedSeq = -1;

  constructor(sittingId: string) {
    this.sittingId = sittingId;
  }

  get base(): string {
    return `/api/sittings/${encodeURIComponent(this.sittingId)}`;
  }

  /** Load when the log has moved past what we have. */
  async refresh(seq: number): Promise<void> {
    if (seq === this.#loadedSeq) return;
    this.#loadedSeq = seq;
    try {
      const res = await fetch(`${this.base}/minutes`, { credentials: 'same-origin' });
      if (!res.ok) {
        this.error = `HTTP ${res.status}`;
        return;
      }
      this.view = (await res.json()) as MinutesViewLite;
      this.error = null;
    } catch {
      this.error = 'Ingen kontakt med servern. / No contact with the server.';
    }
  }
}
