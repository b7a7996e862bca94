// The minutes as one viewer may read them (R13, R24): a confidential paragraph they may not read keeps only its number
// and a secrecy note; an adjournment during it loses its reason; an undecided closed item loses its title. Every format
// (JSON, HTML, CSV, PDF, DOCX, open data) renders the document this returns. The seal stays that of the full minutes.
import type { MinutesDocument, MinutesParagraph } from '../minutes/document.ts';
import type { SittingState } from '../sitting/types.ts';
import { CLOSED_ITEM_TITLE, hiddenItems, type Viewer } from './viewer.ts';

export const CLOSED_PARAGRAPH_TITLE = 'Sekretessbelagt ärende';
export const CLOSED_DECISION = 'Beslutet omfattas av sekretess.';
export const CLOSED_ADJOURNMENT = 'ajournering under ärende med sekretess';

function redactParagraph(p: MinutesParagraph): MinutesParagraph {
  return {
    ...p,
    title: CLOSED_PARAGRAPH_TITLE,
    caseNumber: '',
    description: { text: '', edited: false },
    documents: [],
    speakers: [],
    proposals: [],
    propositionOrder: null,
    functionChecks: [],
    failures: [],
    mutes: [],
    divisions: [],
    roundsTakenAgain: [],
    secretBallots: [],
    decision: { ...p.decision, text: CLOSED_DECISION, generated: '' },
    reservations: [],
    recusals: [],
    adjustersChosen: null,
  };
}

/** `state`: the state the document was built from (for locked minutes, the log up to the lock). */
export function projectMinutes(
  doc: MinutesDocument,
  state: SittingState,
  viewer: Viewer,
): MinutesDocument {
  const hidden = hiddenItems(state, viewer);
  if (hidden.size === 0) return doc;
  const closedSince = new Set(
    state.sitting.adjournments
      .filter((a) => a.itemId != null && hidden.has(a.itemId))
      .map((a) => a.since),
  );
  return {
    ...doc,
    adjournments: doc.adjournments.map((a) =>
      closedSince.has(a.since) ? { ...a, reason: CLOSED_ADJOURNMENT } : a,
    ),
    paragraphs: doc.paragraphs.map((p) => (hidden.has(p.itemId) ? redactParagraph(p) : p)),
    notDecided: doc.notDecided.map((i) =>
      hidden.has(i.itemId) ? { ...i, title: CLOSED_ITEM_TITLE } : i,
    ),
  };
}
