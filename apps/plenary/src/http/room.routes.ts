// The sitting's video room over HTTP (R09): whether it runs, and a pass into it for whoever plenary admits.
import type { Hono } from 'hono';
import { z } from 'zod';
import {
  idText,
  isRejection,
  reject,
  type RoomPassView,
  type RoomStatusView,
} from '@council/shared';
import type { VideoRoom } from '../video/video-room.ts';
import { sendRejection } from './errors.ts';
import type { PlenaryEnv } from './env.ts';
import { validate } from './validate.ts';

const sittingParam = z.object({ id: idText() });

export function roomRoutes(app: Hono<PlenaryEnv>, video: VideoRoom): void {
  app.get('/api/room/status', (c) => {
    const s = video.status();
    const body: RoomStatusView = s.available
      ? { available: true, reason: null }
      : { available: false, reason: s.reason };
    return c.json(body);
  });

  app.post('/api/sittings/:id/room', validate('param', sittingParam), async (c) => {
    const person = c.get('person');
    if (!person)
      return sendRejection(c, reject('UNAUTHENTICATED', 'Logga in först.', 'Log in first.'));
    const sittingId = c.req.valid('param').id;
    const pass = await video.pass(sittingId, person);
    c.header('Cache-Control', 'no-store');
    if (isRejection(pass)) return sendRejection(c, pass);
    const body: RoomPassView = {
      sittingId,
      publish: pass.publish,
      kind: pass.kind,
      iceServers: pass.iceServers,
      turnExpiresAt: pass.turnExpiresAt,
    };
    return c.json(body);
  });
}
