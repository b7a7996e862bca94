// The speaker list: requests, order, replies and answers, points of order, advisory timers, pots, the closed list, R07 R10 R14.
import { describe, expect, it } from 'vitest';
import { isRejection, type Command } from '@council/shared';
import {
  at,
  chair,
  debateSitting,
  member,
  memberId,
  ok,
  run,
  secretary,
} from '../testing/debate-fixtures.ts';
import type { Actor, SittingState } from '../sitting/types.ts';
import { publicView } from '../sitting/public-view.ts';
import { debatePublic } from './public.ts';
import { partyPotsRemaining } from './speaker-list.ts';
import { speakingStats } from './stats.ts';

function rejected(state: SittingState, command: Command, actor: Actor, now = at(0)) {
  const result = run(state, command, actor, now);
  if (!isRejection(result)) throw new Error(`${command.type} was accepted`);
  return result;
}

const queueOf = (s: SittingState) => s.debate.queue.map((e) => `${e.kind}:${e.personId}`);
const speech = (n: number, s: SittingState, now = at(0)) =>
  ok(s, { type: 'requestFloor', kind: 'speech' }, member(n), now);
const give = (s: SittingState, now: string, entryId?: string) =>
  ok(s, { type: 'giveFloor', seenAndHeard: true, ...(entryId ? { entryId } : {}) }, chair, now);

describe('requesting the floor', () => {
  it('members ask for a speech and the desk sees the queue in the order asked', () => {
    let s = debateSitting();
    s = speech(5, s);
    s = speech(3, s, at(1));
    s = speech(9, s, at(2));
    expect(queueOf(s)).toEqual([
      `speech:${memberId(5)}`,
      `speech:${memberId(3)}`,
      `speech:${memberId(9)}`,
    ]);
    expect(s.debate.queue[0]).toMatchObject({ itemId: 'i03', addedBy: null, requestedAt: at(0) });
  });

  it('a member cannot ask twice for the same kind of turn', () => {
    const s = speech(5, debateSitting());
    expect(rejected(s, { type: 'requestFloor', kind: 'speech' }, member(5)).code).toBe('CONFLICT');
  });

  it('the desk adds a member on their behalf; a member cannot add someone else', () => {
    const s = ok(
      debateSitting(),
      { type: 'requestFloor', kind: 'speech', personId: memberId(7) },
      secretary,
      at(0),
    );
    expect(s.debate.queue[0]).toMatchObject({ personId: memberId(7), addedBy: 'sekreterare' });
    expect(
      rejected(s, { type: 'requestFloor', kind: 'speech', personId: memberId(8) }, member(9)).code,
    ).toBe('FORBIDDEN');
  });

  it('a member withdraws their own request, the desk removes any, a member cannot remove another', () => {
    let s = speech(3, speech(5, debateSitting()));
    const [first, second] = s.debate.queue;
    if (!first || !second) throw new Error('queue');
    expect(rejected(s, { type: 'removeFloorRequest', entryId: first.id }, member(3)).code).toBe(
      'FORBIDDEN',
    );
    s = ok(s, { type: 'removeFloorRequest', entryId: first.id }, member(5), at(1));
    expect(queueOf(s)).toEqual([`speech:${memberId(3)}`]);
    const r = run(s, { type: 'removeFloorRequest', entryId: second.id }, secretary, at(2));
    if (isRejection(r)) throw new Error(r.message);
    expect(r.events).toEqual([
      {
        type: 'FloorRequestRemoved',
        payload: { entryId: second.id, personId: memberId(3), byDesk: true },
      },
    ]);
    expect(r.state.debate.queue).toEqual([]);
  });

  it('requests need an open sitting with a current item; an adjourned sitting says so', () => {
    const s = debateSitting();
    const adjourned: SittingState = { ...s, sitting: { ...s.sitting, status: 'adjourned' } };
    expect(rejected(adjourned, { type: 'requestFloor', kind: 'speech' }, member(5)).code).toBe(
      'ADJOURNED',
    );
    const noItem: SittingState = { ...s, sitting: { ...s.sitting, currentItemId: null } };
    expect(rejected(noItem, { type: 'requestFloor', kind: 'speech' }, member(5)).code).toBe(
      'INVALID_STATE',
    );
    const closed: SittingState = { ...s, sitting: { ...s.sitting, status: 'closed' } };
    expect(rejected(closed, { type: 'requestFloor', kind: 'speech' }, member(5)).code).toBe(
      'INVALID_STATE',
    );
  });
});

describe('who may have the floor', () => {
  it('a member who is not serving cannot ask for or be given the floor', () => {
    const s = debateSitting({ absent: [memberId(12)] });
    expect(rejected(s, { type: 'requestFloor', kind: 'speech' }, member(12)).code).toBe(
      'NOT_SERVING',
    );
    expect(
      rejected(s, { type: 'requestFloor', kind: 'speech', personId: memberId(12) }, secretary).code,
    ).toBe('NOT_SERVING');
  });

  it('giving the floor to a non-member (the secretary) is refused until the body grants the right to speak', () => {
    const s = debateSitting();
    const refused = rejected(
      s,
      { type: 'requestFloor', kind: 'speech', personId: 'valberedning-1' },
      secretary,
    );
    expect(refused.code).toBe('NOT_SERVING');
    expect(refused.message).toMatch(/yttranderätt/);
    expect(
      rejected(s, { type: 'requestFloor', kind: 'speech', personId: 'nobody' }, secretary).code,
    ).toBe('NOT_FOUND');
  });

  it('an official granted the right to speak by the desk gets the floor, with no party', () => {
    let s = ok(
      debateSitting(),
      {
        type: 'grantRightToSpeak',
        personId: 'kommundirektor',
        name: 'Eva Ek',
        title: 'Kommundirektör',
      },
      chair,
      at(0),
    );
    s = ok(
      s,
      { type: 'requestFloor', kind: 'speech', personId: 'kommundirektor' },
      secretary,
      at(1),
    );
    s = give(s, at(2));
    expect(s.debate.floor).toMatchObject({ personId: 'kommundirektor', partyId: '' });
    expect(debatePublic(s, false).floor?.speaker.name).toBe('Eva Ek');
    expect(
      rejected(s, { type: 'grantRightToSpeak', personId: 'x', name: 'X' }, member(4)).code,
    ).toBe('FORBIDDEN');
  });

  it('R16: a teknikfelsledamot may still speak', () => {
    const s = debateSitting({ absent: [memberId(20)], techFailure: [memberId(20)] });
    expect(isRejection(run(s, { type: 'requestFloor', kind: 'speech' }, member(20), at(0)))).toBe(
      false,
    );
  });

  it('R12: a member with jäv on the item cannot ask for the floor nor be given it', () => {
    const s = debateSitting({ recused: [memberId(6)] });
    expect(rejected(s, { type: 'requestFloor', kind: 'speech' }, member(6)).code).toBe('RECUSED');
    // Recused after asking: the desk cannot give them the floor.
    const asked = speech(6, debateSitting());
    const nowRecused: SittingState = {
      ...asked,
      attendance: { ...asked.attendance, recusals: { i03: [memberId(6)] } },
    };
    expect(rejected(nowRecused, { type: 'giveFloor', seenAndHeard: true }, chair).code).toBe(
      'RECUSED',
    );
  });
});

describe('the desk runs the queue', () => {
  it('reorders speeches within the list', () => {
    let s = speech(7, speech(6, speech(5, debateSitting())));
    const last = s.debate.queue[2];
    if (!last) throw new Error('queue');
    s = ok(s, { type: 'moveFloorRequest', entryId: last.id, toIndex: 0 }, secretary, at(1));
    expect(queueOf(s)).toEqual([
      `speech:${memberId(7)}`,
      `speech:${memberId(5)}`,
      `speech:${memberId(6)}`,
    ]);
    expect(
      rejected(s, { type: 'moveFloorRequest', entryId: last.id, toIndex: 1 }, member(7)).code,
    ).toBe('FORBIDDEN');
  });

  it('cannot move a speech ahead of a point of order or a reply', () => {
    let s = speech(5, debateSitting());
    s = give(s, at(1));
    s = speech(6, s, at(2));
    s = ok(s, { type: 'requestFloor', kind: 'reply' }, member(9), at(3));
    s = ok(s, { type: 'requestFloor', kind: 'point_of_order' }, member(10), at(4));
    expect(queueOf(s)).toEqual([
      `point_of_order:${memberId(10)}`,
      `reply:${memberId(9)}`,
      `speech:${memberId(6)}`,
    ]);
    const speechEntry = s.debate.queue[2];
    if (!speechEntry) throw new Error('queue');
    expect(
      rejected(s, { type: 'moveFloorRequest', entryId: speechEntry.id, toIndex: 0 }, secretary)
        .code,
    ).toBe('INVALID_STATE');
  });

  it('R07: gives the floor to the head of the queue and records that the chair saw and heard the speaker', () => {
    let s = speech(3, speech(5, debateSitting()));
    const r = run(s, { type: 'giveFloor', seenAndHeard: true }, chair, at(10));
    if (isRejection(r)) throw new Error(r.message);
    s = r.state;
    expect(r.events[0]).toMatchObject({
      type: 'FloorGiven',
      payload: { personId: memberId(5), kind: 'speech', seenAndHeard: true, limitSeconds: 300 },
    });
    expect(s.debate.floor).toMatchObject({
      personId: memberId(5),
      startedAt: at(10),
      seenAndHeard: true,
    });
    expect(queueOf(s)).toEqual([`speech:${memberId(3)}`]);
  });

  it('R07: a remote speaker gets the floor only once the chair confirms they are seen and heard', () => {
    const s = speech(5, debateSitting({ remote: [memberId(5)] }));
    const refused = rejected(s, { type: 'giveFloor', seenAndHeard: false }, chair);
    expect(refused.code).toBe('INVALID_STATE');
    expect(refused.message).toMatch(/syns och hörs/);
    expect(give(s, at(1)).debate.floor).toMatchObject({ remote: true, seenAndHeard: true });
  });

  it('only the chair or the secretary gives and ends the floor', () => {
    const s = speech(5, debateSitting());
    expect(rejected(s, { type: 'giveFloor', seenAndHeard: true }, member(5)).code).toBe(
      'FORBIDDEN',
    );
    expect(rejected(give(s, at(1)), { type: 'endFloor' }, member(5)).code).toBe('FORBIDDEN');
    expect(
      rejected(s, { type: 'giveFloor', seenAndHeard: true, entryId: 'gone' }, secretary).code,
    ).toBe('NOT_FOUND');
    expect(
      rejected(debateSitting(), { type: 'giveFloor', seenAndHeard: true }, secretary).code,
    ).toBe('INVALID_STATE');
    expect(rejected(debateSitting(), { type: 'endFloor' }, secretary).code).toBe('INVALID_STATE');
  });

  it('one speaker at a time: giving the next floor ends the current turn first, with its time', () => {
    let s = speech(3, speech(5, debateSitting()));
    s = give(s, at(0));
    const r = run(s, { type: 'giveFloor', seenAndHeard: true }, secretary, at(120));
    if (isRejection(r)) throw new Error(r.message);
    expect(r.events.map((e) => e.type)).toEqual(['FloorEnded', 'FloorGiven']);
    expect(r.state.debate.floor?.personId).toBe(memberId(3));
    expect(r.state.debate.turns).toHaveLength(1);
    expect(r.state.debate.turns[0]).toMatchObject({
      personId: memberId(5),
      durationSeconds: 120,
      overrunSeconds: 0,
      endedAt: at(120),
    });
  });
});

describe('advisory timers', () => {
  it('limits are advisory: a speaker far over time keeps the floor, and the overrun is recorded when the desk ends it', () => {
    let s = give(speech(5, debateSitting()), at(0));
    // Nothing in the module ends a turn by time; well past the limit the speaker still has the floor.
    s = ok(s, { type: 'requestFloor', kind: 'speech' }, member(8), at(400));
    expect(s.debate.floor?.personId).toBe(memberId(5));
    const r = run(s, { type: 'endFloor' }, secretary, at(437));
    if (isRejection(r)) throw new Error(r.message);
    expect(r.events).toEqual([
      {
        type: 'FloorEnded',
        payload: { turnId: expect.any(String), durationSeconds: 437, overrunSeconds: 137 },
      },
    ]);
    expect(r.state.debate.turns[0]).toMatchObject({
      limitSeconds: 300,
      overrunSeconds: 137,
      cutOff: null,
    });
  });

  it('a first speech on the item has 5 minutes, a later one 3, a reply and an answer 1 minute each (Swedish defaults)', () => {
    let s = give(speech(5, debateSitting()), at(0));
    expect(s.debate.floor?.limitSeconds).toBe(300);
    s = ok(s, { type: 'requestFloor', kind: 'reply' }, member(6), at(10));
    s = ok(s, { type: 'endFloor' }, secretary, at(100));
    s = give(s, at(101));
    expect(s.debate.floor).toMatchObject({ kind: 'reply', limitSeconds: 60 });
    s = ok(s, { type: 'requestFloor', kind: 'answer' }, member(5), at(120));
    s = give(s, at(160));
    expect(s.debate.floor).toMatchObject({
      kind: 'answer',
      limitSeconds: 60,
      personId: memberId(5),
    });
    s = give(speech(5, s, at(170)), at(200));
    expect(s.debate.floor).toMatchObject({ kind: 'speech', limitSeconds: 180 });
  });

  it('the desk sets the body’s limits; a member cannot', () => {
    let s = ok(
      debateSitting(),
      {
        type: 'configureDebate',
        config: { firstSpeechSeconds: 600, repliesPerMemberPerSpeech: 1 },
      },
      secretary,
      at(0),
    );
    expect(s.debate.config).toEqual({
      firstSpeechSeconds: 600,
      laterSpeechSeconds: 180,
      replySeconds: 60,
      answerSeconds: 60,
      pointOfOrderSeconds: 60,
      repliesPerMemberPerSpeech: 1,
    });
    s = give(speech(5, s), at(1));
    expect(s.debate.floor?.limitSeconds).toBe(600);
    expect(
      rejected(s, { type: 'configureDebate', config: { replySeconds: 600 } }, member(5)).code,
    ).toBe('FORBIDDEN');
  });
});

describe('replies (repliker) and answers (genmäle)', () => {
  function afterSpeechBy5(): SittingState {
    return give(speech(5, debateSitting()), at(0));
  }

  it('a reply to the current speech goes before the next speech', () => {
    let s = speech(8, afterSpeechBy5(), at(5));
    s = ok(s, { type: 'requestFloor', kind: 'reply' }, member(9), at(6));
    expect(queueOf(s)).toEqual([`reply:${memberId(9)}`, `speech:${memberId(8)}`]);
    expect(s.debate.queue[0]?.replyTo).toBe(s.debate.floor?.id);
  });

  it('the speaker answers each reply, and the answer comes before the next reply', () => {
    let s = afterSpeechBy5();
    const speechId = s.debate.floor?.id;
    s = ok(s, { type: 'requestFloor', kind: 'reply' }, member(9), at(6));
    s = ok(s, { type: 'requestFloor', kind: 'reply' }, member(10), at(7));
    s = give(s, at(60));
    const replyId = s.debate.floor?.id;
    s = ok(s, { type: 'requestFloor', kind: 'answer' }, member(5), at(70));
    expect(queueOf(s)).toEqual([`answer:${memberId(5)}`, `reply:${memberId(10)}`]);
    expect(s.debate.queue[0]?.replyTo).toBe(replyId);
    expect(s.debate.queue[1]?.replyTo).toBe(speechId);
    // One answer per reply.
    expect(rejected(s, { type: 'requestFloor', kind: 'answer' }, member(5)).code).toBe('CONFLICT');
    s = give(s, at(120));
    expect(debatePublic(s, false).floor).toMatchObject({
      kind: 'answer',
      replyTo: { memberId: memberId(9) },
    });
  });

  it('only the speech’s speaker may answer, and only once there is a reply', () => {
    const s = afterSpeechBy5();
    expect(rejected(s, { type: 'requestFloor', kind: 'answer' }, member(5)).message).toMatch(
      /ingen replik/,
    );
    expect(rejected(s, { type: 'requestFloor', kind: 'answer' }, member(6)).message).toMatch(
      /genmäle/,
    );
  });

  it('no one replies to their own speech, nor when there is no speech yet', () => {
    expect(
      rejected(afterSpeechBy5(), { type: 'requestFloor', kind: 'reply' }, member(5)).code,
    ).toBe('INVALID_STATE');
    expect(rejected(debateSitting(), { type: 'requestFloor', kind: 'reply' }, member(5)).code).toBe(
      'INVALID_STATE',
    );
  });

  it('a member makes at most 2 replies to one speech by default', () => {
    let s = afterSpeechBy5();
    for (const t of [10, 100]) {
      s = ok(s, { type: 'requestFloor', kind: 'reply' }, member(9), at(t));
      s = give(s, at(t + 1));
    }
    expect(rejected(s, { type: 'requestFloor', kind: 'reply' }, member(9)).message).toMatch(
      /2 repliker/,
    );
    // A new speech opens new replies.
    s = give(speech(11, s, at(200)), at(201));
    expect(isRejection(run(s, { type: 'requestFloor', kind: 'reply' }, member(9), at(202)))).toBe(
      false,
    );
  });

  it('replies may be asked after the speech ended, until the next speech begins', () => {
    let s = ok(afterSpeechBy5(), { type: 'endFloor' }, secretary, at(100));
    s = ok(s, { type: 'requestFloor', kind: 'reply' }, member(9), at(101));
    expect(s.debate.queue[0]?.replyTo).toBe(s.debate.turns[0]?.id);
  });

  it('the desk cannot give the next speech while replies wait', () => {
    let s = speech(8, afterSpeechBy5(), at(5));
    s = ok(s, { type: 'requestFloor', kind: 'reply' }, member(9), at(6));
    const next = s.debate.queue.find((e) => e.kind === 'speech');
    if (!next) throw new Error('queue');
    expect(
      rejected(s, { type: 'giveFloor', seenAndHeard: true, entryId: next.id }, chair).message,
    ).toMatch(/Repliker går före/);
  });
});

describe('points of order (ordningsfråga)', () => {
  it('a point of order jumps the queue, ahead of replies and speeches', () => {
    let s = give(speech(5, debateSitting()), at(0));
    s = speech(6, s, at(1));
    s = ok(s, { type: 'requestFloor', kind: 'reply' }, member(7), at(2));
    s = ok(s, { type: 'requestFloor', kind: 'point_of_order' }, member(40), at(3));
    expect(queueOf(s)[0]).toBe(`point_of_order:${memberId(40)}`);
    const reply = s.debate.queue[1];
    if (!reply) throw new Error('queue');
    expect(
      rejected(s, { type: 'giveFloor', seenAndHeard: true, entryId: reply.id }, chair).message,
    ).toMatch(/ordningsfråga/);
    s = give(s, at(30));
    expect(s.debate.floor).toMatchObject({
      kind: 'point_of_order',
      personId: memberId(40),
      limitSeconds: 60,
    });
  });
});

describe('closing the list (streck i debatten)', () => {
  it('lists those still entitled, refuses new speeches, still allows replies, and can be reopened', () => {
    let s = speech(7, speech(6, give(speech(5, debateSitting()), at(0)), at(1)), at(2));
    const r = run(s, { type: 'closeSpeakerList' }, secretary, at(3));
    if (isRejection(r)) throw new Error(r.message);
    expect(r.events).toEqual([
      {
        type: 'SpeakerListClosed',
        payload: { itemId: 'i03', entitled: [memberId(6), memberId(7)] },
      },
    ]);
    s = r.state;
    expect(rejected(s, { type: 'requestFloor', kind: 'speech' }, member(8)).message).toMatch(
      /streck i debatten/,
    );
    expect(
      rejected(s, { type: 'requestFloor', kind: 'speech', personId: memberId(8) }, secretary).code,
    ).toBe('INVALID_STATE');
    expect(rejected(s, { type: 'closeSpeakerList' }, secretary).code).toBe('CONFLICT');
    s = ok(s, { type: 'requestFloor', kind: 'reply' }, member(8), at(4));
    s = ok(s, { type: 'reopenSpeakerList' }, secretary, at(5));
    expect(isRejection(run(s, { type: 'requestFloor', kind: 'speech' }, member(8), at(6)))).toBe(
      false,
    );
  });
});

describe('party time pots (partitidspott)', () => {
  it('each party’s remaining time drops as its members speak; an overrun goes negative and the limit is the pot', () => {
    let s = ok(
      debateSitting(),
      { type: 'setPartyPots', pots: { S: 600, M: 300 } },
      secretary,
      at(0),
    );
    // ledamot-02 is S, ledamot-20 is M in the demo council.
    s = give(speech(2, s), at(0));
    expect(s.debate.floor?.limitSeconds).toBe(600);
    expect(partyPotsRemaining(s, at(100))).toEqual({ S: 500, M: 300 });
    s = give(speech(20, s, at(10)), at(420));
    expect(partyPotsRemaining(s)).toEqual({ S: 180, M: 300 });
    expect(s.debate.floor?.limitSeconds).toBe(300);
    s = ok(s, { type: 'endFloor' }, secretary, at(760));
    expect(partyPotsRemaining(s)).toEqual({ S: 180, M: -40 });
    // Desk, members and the public see the same pots (the public view counts to the start of the turn on the floor).
    expect(publicView(s).partyPots).toEqual([
      { party: 'S', remainingSeconds: 180 },
      { party: 'M', remainingSeconds: -40 },
    ]);
    expect(s.debate.turns.at(-1)).toMatchObject({ overrunSeconds: 40 });
    expect(rejected(s, { type: 'setPartyPots', pots: { XX: 10 } }, secretary).code).toBe(
      'NOT_FOUND',
    );
    s = ok(s, { type: 'setPartyPots', pots: null }, secretary, at(800));
    expect(partyPotsRemaining(s)).toBeNull();
  });
});

describe('R10: muting a participant', () => {
  it('the chair or the secretary mutes and unmutes; the event is recorded; a member cannot', () => {
    const r = run(
      debateSitting(),
      { type: 'muteParticipant', personId: memberId(14), reason: 'Rundgång i ljudet' },
      secretary,
      at(5),
    );
    if (isRejection(r)) throw new Error(r.message);
    expect(r.events).toEqual([
      {
        type: 'ParticipantMuted',
        payload: { personId: memberId(14), reason: 'Rundgång i ljudet' },
      },
    ]);
    expect(r.state.debate.muted).toEqual([
      { personId: memberId(14), at: at(5), reason: 'Rundgång i ljudet', by: 'sekreterare' },
    ]);
    expect(
      rejected(r.state, { type: 'muteParticipant', personId: memberId(14), reason: '' }, chair)
        .code,
    ).toBe('CONFLICT');
    expect(
      rejected(
        debateSitting(),
        { type: 'muteParticipant', personId: memberId(14), reason: '' },
        member(3),
      ).code,
    ).toBe('FORBIDDEN');
    const unmuted = ok(
      r.state,
      { type: 'unmuteParticipant', personId: memberId(14) },
      chair,
      at(6),
    );
    expect(unmuted.debate.muted).toEqual([]);
    expect(unmuted.debate.muteLog).toEqual([
      {
        personId: memberId(14),
        at: at(5),
        reason: 'Rundgång i ljudet',
        by: 'sekreterare',
        until: at(6),
      },
    ]);
  });
});

describe('R14: cutting off a speaker who discloses protected data', () => {
  it('the chair cuts off the speaker with a reason: the turn ends, is marked cut off, and the speaker is muted', () => {
    const s = give(speech(5, debateSitting()), at(0));
    const r = run(
      s,
      { type: 'cutOffSpeaker', reason: 'Röjer sekretessbelagda personuppgifter' },
      chair,
      at(42),
    );
    if (isRejection(r)) throw new Error(r.message);
    expect(r.events.map((e) => e.type)).toEqual(['SpeakerCutOff', 'ParticipantMuted']);
    expect(r.state.debate.floor).toBeNull();
    expect(r.state.debate.turns[0]).toMatchObject({
      durationSeconds: 42,
      cutOff: { reason: 'Röjer sekretessbelagda personuppgifter', by: 'ledamot-01' },
    });
    expect(r.state.debate.muted.map((m) => m.personId)).toEqual([memberId(5)]);
  });

  it('only the chair may cut off, and needs a reason', () => {
    const s = give(speech(5, debateSitting()), at(0));
    expect(rejected(s, { type: 'cutOffSpeaker', reason: 'x' }, secretary).code).toBe('FORBIDDEN');
    expect(rejected(debateSitting(), { type: 'cutOffSpeaker', reason: 'x' }, chair).code).toBe(
      'INVALID_STATE',
    );
  });
});

describe('item boundaries', () => {
  it('starting the next item ends the turn on the floor with its time and clears the list, the pots and the closed mark', () => {
    let s = speech(6, give(speech(5, debateSitting()), at(0)), at(1));
    s = ok(s, { type: 'setPartyPots', pots: { S: 600 } }, secretary, at(1));
    s = ok(s, { type: 'closeSpeakerList' }, secretary, at(2));
    const r = run(s, { type: 'startItem', itemId: 'i04' }, secretary, at(90));
    if (isRejection(r)) throw new Error(r.message);
    // Other modules react to the new item too (attendance changes seats at the boundary); debate adds FloorEnded.
    expect(
      r.events.map((e) => e.type).filter((t) => t === 'ItemStarted' || t === 'FloorEnded'),
    ).toEqual(['ItemStarted', 'FloorEnded']);
    expect(r.state.debate).toMatchObject({
      floor: null,
      queue: [],
      listClosed: null,
      partyPots: null,
      currentSpeechId: null,
    });
    expect(r.state.debate.turns[0]).toMatchObject({ itemId: 'i03', durationSeconds: 90 });
  });
});

describe('R12: jäv declared during the debate', () => {
  it('the member leaves the speaker list and, if speaking, the floor, with the time recorded', () => {
    let s = speech(6, give(speech(5, debateSitting()), at(0)), at(1));
    s = ok(s, { type: 'requestFloor', kind: 'reply' }, member(6), at(2));
    const r = run(
      s,
      { type: 'declareRecusal', itemId: 'i03', personId: memberId(6) },
      secretary,
      at(30),
    );
    if (isRejection(r)) throw new Error(r.message);
    expect(r.events.filter((e) => e.type === 'FloorRequestRemoved')).toHaveLength(2);
    expect(r.state.debate.queue).toEqual([]);
    expect(r.state.debate.floor?.personId).toBe(memberId(5));
    const own = run(
      r.state,
      { type: 'declareRecusal', itemId: 'i03', personId: memberId(5) },
      member(5),
      at(40),
    );
    if (isRejection(own)) throw new Error(own.message);
    expect(own.state.debate.floor).toBeNull();
    expect(own.state.debate.turns[0]).toMatchObject({ personId: memberId(5), durationSeconds: 40 });
  });
});

describe('the public view', () => {
  it('R07 R25: shows who has the floor with the countdown basis, and the queue with names and parties', () => {
    let s = speech(
      20,
      speech(6, give(speech(5, debateSitting({ remote: [memberId(6)] })), at(0)), at(1)),
      at(2),
    );
    s = ok(s, { type: 'requestFloor', kind: 'reply' }, member(7), at(3));
    const view = publicView(s);
    expect(view.floor).toMatchObject({
      kind: 'speech',
      speaker: { memberId: memberId(5), party: 'S', remote: false },
      startedAt: at(0),
      limitSeconds: 300,
      replyTo: null,
    });
    expect(
      view.queue.map((q) => [q.kind, q.speaker.memberId, q.speaker.party, q.speaker.remote]),
    ).toEqual([
      ['reply', memberId(7), 'S', false],
      ['speech', memberId(6), 'S', true],
      ['speech', memberId(20), 'M', false],
    ]);
  });

  it('R13: during a confidential item the public sees neither floor nor queue', () => {
    const s = speech(6, give(speech(5, debateSitting({ itemId: 'i07' })), at(0)), at(1));
    expect(debatePublic(s, true)).toEqual({ floor: null, queue: [] });
    expect(publicView(s)).toMatchObject({ closedSession: true, floor: null, queue: [] });
  });
});

describe('speaking-time statistics', () => {
  it('sums time, turns and overrun per member and per party, the turn on the floor counting up to now', () => {
    let s = give(speech(2, debateSitting()), at(0));
    s = ok(s, { type: 'requestFloor', kind: 'reply' }, member(20), at(10));
    s = give(s, at(400)); // S speech 400 s, overrun 100
    s = ok(s, { type: 'requestFloor', kind: 'answer' }, member(2), at(410));
    s = give(s, at(450)); // M reply 50 s
    const stats = speakingStats(s, { now: at(480) }); // S answer 30 s so far
    expect(stats.total).toMatchObject({ turns: 3, seconds: 480, overrunSeconds: 100 });
    expect(
      stats.members.map((m) => [m.personId, m.partyId, m.turns, m.seconds, m.overrunSeconds]),
    ).toEqual([
      [memberId(2), 'S', 2, 430, 100],
      [memberId(20), 'M', 1, 50, 0],
    ]);
    expect(
      stats.parties.map((p) => [
        p.partyId,
        p.speakers,
        p.seconds,
        p.byKind.speech.seconds,
        p.byKind.answer.turns,
      ]),
    ).toEqual([
      ['S', 1, 430, 400, 1],
      ['M', 1, 50, 0, 0],
    ]);
    expect(speakingStats(s).total.turns).toBe(2);
    expect(speakingStats(s, { itemId: 'i04' }).total.turns).toBe(0);
  });
});
