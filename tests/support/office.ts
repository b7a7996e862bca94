// A plenary service for the office's tests: app.request() with JSON and session cookies, the demo council seeded.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createPlenaryService, type PlenaryService } from '../../apps/plenary/src/service.ts';
import { DEMO_PASSWORD } from '../../apps/plenary/src/app/demo-council.ts';

export interface OfficeService {
  service: PlenaryService;
  dir: string;
  login(
    username: string,
    password?: string,
  ): Promise<{ status: number; cookie: string; body: unknown }>;
  /** A JSON request; `body` undefined sends none. */
  call(method: string, path: string, cookie: string, body?: unknown): Promise<Response>;
  stop(): Promise<void>;
}

export async function startOfficeService(
  options: { seedDemo?: boolean; dir?: string; clock?: () => Date } = {},
): Promise<OfficeService> {
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), 'office-test-'));
  const service = await createPlenaryService({
    dataDir: join(dir, 'db'),
    seedDemo: options.seedDemo ?? true,
    log: () => undefined,
    ...(options.clock ? { clock: options.clock } : {}),
  });
  const app = service.app;
  return {
    service,
    dir,
    async login(username, password = DEMO_PASSWORD) {
      const res = await app.request('/api/auth/login', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username, password }),
      });
      const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
      return { status: res.status, cookie, body: await res.json() };
    },
    call: (method, path, cookie, body) =>
      Promise.resolve(
        app.request(path, {
          method,
          headers: {
            ...(body === undefined ? {} : { 'content-type': 'application/json' }),
            ...(cookie ? { cookie } : {}),
          },
          ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        }),
      ),
    async stop() {
      await service.close();
      if (!options.dir) rmSync(dir, { recursive: true, force: true });
    },
  };
}
