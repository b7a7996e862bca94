// Plenary's HTTP edge through app.request(): health, login, bad input (malformed, unknown fields, wrong types,
// oversize), 401/403, and the import's all-or-nothing errors naming row and field.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPlenaryService, type PlenaryService } from '../../apps/plenary/src/service.ts';
import { importCouncil, importCouncilCsv } from '../../apps/plenary/src/app/council-import.ts';
import { demoCouncil, DEMO_SITTING_ID } from '../../apps/plenary/src/app/demo-council.ts';
import { existingIds } from '../../apps/plenary/src/db/council.repo.ts';

let service: PlenaryService;
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'http-test-'));
  service = await createPlenaryService({
    dataDir: join(dir, 'db'),
    seedDemo: true,
    log: () => undefined,
  });
});
afterAll(async () => {
  await service.close();
  rmSync(dir, { recursive: true, force: true });
});

const json = (body: unknown, cookie?: string) => ({
  method: 'POST',
  headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) },
  body: typeof body === 'string' ? body : JSON.stringify(body),
});

async function login(username: string): Promise<string> {
  const res = await service.app.request(
    '/api/auth/login',
    json({ username, password: 'demo2026' }),
  );
  expect(res.status).toBe(200);
  const cookie = res.headers.get('set-cookie') ?? '';
  expect(cookie).toMatch(/HttpOnly/i);
  expect(cookie).toMatch(/SameSite=Lax/i);
  return cookie.split(';')[0] ?? '';
}

describe('HTTP API', () => {
  it('answers /healthz with the database reachable', async () => {
    const res = await service.app.request('/healthz');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok' });
  });

  it('logs in, tells who is logged in, and logs out', async () => {
    const cookie = await login('ledamot05');
    const me = await service.app.request('/api/auth/me', { headers: { cookie } });
    expect(await me.json()).toMatchObject({ personId: 'ledamot-05', roles: ['member'] });
    expect(
      (await service.app.request('/api/auth/logout', { method: 'POST', headers: { cookie } }))
        .status,
    ).toBe(204);
    expect((await service.app.request('/api/auth/me', { headers: { cookie } })).status).toBe(401);
  });

  it('refuses a wrong password without saying which part was wrong', async () => {
    const wrong = await service.app.request(
      '/api/auth/login',
      json({ username: 'ledamot05', password: 'nope' }),
    );
    const unknown = await service.app.request(
      '/api/auth/login',
      json({ username: 'nobody', password: 'nope' }),
    );
    expect(wrong.status).toBe(401);
    expect(await wrong.json()).toEqual(await unknown.json());
  });

  it('answers malformed JSON, unknown fields and wrong types with 400 naming the field', async () => {
    const malformed = await service.app.request('/api/auth/login', json('{"username": '));
    expect(malformed.status).toBe(400);
    expect(await malformed.json()).toMatchObject({ code: 'INVALID_INPUT' });

    const unknownField = await service.app.request(
      '/api/auth/login',
      json({ username: 'a', password: 'b', admin: true }),
    );
    expect(unknownField.status).toBe(400);
    expect(JSON.stringify(await unknownField.json())).toContain('admin');

    const cookie = await login('sekreterare');
    const wrongType = await service.app.request(
      `/api/sittings/${DEMO_SITTING_ID}/commands`,
      json({ type: 'startItem', itemId: 42 }, cookie),
    );
    expect(wrongType.status).toBe(400);
    expect(await wrongType.json()).toMatchObject({
      code: 'INVALID_INPUT',
      issues: [{ path: 'itemId' }],
    });

    const unknownCommand = await service.app.request(
      `/api/sittings/${DEMO_SITTING_ID}/commands`,
      json({ type: 'dissolveCouncil' }, cookie),
    );
    expect(unknownCommand.status).toBe(400);
  });

  it('refuses an oversize body with 413', async () => {
    const res = await service.app.request(
      '/api/auth/login',
      json({ username: 'x'.repeat(300_000), password: 'y' }),
    );
    expect(res.status).toBe(413);
    expect(await res.json()).toMatchObject({ code: 'PAYLOAD_TOO_LARGE' });
  });

  it('needs a login for member routes (401) and the right role for desk commands (403)', async () => {
    expect((await service.app.request(`/api/sittings/${DEMO_SITTING_ID}`)).status).toBe(401);
    expect(
      (
        await service.app.request(
          `/api/sittings/${DEMO_SITTING_ID}/commands`,
          json({ type: 'openSitting' }),
        )
      ).status,
    ).toBe(401);
    const member = await login('ledamot06');
    const res = await service.app.request(
      `/api/sittings/${DEMO_SITTING_ID}/commands`,
      json({ type: 'openSitting' }, member),
    );
    expect(res.status).toBe(403);
    expect(await res.json()).toMatchObject({ code: 'FORBIDDEN' });
  });

  it('serves the public view without a login, hiding confidential item titles', async () => {
    const res = await service.app.request(`/api/public/sittings/${DEMO_SITTING_ID}`);
    expect(res.status).toBe(200);
    const view = (await res.json()) as { items: { id: string; title: string }[]; seats: number };
    expect(view.seats).toBe(61);
    expect(view.items.find((i) => i.id === 'i07')?.title).not.toContain('Kvarnen');
    expect((await service.app.request('/api/public/sittings/nope')).status).toBe(404);
  });

  it('publishes the roll-signing key for the ballot service and the log-signing key', async () => {
    const res = await service.app.request('/api/public/keys');
    expect(await res.json()).toEqual({
      rollSigningKey: expect.stringMatching(/^[0-9a-f]{64}$/),
      logSigningKey: service.logSigner.publicKeyHex,
      logSigningKeyId: service.logSigner.keyId,
    });
  });

  it('lets only the desk upload the webcast captions', async () => {
    const asCookie = (cookie?: string) =>
      new Request('http://localhost/webcast/captions', cookie ? { headers: { cookie } } : {});
    expect(await service.authorizeCaptions(asCookie(await login('sekreterare')))).toBe(true);
    expect(await service.authorizeCaptions(asCookie(await login('ledamot12')))).toBe(false);
    expect(await service.authorizeCaptions(asCookie())).toBe(false);
  });

  it('answers unknown API routes with a JSON 404', async () => {
    const res = await service.app.request('/api/nothing-here');
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ code: 'NOT_FOUND' });
  });
});

describe('council import', () => {
  it('names row and field of every bad row and imports nothing', async () => {
    const before = await existingIds(service.db);
    const data = demoCouncil();
    const bad = {
      ...data,
      body: { ...data.body, id: 'ks' },
      people: data.people.map((p, i) => ({
        ...p,
        id: `x-${p.id}`,
        username: `x${p.username}`,
        partyId: i === 3 ? 'PIRAT' : p.partyId,
      })),
      seats: data.seats.map((s) => ({ ...s, memberId: `x-${s.memberId}` })),
      substitutes: [],
      contacts: [],
      sittings: [],
    };
    const result = await importCouncil(service.db, bad);
    expect(result).toEqual({
      ok: false,
      errors: [{ path: 'people[3].partyId', message: "no party 'PIRAT'" }],
    });
    const after = await existingIds(service.db);
    expect(after.personIds.size).toBe(before.personIds.size);
  });

  it('rejects schema errors with their paths', async () => {
    const result = await importCouncil(service.db, {
      body: { id: 'b', name: 'N', kind: 'parliament' },
      parties: [],
      people: [],
      seats: [],
    });
    expect(result.ok).toBe(false);
    if (!result.ok)
      expect(result.errors.map((e) => e.path)).toEqual(
        expect.arrayContaining(['body.kind', 'parties', 'people', 'seats']),
      );
  });

  it('imports a board from a members CSV with its body file', async () => {
    const body = {
      body: {
        id: 'byggnadsnamnden',
        name: 'Byggnadsnämnden',
        kind: 'board',
        crossPartyOrder: { M: ['KD', 'L'] },
      },
      parties: demoCouncil().parties,
    };
    const csv = [
      'id;name;party;username;roles;seat;substitute_order',
      'bn-1;Greta Lind;M;greta.lind;member|chair;1;',
      'bn-2;Olle Berg;S;olle.berg;member;2;',
      'bn-3;"Lind, Maja";KD;maja.lind;substitute;;1',
    ].join('\n');
    expect(await importCouncilCsv(service.db, body, csv)).toEqual({
      ok: true,
      people: 3,
      seats: 2,
      substitutes: 1,
      sittings: 0,
    });
    const bad = await importCouncilCsv(
      service.db,
      body,
      'id;name;party;username;roles;seat;substitute_order\nq;Q;M;qq;member;zero;',
    );
    expect(bad).toEqual({
      ok: false,
      errors: [{ path: 'row 2, column seat', message: "'zero' is not a seat number" }],
    });
  });
});
