// R13: confidential item documents reach only those allowed; the public view shows only that the item is closed.
import { describe, expect, it } from 'vitest';
import {
  allMembers,
  chair,
  desk,
  Driver,
  memberActor,
  mid,
  scheduled,
} from '../testing/attendance-fixtures.ts';
import { memberView } from './member-view.ts';
import { publicView } from './public-view.ts';

const docsOf = (d: Driver, personId: string) =>
  memberView(d.state, memberActor(personId)).items.find((i) => i.id === 'i07')?.documents ?? [];

describe('R13: confidential documents', () => {
  it('R13: members get the confidential documents with the notice before the sitting; others do not', () => {
    const d = new Driver(scheduled());
    expect(docsOf(d, mid(5))).toHaveLength(1);
    expect(
      memberView(d.state, { personId: 'valberedning-1', roles: ['committee'] }).items.find(
        (i) => i.id === 'i07',
      )?.documents,
    ).toEqual([]);
  });

  it('R13: during the sitting, those in the room read them; remote members only where the chair allowed it', () => {
    const d = new Driver(scheduled()).makeRemote(mid(5)).openWithRollCall(
      allMembers().filter((m) => m !== mid(5) && m !== mid(6)),
      [mid(5)],
    );
    expect(docsOf(d, mid(4))).toHaveLength(1);
    expect(docsOf(d, mid(5))).toEqual([]);
    expect(docsOf(d, mid(6))).toEqual([]);
    expect(memberView(d.state, desk).items.find((i) => i.id === 'i07')?.documents).toHaveLength(1);
    d.do(
      { type: 'allowRemoteConfidential', itemId: 'i07', reason: 'Trivial personuppgift' },
      chair,
    );
    expect(docsOf(d, mid(5))).toHaveLength(1);
  });

  it('R13: the public sees that the item is closed and nothing else', () => {
    const d = new Driver(scheduled()).openWithRollCall(allMembers()).startItem('i07');
    const view = publicView(d.state);
    expect(view.closedSession).toBe(true);
    expect(JSON.stringify(view)).not.toContain('Kvarnen');
    expect(JSON.stringify(view)).not.toContain('vardering');
  });
});
