// The ballot service's HTTP app: Hono under /ballot; every error answered { code, message }, internals only logged.
import { Hono } from 'hono';
import { edgeGuard, securityHeaders, type EdgeOptions } from '@council/node-server/edge';
import { reject } from '@council/shared';
import type { Operations } from '../app/operations.ts';
import { respond } from './errors.ts';
import { pageRoutes } from './pages.ts';
import { questionRoutes } from './question.routes.ts';

export interface AppDeps {
  ops: Operations;
  log: (m: string) => void;
  edge?: EdgeOptions | undefined;
}

export function createApp(deps: AppDeps): Hono {
  // strict: false so /ballot and /ballot/ are the same page.
  const app = new Hono({ strict: false }).basePath('/ballot');
  let requestSeq = 0;
  // The shared edge (issue 11 item 6): security headers, a foreign Origin 403, JSON bodies only (415).
  app.use(securityHeaders());
  app.use(
    edgeGuard({
      ...deps.edge,
      refuse: (c, _s, code, message) => respond(c, reject(code, message)),
    }),
  );
  app.get('/api/health', (c) => c.json({ ok: true }));
  app.route('/api', questionRoutes(deps.ops));
  app.route('/', pageRoutes(deps.ops));
  app.notFound((c) => respond(c, reject('NOT_FOUND', 'No such ballot endpoint.')));
  app.onError((error, c) => {
    // A request id ties the log line to the answer; no client address, cookie or body is logged.
    const id = `ballot-${Date.now().toString(36)}-${(requestSeq++).toString(36)}`;
    deps.log(
      `ballot: internal error ${id} on ${c.req.method} ${c.req.routePath}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
    );
    return c.json(
      {
        code: 'INTERNAL',
        message: `Something went wrong on our side (${id}). Try again; if it persists, tell the desk.`,
      },
      500,
    );
  });
  return app;
}
