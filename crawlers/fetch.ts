// One HTTP request, no redirect following: node:http(s) so we control the address connected to,
// the byte cap, decompression and the timeout.
import http from 'node:http';
import https from 'node:https';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import { isIP } from 'node:net';
import type { Readable } from 'node:stream';
import { FetchError } from './errors.ts';
import { whenAborted } from './abort.ts';
import { checkLiteralHost, policyLookup, portOf, unbracket, type ConnectPolicy } from './net.ts';

export interface FetchContext {
  policy: ConnectPolicy;
  userAgent: string;
  timeoutMs: number;
  maxBytes: number;
  agents: { http: http.Agent; https: https.Agent };
  signal?: AbortSignal;
}

export interface RawResponse {
  url: string;
  status: number;
  /** Lower-case names; repeated headers joined with ", ". */
  headers: Record<string, string>;
  /** Decompressed body, at most maxBytes; empty when the body was not wanted. */
  body: Buffer;
  truncated: boolean;
  /** Why the body broke off after the headers (timeout, reset), or null. */
  bodyError: string | null;
}

export function createAgents(maxSockets: number) {
  return {
    http: new http.Agent({ keepAlive: true, maxSockets }),
    https: new https.Agent({ keepAlive: true, maxSockets }),
  };
}

const ACCEPT = 'text/html,application/xhtml+xml,application/xml;q=0.9,application/pdf;q=0.9,*/*;q=0.8';

/** `onSent` is called once the request has been written to its connection (it has left for the host). */
export function fetchOnce(
  url: string,
  ctx: FetchContext,
  wantBody: (status: number, headers: Record<string, string>) => boolean = () => true,
  accept = ACCEPT,
  onSent?: () => void,
): Promise<RawResponse> {
  return new Promise<RawResponse>((resolvePromise, rejectPromise) => {
    const u = new URL(url);
    const secure = u.protocol === 'https:';
    const port = portOf(u);
    const host = unbracket(u.hostname);
    try {
      checkLiteralHost(u.hostname, ctx.policy);
    } catch (err) {
      return rejectPromise(err);
    }
    let settled = false;
    let forgetAbort = () => undefined as void;
    let status = 0;
    let headers: Record<string, string> = {};
    const chunks: Buffer[] = [];
    let received = 0;
    let truncated = false;
    /** The decompressor between the socket and the body, when the body is compressed. */
    let decoder: Readable | null = null;

    const finish = (err: Error | null) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      forgetAbort();
      // A decompressor goes on inflating what it was already given after the request ends (a few KB of
      // brotli can hold gigabytes): it stops here, whatever ended the body.
      decoder?.destroy();
      if (err && !status) return rejectPromise(plainError(err, ctx.timeoutMs));
      // The headers came but the body broke off: keep what arrived and say why.
      const bodyError = err ? plainError(err, ctx.timeoutMs).message : null;
      if (bodyError) truncated = true;
      resolvePromise({ url, status, headers, body: Buffer.concat(chunks), truncated, bodyError });
    };

    const req = (secure ? https : http).request(
      {
        protocol: u.protocol,
        hostname: host,
        port,
        path: u.pathname + u.search,
        method: 'GET',
        agent: secure ? ctx.agents.https : ctx.agents.http,
        lookup: policyLookup(ctx.policy, port),
        // SNI takes host names only.
        servername: secure && !isIP(host) ? u.hostname : undefined,
        headers: {
          'user-agent': ctx.userAgent,
          accept,
          'accept-encoding': 'gzip, deflate, br',
          host: u.host,
        },
      },
      (res) => {
        status = res.statusCode ?? 0;
        headers = {};
        for (const [k, v] of Object.entries(res.headers)) {
          if (v !== undefined) headers[k] = Array.isArray(v) ? v.join(', ') : v;
        }
        if (!wantBody(status, headers)) {
          req.destroy();
          return finish(null);
        }
        const encoding = (headers['content-encoding'] ?? '').trim().toLowerCase();
        if (encoding === 'gzip' || encoding === 'x-gzip') decoder = res.pipe(createGunzip());
        else if (encoding === 'deflate') decoder = res.pipe(createInflate());
        else if (encoding === 'br') decoder = res.pipe(createBrotliDecompress());
        const stream: Readable = decoder ?? res;
        stream.on('data', (chunk: Buffer) => {
          if (settled) return;
          const room = ctx.maxBytes - received;
          if (chunk.length >= room && received + chunk.length > ctx.maxBytes) {
            chunks.push(chunk.subarray(0, room));
            received += room;
            truncated = true;
            finish(null);
            // Stop reading: the rest of the body is never downloaded.
            res.destroy();
            req.destroy();
            return;
          }
          chunks.push(chunk);
          received += chunk.length;
        });
        stream.on('end', () => finish(null));
        stream.on('error', (err) => finish(err));
        res.on('error', (err) => finish(err));
      },
    );
    req.on('error', (err) => finish(err));
    if (onSent) req.once('finish', onSent);
    const timer = setTimeout(
      () => req.destroy(new FetchError(`timed out after ${formatSeconds(ctx.timeoutMs)}`, 'ETIMEDOUT', false)),
      ctx.timeoutMs,
    );
    const onAbort = () => req.destroy(new FetchError('crawl stopped', 'EABORT', false));
    if (ctx.signal?.aborted) return onAbort();
    forgetAbort = ctx.signal ? whenAborted(ctx.signal, onAbort) : () => undefined;
    req.end();
  });
}

export function formatSeconds(ms: number): string {
  const s = ms / 1000;
  return `${Number.isInteger(s) ? s : s.toFixed(1)} s`;
}

/** Node's error → a FetchError whose message a user understands. */
function plainError(err: Error, timeoutMs: number): FetchError {
  if (err instanceof FetchError) return err;
  const code = (err as NodeJS.ErrnoException).code ?? 'EUNKNOWN';
  switch (code) {
    case 'ENOTFOUND':
      return new FetchError('DNS lookup failed (ENOTFOUND)', code, false);
    case 'EAI_AGAIN':
      return new FetchError('DNS lookup failed temporarily (EAI_AGAIN)', code, true);
    case 'ECONNREFUSED':
      return new FetchError('connection refused (ECONNREFUSED)', code, true);
    case 'ECONNRESET':
    case 'EPIPE':
      return new FetchError(`connection reset (${code})`, code, true);
    case 'ETIMEDOUT':
      return new FetchError(`timed out after ${formatSeconds(timeoutMs)}`, code, false);
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return new FetchError(`host unreachable (${code})`, code, true);
  }
  if (/CERT|TLS|SSL|SELF_SIGNED|UNABLE_TO_VERIFY/.test(code)) return new FetchError(`TLS certificate problem (${code})`, code, false);
  if (/socket hang up/i.test(err.message)) return new FetchError('connection closed without an answer (ECONNRESET)', 'ECONNRESET', true);
  return new FetchError(`${err.message} (${code})`, code, false);
}
