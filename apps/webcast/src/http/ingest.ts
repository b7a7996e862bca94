// Remote speaker ingest: MediaRecorder WebM chunks over a WebSocket at /webcast/ingest/<sittingId>?token=…
// Each connection becomes one normalising ffmpeg; only the member who has the floor is put on air (by the layout).
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { validId } from '../archive/archive-store.ts';

export type AuthorizeIngest = (
  token: string,
  sittingId: string,
) => Promise<{ memberId: string } | null>;

export interface IngestSink {
  write(chunk: Buffer): boolean;
  close(): Promise<void>;
}

export interface IngestOptions {
  authorize: AuthorizeIngest | undefined;
  /** Opens a feed for a member; the returned sink takes the WebM bytes. */
  open: (memberId: string, sittingId: string) => IngestSink;
  log?: (msg: string) => void;
  maxChunkBytes?: number;
}

const ingestPath = /^\/webcast\/ingest\/([^/?]+)$/;

/** A path segment decoded, or '' (refused below) when its escapes are broken: an upgrade listener must not throw. */
function decodePathPart(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return '';
  }
}

export function createIngest(o: IngestOptions): {
  attach(server: Server): void;
  close(): Promise<void>;
} {
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: o.maxChunkBytes ?? 4 * 1024 * 1024,
  });
  const sockets = new Set<WebSocket>();

  const reject = (socket: Duplex, status: number, reason: string): void => {
    socket.end(`HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
  };

  const onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer): void => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const m = ingestPath.exec(url.pathname);
    if (m === null) return; // someone else's upgrade (socket.io)
    const sittingId = decodePathPart(m[1] ?? '');
    const token = url.searchParams.get('token') ?? '';
    if (!validId(sittingId) || token === '') return reject(socket, 400, 'Bad Request');
    if (o.authorize === undefined) return reject(socket, 403, 'Forbidden');
    o.authorize(token, sittingId).then(
      (who) => {
        if (who === null) return reject(socket, 403, 'Forbidden');
        wss.handleUpgrade(req, socket, head, (ws) => {
          sockets.add(ws);
          const sink = o.open(who.memberId, sittingId);
          o.log?.(`webcast ingest: ${who.memberId} connected for ${sittingId}`);
          ws.on('message', (data, isBinary) => {
            if (!isBinary || !Buffer.isBuffer(data)) return;
            if (!sink.write(data)) ws.close(1011, 'feed not accepting media; reconnect');
          });
          ws.on('close', () => {
            sockets.delete(ws);
            void sink.close();
            o.log?.(`webcast ingest: ${who.memberId} disconnected`);
          });
          ws.on('error', () => ws.terminate());
        });
      },
      (err: unknown) => {
        o.log?.(`webcast ingest: authorisation failed: ${String(err)}`);
        reject(socket, 500, 'Internal Server Error');
      },
    );
  };

  return {
    attach(server) {
      server.on('upgrade', onUpgrade);
    },
    async close() {
      for (const ws of sockets) ws.terminate();
      await new Promise<void>((r) => wss.close(() => r()));
    },
  };
}
