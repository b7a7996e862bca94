// The sitting decides the picture: maps the public view to a layout, lower third and sound (R13, R25).
// Confidential items (R13) and adjournments (R15) get a slate with no sound and no feed at all.
import type { PublicFloor, PublicSittingView, PublicSpeaker } from '@council/shared';
import type { FeedId, Layout, LowerThird, Program } from './types.ts';

const timeFormat = new Intl.DateTimeFormat('sv-SE', {
  timeZone: 'Europe/Stockholm',
  hour: '2-digit',
  minute: '2-digit',
});

/** "14:30" in Swedish time, or null for a missing or unparsable timestamp. */
export function clockTime(iso: string | null): string | null {
  if (iso === null) return null;
  const t = Date.parse(iso);
  return Number.isNaN(t) ? null : timeFormat.format(t);
}

const floorLabels: Record<PublicFloor['kind'], string> = {
  speech: '',
  reply: 'replik',
  answer: 'svar på replik',
  point_of_order: 'ordningsfråga',
};

export function feedOf(speaker: PublicSpeaker): FeedId {
  return speaker.remote ? `remote:${speaker.memberId}` : 'chamber';
}

function speakerLine(floor: PublicFloor): string {
  const who = `${floor.speaker.name} (${floor.speaker.party})`;
  const label = floorLabels[floor.kind];
  return label === '' ? who : `${who} – ${label}`;
}

export function itemLine(view: PublicSittingView): string {
  const item = view.items.find((i) => i.id === view.currentItemId);
  if (item === undefined) return view.title;
  return item.paragraph !== null
    ? `§ ${item.paragraph} ${item.title}`
    : `${item.position}. ${item.title}`;
}

function slate(layout: Layout & { kind: 'slate' }, slateText: string[]): Program {
  return { layout, lowerThird: null, slateText, audio: [] };
}

function speakerLayout(floor: PublicFloor): { layout: Layout; audio: FeedId[] } {
  const main = feedOf(floor.speaker);
  const other = floor.replyTo === null ? null : feedOf(floor.replyTo);
  if ((floor.kind === 'reply' || floor.kind === 'answer') && other !== null && other !== main) {
    // A reply between two places: both sides in picture and in sound; the chamber always left.
    const [left, right] =
      main === 'chamber' ? [main, other] : other === 'chamber' ? [other, main] : [other, main];
    return { layout: { kind: 'side-by-side', left, right }, audio: [left, right] };
  }
  if (main === 'chamber') return { layout: { kind: 'full', main }, audio: ['chamber'] };
  // A remote speaker fills the frame; the chamber stays visible as picture-in-picture.
  return { layout: { kind: 'pip', main, inset: 'chamber' }, audio: [main] };
}

/** The programme for a public view of the sitting. Pure: the same view gives the same programme. */
export function layoutFor(view: PublicSittingView): Program {
  const currentItem = view.items.find((i) => i.id === view.currentItemId);
  if (view.closedSession || currentItem?.confidential === true) {
    return slate({ kind: 'slate', slate: 'closed-item' }, [
      'Ärendet behandlas utan sändning',
      'Sändningen återupptas efter ärendet',
    ]);
  }
  if (view.status === 'scheduled') {
    // The room before the sitting, with when it starts; no sound: talk before the opening is not public.
    const at = clockTime(view.startsAt);
    return {
      layout: { kind: 'full', main: 'chamber' },
      lowerThird: null,
      slateText: [
        view.title,
        at === null ? 'Sändningen börjar snart' : `Sammanträdet börjar kl. ${at}`,
      ],
      audio: [],
    };
  }
  if (view.status === 'closed') {
    return slate({ kind: 'slate', slate: 'ended' }, [
      'Sammanträdet är avslutat',
      'Tack för att du tittade',
    ]);
  }
  if (view.status === 'adjourned' || view.adjournment !== null) {
    const at = clockTime(view.adjournment?.resumesAt ?? null);
    return slate({ kind: 'slate', slate: 'adjourned' }, [
      'Sammanträdet är ajournerat',
      at === null ? '' : `Återupptas kl. ${at}`,
    ]);
  }
  const item = itemLine(view);
  if (view.floor === null) {
    return {
      layout: { kind: 'full', main: 'chamber' },
      lowerThird: { name: '', item },
      slateText: [],
      audio: ['chamber'],
    };
  }
  const { layout, audio } = speakerLayout(view.floor);
  const lowerThird: LowerThird = { name: speakerLine(view.floor), item };
  return { layout, lowerThird, slateText: [], audio };
}

const technical: Program = {
  layout: { kind: 'slate', slate: 'technical' },
  lowerThird: null,
  slateText: ['Tekniskt avbrott', 'Sändningen återkommer strax'],
  audio: [],
};

/**
 * The programme that can actually go on air given which feeds deliver pictures now: a stale or
 * missing remote feed falls back to the chamber; a stale chamber on its own shows a technical slate.
 */
export function resolveProgram(program: Program, live: (feed: FeedId) => boolean): Program {
  const { layout } = program;
  const audio = program.audio.filter(live);
  const full = (main: FeedId): Program => ({
    ...program,
    layout: { kind: 'full', main },
    audio: live(main) ? [main] : [],
  });
  switch (layout.kind) {
    case 'slate':
      return program;
    case 'full':
      if (live(layout.main)) return program;
      if (layout.main !== 'chamber' && live('chamber')) return full('chamber');
      return technical;
    case 'pip':
      if (live(layout.main)) return live(layout.inset) ? { ...program, audio } : full(layout.main);
      return live(layout.inset) ? full(layout.inset) : technical;
    case 'side-by-side':
      if (live(layout.left) && live(layout.right)) return { ...program, audio };
      if (live(layout.left)) return full(layout.left);
      if (live(layout.right)) return full(layout.right);
      return technical;
  }
}

/** Feeds a programme shows, so a driver knows which feeds it must keep fresh. */
export function feedsOf(layout: Layout): FeedId[] {
  switch (layout.kind) {
    case 'slate':
      return [];
    case 'full':
      return [layout.main];
    case 'pip':
      return [layout.main, layout.inset];
    case 'side-by-side':
      return [layout.left, layout.right];
  }
}
