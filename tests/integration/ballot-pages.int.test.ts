// The ballot service's own pages (issue 15): /ballot and /ballot/ show the service, not plenary's start page, and a
// question's public state can be looked up by its id.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBallotService } from '../../apps/ballot/src/service.ts';
import { keypair, type Keys } from '../support/ballot-election.ts';
import { openQuestion, type Requester } from '../support/ballot-client.ts';

let plenary: Keys;
let service: Awaited<ReturnType<typeof createBallotService>>;
let request: Requester;

beforeAll(async () => {
  plenary = keypair();
  service = await createBallotService({
    dataDir: 'memory://',
    plenaryRollKey: async () => plenary.publicKey,
    log: () => undefined,
    countsWindowMs: 0,
  });
  request = (path, init) => Promise.resolve(service.app.request(path, init));
});
afterAll(() => service.close());

describe('ballot pages', () => {
  it('answers /ballot and /ballot/ with the same Swedish page', async () => {
    for (const path of ['/ballot', '/ballot/']) {
      const res = await request(path);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/text\/html/);
      const body = await res.text();
      expect(body).toContain('<html lang="sv">');
      expect(body).toContain('<h1>Sluten omröstning</h1>');
      expect(body).toContain('action="/ballot/fraga"');
      expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
    }
  });

  it('shows an open question by id with its counts and committee, and says plainly when there is none', async () => {
    const q = await openQuestion(request, plenary, { type: 'yesno' }, 5, 'q-page');
    const res = await request('/ballot/fraga?id=q-page');
    expect(res.status).toBe(200);
    const body = await res.text();
    expect(body).toContain(`<h1>${q.view.manifest.title}</h1>`);
    expect(body).toContain('Öppen – ledamöterna röstar');
    expect(body).toMatch(/<dt>Röstberättigade<\/dt>\s*<dd>5<\/dd>/);
    expect(body).toContain(q.view.manifest.committee[0]?.name ?? 'missing');
    // The board is published only at close.
    expect(body).not.toContain('/board"');

    const missing = await request('/ballot/fraga?id=finns-inte');
    expect(missing.status).toBe(404);
    expect(await missing.text()).toContain('Ingen omröstning har id finns-inte.');
    const bad = await request('/ballot/fraga?id=%00');
    expect(bad.status).toBe(404);
    expect(await bad.text()).toContain('inte ett giltigt id');
  });
});
