// Public sitting views for webcast tests: a council sitting with a chamber member, a remote member and a confidential item.
import {
  publicSittingViewSchema,
  type PublicSittingView,
  type PublicSpeaker,
} from '@council/shared';

export const chamberMember: PublicSpeaker = {
  memberId: 'm-anna',
  name: 'Anna Åkesson',
  party: 'S',
  remote: false,
};
export const remoteMember: PublicSpeaker = {
  memberId: 'm-bo',
  name: 'Bo Öberg',
  party: 'M',
  remote: true,
};

export function baseView(over: Partial<PublicSittingView> = {}): PublicSittingView {
  return publicSittingViewSchema.parse({
    sittingId: 's-1',
    seq: 1,
    bodyName: 'Kommunfullmäktige',
    title: 'Kommunfullmäktige 23 november 2026',
    room: 'Fullmäktigesalen',
    startsAt: '2026-11-23T17:00:00.000Z',
    status: 'open',
    adjournment: null,
    items: [
      {
        id: 'i-1',
        position: 1,
        paragraph: 101,
        title: 'Val av justerare',
        confidential: false,
        status: 'decided',
      },
      {
        id: 'i-2',
        position: 2,
        paragraph: null,
        title: 'Budget 2027',
        confidential: false,
        status: 'current',
      },
      {
        id: 'i-3',
        position: 3,
        paragraph: null,
        title: 'Förvärv av fastighet',
        confidential: true,
        status: 'pending',
      },
    ],
    currentItemId: 'i-2',
    closedSession: false,
    floor: null,
    queue: [],
    serving: 51,
    seats: 61,
    quorum: true,
    votes: [],
    decisions: [],
    ballots: [],
    ...over,
  });
}

export function speaking(
  speaker: PublicSpeaker,
  over: Partial<PublicSittingView> = {},
  seq = 2,
): PublicSittingView {
  return baseView({
    seq,
    floor: {
      kind: 'speech',
      speaker,
      replyTo: null,
      startedAt: '2026-11-23T17:10:00.000Z',
      limitSeconds: null,
    },
    ...over,
  });
}

export function replying(
  speaker: PublicSpeaker,
  replyTo: PublicSpeaker,
  seq = 3,
): PublicSittingView {
  return baseView({
    seq,
    floor: {
      kind: 'reply',
      speaker,
      replyTo,
      startedAt: '2026-11-23T17:12:00.000Z',
      limitSeconds: 60,
    },
  });
}

export function closedItem(seq = 4): PublicSittingView {
  return baseView({ seq, currentItemId: 'i-3', closedSession: true });
}

export function adjourned(resumesAt: string | null, seq = 5): PublicSittingView {
  return baseView({
    seq,
    status: 'adjourned',
    adjournment: { since: '2026-11-23T18:00:00.000Z', reason: 'Tekniskt fel', resumesAt },
  });
}
