// The minutes as the server generates them (GET /api/sittings/:id/minutes), refreshed when the sitting's log moves.
import type { MinutesDocument } from '$domain/minutes/document.ts';
import { call } from '../../api/http.ts';

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
    const res = await call<MinutesViewLite>('GET', `${this.base}/minutes`);
    if (res.ok) {
      this.view = res.data;
      this.error = null;
    } else this.error = res.error.message;
  }
}
