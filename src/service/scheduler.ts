// The service's audit queue: at most `maxRunning` audits at once, the rest first in, first out, kept
// in the store so that a restart (after SIGTERM, a crash or SIGKILL) picks them up again; audits that
// were running start over. Visitors' audits go before the partners of uploaded lists, so a long batch
// never keeps a visitor waiting for more than the audits already running. Every audit is the same
// `auditSite` pipeline as the command line's; what happens meanwhile is published as events.

import { createHash, randomBytes } from 'node:crypto';
import { HostThrottle } from '../../crawlers/throttle.ts';
import type { PageRecord } from '../../crawlers/types.ts';
import { auditSite, today, validateAsOf, type AuditOptions } from '../audit.ts';
import { parseApplicants, type InputProblem } from '../batch/input.ts';
import { summarizeReport } from '../batch/summary.ts';
import { checkStartUrl } from '../cli.ts';
import { CHECKS } from '../checks/index.ts';
import type { ResultStore, RunRow, ServiceAuditKind, ServiceAuditRow } from '../storage.ts';
import type { CheckId, CheckStatus } from '../types.ts';

/** Server-side crawl options: never a visitor's to choose. */
export type ServiceCrawlOptions = Partial<Omit<AuditOptions, 'asOf' | 'signal' | 'priority'>>;

export interface SchedulerOptions {
  /** Audits running at once. */
  maxRunning: number;
  crawl: ServiceCrawlOptions;
  /** A site audited this recently (or being audited) is shown again rather than crawled again. */
  cooldownMs: number;
}

/** A decided check as the live page shows it. */
export interface CheckBrief {
  id: CheckId;
  title: string;
  status: CheckStatus;
  summary: string;
}

export type AuditState = 'queued' | 'running' | 'done' | 'failed';

/** Where an audit stands; what the status API returns and what the event stream starts with. */
export interface AuditStatus {
  id: string;
  kind: ServiceAuditKind;
  homepage: string;
  asOf: string;
  state: AuditState;
  /** 1 = next to start; null unless queued. */
  position: number | null;
  pagesFetched: number;
  pagesQueued: number;
  /** The page read last; null before the first. */
  currentUrl: string | null;
  checks: CheckBrief[];
  verdict: CheckStatus | null;
  error: string | null;
  queuedAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}

export type AuditEvent =
  | { type: 'state'; state: AuditState; position: number | null; error: string | null }
  | { type: 'progress'; pagesFetched: number; pagesQueued: number; currentUrl: string | null }
  | { type: 'check'; check: CheckBrief };

/** What the batch page hears: one partner of the run changed state or read another page. */
export interface BatchEvent {
  type: 'partner';
  partnerId: string;
  name: string;
  state: AuditState;
  pagesFetched: number;
  verdict: CheckStatus | null;
  counts: Record<AuditState, number>;
}

/** A list that could not become a batch (not a list at all, or no usable row). */
export class BatchUploadError extends Error {
  readonly statusCode = 400;
  constructor(message: string, readonly problems: InputProblem[] = []) {
    super(message);
    this.name = 'BatchUploadError';
  }
}

/** Beyond the crawl's own time budget, the time analysis may take before an audit counts as hung. */
const GRACE_MS = 120_000;
const DEFAULT_TIME_BUDGET_MS = 300_000;
/** How long a stop waits for running audits to let go before closing anyway. */
const STOP_WAIT_MS = 3_000;

interface Running {
  controller: AbortController;
  settled: Promise<void>;
  pagesFetched: number;
  pagesQueued: number;
  currentUrl: string | null;
  checks: CheckBrief[];
}

/** 128 random bits, URL-safe: an audit's address is its only key. */
export function newAuditId(): string {
  return randomBytes(16).toString('base64url');
}

export const AUDIT_ID_PATTERN = '^[A-Za-z0-9_-]{22}$';

/**
 * "The same site" for joining and comparing: host without a leading www., port and path, whatever the
 * scheme or trailing slash (acme.com, https://www.acme.com/ and http://acme.com are one site).
 */
export function siteKey(homepage: string): string {
  const url = new URL(homepage);
  const host = url.host.toLowerCase().replace(/^www\./, '');
  const path = url.pathname.replace(/\/+$/, '');
  return `${host}${path}`;
}

function partnerState(row: ServiceAuditRow): AuditState {
  return row.state === 'pending' ? 'queued' : row.state === 'done' ? 'done' : row.state;
}

export class AuditScheduler {
  readonly #store: ResultStore;
  readonly #options: SchedulerOptions;
  readonly #hosts = new HostThrottle();
  readonly #queues: Record<ServiceAuditKind, string[]> = { visitor: [], batch: [] };
  readonly #running = new Map<string, Running>();
  readonly #listeners = new Map<string, Set<(event: AuditEvent) => void>>();
  readonly #batchListeners = new Map<number, Set<(event: BatchEvent) => void>>();
  #stopping = false;

  constructor(store: ResultStore, options: SchedulerOptions) {
    this.#store = store;
    this.#options = options;
  }

  /** Takes up what a previous process left: running audits start over, the queue keeps its order. */
  start(): void {
    this.#store.requeueRunningServiceAudits();
    for (const audit of this.#store.unfinishedServiceAudits()) this.#queues[audit.kind].push(audit.id);
    this.#pump();
  }

  get runningCount(): number {
    return this.#running.size;
  }

  /**
   * A visitor's audit of `input` (a homepage as typed). Joins the site's audit when one is queued,
   * running, or finished within the cooldown. Throws RangeError for an address or date that is not one.
   */
  submitVisitor(input: string, asOf?: string): { id: string; joined: boolean } {
    const homepage = checkStartUrl(input.trim());
    const date = asOf ? validateAsOf(asOf) : today();
    const site = siteKey(homepage);
    const joinable = this.joinableAudit(homepage);
    if (joinable) return { id: joinable, joined: true };
    const run = this.#store.startRun({
      inputPath: 'web',
      inputSha256: createHash('sha256').update(homepage).digest('hex'),
      asOf: date,
      options: { asOf: date, crawl: this.#options.crawl },
      extraColumns: [],
      // ':' is not allowed in a batch partner id, so a visitor's audit is never a batch partner's past.
      partners: [{ id: `visitor:${site}`, name: new URL(homepage).host, homepage, notes: '', extra: {}, line: 1 }],
    });
    const id = newAuditId();
    this.#store.addServiceAudits([{ id, kind: 'visitor', site, runId: run.id, partnerId: `visitor:${site}` }]);
    this.#queues.visitor.push(id);
    this.#pump();
    return { id, joined: false };
  }

  /**
   * Whether a visitor's submission would start a crawl: not when it joins an audit of the site, nor
   * when it is refused (not an address, not a date). Only crawls count against a visitor's hourly limit.
   */
  wouldCrawl(input: string, asOf?: string): boolean {
    try {
      checkStartUrl(input.trim());
      if (asOf) validateAsOf(asOf);
    } catch {
      return false;
    }
    return this.joinableAudit(input) === null;
  }

  /** The audit a visitor's submission of `input` would join, or null (also for input that is no address). */
  joinableAudit(input: string): string | null {
    let site: string;
    try {
      site = siteKey(checkStartUrl(input.trim()));
    } catch {
      return null;
    }
    const latest = this.#store.latestServiceAudit('visitor', site);
    if (!latest) return null;
    if (latest.state === 'pending' || latest.state === 'running') return latest.id;
    const finished = latest.finishedAt ? Date.parse(latest.finishedAt) : 0;
    return Date.now() - finished < this.#options.cooldownMs ? latest.id : null;
  }

  /**
   * Starts a batch from an uploaded applicant list (CSV, JSON or JSON Lines, as `batch` reads them).
   * `fileName` only names the list in messages and picks the format by its extension.
   */
  submitBatch(fileName: string, bytes: Buffer, asOf?: string): { run: RunRow; problems: InputProblem[] } {
    const date = asOf ? validateAsOf(asOf) : today();
    let list;
    try {
      list = parseApplicants(bytes, fileName);
    } catch (error) {
      throw new BatchUploadError((error as Error).message);
    }
    if (list.applicants.length === 0) throw new BatchUploadError(`${fileName} has no row that can be audited`, list.problems);
    const run = this.#store.startRun({
      inputPath: 'upload',
      inputSha256: list.sha256,
      asOf: date,
      options: { asOf: date, crawl: this.#options.crawl },
      extraColumns: list.extraColumns,
      partners: list.applicants,
    });
    this.#store.addServiceBatch(run.id, fileName, list.problems);
    const entries = list.applicants.map((a) => ({ id: newAuditId(), kind: 'batch' as const, site: siteKey(a.homepage), runId: run.id, partnerId: a.id }));
    this.#store.addServiceAudits(entries);
    this.#queues.batch.push(...entries.map((e) => e.id));
    this.#pump();
    return { run, problems: list.problems };
  }

  status(id: string): AuditStatus | null {
    const row = this.#store.serviceAudit(id);
    return row ? this.#status(row) : null;
  }

  #status(row: ServiceAuditRow): AuditStatus {
    const running = this.#running.get(row.id);
    const state = partnerState(row);
    return {
      id: row.id,
      kind: row.kind,
      homepage: row.summary?.finalHomepage ?? row.homepage,
      asOf: row.asOf,
      state,
      position: state === 'queued' ? this.#position(row) : null,
      pagesFetched: running?.pagesFetched ?? row.summary?.pagesCrawled ?? 0,
      pagesQueued: running?.pagesQueued ?? 0,
      currentUrl: running?.currentUrl ?? null,
      checks: running?.checks ?? (row.state === 'done' ? this.#storedChecks(row) : []),
      verdict: row.summary?.verdict ?? null,
      error: row.error,
      queuedAt: row.queuedAt,
      startedAt: row.startedAt,
      finishedAt: row.finishedAt,
    };
  }

  #storedChecks(row: ServiceAuditRow): CheckBrief[] {
    return this.#store.checks(row.runId, row.partnerId, row.asOf).map((c) => ({
      id: c.checkId, title: CHECKS.find((k) => k.id === c.checkId)?.title ?? c.checkId, status: c.status, summary: c.summary,
    }));
  }

  #position(row: ServiceAuditRow): number | null {
    const index = this.#queues[row.kind].indexOf(row.id);
    return index < 0 ? null : index + 1;
  }

  /** Listens to one audit's events; returns the function that stops listening. */
  subscribe(id: string, listener: (event: AuditEvent) => void): () => void {
    return addListener(this.#listeners, id, listener);
  }

  subscribeBatch(runId: number, listener: (event: BatchEvent) => void): () => void {
    return addListener(this.#batchListeners, runId, listener);
  }

  #emit(row: ServiceAuditRow, event: AuditEvent): void {
    for (const listener of this.#listeners.get(row.id) ?? []) listener(event);
    if (row.kind !== 'batch') return;
    const batchListeners = this.#batchListeners.get(row.runId);
    if (!batchListeners?.size || (event.type !== 'state' && event.type !== 'progress')) return;
    const current = this.#store.serviceAudit(row.id)!;
    const counts: Record<AuditState, number> = { queued: 0, running: 0, done: 0, failed: 0 };
    for (const [state, n] of Object.entries(this.#store.serviceBatch(row.runId)?.counts ?? {})) {
      counts[state === 'pending' ? 'queued' : (state as AuditState)] += n;
    }
    const batchEvent: BatchEvent = {
      type: 'partner', partnerId: row.partnerId, name: row.name, state: partnerState(current),
      pagesFetched: this.#running.get(row.id)?.pagesFetched ?? current.summary?.pagesCrawled ?? 0,
      verdict: current.summary?.verdict ?? null, counts,
    };
    for (const listener of batchListeners) listener(batchEvent);
  }

  /** Starts queued audits while there is room: visitors first, then batch partners, each in order. */
  #pump(): void {
    if (this.#stopping) return;
    while (this.#running.size < this.#options.maxRunning) {
      const id = this.#queues.visitor.shift() ?? this.#queues.batch.shift();
      if (id === undefined) break;
      const row = this.#store.serviceAudit(id);
      if (!row || row.state !== 'pending') continue;
      this.#launch(row);
    }
    // Everyone still waiting moved up.
    for (const kind of ['visitor', 'batch'] as const) {
      this.#queues[kind].forEach((id, index) => {
        if (!this.#listeners.get(id)?.size) return;
        const row = this.#store.serviceAudit(id);
        if (row) this.#emit(row, { type: 'state', state: 'queued', position: index + 1, error: null });
      });
    }
  }

  #launch(row: ServiceAuditRow): void {
    const running: Running = {
      controller: new AbortController(), settled: Promise.resolve(), pagesFetched: 0, pagesQueued: 0, currentUrl: null, checks: [],
    };
    this.#running.set(row.id, running);
    this.#store.markStarted(row.runId, row.partnerId);
    this.#store.markServiceAuditTime(row.id, 'started');
    this.#emit(row, { type: 'state', state: 'running', position: null, error: null });
    running.settled = this.#audit(row, running).finally(() => {
      this.#running.delete(row.id);
      this.#pump();
    });
  }

  async #audit(row: ServiceAuditRow, running: Running): Promise<void> {
    const started = Date.now();
    const limitMs = (this.#options.crawl.timeBudgetMs ?? DEFAULT_TIME_BUDGET_MS) + GRACE_MS;
    const deadline = AbortSignal.timeout(limitMs);
    const progress = () => this.#emit(row, {
      type: 'progress', pagesFetched: running.pagesFetched, pagesQueued: running.pagesQueued, currentUrl: running.currentUrl,
    });
    try {
      const { report, evidence } = await auditSite(
        row.homepage,
        { ...this.#options.crawl, asOf: row.asOf, signal: AbortSignal.any([running.controller.signal, deadline]) },
        {
          page: (page: PageRecord) => {
            running.currentUrl = page.finalUrl;
            progress();
          },
          progress: (p) => {
            running.pagesFetched = p.fetched;
            running.pagesQueued = p.queued;
          },
        },
        { hosts: this.#hosts },
      );
      if (running.controller.signal.aborted) return;
      if (deadline.aborted) throw new Error(`did not finish within ${Math.round(limitMs / 1000)} s`);
      // The checks are decided together once the crawl is complete; each is shown as it is announced,
      // before the report is stored and the audit counts as done.
      for (const check of report.checks) {
        const brief: CheckBrief = { id: check.id, title: check.title, status: check.status, summary: check.summary };
        running.checks.push(brief);
        this.#emit(row, { type: 'check', check: brief });
      }
      this.#store.saveResult(row.runId, row.partnerId, {
        evidence, checks: report.checks, asOf: row.asOf, summary: summarizeReport(report), durationMs: Date.now() - started,
      });
      this.#finish(row, { type: 'state', state: 'done', position: null, error: null });
    } catch (error) {
      if (running.controller.signal.aborted) return;
      const message = deadline.aborted ? `did not finish within ${Math.round(limitMs / 1000)} s` : firstLine(error);
      this.#store.saveFailure(row.runId, row.partnerId, message, Date.now() - started);
      this.#finish(row, { type: 'state', state: 'failed', position: null, error: message });
    }
  }

  #finish(row: ServiceAuditRow, event: AuditEvent): void {
    this.#store.markServiceAuditTime(row.id, 'finished');
    const left = this.#store.partners(row.runId).some((p) => p.state === 'pending' || p.state === 'running');
    if (!left) this.#store.finishRun(row.runId, 'finished');
    this.#emit(row, event);
  }

  /**
   * Stops taking audits and abandons the running ones: they are put back in the queue at once (so a
   * process killed while waiting loses nothing), then given a moment to let go of their connections.
   */
  async stop(): Promise<void> {
    this.#stopping = true;
    const running = [...this.#running.entries()];
    for (const [id, r] of running) {
      const row = this.#store.serviceAudit(id);
      if (row) this.#store.markPending(row.runId, row.partnerId);
      r.controller.abort(new Error('the service is stopping'));
    }
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      Promise.allSettled(running.map(([, r]) => r.settled)),
      new Promise((resolve) => { timer = setTimeout(resolve, STOP_WAIT_MS); }),
    ]);
    clearTimeout(timer);
  }
}

function addListener<K, E>(map: Map<K, Set<(event: E) => void>>, key: K, listener: (event: E) => void): () => void {
  let set = map.get(key);
  if (!set) map.set(key, (set = new Set()));
  set.add(listener);
  return () => {
    set.delete(listener);
    if (set.size === 0) map.delete(key);
  };
}

function firstLine(error: unknown): string {
  if (error instanceof Error) return error.message.split('\n')[0] || error.name;
  return String(error);
}
