// Runs the minutes fixture sitting (apps/plenary/src/domain/testing/minutes-fixtures.ts) through a real plenary service:
// every command through the engine with a clock the script moves, as a real sitting would store it.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createPlenaryService,
  type PlenaryOptions,
  type PlenaryService,
} from '../../apps/plenary/src/service.ts';
import { DEMO_SITTING_ID } from '../../apps/plenary/src/app/demo-council.ts';
import {
  lookupIn,
  minutesScript,
  SCRIPT_START,
} from '../../apps/plenary/src/domain/testing/minutes-fixtures.ts';
import { initialSittingState } from '../../apps/plenary/src/domain/sitting/sitting.ts';
import type { SittingState } from '../../apps/plenary/src/domain/sitting/types.ts';
import type { SittingEngine } from '../../apps/plenary/src/app/sitting-engine.ts';

export interface MinutesService {
  service: PlenaryService;
  clock: { now: Date; advance(seconds: number): void };
  /** Log in over HTTP (app.request); returns the cookie header value. */
  login(username: string): Promise<string>;
  /** GET with a session cookie. */
  get(path: string, cookie?: string): Promise<Response>;
  /** POST a command as a signed-in person. */
  command(command: unknown, cookie: string): Promise<Response>;
  stop(): Promise<void>;
}

/** A clock the tests move by hand, starting where the fixture sitting starts. */
export function scriptClock(): { now: Date; advance(seconds: number): void } {
  return {
    now: new Date(SCRIPT_START),
    advance(seconds: number) {
      this.now = new Date(this.now.getTime() + seconds * 1000);
    },
  };
}

export async function startMinutesService(
  options: {
    databaseUrl?: string | undefined;
    /** Keep the embedded database here (as DATA_DIR/plenary), not removed on stop. */ dataDir?: string;
    mail?: { url: string; from: string };
    /** Sign-in through an identity provider, and acts that need a stronger sign-in (issue 17). */
    oidc?: PlenaryOptions['oidc'];
    stepUp?: PlenaryOptions['stepUp'];
  } = {},
): Promise<MinutesService> {
  const dir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'minutes-test-'));
  const clock = scriptClock();
  const service = await createPlenaryService({
    databaseUrl: options.databaseUrl,
    dataDir: join(dir, options.dataDir ? 'plenary' : 'db'),
    seedDemo: true,
    log: () => undefined,
    clock: () => clock.now,
    ...(options.mail ? { mail: options.mail } : {}),
    ...(options.oidc ? { oidc: options.oidc } : {}),
    ...(options.stepUp ? { stepUp: options.stepUp } : {}),
  });
  const app = service.app;
  return {
    service,
    clock,
    async login(username) {
      const res = await app.request('/api/auth/login', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username, password: 'demo2026' }),
      });
      if (!res.ok) throw new Error(`login ${username}: ${res.status}`);
      return (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    },
    get: (path, cookie) =>
      Promise.resolve(app.request(path, { headers: cookie ? { cookie } : {} })),
    command: (command, cookie) =>
      Promise.resolve(
        app.request(`/api/sittings/${DEMO_SITTING_ID}/commands`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', cookie },
          body: JSON.stringify(command),
        }),
      ),
    async stop() {
      await service.close();
      if (!options.dataDir) rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Run the whole fixture sitting through the engine; throws on the first rejection. */
export async function runMinutesScript(m: {
  service: { engine: SittingEngine };
  clock: { advance(seconds: number): void };
}): Promise<SittingState> {
  let state: SittingState =
    (await m.service.engine.state(DEMO_SITTING_ID)) ?? initialSittingState(DEMO_SITTING_ID);
  for (const entry of minutesScript(lookupIn(() => state))) {
    const steps = typeof entry === 'function' ? entry() : [entry];
    for (const step of steps) {
      if (step.wait) m.clock.advance(step.wait);
      const result = await m.service.engine.execute(DEMO_SITTING_ID, step.command, step.actor);
      if (!result.ok)
        throw new Error(
          `${step.command.type} rejected: ${result.error.code} ${result.error.message}`,
        );
      state = (await m.service.engine.state(DEMO_SITTING_ID)) ?? state;
    }
  }
  return state;
}
