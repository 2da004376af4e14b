// The browser's only way out. Chromium is launched with this proxy (see render.ts) so that every
// connection it makes (page requests the crawler does not serve, WebSockets, workers, popups,
// prefetches, redirects Chromium follows itself) is opened here, by the tool, under the same address
// guard as the crawler's own fetcher (ConnectPolicy: --allow-private, --allow-address, --resolve).
//
// A forward proxy for plain HTTP (absolute-form requests) and CONNECT (HTTPS, WebSockets): the target
// name is resolved once, the address checked, and the connection made to exactly that address, so a
// name that resolves to a public address for the check and a private one for the connection (DNS
// rebinding) gains nothing. Each request, and each tunnel opened, waits for the host's politeness slot.
import { createServer, request as httpRequest, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { connect, isIP, type AddressInfo, type Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { policyLookup, portOf, unbracket, type ConnectPolicy } from './net.ts';

export interface EgressProxyOptions {
  /** Where connections may go; null refuses every connection (the browser-wide backstop). */
  policy: ConnectPolicy | null;
  /**
   * Waits for a politeness slot on `host` (a URL hostname); resolves with the function that frees it.
   * Rejects when `signal` aborts (the browser gave up on the request).
   */
  acquireHost?: (host: string, signal: AbortSignal) => Promise<() => void>;
  /** Limit for opening a connection to the target. */
  connectTimeoutMs: number;
  /** Told about every connection refused (for logs and tests). */
  onRefused?: (refusal: EgressRefusal) => void;
}

export interface EgressRefusal {
  /** host:port as the browser asked for it. */
  target: string;
  reason: string;
}

/** Headers that belong to one hop (RFC 9110 §7.6.1) and the proxy's own; never forwarded. */
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'proxy-connection', 'proxy-authorization', 'proxy-authenticate', 'te', 'trailer', 'transfer-encoding', 'upgrade']);

class Refused extends Error {}

export class EgressProxy {
  readonly #opts: EgressProxyOptions;
  readonly #server: Server;
  readonly #sockets = new Set<Socket | Duplex>();
  readonly #closed = new AbortController();

  private constructor(opts: EgressProxyOptions) {
    this.#opts = opts;
    this.#server = createServer((req, res) => void this.#forward(req, res));
    this.#server.on('connect', (req: IncomingMessage, client: Duplex, head: Buffer) => void this.#tunnel(req, client, head));
    // A WebSocket upgrade sent as a plain request: browsers tunnel WebSockets with CONNECT instead.
    this.#server.on('upgrade', (_req: IncomingMessage, client: Duplex) => client.destroy());
    this.#server.on('connection', (socket: Socket) => this.#track(socket));
    this.#server.on('clientError', (_err, socket: Duplex) => socket.destroy());
  }

  /** Starts a proxy on a free port of 127.0.0.1. */
  static async start(opts: EgressProxyOptions): Promise<EgressProxy> {
    const proxy = new EgressProxy(opts);
    await new Promise<void>((resolve, reject) => {
      proxy.#server.once('error', reject);
      proxy.#server.listen(0, '127.0.0.1', resolve);
    });
    return proxy;
  }

  /** The proxy's address for Chromium's --proxy-server. */
  get server(): string {
    return `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}`;
  }

  async close(): Promise<void> {
    this.#closed.abort();
    for (const socket of this.#sockets) socket.destroy();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }

  #track(socket: Socket | Duplex): void {
    this.#sockets.add(socket);
    socket.once('close', () => this.#sockets.delete(socket));
  }

  /** The address `host` may be reached at on `port`, resolved once; throws Refused. */
  #address(host: string, port: string): Promise<string> {
    const policy = this.#opts.policy;
    if (!policy) return Promise.reject(new Refused('the browser may only connect through a site’s own egress'));
    return new Promise((resolve, reject) => {
      policyLookup(policy, port)(host, {}, (err, address) => {
        if (err) reject(new Refused(err.message));
        else resolve(address as string);
      });
    });
  }

  /**
   * A connection to `host:port` (host unbracketed) under the guard, holding the host's politeness
   * slot until `release` is called; throws Refused or the connection error. `signal` is the
   * browser's side going away.
   */
  async #open(host: string, port: string, signal: AbortSignal): Promise<{ upstream: Socket; release: () => void }> {
    const address = await this.#address(host, port);
    const release = this.#opts.acquireHost ? await this.#opts.acquireHost(throttleKey(host), signal) : () => undefined;
    try {
      const upstream = await new Promise<Socket>((resolve, reject) => {
        if (signal.aborted) return reject(new Error('the browser gave up'));
        const socket = connect({ host: address, port: Number(port) });
        this.#track(socket);
        const fail = (err: Error) => {
          socket.destroy();
          reject(err);
        };
        const onAbort = () => fail(new Error('the browser gave up'));
        socket.setTimeout(this.#opts.connectTimeoutMs, () => fail(new Error(`no connection within ${this.#opts.connectTimeoutMs} ms`)));
        socket.once('error', fail);
        signal.addEventListener('abort', onAbort, { once: true });
        socket.once('connect', () => {
          socket.setTimeout(0);
          socket.off('error', fail);
          signal.removeEventListener('abort', onAbort);
          resolve(socket);
        });
      });
      return { upstream, release };
    } catch (err) {
      release();
      throw err;
    }
  }

  #refuse(target: string, err: unknown): void {
    if (err instanceof Refused) this.#opts.onRefused?.({ target, reason: err.message });
  }

  /** CONNECT host:port (HTTPS, WebSockets): a byte tunnel to the checked address. */
  async #tunnel(req: IncomingMessage, client: Duplex, head: Buffer): Promise<void> {
    this.#track(client);
    client.on('error', () => client.destroy());
    const target = req.url ?? '';
    const m = /^(\[[0-9a-f:.]+\]|[^:[\]\s]+):(\d{1,5})$/i.exec(target);
    if (!m) return void client.end('HTTP/1.1 400 Bad Request\r\nconnection: close\r\n\r\n');
    const gone = abortedOnClose(client, this.#closed.signal);
    let upstream: Socket;
    try {
      const opened = await this.#open(unbracket(m[1]).toLowerCase(), m[2], gone);
      // A tunnel's requests are hidden in it (TLS): its opening is what counts against the host.
      opened.release();
      upstream = opened.upstream;
    } catch (err) {
      this.#refuse(target, err);
      return void client.end(`HTTP/1.1 ${err instanceof Refused ? '403 Forbidden' : '502 Bad Gateway'}\r\nconnection: close\r\ncontent-length: 0\r\n\r\n`);
    }
    upstream.on('error', () => client.destroy());
    upstream.once('close', () => client.destroy());
    client.once('close', () => upstream.destroy());
    client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
    if (head.length) upstream.write(head);
    upstream.pipe(client);
    client.pipe(upstream);
  }

  /** A plain-HTTP request in absolute form ("GET http://host/path"): forwarded, not followed. */
  async #forward(req: IncomingMessage, res: ServerResponse): Promise<void> {
    let url: URL;
    try {
      url = new URL(req.url ?? '');
    } catch {
      return void res.writeHead(400, { connection: 'close' }).end();
    }
    if (url.protocol !== 'http:') return void res.writeHead(400, { connection: 'close' }).end();
    const port = portOf(url);
    const gone = abortedOnClose(res, this.#closed.signal);
    let upstream: Socket;
    try {
      const opened = await this.#open(unbracket(url.hostname), port, gone);
      // The slot is held until the answer is through, as for the crawler's own requests.
      res.once('close', opened.release);
      upstream = opened.upstream;
    } catch (err) {
      this.#refuse(`${url.hostname}:${port}`, err);
      if (!res.headersSent) res.writeHead(err instanceof Refused ? 403 : 502, { 'content-type': 'text/plain', connection: 'close' });
      return void res.end();
    }
    const headers: Record<string, string | string[]> = {};
    for (const [name, value] of Object.entries(req.headers)) if (value !== undefined && !HOP_BY_HOP.has(name)) headers[name] = value;
    const out = httpRequest(
      // The connection is the one opened to the checked address; the request only rides on it.
      { createConnection: () => upstream, method: req.method, path: url.pathname + url.search, headers, setHost: false },
      (answer) => {
        const answerHeaders: Record<string, string | string[]> = {};
        for (const [name, value] of Object.entries(answer.headers)) if (value !== undefined && !HOP_BY_HOP.has(name)) answerHeaders[name] = value;
        res.writeHead(answer.statusCode ?? 502, answerHeaders);
        answer.pipe(res);
        answer.on('error', () => res.destroy());
      },
    );
    out.on('error', () => (res.headersSent ? res.destroy() : res.writeHead(502, { connection: 'close' }).end()));
    res.once('close', () => out.destroy());
    req.pipe(out);
  }
}

/** The crawl's politeness ledger is keyed by URL hostname (IPv6 in brackets). */
function throttleKey(host: string): string {
  return isIP(host) === 6 ? `[${host}]` : host;
}

/** A signal that aborts when `stream` closes (the browser gave up) or the proxy shuts down. */
function abortedOnClose(stream: Duplex | ServerResponse, closed: AbortSignal): AbortSignal {
  const gone = new AbortController();
  stream.once('close', () => gone.abort());
  return AbortSignal.any([gone.signal, closed]);
}
