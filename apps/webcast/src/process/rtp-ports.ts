// Free local UDP ports for an RTP input (a member forwarded from the video room): ffmpeg listens on each even port and
// on the port after it (RTCP), so each pair is probed by binding both and released just before ffmpeg takes them.
import { createSocket, type Socket } from 'node:dgram';

function bind(port: number, host: string): Promise<Socket | null> {
  return new Promise((resolve) => {
    const s = createSocket('udp4');
    s.once('error', () => {
      s.close();
      resolve(null);
    });
    s.bind(port, host, () => resolve(s));
  });
}

/**
 * `count` even ports on `host`, each with the odd port after it free too. Ports are taken from a random start in
 * 20000–59998 so that nodes on one machine rarely try the same ones; the caller has a short race with other programs.
 */
export async function freeRtpPorts(count: number, host = '127.0.0.1'): Promise<number[]> {
  const found: number[] = [];
  const held: Socket[] = [];
  let port = 20000 + 2 * Math.floor(Math.random() * 20000);
  try {
    for (let tries = 0; found.length < count && tries < 500; tries += 1, port += 2) {
      if (port > 59998) port = 20000;
      const rtp = await bind(port, host);
      if (rtp === null) continue;
      const rtcp = await bind(port + 1, host);
      if (rtcp === null) {
        rtp.close();
        continue;
      }
      held.push(rtp, rtcp);
      found.push(port);
    }
  } finally {
    await Promise.all(held.map((s) => new Promise<void>((r) => s.close(() => r()))));
  }
  if (found.length < count) throw new Error(`no ${count} free RTP port pairs on ${host}`);
  return found;
}
