// The service's audit queue: at most `maxRunning` audits at once, the rest first in, first out, kept
// in the store so that a restart (after SIGTERM, a crash or SIGKILL) picks them up again; audits that
// were running start over. Visitors' audits go before the partners of uploaded lists, so a long batch
// never keeps a visitor waiting for more than the audits already running. Every audit is the same
// `auditSite` pipeline as the command line's; what happens meanwhile is published as events.

import { createHash, randomBytes } from 'node:crypto';
import { HostThrottle } from '../../crawlers/throttle.ts';
import type { PageRecord } from '../../crawlers/types.ts';
import { auditSite, today, validateAsOf, type AuditOptions } from '../audit.ts';
import { ApplicantListError, parseApplicants, type InputProblem } from '../batch/input.ts';
import { auditFailure, auditOverrun, WORKER_NAME } from '../batch/partner-audit.ts';
import { problemData, problemText, type Problem } from '../messages/index.ts';
import { summarizeReport } from '../batch/summary.ts';
import { checkStartUrl } from '../cli.ts';
import { CHECKS } from '../checks/index.ts';
import type { RunRow } from '../store/index.ts';
import type { ServiceAuditKind, ServiceAuditRow, ServiceStore } from './store.ts';
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
  /** Why it failed, in English words (for scripts; old rows have only these), and as data: worded in the page's language. */
  error: string | null;
  failure: Problem | null;
  queuedAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}

export type AuditEvent =
  | { type: 'state'; state: AuditState; position: number | null; error: string | null; failure?: Problem }
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
  /** What is wrong with the list as data (worded in the reader's language), when it is known. */
  readonly kind?: string;
  readonly values?: Problem['values'];
  constructor(what: Problem | string, readonly problems: InputProblem[] = []) {
    super(typeof what === 'string' ? what : problemText('en', what));
    this.name = 'BatchUploadError';
    if (typeof what !== 'string') Object.assign(this, problemData(what));
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
  readonly #store: ServiceStore;
  readonly #options: SchedulerOptions;
  readonly #hosts = new HostThrottle();
  readonly #queues: Record<ServiceAuditKind, string[]> = { visitor: [], batch: [] };
  readonly #running = new Map<string, Running>();
  readonly #listeners = new Map<string, Set<(event: AuditEvent) => void>>();
  readonly #batchListeners = new Map<number, Set<(event: BatchEvent) => void>>();
  #stopping = false;
  /** Submissions one at a time, so that two of one site never both start a crawl. */
  #submissions: Promise<unknown> = Promise.resolve();
  #pumping = false;
  #pumpAgain = false;

  constructor(store: ServiceStore, options: SchedulerOptions) {
    this.#store = store;
    this.#options = options;
  }

  /** Takes up what a previous process left: running audits start over, the queue keeps its order. */
  async start(): Promise<void> {
    await this.#store.requeueRunningServiceAudits();
    for (const audit of await this.#store.unfinishedServiceAudits()) this.#queues[audit.kind].push(audit.id);
    this.#pump();
  }

  get runningCount(): number {
    return this.#running.size;
  }

  /**
   * A visitor's audit of `input` (a homepage as typed). Joins the site's audit when one is queued,
   * running, or finished within the cooldown. Throws RangeError for an address or date that is not one.
   */
  submitVisitor(input: string, asOf?: string): Promise<{ id: string; joined: boolean }> {
    return this.#oneAtATime(() => this.#submitVisitor(input, asOf));
  }

  async #submitVisitor(input: string, asOf?: string): Promise<{ id: string; joined: boolean }> {
    const homepage = checkStartUrl(input.trim());
    const date = asOf ? validateAsOf(asOf) : today();
    const site = siteKey(homepage);
    const joinable = await this.joinableAudit(homepage);
    if (joinable) return { id: joinable, joined: true };
    const run = await this.#store.startRun({
      inputPath: 'web',
      inputSha256: createHash('sha256').update(homepage).digest('hex'),
      asOf: date,
      options: { asOf: date, crawl: this.#options.crawl },
      extraColumns: [],
      // ':' is not allowed in a batch partner id, so a visitor's audit is never a batch partner's past.
      partners: [{ id: `visitor:${site}`, name: new URL(homepage).host, homepage, notes: '', extra: {}, line: 1 }],
    });
    const id = newAuditId();
    await this.#store.addServiceAudits([{ id, kind: 'visitor', site, runId: run.id, partnerId: `visitor:${site}` }]);
    this.#queues.visitor.push(id);
    this.#pump();
    return { id, joined: false };
  }

  /**
   * Whether a visitor's submission would start a crawl: not when it joins an audit of the site, nor
   * when it is refused (not an address, not a date). Only crawls count against a visitor's hourly limit.
   */
  async wouldCrawl(input: string, asOf?: string): Promise<boolean> {
    try {
      checkStartUrl(input.trim());
      if (asOf) validateAsOf(asOf);
    } catch {
      return false;
    }
    return (await this.joinableAudit(input)) === null;
  }

  /** The audit a visitor's submission of `input` would join, or null (also for input that is no address). */
  async joinableAudit(input: string): Promise<string | null> {
    let site: string;
    try {
      site = siteKey(checkStartUrl(input.trim()));
    } catch {
      return null;
    }
    const latest = await this.#store.latestServiceAudit('visitor', site);
    if (!latest) return null;
    if (latest.state === 'pending' || latest.state === 'running') return latest.id;
    const finished = latest.finishedAt ? Date.parse(latest.finishedAt) : 0;
    return Date.now() - finished < this.#options.cooldownMs ? latest.id : null;
  }

  /**
   * Starts a batch from an uploaded applicant list (CSV, JSON or JSON Lines, as `batch` reads them).
   * `fileName` only names the list in messages and picks the format by its extension.
   */
  submitBatch(fileName: string, bytes: Buffer, asOf?: string): Promise<{ run: RunRow; problems: InputProblem[] }> {
    return this.#oneAtATime(() => this.#submitBatch(fileName, bytes, asOf));
  }

  async #submitBatch(fileName: string, bytes: Buffer, asOf?: string): Promise<{ run: RunRow; problems: InputProblem[] }> {
    const date = asOf ? validateAsOf(asOf) : today();
    let list;
    try {
      list = parseApplicants(bytes, fileName);
    } catch (error) {
      throw new BatchUploadError(error instanceof ApplicantListError ? problemData(error) : (error as Error).message);
    }
    if (list.applicants.length === 0) throw new BatchUploadError({ kind: 'list.no-row', values: { file: fileName } }, list.problems);
    const run = await this.#store.startRun({
      inputPath: 'upload',
      inputSha256: list.sha256,
      asOf: date,
      options: { asOf: date, crawl: this.#options.crawl },
      extraColumns: list.extraColumns,
      partners: list.applicants,
    });
    await this.#store.addServiceBatch(run.id, fileName, list.problems);
    const entries = list.applicants.map((a) => ({ id: newAuditId(), kind: 'batch' as const, site: siteKey(a.homepage), runId: run.id, partnerId: a.id }));
    await this.#store.addServiceAudits(entries);
    this.#queues.batch.push(...entries.map((e) => e.id));
    this.#pump();
    return { run, problems: list.problems };
  }

  #oneAtATime<T>(submit: () => Promise<T>): Promise<T> {
    const result = this.#submissions.then(submit);
    this.#submissions = result.catch(() => undefined);
    return result;
  }

  async status(id: string): Promise<AuditStatus | null> {
    const row = await this.#store.serviceAudit(id);
    if (!row) return null;
    // A done audit's row is final, so its checks may be read after it.
    return this.#status(row, row.state === 'done' ? await this.#storedChecks(row) : []);
  }

  /**
   * Listens to one audit: `begin` gets its status as it stands, then `listener` every event after it,
   * none missed and none told twice (an event is emitted only once what it reports is stored, and the
   * store answers in order, so events before the status is read are already part of it). Returns the
   * function that stops listening.
   */
  follow(id: string, begin: (status: AuditStatus) => void, listener: (event: AuditEvent) => void): () => void {
    let begun = false;
    const unsubscribe = this.subscribe(id, (event) => {
      if (begun) listener(event);
    });
    void this.status(id).then((status) => {
      if (!status) return;
      begun = true;
      begin(status);
    }, warn);
    return unsubscribe;
  }

  /** follow() for a batch run: `begin` gets its counts as they stand, `listener` every change after. */
  followBatch(runId: number, begin: (counts: Record<AuditState, number>) => void, listener: (event: BatchEvent) => void): () => void {
    let begun = false;
    const unsubscribe = this.subscribeBatch(runId, (event) => {
      if (begun) listener(event);
    });
    void this.#batchCounts(runId).then((counts) => {
      begun = true;
      begin(counts);
    }, warn);
    return unsubscribe;
  }

  async #batchCounts(runId: number): Promise<Record<AuditState, number>> {
    const counts: Record<AuditState, number> = { queued: 0, running: 0, done: 0, failed: 0 };
    for (const [state, n] of Object.entries((await this.#store.serviceBatch(runId))?.counts ?? {})) {
      counts[state === 'pending' ? 'queued' : (state as AuditState)] += n;
    }
    return counts;
  }

  /** Where an audit stands, from its stored row and, while it runs, what it has read so far. */
  #status(row: ServiceAuditRow, storedChecks: CheckBrief[]): AuditStatus {
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
      checks: running?.checks ?? storedChecks,
      verdict: row.summary?.verdict ?? null,
      error: row.error,
      failure: row.failure,
      queuedAt: row.queuedAt,
      startedAt: row.startedAt,
      finishedAt: row.finishedAt,
    };
  }

  async #storedChecks(row: ServiceAuditRow): Promise<CheckBrief[]> {
    return (await this.#store.checks(row.runId, row.partnerId, row.asOf)).map((c) => ({
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
    if (row.kind !== 'batch' || !this.#batchListeners.get(row.runId)?.size || (event.type !== 'state' && event.type !== 'progress')) return;
    void this.#emitBatch(row).catch(warn);
  }

  async #emitBatch(row: ServiceAuditRow): Promise<void> {
    const current = await this.#store.serviceAudit(row.id);
    const counts = await this.#batchCounts(row.runId);
    if (!current) return;
    const batchEvent: BatchEvent = {
      type: 'partner', partnerId: row.partnerId, name: row.name, state: partnerState(current),
      pagesFetched: this.#running.get(row.id)?.pagesFetched ?? current.summary?.pagesCrawled ?? 0,
      verdict: current.summary?.verdict ?? null, counts,
    };
    for (const listener of this.#batchListeners.get(row.runId) ?? []) listener(batchEvent);
  }

  /** Starts queued audits while there is room: visitors first, then batch partners, each in order. */
  #pump(): void {
    void this.#fillSlots().catch(warn);
  }

  /** One filling at a time; a call meanwhile makes it go round once more. */
  async #fillSlots(): Promise<void> {
    if (this.#pumping) {
      this.#pumpAgain = true;
      return;
    }
    this.#pumping = true;
    try {
      do {
        this.#pumpAgain = false;
        await this.#startQueued();
      } while (this.#pumpAgain);
    } finally {
      this.#pumping = false;
    }
  }

  async #startQueued(): Promise<void> {
    while (!this.#stopping && this.#running.size < this.#options.maxRunning) {
      const id = this.#queues.visitor.shift() ?? this.#queues.batch.shift();
      if (id === undefined) break;
      const row = await this.#store.serviceAudit(id);
      if (!row || row.state !== 'pending' || this.#stopping) continue;
      this.#launch(row);
    }
    // Everyone still waiting moved up.
    for (const kind of ['visitor', 'batch'] as const) {
      for (const id of [...this.#queues[kind]]) {
        if (this.#stopping) return;
        if (!this.#listeners.get(id)?.size) continue;
        const row = await this.#store.serviceAudit(id);
        const position = row && this.#position(row);
        if (row && position) this.#emit(row, { type: 'state', state: 'queued', position, error: null });
      }
    }
  }

  #launch(row: ServiceAuditRow): void {
    const running: Running = {
      controller: new AbortController(), settled: Promise.resolve(), pagesFetched: 0, pagesQueued: 0, currentUrl: null, checks: [],
    };
    this.#running.set(row.id, running);
    running.settled = this.#start(row, running).catch(warn).finally(() => {
      this.#running.delete(row.id);
      this.#pump();
    });
  }

  async #start(row: ServiceAuditRow, running: Running): Promise<void> {
    await this.#store.markStarted(row.runId, row.partnerId, WORKER_NAME);
    await this.#store.markServiceAuditTime(row.id, 'started');
    if (running.controller.signal.aborted) return;
    this.#emit(row, { type: 'state', state: 'running', position: null, error: null });
    await this.#audit(row, running);
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
      if (deadline.aborted) throw deadline.reason;
      // The checks are decided together once the crawl is complete; each is shown as it is announced,
      // before the report is stored and the audit counts as done.
      for (const check of report.checks) {
        const brief: CheckBrief = { id: check.id, title: check.title, status: check.status, summary: check.summary };
        running.checks.push(brief);
        this.#emit(row, { type: 'check', check: brief });
      }
      await this.#store.saveResult(row.runId, row.partnerId, {
        evidence, checks: report.checks, asOf: row.asOf, summary: summarizeReport(report), durationMs: Date.now() - started,
      });
      await this.#finish(row, { type: 'state', state: 'done', position: null, error: null });
    } catch (error) {
      if (running.controller.signal.aborted) return;
      const failure = deadline.aborted ? auditOverrun(limitMs) : auditFailure(error);
      await this.#store.saveFailure(row.runId, row.partnerId, failure, Date.now() - started);
      await this.#finish(row, { type: 'state', state: 'failed', position: null, error: problemText('en', failure), failure });
    }
  }

  async #finish(row: ServiceAuditRow, event: AuditEvent): Promise<void> {
    await this.#store.markServiceAuditTime(row.id, 'finished');
    await this.#store.finishRunIfComplete(row.runId);
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
      const row = await this.#store.serviceAudit(id);
      if (row) await this.#store.markPending(row.runId, row.partnerId);
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

/** An error of the queue itself (not of an audit, which is stored): for the service's log. */
function warn(error: unknown): void {
  console.error(`partner-presence serve: ${firstLine(error)}`);
}

function firstLine(error: unknown): string {
  if (error instanceof Error) return error.message.split('\n')[0] || error.name;
  return String(error);
}
