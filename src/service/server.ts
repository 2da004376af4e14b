// `partner-presence serve`: the self-check page, shareable audit pages, the program managers' console
// and a JSON API over one AuditScheduler and the batch command's SQLite store. Fastify and its
// maintained plugins do what they already do: security headers and CSP (helmet), per-address limits
// (rate-limit), forms and uploads (formbody, multipart), cookies, static files, and request/response
// validation by JSON Schema.

import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import formbody from '@fastify/formbody';
import multipart from '@fastify/multipart';
import cookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { evaluate } from '../evaluate.ts';
import { PACKAGE_ROOT } from '../../crawlers/package-files.ts';
import { ServiceStore, type ServiceAuditRow, type ServiceBatchRow } from './store.ts';
import { compareOutcomes } from '../batch/summary.ts';
import { batchIndexRows, summaryRows } from '../batch/outputs.ts';
import { OutputDirLock } from '../batch/lock.ts';
import { renderBatchIndex } from '../report/index-page.ts';
import type { Report } from '../types.ts';
import {
  auditParamsSchema, auditStatusRouteSchema, auditStatusSchema, batchParamsSchema, batchPartnerParamsSchema, batchStatusSchema,
  errorSchema, problemsSchema, startAuditSchema,
} from './api-schemas.ts';
import { CHECK_IDS } from '../checks/index.ts';
import { embedDocument, type EmbeddedDocument } from './html.ts';
import { chooseLang, LANG_COOKIE, LANGUAGES, renderers, type Lang } from './lang.ts';
import { messages } from '../messages/service.ts';
import { isProblem, problemData, problemText, ProblemError, type Problem } from '../messages/index.ts';
import {
  auditProgressPage, auditReportPage, batchPage, consolePage, loginPage, messagePage, rateLimitedPage, selfCheckPage,
  type Comparison, type PageContext,
} from './pages.ts';
import { AUDIT_ID_PATTERN, AuditScheduler, BatchUploadError, type AuditEvent, type AuditStatus, type BatchEvent, type ServiceCrawlOptions } from './scheduler.ts';

export interface ServiceConfig {
  host: string;
  port: number;
  /** Holds results.sqlite (the batch command's store, with the service's tables). */
  dataDir: string;
  maxRunning: number;
  /** null: the console and the batch API are off. */
  adminToken: string | null;
  /** Every crawl option, the server's alone. */
  crawl: ServiceCrawlOptions;
  /** Audits one address may start per hour (joining a running audit does not count). */
  auditsPerHour: number;
  /** How long a finished audit is shown again instead of crawling the site again. */
  cooldownMs: number;
  /** Behind a reverse proxy: take the client's address and scheme from X-Forwarded-For / -Proto. */
  trustProxy: boolean;
  /** Event streams (live progress) one address may hold open at once; each holds a socket and a subscription. */
  maxStreamsPerAddress: number;
}

export const DEFAULT_SERVICE_CONFIG: Omit<ServiceConfig, 'dataDir' | 'crawl' | 'adminToken'> = {
  host: '127.0.0.1',
  port: 8080,
  maxRunning: 2,
  auditsPerHour: 6,
  cooldownMs: 30 * 60_000,
  trustProxy: false,
  // A browser opens one per page it shows (six at most per site over HTTP/1.1); an office behind one
  // address watches a few more.
  maxStreamsPerAddress: 16,
};

export interface RunningService {
  app: FastifyInstance;
  /** http://host:port, the port chosen by the system when 0 was asked for. */
  url: string;
  scheduler: AuditScheduler;
  /** Stops taking requests and audits, puts running audits back in the queue, closes the store. */
  close(): Promise<void>;
}

const STATIC_DIR = join(PACKAGE_ROOT, 'src', 'service', 'static');
const ADMIN_COOKIE = 'pp_admin';
const MAX_UPLOAD_BYTES = 5 * 1024 * 1024;
/** Reports kept rendered in memory; a finished audit's report never changes. */
const REPORT_CACHE_SIZE = 64;
const HEARTBEAT_MS = 20_000;

type StoreCallback = (error: Error | null, result?: { current: number; ttl: number }) => void;
interface RateLimitStore {
  incr(key: string, callback: StoreCallback, timeWindow: number, max: number): void;
  child(options: unknown): RateLimitStore;
}
// The plugin's in-memory store, which keeps one counter per route. The form and the API both start
// audits, so they must share one count per address: every route gets the same store (routes that
// count something else name their own groupId, which the plugin adds to the key).
const LocalStore = createRequire(import.meta.url)('@fastify/rate-limit/store/LocalStore.js') as new (
  continueExceeding: boolean, exponentialBackoff: boolean, cache?: number,
) => RateLimitStore;
class SharedLocalStore extends LocalStore {
  constructor(params: { continueExceeding?: boolean; exponentialBackoff?: boolean; cache?: number }) {
    super(Boolean(params.continueExceeding), Boolean(params.exponentialBackoff), params.cache);
  }
  override child(): RateLimitStore {
    return this;
  }
}

/** A finished audit's page as sent: it never changes, so it is encoded and compressed once. */
interface CachedPage {
  html: Buffer;
  gzip: Buffer;
}

declare module 'fastify' {
  interface FastifyRequest {
    lang: Lang;
  }
}

/**
 * An error page or JSON error with a status: thrown by handlers, drawn by the error handler. What went
 * wrong is a problem (worded in each reader's language when drawn), or words already in the request's.
 */
class HttpProblem extends Error {
  readonly problem: Problem | null;
  constructor(readonly statusCode: number, what: Problem | string, readonly title?: string) {
    super(typeof what === 'string' ? what : problemText('en', what));
    this.problem = typeof what === 'string' ? null : problemData(what);
  }
}

/** An error's problem as data, when it has one: an HttpProblem's, a ProblemError's, a request that failed validation. */
function problemOf(error: Error & { validation?: unknown }): Problem | null {
  if (error instanceof HttpProblem) return error.problem;
  if (isProblem(error)) return problemData(error);
  if (error.validation) return { kind: 'http.invalid-request', values: { detail: error.message } };
  return null;
}

/** An error in a language's words: its problem's, or its own message (words already in the request's language). */
function errorText(lang: Lang, error: Error): string {
  const problem = problemOf(error);
  return problem ? problemText(lang, problem) : error.message;
}

/** A RangeError of the input (an address or date that is not one) as the 400 it answers. */
function badInput(error: RangeError): HttpProblem {
  return new HttpProblem(400, problemOf(error) ?? { kind: 'http.invalid-request', values: { detail: error.message } });
}

function isApi(req: FastifyRequest): boolean {
  return req.url.startsWith('/api/');
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}

function sameSecret(given: string, expected: string): boolean {
  return timingSafeEqual(digest(given), digest(expected));
}

/** The upload's name as shown in messages: no path, no control characters, not too long. */
function displayName(name: string | undefined): string {
  const base = (name ?? '').split(/[\\/]/).pop() ?? '';
  const clean = base.replace(/[\u0000-\u001f\u007f]/g, '').trim().slice(0, 120);
  return clean || 'list';
}

/** What the routes share: the configuration, the store and the scheduler, open event streams, finished reports. */
interface Service {
  readonly config: ServiceConfig;
  readonly app: FastifyInstance;
  readonly store: ServiceStore;
  readonly scheduler: AuditScheduler;
  readonly streams: OpenStreams;
  readonly reports: FinishedReports;
}

/** Throws OutputDirBusyError when another process (a batch, a report, another server) uses the data directory. */
export async function startService(config: ServiceConfig): Promise<RunningService> {
  const lock = OutputDirLock.acquire(config.dataDir);
  const store = ServiceStore.open(config.dataDir);
  const scheduler = new AuditScheduler(store, { maxRunning: config.maxRunning, crawl: config.crawl, cooldownMs: config.cooldownMs });
  const app = Fastify({
    trustProxy: config.trustProxy, logger: false, bodyLimit: 64 * 1024, forceCloseConnections: true,
    // A request with a field the schema does not know is refused, not quietly trimmed.
    ajv: { customOptions: { removeAdditional: false } },
  });
  const service: Service = { config, app, store, scheduler, streams: new OpenStreams(config.maxStreamsPerAddress), reports: new FinishedReports(store) };

  await registerPlugins(app);
  handleRequests(app, config);
  registerAuditPages(service);
  registerAuditApi(service);
  const requireAdmin = adminGuard(config);
  registerConsole(service, requireAdmin);
  registerBatchApi(service, requireAdmin);
  // The batch index's sorting script, served as a file: this service's CSP allows no inline script.
  const indexScript = embedDocument(renderBatchIndex([], { checkIds: CHECK_IDS })).scripts.join('\n');
  app.get('/static/index-sort.js', async (_req, reply) =>
    reply.type('text/javascript; charset=utf-8').header('cache-control', 'public, max-age=3600').send(indexScript));

  try {
    await app.listen({ host: config.host, port: config.port });
  } catch (error) {
    await app.close();
    await store.close();
    lock.release();
    throw error;
  }
  await scheduler.start();
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;

  let closing: Promise<void> | null = null;
  return {
    app,
    url: `http://${host}:${port}`,
    scheduler,
    close() {
      closing ??= (async () => {
        await scheduler.stop();
        for (const res of service.streams.all) res.end();
        await app.close();
        await store.close();
        lock.release();
      })();
      return closing;
    },
  };
}

/** Schemas, security headers and CSP, cookies, forms, uploads, rate limits, static files. */
async function registerPlugins(app: FastifyInstance): Promise<void> {
  app.addSchema(errorSchema);
  app.addSchema(problemsSchema);
  app.addSchema(auditStatusSchema);
  app.addSchema(batchStatusSchema);

  await app.register(helmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        scriptSrcAttr: ["'none'"],
        // The report renderers style with <style> and style attributes; no script is inline.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        fontSrc: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        baseUri: ["'none'"],
        objectSrc: ["'none'"],
      },
    },
    referrerPolicy: { policy: 'same-origin' },
  });
  await app.register(cookie);
  await app.register(formbody, { bodyLimit: 16 * 1024 });
  await app.register(multipart, { limits: { files: 1, fileSize: MAX_UPLOAD_BYTES, fields: 4, fieldSize: 1024 } });
  await app.register(rateLimit, { global: false, store: SharedLocalStore as never });
  await app.register(fastifyStatic, { root: STATIC_DIR, prefix: '/static/', maxAge: '1h', index: false });
}

function pageContext(req: FastifyRequest, config: ServiceConfig): PageContext {
  return {
    lang: req.lang,
    console: config.adminToken !== null,
    // The language switch links back to this page; after a form was sent, to the start page. One leading
    // slash only, so the link can never read as another host (//host).
    path: req.method === 'GET' ? `/${req.url.split('?')[0]!.replace(/^\/+/, '')}` : '/',
  };
}

const t = (req: FastifyRequest) => messages(req.lang);

/** Every request: its language, same-origin state changes; every error and unknown address: a page or JSON. */
function handleRequests(app: FastifyInstance, config: ServiceConfig): void {
  app.decorateRequest('lang', 'en');
  app.addHook('onRequest', async (req, reply) => {
    const query = req.query as Record<string, string | undefined>;
    req.lang = chooseLang(query.lang, req.cookies[LANG_COOKIE], req.headers['accept-language']);
    if (query.lang && (LANGUAGES as readonly string[]).includes(query.lang)) {
      reply.setCookie(LANG_COOKIE, req.lang, { path: '/', sameSite: 'lax', httpOnly: true, maxAge: 365 * 86_400 });
    }
    // State changes only from this service's own pages: a browser names the page's origin.
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      const origin = req.headers.origin;
      const fetchSite = req.headers['sec-fetch-site'];
      if ((origin !== undefined && origin !== `${req.protocol}://${req.host}`) || (fetchSite !== undefined && fetchSite !== 'same-origin' && fetchSite !== 'none')) {
        throw new HttpProblem(403, t(req).crossOrigin, t(req).forbiddenTitle);
      }
    }
  });

  app.setErrorHandler((error: Error & { statusCode?: number; validation?: unknown; retryAfterSeconds?: number }, req, reply) => {
    const status = error.statusCode && error.statusCode >= 400 ? error.statusCode : 500;
    if (status === 500) req.log.error(error);
    const shown = status === 500 ? new HttpProblem(500, { kind: 'http.internal-error' }) : error;
    // The API sends the problem's kind and values (and its English words); a page, its words in the reader's language.
    const problem = problemOf(shown);
    const json = { error: errorText('en', shown), ...problem };
    if (status === 429) {
      const retryAfter = error.retryAfterSeconds ?? 3600;
      void reply.code(429).header('retry-after', String(retryAfter));
      if (isApi(req)) return reply.send({ ...json, retryAfterSeconds: retryAfter });
      return reply.type('text/html; charset=utf-8').send(rateLimitedPage(pageContext(req, config), retryAfter));
    }
    if (isApi(req)) return reply.code(status).send({ ...json, ...(error instanceof BatchUploadError ? { problems: error.problems } : {}) });
    const title = error instanceof HttpProblem && error.title ? error.title : status === 404 ? t(req).notFoundTitle : t(req).badRequestTitle;
    return reply.code(status).type('text/html; charset=utf-8').send(messagePage(pageContext(req, config), title, errorText(req.lang, shown)));
  });

  app.setNotFoundHandler((req, reply) => {
    if (isApi(req)) return reply.code(404).send({ error: problemText('en', { kind: 'http.not-found' }), kind: 'http.not-found' });
    return reply.code(404).type('text/html; charset=utf-8').send(messagePage(pageContext(req, config), t(req).notFoundTitle, t(req).notFound));
  });
}

/** The rate limit's refusal: a 429 with how long to wait. */
function tooManyRequests(_req: FastifyRequest, context: { ttl: number }) {
  return Object.assign(new ProblemError('http.too-many-audits'), {
    statusCode: 429, retryAfterSeconds: Math.max(1, Math.ceil(context.ttl / 1000)),
  });
}

/** Audits one address may start per hour, the form and the API together. */
function auditStartLimit({ config, scheduler }: Service) {
  return {
    rateLimit: {
      max: config.auditsPerHour,
      timeWindow: 3_600_000,
      groupId: 'audits',
      // After the body is parsed, so that only submissions that start a crawl count.
      hook: 'preHandler' as const,
      allowList: async (req: FastifyRequest) => {
        const body = req.body as { homepage?: unknown; asOf?: unknown } | undefined;
        return typeof body?.homepage !== 'string' || !await scheduler.wouldCrawl(body.homepage, typeof body.asOf === 'string' && body.asOf ? body.asOf : undefined);
      },
      errorResponseBuilder: tooManyRequests,
    },
  };
}

// ---- reports ----

/** A finished audit's report, its embeddable HTML and whole pages, by language: none of them ever changes. */
class FinishedReports {
  readonly #entries = new Map<string, { report: Report; embedded: Map<Lang, EmbeddedDocument>; pages: Map<Lang, CachedPage> }>();

  constructor(private readonly store: ServiceStore) {}

  async of(runId: number, partnerId: string, asOf: string) {
    const key = `${runId}\u0000${partnerId}\u0000${asOf}`;
    let entry = this.#entries.get(key);
    if (entry) {
      this.#entries.delete(key);
      this.#entries.set(key, entry);
      return entry;
    }
    const evidence = await this.store.loadEvidence(runId, partnerId);
    if (!evidence) throw new HttpProblem(404, 'no stored result for this audit');
    entry = { report: evaluate(evidence, asOf), embedded: new Map<Lang, EmbeddedDocument>(), pages: new Map<Lang, CachedPage>() };
    this.#entries.set(key, entry);
    if (this.#entries.size > REPORT_CACHE_SIZE) this.#entries.delete(this.#entries.keys().next().value!);
    return entry;
  }

  async embedded(runId: number, partnerId: string, asOf: string, lang: Lang): Promise<EmbeddedDocument> {
    const entry = await this.of(runId, partnerId, asOf);
    let embedded = entry.embedded.get(lang);
    if (!embedded) entry.embedded.set(lang, (embedded = embedDocument(renderers.html(entry.report, lang))));
    return embedded;
  }

  /** The finished report of an audit in one format. */
  async send(reply: FastifyReply, lang: Lang, runId: number, partnerId: string, asOf: string, format: 'json' | 'md' | 'html') {
    const { report } = await this.of(runId, partnerId, asOf);
    if (format === 'json') return reply.type('application/json; charset=utf-8').send(renderers.json(report));
    if (format === 'md') return reply.type('text/markdown; charset=utf-8').send(renderers.markdown(report, lang));
    // The self-contained file carries its own stricter CSP (no script at all).
    return reply.type('text/html; charset=utf-8').header('content-disposition', 'attachment; filename="report.html"').send(renderers.html(report, lang));
  }
}

// ---- event streams ----

/** How soon a client refused an event stream may try again: streams close when their audit ends. */
const STREAM_RETRY_SECONDS = 10;

/** The open event streams (ended when the service stops) and how many each client address holds. */
class OpenStreams {
  readonly all = new Set<ServerResponse>();
  readonly #byAddress = new Map<string, number>();

  constructor(readonly maxPerAddress: number) {}

  /** Counts one more stream for `address` (req.ip: X-Forwarded-For's client with --trust-proxy); a 429 past the cap. */
  take(address: string): void {
    const held = this.#byAddress.get(address) ?? 0;
    if (held >= this.maxPerAddress) {
      throw Object.assign(new ProblemError('http.too-many-streams', { max: this.maxPerAddress }), {
        statusCode: 429, retryAfterSeconds: STREAM_RETRY_SECONDS,
      });
    }
    this.#byAddress.set(address, held + 1);
  }

  give(address: string): void {
    const left = (this.#byAddress.get(address) ?? 1) - 1;
    if (left > 0) this.#byAddress.set(address, left);
    else this.#byAddress.delete(address);
  }
}

/** A Server-Sent Events response: `open` sends the current state and returns how to stop listening. */
function eventStream(
  streams: OpenStreams, req: FastifyRequest, reply: FastifyReply,
  open: (send: (event: string, data: unknown) => void, end: () => void) => () => void,
): void {
  const address = req.ip;
  streams.take(address);
  const headers = { ...reply.getHeaders(), 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store', 'x-accel-buffering': 'no' };
  reply.hijack();
  const res = reply.raw;
  res.writeHead(200, headers as Record<string, string>);
  res.write('retry: 3000\n\n');
  streams.all.add(res);
  let stop: (() => void) | null = null;
  let ended = false;
  const end = () => {
    if (ended) return;
    ended = true;
    clearInterval(heartbeat);
    stop?.();
    streams.all.delete(res);
    streams.give(address);
    res.end();
  };
  const heartbeat = setInterval(() => res.write(': keep-alive\n\n'), HEARTBEAT_MS);
  req.raw.on('close', end);
  // JSON.stringify never emits a raw newline, so one data line carries the whole event.
  const send = (event: string, data: unknown) => {
    if (!ended) res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
  };
  stop = open(send, end);
  if (ended) stop();
}

// ---- self-check and audits ----

async function auditRow(store: ServiceStore, id: string): Promise<ServiceAuditRow> {
  const row = new RegExp(AUDIT_ID_PATTERN).test(id) ? await store.serviceAudit(id) : null;
  if (!row || row.kind !== 'visitor') throw new HttpProblem(404, { kind: 'http.no-audit' });
  return row;
}

async function doneAudit(store: ServiceStore, id: string): Promise<ServiceAuditRow> {
  const row = await auditRow(store, id);
  if (row.state !== 'done') throw new HttpProblem(404, { kind: 'http.no-report-yet' });
  return row;
}

function withLinks(status: AuditStatus) {
  const base = `/audits/${status.id}`;
  return {
    ...status,
    links: {
      page: base, events: `/api/audits/${status.id}/events`,
      ...(status.state === 'done' ? { report: `/api/audits/${status.id}/report`, markdown: `${base}/report.md` } : {}),
    },
  };
}

async function visitorComparison(store: ServiceStore, row: ServiceAuditRow): Promise<Comparison | null> {
  const previous = await store.previousServiceAudit('visitor', row.site, row.seq);
  if (!previous) return null;
  return {
    previousHref: `/audits/${previous.id}`,
    previousDate: (previous.finishedAt ?? previous.queuedAt).slice(0, 10),
    changes: compareOutcomes(
      { partner: previous, checks: await store.checks(previous.runId, previous.partnerId, previous.asOf) },
      { partner: row, checks: await store.checks(row.runId, row.partnerId, row.asOf) },
    ),
  };
}

async function auditEvents({ store, scheduler, streams }: Service, req: FastifyRequest<{ Params: { id: string } }>, reply: FastifyReply): Promise<void> {
  const row = await auditRow(store, req.params.id);
  eventStream(streams, req, reply, (send, end) => {
    const forward = (event: AuditEvent) => {
      send(event.type, event.type === 'check' ? event.check : event);
      if (event.type === 'state' && (event.state === 'done' || event.state === 'failed')) end();
    };
    return scheduler.follow(row.id, (status) => {
      send('progress', { type: 'progress', pagesFetched: status.pagesFetched, pagesQueued: status.pagesQueued, currentUrl: status.currentUrl });
      for (const check of status.checks) forward({ type: 'check', check });
      forward({ type: 'state', state: status.state, position: status.position, error: status.error });
    }, forward);
  });
}

/** The self-check form, an audit's page (progress, then its report), its downloads and its events. */
function registerAuditPages(service: Service): void {
  const { app, config, store, scheduler, reports } = service;
  const limits = { maxPages: config.crawl.maxPages ?? 300, minutes: Math.ceil((config.crawl.timeBudgetMs ?? 300_000) / 60_000) };

  app.get('/', async (req, reply) => reply.type('text/html; charset=utf-8').send(selfCheckPage(pageContext(req, config), limits)));

  app.post<{ Body: { homepage?: string; asOf?: string } }>('/audits', {
    config: auditStartLimit(service),
    schema: {
      body: {
        type: 'object',
        properties: { homepage: { type: 'string', maxLength: 2000 }, asOf: { type: 'string', maxLength: 10 } },
      },
    },
  }, async (req, reply) => {
    const homepage = req.body?.homepage ?? '';
    const asOf = req.body?.asOf || undefined;
    try {
      const { id } = await scheduler.submitVisitor(homepage, asOf);
      return reply.redirect(`/audits/${id}`, 303);
    } catch (error) {
      if (!(error instanceof RangeError)) throw error;
      return reply.code(400).type('text/html; charset=utf-8')
        .send(selfCheckPage(pageContext(req, config), limits, { homepage, asOf, error: errorText(req.lang, badInput(error)) }));
    }
  });

  app.get<{ Params: { id: string } }>('/audits/:id', async (req, reply) => {
    const row = await auditRow(store, req.params.id);
    const status = (await scheduler.status(row.id))!;
    const ctx = pageContext(req, config);
    void reply.type('text/html; charset=utf-8').header('cache-control', 'no-store');
    if (status.state !== 'done') return reply.send(auditProgressPage(ctx, status, `/audits/${row.id}/events`));
    // Finished: the page (its report and what changed since the audit before it) is final, so it is
    // built and compressed once (a report page is ~100 KB of HTML, ~15 KB gzipped).
    const { pages } = await reports.of(row.runId, row.partnerId, row.asOf);
    let page = pages.get(req.lang);
    if (page === undefined) {
      const base = `/audits/${row.id}`;
      const html = Buffer.from(auditReportPage(ctx, await reports.embedded(row.runId, row.partnerId, row.asOf, req.lang), {
        title: t(req).checking(new URL(status.homepage).host),
        links: { json: `${base}/report.json`, markdown: `${base}/report.md`, html: `${base}/report.html` },
        comparison: await visitorComparison(store, row),
      }));
      page = { html, gzip: gzipSync(html) };
      pages.set(req.lang, page);
    }
    void reply.header('cache-control', 'public, max-age=300').header('vary', 'accept-encoding');
    if (/\bgzip\b/.test(req.headers['accept-encoding'] ?? '')) return reply.header('content-encoding', 'gzip').send(page.gzip);
    return reply.send(page.html);
  });

  for (const format of ['json', 'md', 'html'] as const) {
    app.get<{ Params: { id: string } }>(`/audits/:id/report.${format}`, async (req, reply) => {
      const row = await doneAudit(store, req.params.id);
      return reports.send(reply, req.lang, row.runId, row.partnerId, row.asOf, format);
    });
  }
  app.get<{ Params: { id: string } }>('/audits/:id/events', (req, reply) => auditEvents(service, req, reply));
}

/** The JSON API for audits: start one, its status, its report, its events. */
function registerAuditApi(service: Service): void {
  const { app, store, scheduler, reports } = service;
  app.post<{ Body: { homepage: string; asOf?: string } }>('/api/audits', { config: auditStartLimit(service), schema: startAuditSchema }, async (req, reply) => {
    try {
      const { id, joined } = await scheduler.submitVisitor(req.body.homepage, req.body.asOf);
      return reply.code(202).header('location', `/api/audits/${id}`).send({ id, joined, status: withLinks((await scheduler.status(id))!) });
    } catch (error) {
      if (error instanceof RangeError) throw badInput(error);
      throw error;
    }
  });
  app.get<{ Params: { id: string } }>('/api/audits/:id', { schema: auditStatusRouteSchema }, async (req) => withLinks((await scheduler.status((await auditRow(store, req.params.id)).id))!));
  app.get<{ Params: { id: string } }>('/api/audits/:id/report', { schema: { params: auditParamsSchema } }, async (req, reply) => {
    const row = await doneAudit(store, req.params.id);
    return reports.send(reply, req.lang, row.runId, row.partnerId, row.asOf, 'json');
  });
  app.get<{ Params: { id: string } }>('/api/audits/:id/events', { schema: { params: auditParamsSchema } }, (req, reply) => auditEvents(service, req, reply));
}

// ---- the console and the batch API (admin token) ----

type AdminGuard = ((req: FastifyRequest, reply: FastifyReply) => Promise<void>) & {
  /** The console session cookie's value (null when the console is off). */
  readonly sessionValue: string | null;
};

/** The pre-handler of every console page and batch API route: the admin token, or the console session it opened. */
function adminGuard(config: ServiceConfig): AdminGuard {
  const sessionValue = config.adminToken ? createHmac('sha256', config.adminToken).update('partner-presence console session').digest('base64url') : null;
  const isAdmin = (req: FastifyRequest): boolean => {
    if (!config.adminToken || !sessionValue) return false;
    const authorization = req.headers.authorization;
    if (authorization?.startsWith('Bearer ')) return sameSecret(authorization.slice(7), config.adminToken);
    const session = req.cookies[ADMIN_COOKIE];
    return session !== undefined && sameSecret(session, sessionValue);
  };
  const requireAdmin = async (req: FastifyRequest, reply: FastifyReply): Promise<void> => {
    if (!config.adminToken) throw new HttpProblem(404, t(req).adminOff, t(req).notFoundTitle);
    if (isAdmin(req)) return;
    if (isApi(req)) throw new HttpProblem(401, { kind: 'http.admin-token-needed' });
    await reply.code(401).type('text/html; charset=utf-8').header('cache-control', 'no-store').send(loginPage(pageContext(req, config)));
  };
  return Object.assign(requireAdmin, { sessionValue });
}

/** Reads the one uploaded file and the optional date of a multipart request. */
async function readUpload(req: FastifyRequest): Promise<{ name: string; bytes: Buffer; asOf?: string }> {
  let file: { name: string; bytes: Buffer } | null = null;
  let asOf: string | undefined;
  try {
    for await (const part of req.parts()) {
      if (part.type === 'file') file = { name: displayName(part.filename), bytes: await part.toBuffer() };
      else if (part.fieldname === 'asOf' && typeof part.value === 'string' && part.value) asOf = part.value;
    }
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'FST_REQ_FILE_TOO_LARGE') throw new HttpProblem(413, { kind: 'http.upload-too-large', values: { megabytes: MAX_UPLOAD_BYTES / 1024 / 1024 } });
    if (code?.startsWith('FST_')) throw new HttpProblem(400, { kind: 'http.invalid-request', values: { detail: (error as Error).message } });
    throw error;
  }
  if (!file) throw new HttpProblem(400, { kind: 'http.no-file' });
  return { ...file, asOf };
}

async function startBatch(scheduler: AuditScheduler, upload: { name: string; bytes: Buffer; asOf?: string }) {
  try {
    return await scheduler.submitBatch(upload.name, upload.bytes, upload.asOf);
  } catch (error) {
    if (error instanceof RangeError) throw badInput(error);
    throw error;
  }
}

async function batchRow(store: ServiceStore, runId: number): Promise<ServiceBatchRow> {
  const batch = await store.serviceBatch(runId);
  if (!batch) throw new HttpProblem(404, { kind: 'http.no-run' });
  return batch;
}

async function batchStatus(store: ServiceStore, batch: ServiceBatchRow, withPartners: boolean) {
  const audits = new Map((await store.serviceAuditsOfRun(batch.run.id)).map((a) => [a.partnerId, a]));
  const base = `/api/batches/${batch.run.id}`;
  return {
    id: batch.run.id,
    fileName: batch.fileName,
    asOf: batch.run.asOf,
    state: batch.run.state,
    startedAt: batch.run.startedAt,
    finishedAt: batch.run.finishedAt,
    counts: { queued: batch.counts.pending, running: batch.counts.running, done: batch.counts.done, failed: batch.counts.failed },
    problems: batch.problems,
    links: { page: `/admin/batches/${batch.run.id}`, events: `${base}/events` },
    ...(withPartners
      ? {
          partners: (await summaryRows(store, batch.run, batch.run.asOf)).map((row) => ({
            id: row.partner.id,
            name: row.partner.name,
            homepage: row.partner.homepage,
            state: row.partner.state === 'pending' ? 'queued' : row.partner.state,
            verdict: row.partner.summary?.verdict ?? null,
            checks: row.statuses,
            changes: row.changes,
            error: row.partner.error,
            failure: row.partner.failure,
            auditId: audits.get(row.partner.id)?.id ?? '',
            report: row.partner.state === 'done' ? `${base}/partners/${encodeURIComponent(row.partner.id)}/report` : null,
          })),
        }
      : {}),
  };
}

async function batchEvents({ store, scheduler, streams }: Service, req: FastifyRequest<{ Params: { run: number } }>, reply: FastifyReply): Promise<void> {
  const batch = await batchRow(store, req.params.run);
  eventStream(streams, req, reply, (send, end) =>
    scheduler.followBatch(batch.run.id, (counts) => {
      send('batch', counts);
      if (counts.queued + counts.running === 0) end();
    }, (event: BatchEvent) => {
      send('partner', event);
      if (event.counts.queued + event.counts.running === 0) end();
    }));
}

async function batchPartner(store: ServiceStore, runId: number, partnerId: string) {
  const batch = await batchRow(store, runId);
  const partner = await store.partner(batch.run.id, partnerId);
  if (!partner || partner.state !== 'done') throw new HttpProblem(404, { kind: 'http.no-partner-report' });
  return { batch, partner };
}

/** The program managers' console: sign-in, the batches, a batch's page and events, each partner's report. */
function registerConsole(service: Service, requireAdmin: AdminGuard): void {
  const { app, config, store, scheduler, reports } = service;
  const { sessionValue } = requireAdmin;
  const loginLimit = { rateLimit: { max: 10, timeWindow: 900_000, groupId: 'login', errorResponseBuilder: tooManyRequests } };

  app.post<{ Body: { token?: string } }>('/admin/login', { config: loginLimit }, async (req, reply) => {
    if (!config.adminToken || !sessionValue) throw new HttpProblem(404, t(req).adminOff, t(req).notFoundTitle);
    if (typeof req.body?.token !== 'string' || !sameSecret(req.body.token, config.adminToken)) {
      return reply.code(401).type('text/html; charset=utf-8').send(loginPage(pageContext(req, config), t(req).adminWrongToken));
    }
    void reply.setCookie(ADMIN_COOKIE, sessionValue, { path: '/', httpOnly: true, sameSite: 'strict', secure: req.protocol === 'https' });
    return reply.redirect('/admin', 303);
  });

  app.post('/admin/logout', async (_req, reply) => {
    void reply.clearCookie(ADMIN_COOKIE, { path: '/' });
    return reply.redirect('/', 303);
  });

  app.get('/admin', { preHandler: requireAdmin }, async (req, reply) =>
    reply.type('text/html; charset=utf-8').header('cache-control', 'no-store').send(consolePage(pageContext(req, config), await store.serviceBatches())));

  app.post('/admin/batches', { preHandler: requireAdmin }, async (req, reply) => {
    try {
      const { run } = await startBatch(scheduler, await readUpload(req));
      return reply.redirect(`/admin/batches/${run.id}`, 303);
    } catch (error) {
      if (!(error instanceof BatchUploadError) && !(error instanceof HttpProblem && error.statusCode < 500)) throw error;
      return reply.code((error as { statusCode?: number }).statusCode ?? 400).type('text/html; charset=utf-8')
        .send(consolePage(pageContext(req, config), await store.serviceBatches(), { error: errorText(req.lang, error as Error), problems: error instanceof BatchUploadError ? error.problems : [] }));
    }
  });

  app.get<{ Params: { run: number } }>('/admin/batches/:run', { preHandler: requireAdmin, schema: { params: batchParamsSchema } }, async (req, reply) => {
    const batch = await batchRow(store, req.params.run);
    const rows = batchIndexRows(await summaryRows(store, batch.run, batch.run.asOf), (id) => `/admin/batches/${batch.run.id}/partners/${encodeURIComponent(id)}`, req.lang);
    const index = embedDocument(renderers.index(rows, { title: messages(req.lang).resultsHeading, generatedAt: new Date().toISOString() }, req.lang), { headingsBelow: 1 });
    const running = await Promise.all((await store.serviceAuditsOfRun(batch.run.id)).filter((a) => a.state === 'running')
      .map(async (a) => ({ partnerId: a.partnerId, name: a.name, pagesFetched: (await scheduler.status(a.id))?.pagesFetched ?? 0 })));
    return reply.type('text/html; charset=utf-8').header('cache-control', 'no-store').send(batchPage(pageContext(req, config), batch, index, running));
  });

  app.get<{ Params: { run: number } }>('/admin/batches/:run/events', { preHandler: requireAdmin, schema: { params: batchParamsSchema } }, (req, reply) => batchEvents(service, req, reply));

  app.get<{ Params: { run: number; partner: string } }>('/admin/batches/:run/partners/:partner', {
    preHandler: requireAdmin, schema: { params: batchPartnerParamsSchema },
  }, async (req, reply) => {
    const { batch, partner } = await batchPartner(store, req.params.run, req.params.partner);
    const previous = await store.previousOutcome(partner.id, batch.run.id);
    const base = `/admin/batches/${batch.run.id}/partners/${encodeURIComponent(partner.id)}`;
    const comparison: Comparison | null = previous
      ? {
          previousHref: (await store.serviceBatch(previous.run.id)) && previous.partner.state === 'done'
            ? `/admin/batches/${previous.run.id}/partners/${encodeURIComponent(partner.id)}` : null,
          previousDate: previous.run.startedAt.slice(0, 10),
          changes: compareOutcomes(previous, { partner, checks: await store.checks(batch.run.id, partner.id, batch.run.asOf) }),
        }
      : null;
    return reply.type('text/html; charset=utf-8').header('cache-control', 'no-store').send(auditReportPage(pageContext(req, config),
      await reports.embedded(batch.run.id, partner.id, batch.run.asOf, req.lang), {
        title: t(req).partnerReportTitle(partner.name),
        links: { json: `${base}/report.json`, markdown: `${base}/report.md`, html: `${base}/report.html` },
        comparison,
        back: { href: `/admin/batches/${batch.run.id}`, label: t(req).backToBatch },
      }));
  });
  for (const format of ['json', 'md', 'html'] as const) {
    app.get<{ Params: { run: number; partner: string } }>(`/admin/batches/:run/partners/:partner/report.${format}`, {
      preHandler: requireAdmin, schema: { params: batchPartnerParamsSchema },
    }, async (req, reply) => {
      const { batch, partner } = await batchPartner(store, req.params.run, req.params.partner);
      return reports.send(reply, req.lang, batch.run.id, partner.id, batch.run.asOf, format);
    });
  }
}

/** The JSON API for batches (admin token): start one, list them, one's status, events and partners' reports. */
function registerBatchApi(service: Service, requireAdmin: AdminGuard): void {
  const { app, store, scheduler, reports } = service;
  app.post('/api/batches', {
    preHandler: requireAdmin,
    schema: { response: { 201: { $ref: 'batchStatus#' }, 400: { $ref: 'error#' }, 401: { $ref: 'error#' } } },
  }, async (req, reply) => {
    const { run } = await startBatch(scheduler, await readUpload(req));
    return reply.code(201).header('location', `/api/batches/${run.id}`).send(await batchStatus(store, await batchRow(store, run.id), true));
  });
  app.get('/api/batches', { preHandler: requireAdmin, schema: { response: { 200: { type: 'array', items: { $ref: 'batchStatus#' } } } } },
    async () => Promise.all((await store.serviceBatches()).map((b) => batchStatus(store, b, false))));
  app.get<{ Params: { run: number } }>('/api/batches/:run', {
    preHandler: requireAdmin, schema: { params: batchParamsSchema, response: { 200: { $ref: 'batchStatus#' } } },
  }, async (req) => batchStatus(store, await batchRow(store, req.params.run), true));
  app.get<{ Params: { run: number } }>('/api/batches/:run/events', { preHandler: requireAdmin, schema: { params: batchParamsSchema } }, (req, reply) => batchEvents(service, req, reply));
  app.get<{ Params: { run: number; partner: string } }>('/api/batches/:run/partners/:partner/report', {
    preHandler: requireAdmin, schema: { params: batchPartnerParamsSchema },
  }, async (req, reply) => {
    const { batch, partner } = await batchPartner(store, req.params.run, req.params.partner);
    return reports.send(reply, req.lang, batch.run.id, partner.id, batch.run.asOf, 'json');
  });
}
