// The egress proxy on its own, spoken to as Chromium speaks to it (CONNECT for HTTPS and WebSockets,
// absolute-form requests for plain HTTP), with the crawl's address guard: the fixture server's
// address allowed, the suite's canary (127.0.0.2) and every other private form refused.
import { request } from 'node:http';
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startFixtureServer, type FixtureServer } from '../fixtures/server.ts';
import { EgressProxy, type EgressRefusal } from '../crawlers/egress-proxy.ts';
import { parseResolve } from '../crawlers/net.ts';
import { canaryHits } from './support/canary.ts';

const canaryPort = inject('canaryPort');
const canaryControlPort = inject('canaryControlPort');

let server: FixtureServer;
let proxy: EgressProxy;
let refusals: EgressRefusal[] = [];
const slots: string[] = [];

beforeAll(async () => {
  server = await startFixtureServer({ sites: ['crawl-spa'] });
  proxy = await EgressProxy.start({
    policy: {
      resolve: parseResolve([...server.resolveArgs(), `intranet.spa.test:${canaryPort}:127.0.0.2`]),
      allowPrivate: false,
      allowAddresses: new Set(['127.0.0.1']),
    },
    acquireHost: async (host) => {
      slots.push(host);
      return () => undefined;
    },
    connectTimeoutMs: 2000,
    onRefused: (r) => refusals.push(r),
  });
});
afterAll(async () => {
  await proxy?.close();
  await server?.close();
});

const proxyPort = () => Number(new URL(proxy.server).port);

/** Sends CONNECT target, then (if the tunnel opens) a plain GET through it; returns what came back. */
function tunnel(target: string, host = target): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(proxyPort(), '127.0.0.1', () => socket.write(`CONNECT ${target} HTTP/1.1\r\nhost: ${target}\r\n\r\n`));
    let received = '';
    let sent = false;
    socket.on('data', (d) => {
      received += d.toString('latin1');
      if (!sent && received.startsWith('HTTP/1.1 200')) {
        sent = true;
        socket.write(`GET / HTTP/1.1\r\nhost: ${host}\r\nconnection: close\r\n\r\n`);
      }
    });
    socket.on('close', () => resolve(received));
    socket.on('error', reject);
  });
}

/** A plain-HTTP request in absolute form, as a browser sends it to its proxy. */
function viaProxy(url: string, method = 'GET'): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: proxyPort(), method, path: url, headers: { host: URL.canParse(url) ? new URL(url).host : 'www.spa.test' } }, (res) => {
      let body = '';
      res.on('data', (d) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end(method === 'POST' ? 'x=1' : undefined);
  });
}

describe('the egress proxy', () => {
  it('tunnels to an allowed site, to the address --resolve gives, and takes the host’s politeness slot', async () => {
    slots.length = 0;
    const answer = await tunnel(`www.spa.test:${server.port}`);
    expect(answer).toMatch(/^HTTP\/1\.1 200 Connection Established\r\n\r\nHTTP\/1\.1 200 OK/);
    expect(answer).toContain('<div id="root"></div>');
    expect(slots).toEqual(['www.spa.test']);
  });

  it('forwards plain-HTTP requests without following their redirects', async () => {
    server.route('www.spa.test', '/moved', { status: 307, location: `http://intranet.spa.test:${canaryPort}/` });
    const answer = await viaProxy(`http://www.spa.test:${server.port}/moved`, 'POST');
    expect(answer.status).toBe(307);
    expect(server.log.filter((e) => e.path === '/moved').map((e) => e.method)).toEqual(['POST']);
  });

  it.each([
    ['the canary by address', `127.0.0.2:${canaryPort}`],
    ['the canary by a name --resolve maps to it', `intranet.spa.test:${canaryPort}`],
    ['IPv6 loopback', `[::1]:${canaryPort}`],
    ['an IPv4-mapped IPv6 form of the canary', `[::ffff:127.0.0.2]:${canaryPort}`],
    ['the unspecified address (this host)', `0.0.0.0:${canaryPort}`],
    ['a link-local metadata address', '169.254.169.254:80'],
  ])('refuses a tunnel to %s', async (_what, target) => {
    refusals = [];
    expect(await tunnel(target)).toMatch(/^HTTP\/1\.1 403 Forbidden\r\n/);
    expect(refusals.map((r) => r.target)).toEqual([target]);
    expect(refusals[0].reason).toMatch(/resolves to a private address/);
    expect(await canaryHits(canaryControlPort)).toEqual([]);
  });

  it('refuses plain-HTTP requests to a forbidden address, and anything not in absolute form', async () => {
    expect((await viaProxy(`http://127.0.0.2:${canaryPort}/`)).status).toBe(403);
    expect((await viaProxy(`http://intranet.spa.test:${canaryPort}/`, 'POST')).status).toBe(403);
    expect((await viaProxy('/relative')).status).toBe(400);
    expect((await viaProxy(`ftp://www.spa.test:${server.port}/`)).status).toBe(400);
    expect(await canaryHits(canaryControlPort)).toEqual([]);
  });

  it('with no policy (the browser-wide backstop), refuses everything, the allowed site included', async () => {
    const backstop = await EgressProxy.start({ policy: null, connectTimeoutMs: 1000 });
    try {
      const answer = await new Promise<string>((resolve) => {
        const socket = connect(Number(new URL(backstop.server).port), '127.0.0.1', () => socket.write(`CONNECT 127.0.0.1:${server.port} HTTP/1.1\r\n\r\n`));
        let received = '';
        socket.on('data', (d) => (received += d));
        socket.on('close', () => resolve(received));
      });
      expect(answer).toMatch(/^HTTP\/1\.1 403 Forbidden/);
    } finally {
      await backstop.close();
    }
  });
});
