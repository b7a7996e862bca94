import { describe, expect, it } from 'vitest';
import { trimQueues } from './jitter.ts';
import { AUDIO_BYTES_PER_FRAME } from './types.ts';

const A = AUDIO_BYTES_PER_FRAME;

describe('trimQueues (ITU-R BT.1359 lip-sync)', () => {
  it('leaves balanced queues within the target alone', () => {
    expect(trimQueues(2, 2 * A, 120)).toEqual({ dropFrames: 0, dropAudioBytes: 0 });
    expect(trimQueues(3, 2 * A, 120)).toEqual({ dropFrames: 0, dropAudioBytes: 0 });
  });
  it('drops sound that runs ahead of the picture', () => {
    expect(trimQueues(1, 6 * A, 200)).toEqual({ dropFrames: 0, dropAudioBytes: 5 * A });
  });
  it('drops pictures that run ahead of the sound', () => {
    expect(trimQueues(6, A, 200)).toEqual({ dropFrames: 5, dropAudioBytes: 0 });
  });
  it('trims both to the jitter target when both grew (a source slightly faster than the clock)', () => {
    expect(trimQueues(10, 10 * A, 120)).toEqual({ dropFrames: 7, dropAudioBytes: 7 * A });
  });
  it('never drops more than is queued, and only whole samples', () => {
    const t = trimQueues(0, 3 * A + 6, 0);
    expect(t.dropFrames).toBe(0);
    expect(t.dropAudioBytes % 4).toBe(0);
    expect(t.dropAudioBytes).toBeLessThanOrEqual(3 * A + 4);
  });
});
