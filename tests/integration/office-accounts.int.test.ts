// The office's accounts (/api/office/accounts): the administrator creates accounts, sets a temporary password that
// must be changed at first sign-in or sends a one-time link, deactivates, and sees last sign-in; every change is
// recorded; no account keeps the demo password outside the demo.
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AccountRow } from '@council/shared';
import { startOfficeService, type OfficeService } from '../support/office.ts';

let o: OfficeService;
let admin: string;

beforeAll(async () => {
  o = await startOfficeService();
  admin = (await o.login('admin')).cookie;
});
afterAll(async () => {
  await o.stop();
});

async function account(id: string): Promise<AccountRow | undefined> {
  const res = await o.call('GET', '/api/office/accounts', admin);
  const body = (await res.json()) as { accounts: AccountRow[] };
  return body.accounts.find((a) => a.id === id);
}

describe('accounts in the office', () => {
  it('only the administrator manages accounts', async () => {
    expect((await o.call('GET', '/api/office/accounts', '')).status).toBe(401);
    const secretary = (await o.login('sekreterare')).cookie;
    expect((await o.call('GET', '/api/office/accounts', secretary)).status).toBe(403);
    const member = (await o.login('ledamot05')).cookie;
    const res = await o.call('POST', '/api/office/accounts/ledamot-05/password', member, {
      mode: 'link',
    });
    expect(res.status).toBe(403);
  });

  it('creates an account; a temporary password opens only the change of password; then the own password works', async () => {
    const created = await o.call('POST', '/api/office/accounts', admin, {
      id: 'p-nyman',
      name: 'Karin Nyman',
      username: 'karin.nyman',
      roles: ['secretary'],
      email: 'karin.nyman@example.se',
    });
    expect(created.status).toBe(201);
    const again = await o.call('POST', '/api/office/accounts', admin, {
      id: 'p-other',
      name: 'Annan',
      username: 'karin.nyman',
      roles: ['member'],
    });
    expect(again.status).toBe(409);
    expect(await account('p-nyman')).toMatchObject({
      hasPassword: false,
      active: true,
      lastLoginAt: null,
      linkedIdentity: null,
    });
    expect((await o.login('karin.nyman', 'whatever-it-is')).status).toBe(401);
    const short = await o.call('POST', '/api/office/accounts/p-nyman/password', admin, {
      mode: 'temporary',
      password: 'kort',
    });
    expect(short.status).toBe(400);
    const set = await o.call('POST', '/api/office/accounts/p-nyman/password', admin, {
      mode: 'temporary',
      password: 'Tillfälligt-2026',
    });
    expect(set.status).toBe(200);
    const first = await o.login('karin.nyman', 'Tillfälligt-2026');
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ personId: 'p-nyman', mustChangePassword: true });
    // Until the person chooses their own password nothing but /api/auth answers as signed in.
    expect((await o.call('GET', '/api/sittings/demo', first.cookie)).status).toBe(401);
    expect(
      (
        await o.call('POST', '/api/auth/password', first.cookie, {
          current: 'fel-lösenord',
          next: 'Mitt-eget-lösenord-1',
        })
      ).status,
    ).toBe(401);
    const changed = await o.call('POST', '/api/auth/password', first.cookie, {
      current: 'Tillfälligt-2026',
      next: 'Mitt-eget-lösenord-1',
    });
    expect(changed.status).toBe(200);
    const me = await o.call('GET', '/api/auth/me', first.cookie);
    expect(await me.json()).not.toHaveProperty('mustChangePassword');
    expect((await o.login('karin.nyman', 'Tillfälligt-2026')).status).toBe(401);
    expect((await o.login('karin.nyman', 'Mitt-eget-lösenord-1')).status).toBe(200);
    const row = await account('p-nyman');
    expect(row?.mustChangePassword).toBe(false);
    expect(Date.parse(row?.lastLoginAt ?? '')).toBeGreaterThan(Date.now() - 60_000);
  });

  it('a one-time link sets a password once; a used link is refused', async () => {
    const res = await o.call('POST', '/api/office/accounts/ledamot-07/password', admin, {
      mode: 'link',
    });
    const { link } = (await res.json()) as { link: string };
    expect(link).toMatch(/^\/konto\/losenord#[A-Za-z0-9_-]{40,}$/);
    const token = link.split('#')[1] ?? '';
    const ok = await o.call('POST', '/api/auth/reset', '', { token, password: 'Ledamot-sju-2026' });
    expect(ok.status).toBe(200);
    expect((await o.login('ledamot07', 'Ledamot-sju-2026')).status).toBe(200);
    expect((await o.login('ledamot07')).status).toBe(401);
    const reused = await o.call('POST', '/api/auth/reset', '', {
      token,
      password: 'Annat-lösen-99',
    });
    expect(reused.status).toBe(404);
  });

  it('a deactivated account cannot sign in and its sessions end; activating it again lets it in', async () => {
    const session = (await o.login('ledamot09')).cookie;
    expect((await o.call('GET', '/api/auth/me', session)).status).toBe(200);
    expect((await o.call('POST', '/api/office/accounts/ledamot-09/deactivate', admin)).status).toBe(
      200,
    );
    expect((await o.call('GET', '/api/auth/me', session)).status).toBe(401);
    expect((await o.login('ledamot09')).status).toBe(401);
    expect((await account('ledamot-09'))?.active).toBe(false);
    expect((await o.call('POST', '/api/office/accounts/admin/deactivate', admin)).status).toBe(400);
    await o.call('POST', '/api/office/accounts/ledamot-09/activate', admin);
    expect((await o.login('ledamot09')).status).toBe(200);
  });

  it('every change is recorded with who and when, never a password', async () => {
    const res = await o.call('GET', '/api/office/accounts/history', admin);
    const { changes } = (await res.json()) as {
      changes: { actorId: string; subject: string; action: string; at: string }[];
    };
    const actions = changes.map((c) => `${c.subject} ${c.action} ${c.actorId}`);
    expect(actions).toEqual(
      expect.arrayContaining([
        'person:p-nyman account.created admin',
        'person:p-nyman password.temporary admin',
        'person:p-nyman password.changed p-nyman',
        'person:ledamot-07 password.link admin',
        'person:ledamot-07 password.set-by-link ledamot-07',
        'person:ledamot-09 account.deactivated admin',
        'person:ledamot-09 account.activated admin',
      ]),
    );
    expect(JSON.stringify(changes)).not.toContain('Tillfälligt-2026');
  });
});

describe('outside the demo', () => {
  it('a start with SEED_DEMO=false removes the demo password from every account', async () => {
    const demo = await startOfficeService();
    const dir = demo.dir;
    expect((await demo.login('ledamot05')).status).toBe(200);
    await demo.service.close();
    const real = await startOfficeService({ seedDemo: false, dir });
    try {
      expect((await real.login('ledamot05')).status).toBe(401);
      expect((await real.login('admin')).status).toBe(401);
    } finally {
      await real.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
