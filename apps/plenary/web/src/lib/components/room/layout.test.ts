import { describe, expect, it } from 'vitest';
import { roomLayout } from './layout.ts';

const tile = (source: string, kind: 'remote' | 'chamber', interpreter = false) => ({
  source,
  kind,
  interpreter,
});
const salen = tile('chamber:salen', 'chamber');
const presidiet = tile('chamber:presidiet', 'chamber');
const tolk = tile('chamber:tolk', 'chamber', true);
const a = tile('ledamot-02', 'remote');
const b = tile('ledamot-03', 'remote');
const all = [salen, presidiet, tolk, a, b];

describe('R09: the sign-language interpreter is pinned beside the speaker', () => {
  it('on a member device: the remote speaker large, the interpreter beside, the other cameras and the grid', () => {
    expect(roomLayout(all, 'ledamot-03', false)).toEqual({
      speaker: b,
      interpreter: tolk,
      chamber: [salen, presidiet],
      people: [a, b],
    });
  });

  it('a speaker in the chamber: the room overview large, the interpreter still beside it', () => {
    const laid = roomLayout(all, 'ledamot-40', false);
    expect(laid.speaker).toBe(salen);
    expect(laid.interpreter).toBe(tolk);
  });

  it('on the chamber screen: the remote speaker and the interpreter, no other chamber camera', () => {
    expect(roomLayout(all, 'ledamot-02', true)).toEqual({
      speaker: a,
      interpreter: tolk,
      chamber: [],
      people: [a, b],
    });
    expect(roomLayout(all, null, true)).toMatchObject({ speaker: null, interpreter: tolk });
  });

  it('the interpreter stays pinned whoever has the floor, and no tile is shown twice', () => {
    for (const speakerId of [null, 'ledamot-02', 'ledamot-03', 'ledamot-40'])
      for (const screen of [false, true]) {
        const laid = roomLayout(all, speakerId, screen);
        expect(laid.interpreter).toBe(tolk);
        expect(laid.chamber).not.toContain(tolk);
        expect(laid.people).not.toContain(tolk);
        expect(laid.speaker).not.toBe(tolk);
      }
  });

  it('a room with no interpreter: nothing pinned, as before', () => {
    expect(roomLayout([salen, presidiet, a], 'ledamot-02', false)).toEqual({
      speaker: a,
      interpreter: null,
      chamber: [salen, presidiet],
      people: [a],
    });
  });
});
