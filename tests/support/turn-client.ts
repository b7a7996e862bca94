// A minimal TURN client (RFC 5766 Allocate over UDP with the long-term credential mechanism of RFC 5389 §10.2): enough
// to show coturn accepts plenary's credentials and refuses them once expired.
import { createHash, createHmac, randomBytes } from 'node:crypto';
import { createSocket } from 'node:dgram';

const MAGIC = 0x2112a442;
const ALLOCATE = 0x0003;
const attr = {
  USERNAME: 0x0006,
  MESSAGE_INTEGRITY: 0x0008,
  ERROR_CODE: 0x0009,
  REALM: 0x0014,
  NONCE: 0x0015,
  REQUESTED_TRANSPORT: 0x0019,
  LIFETIME: 0x000d,
} as const;

function attribute(type: number, value: Buffer): Buffer {
  const pad = (4 - (value.length % 4)) % 4;
  const head = Buffer.alloc(4);
  head.writeUInt16BE(type, 0);
  head.writeUInt16BE(value.length, 2);
  return Buffer.concat([head, value, Buffer.alloc(pad)]);
}

function message(type: number, id: Buffer, attrs: Buffer[]): Buffer {
  const body = Buffer.concat(attrs);
  const head = Buffer.alloc(20);
  head.writeUInt16BE(type, 0);
  head.writeUInt16BE(body.length, 2);
  head.writeUInt32BE(MAGIC, 4);
  id.copy(head, 8);
  return Buffer.concat([head, body]);
}

function parse(buf: Buffer): { type: number; attrs: Map<number, Buffer> } {
  const attrs = new Map<number, Buffer>();
  let at = 20;
  while (at + 4 <= buf.length) {
    const t = buf.readUInt16BE(at);
    const len = buf.readUInt16BE(at + 2);
    attrs.set(t, buf.subarray(at + 4, at + 4 + len));
    at += 4 + len + ((4 - (len % 4)) % 4);
  }
  return { type: buf.readUInt16BE(0), attrs };
}

/** One UDP socket for the whole exchange: coturn ties the nonce to the client's address and port. */
function udpClient(host: string, port: number) {
  const s = createSocket('udp4');
  const queue: Buffer[] = [];
  let waiting: ((m: Buffer) => void) | null = null;
  s.on('message', (m) => {
    if (waiting) waiting(m);
    else queue.push(m);
  });
  return {
    send(packet: Buffer): Promise<Buffer> {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('no answer from the TURN server')), 3000);
        waiting = (m) => {
          clearTimeout(timer);
          waiting = null;
          resolve(m);
        };
        const queued = queue.shift();
        if (queued) waiting(queued);
        s.send(packet, port, host);
      });
    },
    close: () => s.close(),
  };
}

/** Tries one allocation; resolves 'allocated' or the error code (401: credentials refused). */
export async function turnAllocate(
  host: string,
  port: number,
  username: string,
  password: string,
): Promise<'allocated' | number> {
  const client = udpClient(host, port);
  try {
    return await allocate(client, username, password);
  } finally {
    client.close();
  }
}

async function allocate(
  client: ReturnType<typeof udpClient>,
  username: string,
  password: string,
): Promise<'allocated' | number> {
  const transport = attribute(attr.REQUESTED_TRANSPORT, Buffer.from([17, 0, 0, 0]));
  const first = parse(await client.send(message(ALLOCATE, randomBytes(12), [transport])));
  const realm = first.attrs.get(attr.REALM);
  const nonce = first.attrs.get(attr.NONCE);
  if (!realm || !nonce) throw new Error('the TURN server asked for no credentials');
  const key = createHash('md5').update(`${username}:${realm.toString()}:${password}`).digest();
  const id = randomBytes(12);
  const attrs = [
    transport,
    attribute(attr.LIFETIME, Buffer.from([0, 0, 0, 60])),
    attribute(attr.USERNAME, Buffer.from(username)),
    attribute(attr.REALM, realm),
    attribute(attr.NONCE, nonce),
  ];
  // The integrity covers the message with its length already counting the MESSAGE-INTEGRITY attribute (24 bytes).
  const partial = message(ALLOCATE, id, attrs);
  partial.writeUInt16BE(partial.length - 20 + 24, 2);
  const mac = createHmac('sha1', key).update(partial).digest();
  const signed = message(ALLOCATE, id, [...attrs, attribute(attr.MESSAGE_INTEGRITY, mac)]);
  const answer = parse(await client.send(signed));
  if (answer.type === 0x0103) return 'allocated';
  const error = answer.attrs.get(attr.ERROR_CODE);
  return error ? (error[2] ?? 0) * 100 + (error[3] ?? 0) : answer.type;
}
