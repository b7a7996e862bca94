import { describe, expect, it } from 'vitest';
import type { AgendaItemInput } from '@council/shared';
import { agendaChanges, amendAgenda } from './agenda.ts';
import type { SittingState } from './types.ts';

const item = (id: string, extra: Partial<AgendaItemInput> = {}): AgendaItemInput => ({
  id,
  title: `Ärende ${id}`,
  kind: 'matter',
  caseNumber: '',
  description: '',
  confidential: false,
  documents: [],
  ...extra,
});

function stateOf(items: AgendaItemInput[], status: SittingState['sitting']['status']) {
  return {
    sitting: { status },
    items: items.map((i, n) => ({
      ...i,
      position: n + 1,
      status: 'pending',
      paragraph: null,
      startedAt: null,
      handedOut: [],
    })),
  } as unknown as SittingState;
}

describe('amendAgenda', () => {
  const doc = { title: 'Bilaga', url: '/api/files/f1' };
  const scheduled = stateOf([item('p1', { documents: [doc] }), item('p2')], 'scheduled');

  it('keeps the documents attached to an item and ignores those a request names', () => {
    const out = amendAgenda(scheduled, [
      item('p2', { documents: [{ title: 'X', url: 'https://example.org/x.pdf' }] }),
      item('p1', { title: 'Nytt namn' }),
    ]);
    expect(out).toEqual([item('p2'), item('p1', { title: 'Nytt namn', documents: [doc] })]);
  });

  it('refuses once the sitting has opened, in Swedish', () => {
    const out = amendAgenda(stateOf([item('p1')], 'open'), [item('p1', { title: 'Y' })]);
    expect(out).toMatchObject({ code: 'INVALID_STATE' });
    expect((out as { message: string }).message).toMatch(/^Sammanträdet har öppnats/);
  });

  it('refuses removing an item that has documents, twice the same id, and no change', () => {
    expect(amendAgenda(scheduled, [item('p2')])).toMatchObject({ code: 'INVALID_STATE' });
    expect(amendAgenda(scheduled, [item('p1'), item('p1')])).toMatchObject({
      code: 'INVALID_INPUT',
    });
    expect(amendAgenda(scheduled, [item('p1'), item('p2')])).toMatchObject({
      message: expect.stringMatching(/oförändrad/),
    });
  });
});

describe('agendaChanges', () => {
  it('names what was added, removed, edited and whether the order changed', () => {
    expect(
      agendaChanges(
        [item('p1'), item('p2'), item('p3')],
        [item('p3'), item('p1', { confidential: true }), item('p4')],
      ),
    ).toEqual({ added: ['p4'], removed: ['p2'], edited: ['p1'], reordered: true });
    expect(agendaChanges([item('p1'), item('p2')], [item('p1'), item('p2')])).toEqual({
      added: [],
      removed: [],
      edited: [],
      reordered: false,
    });
  });
});
