// The council kept up to date by hand in the office (issue 14): mandate period, people, substitutes and their call-in
// order per party and valkrets, a member leaving mid-term and the successor from a date; every change recorded (who,
// when, what), a refused change stores nothing, and a sitting already scheduled keeps the roster it froze.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMinutesService, type MinutesService } from '../support/minutes.ts';

let m: MinutesService;
let desk: string;

beforeAll(async () => {
  m = await startMinutesService();
  desk = await m.login('sekreterare');
}, 120_000);
afterAll(async () => {
  await m.stop();
});

const json = (method: string, path: string, cookie: string, body?: unknown) =>
  m.service.app.request(path, {
    method,
    headers: { 'content-type': 'application/json', cookie },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
const edit = (change: unknown) => json('POST', '/api/office/council/ange-kf/changes', desk, change);

interface CouncilView {
  body: { name: string; mandateFrom?: string; mandateTo?: string };
  seats: { id: string; memberId: string; districtId?: string }[];
  substitutes: { personId: string; partyId: string; order: number; districtId?: string }[];
  successions: { seatId: string; memberId: string; fromDate: string }[];
  holdersToday: Record<string, string>;
  people: { id: string; roles: string[]; email: string | null }[];
  changes: { actorId: string; action: string; at: string; detail: Record<string, unknown> }[];
}
const council = async () =>
  (await (await json('GET', '/api/office/council/ange-kf', desk)).json()) as CouncilView;

const members = [
  'id;name;party;username;roles;seat;substitute_order;email;district',
  'ak-1;Anna Ek;S;ak1;member|chair;1;;ak1@ange.example.se;norr',
  'ak-2;Bo Lind;S;ak2;member;2;;ak2@ange.example.se;syd',
  'ak-3;Cilla Berg;C;ak3;member;3;;ak3@ange.example.se;norr',
  'ae-1;Dan Sjö;S;ae1;substitute;;1;ae1@ange.example.se;norr',
  'ae-2;Eva Ås;S;ae2;substitute;;1;ae2@ange.example.se;syd',
  'ae-3;Fia Holm;S;ae3;substitute;;2;ae3@ange.example.se;syd',
].join('\n');
const body = {
  body: { id: 'ange-kf', name: 'Kommunfullmäktige i Ånge kommun', kind: 'council' },
  districts: [
    { id: 'norr', name: 'Ånge norra' },
    { id: 'syd', name: 'Ånge södra' },
  ],
  parties: [
    { id: 'S', abbreviation: 'S', name: 'Socialdemokraterna', color: '#e8112d' },
    { id: 'C', abbreviation: 'C', name: 'Centerpartiet', color: '#009933' },
  ],
};
const sitting = (startsAt: string) => ({
  bodyId: 'ange-kf',
  title: `Sammanträde ${startsAt.slice(0, 10)}`,
  startsAt,
  room: 'Sessionssalen',
  items: [{ id: 'i1', title: 'Anmälningar', kind: 'report' }],
});

describe('the council kept by hand', () => {
  it('imports a council with valkretsar: seats and substitutes keep their district', async () => {
    const res = await json('POST', '/api/office/council/import', desk, {
      format: 'csv',
      body,
      members,
    });
    expect(await res.json()).toMatchObject({ ok: true, seats: 3, substitutes: 3 });
    const c = await council();
    expect(c.seats.map((s) => s.districtId)).toEqual(['norr', 'syd', 'norr']);
    expect(c.substitutes.map((s) => [s.personId, s.districtId, s.order])).toEqual([
      ['ae-1', 'norr', 1],
      ['ae-2', 'syd', 1],
      ['ae-3', 'syd', 2],
    ]);
  });

  it('sets the mandate period; a sitting outside it is refused', async () => {
    expect(
      (
        await edit({
          type: 'setBody',
          name: 'Kommunfullmäktige i Ånge kommun',
          mandateFrom: '2026-10-15',
          mandateTo: '2030-10-14',
          paragraphSeries: 'year',
        })
      ).status,
    ).toBe(200);
    expect((await council()).body).toMatchObject({
      mandateFrom: '2026-10-15',
      mandateTo: '2030-10-14',
    });
    const outside = await json(
      'POST',
      '/api/office/sittings',
      desk,
      sitting('2030-11-05T18:00:00+01:00'),
    );
    expect(outside.status).toBe(400);
    expect(((await outside.json()) as { message: string }).message).toMatch(/mandatperioden/);
  });

  it('reorders the call-in order of a party in a district; a name twice is refused and nothing changes', async () => {
    const twice = await edit({
      type: 'setSubstitutes',
      partyId: 'S',
      districtId: 'syd',
      personIds: ['ae-3', 'ae-3'],
    });
    expect(twice.status).toBe(400);
    expect(((await twice.json()) as { errors: { path: string }[] }).errors[0]?.path).toBe(
      'personIds',
    );
    const ok = await edit({
      type: 'setSubstitutes',
      partyId: 'S',
      districtId: 'syd',
      personIds: ['ae-3', 'ae-2'],
    });
    expect(ok.status).toBe(200);
    const c = await council();
    expect(
      c.substitutes.filter((s) => s.districtId === 'syd').map((s) => [s.personId, s.order]),
    ).toEqual([
      ['ae-3', 1],
      ['ae-2', 2],
    ]);
    // The other district's list is untouched.
    expect(c.substitutes.find((s) => s.districtId === 'norr')?.personId).toBe('ae-1');
  });

  let before = '';
  it('a member leaves mid-term: the successor holds the seat from the day; the sitting scheduled before keeps its roster', async () => {
    const early = await json(
      'POST',
      '/api/office/sittings',
      desk,
      sitting('2027-02-10T18:00:00+01:00'),
    );
    expect(early.status).toBe(201);
    before = ((await early.json()) as { id: string }).id;
    const person = await edit({
      type: 'putPerson',
      person: {
        id: 'ak-4',
        name: 'Gun Strand',
        partyId: 'C',
        username: 'ak4',
        roles: ['substitute'],
      },
      email: 'ak4@ange.example.se',
    });
    expect(person.status).toBe(200);
    // A successor who would hold two seats is refused.
    const double = await edit({
      type: 'recordSuccession',
      seatId: 'ange-kf-seat-3',
      memberId: 'ak-1',
      fromDate: '2027-03-01',
    });
    expect(double.status).toBe(400);
    const outside = await edit({
      type: 'recordSuccession',
      seatId: 'ange-kf-seat-3',
      memberId: 'ak-4',
      fromDate: '2031-01-01',
    });
    expect(outside.status).toBe(400);
    const ok = await edit({
      type: 'recordSuccession',
      seatId: 'ange-kf-seat-3',
      memberId: 'ak-4',
      fromDate: '2027-03-01',
      reason: 'Cilla Berg har avsagt sig uppdraget; ny sammanräkning av länsstyrelsen.',
    });
    expect(ok.status).toBe(200);
    const c = await council();
    expect(c.holdersToday['ange-kf-seat-3']).toBe('ak-3');
    expect(c.successions).toMatchObject([
      { seatId: 'ange-kf-seat-3', memberId: 'ak-4', fromDate: '2027-03-01' },
    ]);
    expect(c.people.find((p) => p.id === 'ak-4')?.roles).toContain('member');

    const later = await json(
      'POST',
      '/api/office/sittings',
      desk,
      sitting('2027-03-10T18:00:00+01:00'),
    );
    const laterId = ((await later.json()) as { id: string }).id;
    const seat3 = async (id: string) =>
      (await m.service.engine.state(id))?.roster.seats.find((s) => s.id === 'ange-kf-seat-3')
        ?.memberId;
    expect(await seat3(before)).toBe('ak-3');
    expect(await seat3(laterId)).toBe('ak-4');
  });

  it('edits after scheduling never reach a scheduled sitting; every change is recorded with who, when and what', async () => {
    expect(
      (
        await edit({
          type: 'setSubstitutes',
          partyId: 'S',
          districtId: 'norr',
          personIds: [],
        })
      ).status,
    ).toBe(200);
    const frozen = await m.service.engine.state(before);
    expect(frozen?.roster.substitutes.map((s) => s.personId)).toContain('ae-1');
    const c = await council();
    expect(c.changes.map((x) => x.action)).toEqual([
      'council.setSubstitutes',
      'council.recordSuccession',
      'council.putPerson',
      'council.setSubstitutes',
      'council.setBody',
      'council.imported',
    ]);
    expect(c.changes.every((x) => x.actorId === 'sekreterare' && x.at.length > 0)).toBe(true);
    expect(c.changes[1]?.detail).toMatchObject({ seatId: 'ange-kf-seat-3', memberId: 'ak-4' });
  });

  it('a party, a valkrets and a seat added by hand; a seat for someone without the member role, or a bad e-mail, is refused with the field named and nothing stored or recorded', async () => {
    const count = async () => (await council()).changes.length;
    const n = await count();
    expect(
      (
        await edit({
          type: 'putParty',
          party: { id: 'V', abbreviation: 'V', name: 'Vänsterpartiet', color: '#da291c' },
        })
      ).status,
    ).toBe(200);
    expect(
      (await edit({ type: 'putDistrict', district: { id: 'vast', name: 'Ånge västra' } })).status,
    ).toBe(200);
    // ae-2 is a substitute, not a member: the seat is refused under its member field.
    const notMember = await edit({
      type: 'putSeat',
      seat: { id: 'ange-kf-seat-4', number: 4, partyId: 'V', memberId: 'ae-2', districtId: 'vast' },
    });
    expect(notMember.status).toBe(400);
    const refused = (await notMember.json()) as {
      ok: false;
      errors: { path: string; message: string }[];
    };
    expect(refused.errors).toEqual([
      expect.objectContaining({
        path: expect.stringMatching(/^seats\[\d+\]\.memberId$/),
        message: "'ae-2' lacks the role member",
      }),
    ]);
    const badMail = await edit({
      type: 'putPerson',
      person: { id: 'ak-5', name: 'Hans Vik', partyId: 'V', username: 'ak5', roles: ['member'] },
      email: 'inte-en-adress',
    });
    expect(badMail.status).toBe(400);
    expect(
      ((await badMail.json()) as { issues: { path: string }[] }).issues.map((i) => i.path),
    ).toEqual(['email']);
    expect((await council()).seats.map((s) => s.id)).not.toContain('ange-kf-seat-4');
    expect(await count()).toBe(n + 2);

    expect(
      (
        await edit({
          type: 'putPerson',
          person: {
            id: 'ak-5',
            name: 'Hans Vik',
            partyId: 'V',
            username: 'ak5',
            roles: ['member'],
          },
          email: 'ak5@ange.example.se',
        })
      ).status,
    ).toBe(200);
    expect(
      (
        await edit({
          type: 'putSeat',
          seat: {
            id: 'ange-kf-seat-4',
            number: 4,
            partyId: 'V',
            memberId: 'ak-5',
            districtId: 'vast',
          },
        })
      ).status,
    ).toBe(200);
    const c = await council();
    expect(c.seats.find((s) => s.id === 'ange-kf-seat-4')).toMatchObject({
      memberId: 'ak-5',
      districtId: 'vast',
    });
    expect(c.changes.slice(0, 4).map((x) => x.action)).toEqual([
      'council.putSeat',
      'council.putPerson',
      'council.putDistrict',
      'council.putParty',
    ]);
    expect(c.changes[0]?.detail).toMatchObject({ seat: { number: 4, memberId: 'ak-5' } });
    // The sitting scheduled before the new seat still has three.
    expect((await m.service.engine.state(before))?.roster.seats).toHaveLength(3);
  });

  it('R02: a document attached before the sitting can be taken off again; the file is gone', async () => {
    const form = new FormData();
    form.set('title', 'Fel fil');
    form.set(
      'file',
      new File([Buffer.from('%PDF-1.4\n% fel\n%%EOF\n')], 'fel.pdf', { type: 'application/pdf' }),
    );
    const up = await m.service.app.request(`/api/office/sittings/${before}/items/i1/files`, {
      method: 'POST',
      headers: { cookie: desk },
      body: form,
    });
    expect(up.status).toBe(201);
    const { id } = (await up.json()) as { id: string };
    const removed = await json('DELETE', `/api/office/sittings/${before}/files/${id}`, desk);
    expect(removed.status).toBe(200);
    expect((await m.service.engine.state(before))?.items[0]?.documents).toEqual([]);
    expect((await m.service.app.request(`/api/files/${id}`)).status).toBe(404);
    expect((await json('DELETE', `/api/office/sittings/${before}/files/${id}`, desk)).status).toBe(
      404,
    );
  });

  it('only the office edits the council', async () => {
    const member = await m.login('ledamot05');
    const res = await json('POST', '/api/office/council/ange-kf/changes', member, {
      type: 'putDistrict',
      district: { id: 'x', name: 'x' },
    });
    expect(res.status).toBe(403);
  });
});
