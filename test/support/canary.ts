// The canary: raw TCP and UDP listeners on 127.0.0.2, a loopback address (on Linux the whole
// 127.0.0.0/8 is loopback) standing in for a forbidden internal service. The hostile fixture sites
// aim every channel a page has (WebSockets, popups, workers, WebRTC, redirects…) at it, and the tool
// runs without --allow-private: any connection or datagram that arrives is a hole in the guard.
//
// Started once for the whole suite by test/support/canary-setup.ts (a vitest globalSetup); tests ask
// it what it saw over a small HTTP control port on 127.0.0.1 (canaryHits).
import { createSocket } from 'node:dgram';
import { createServer as createHttpServer, get } from 'node:http';
import { createServer as createTcpServer, type AddressInfo } from 'node:net';

export const CANARY_ADDRESS = '127.0.0.2';

export interface CanaryHit {
  protocol: 'tcp' | 'udp';
  from: string;
  /** The first line that arrived (a request line, a WebSocket handshake…), printable characters only. */
  firstLine: string;
  time: number;
}

export interface Canary {
  /** The same port number for TCP and UDP. */
  port: number;
  /** 127.0.0.1 port where GET /hits answers the hits as JSON. */
  controlPort: number;
  hits: CanaryHit[];
  close(): Promise<void>;
}

const printable = (bytes: Buffer) => bytes.subarray(0, 200).toString('latin1').split(/\r?\n/)[0].replace(/[^\x20-\x7e]/g, '?');

export async function startCanary(): Promise<Canary> {
  const hits: CanaryHit[] = [];
  const { tcp, udp, port } = await listenTcpAndUdp(hits);
  const control = createHttpServer((req, res) => {
    res.writeHead(req.url === '/hits' ? 200 : 404, { 'content-type': 'application/json' });
    res.end(JSON.stringify(req.url === '/hits' ? hits : null));
  });
  await new Promise<void>((resolve) => control.listen(0, '127.0.0.1', resolve));
  return {
    port,
    controlPort: (control.address() as AddressInfo).port,
    hits,
    close: async () => {
      udp.close();
      control.closeAllConnections();
      await Promise.all([new Promise((r) => tcp.close(r)), new Promise((r) => control.close(r))]);
    },
  };
}

/** A TCP listener on a free port and a UDP socket on the same port number (tried again if taken). */
async function listenTcpAndUdp(hits: CanaryHit[]) {
  for (let attempt = 0; ; attempt++) {
    const tcp = createTcpServer((socket) => {
      const hit: CanaryHit = { protocol: 'tcp', from: `${socket.remoteAddress}:${socket.remotePort}`, firstLine: '', time: Date.now() };
      hits.push(hit);
      socket.once('data', (data) => {
        hit.firstLine = printable(data);
        // An answer worth stealing: a page that gets this far can read an "internal" response.
        socket.end('HTTP/1.1 200 OK\r\ncontent-type: text/plain\r\ncontent-length: 13\r\nconnection: close\r\n\r\ncanary secret');
      });
      socket.on('error', () => undefined);
    });
    await new Promise<void>((resolve, reject) => {
      tcp.once('error', reject);
      tcp.listen(0, CANARY_ADDRESS, resolve);
    });
    const port = (tcp.address() as AddressInfo).port;
    const udp = createSocket('udp4');
    udp.on('message', (msg, rinfo) => hits.push({ protocol: 'udp', from: `${rinfo.address}:${rinfo.port}`, firstLine: printable(msg), time: Date.now() }));
    try {
      await new Promise<void>((resolve, reject) => {
        udp.once('error', reject);
        udp.bind(port, CANARY_ADDRESS, resolve);
      });
      return { tcp, udp, port };
    } catch (err) {
      udp.close();
      await new Promise((r) => tcp.close(r));
      if (attempt >= 5) throw err;
    }
  }
}

/** What the suite's canary has seen so far (from a test file's worker process). */
export function canaryHits(controlPort: number): Promise<CanaryHit[]> {
  return new Promise((resolve, reject) => {
    get({ host: '127.0.0.1', port: controlPort, path: '/hits' }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')) as CanaryHit[]));
    }).on('error', reject);
  });
}
