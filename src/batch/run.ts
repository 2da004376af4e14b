// The batch runner: audits every partner on an applicant list with the `audit` pipeline, several at
// a time, and stores each partner's outcome in one transaction. One partner failing is that partner's
// error; an abort (Ctrl-C) discards the partners in flight, and `--resume` finishes the run later.

import PQueue from 'p-queue';
import type { Lang } from '../messages/index.ts';
import { existsSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import type { CrawlOptions } from '../../crawlers/types.ts';
import { HostThrottle } from '../../crawlers/throttle.ts';
import { Renderer } from '../../crawlers/render.ts';
import { auditSite, resolveAuditOptions } from '../audit.ts';
import { evaluate } from '../evaluate.ts';
import { isStoreError, MAX_CRASHES, RESULTS_FILE, ResultStore, type PartnerRow, type RunRow } from '../storage.ts';
import { readApplicants, type ApplicantList, type InputProblem } from './input.ts';
import { OutputDirLock } from './lock.ts';
import {
  hasPartnerReport,
  OutputWriteError,
  removeLeftoverTemporaryFiles,
  removePartnerReport,
  summaryRows,
  writePartnerReport,
  writeSummaryFiles,
} from './outputs.ts';
import type { BatchProgress } from './progress.ts';
import { summarizeReport, type SummaryRow } from './summary.ts';

/** Crawl options that can be stored with a run and applied again on resume (no functions, no signal). */
export type StoredCrawlOptions = Partial<Omit<CrawlOptions, 'priority' | 'signal'>>;

export interface BatchSettings {
  outDir: string;
  /** YYYY-MM-DD */
  asOf: string;
  crawl: StoredCrawlOptions;
  /** Partners audited at the same time. */
  concurrency: number;
  keepHtml: boolean;
  /** Continue the latest unfinished run in outDir instead of starting a new one. */
  resume: boolean;
  /** The language of the HTML reports, summary.csv's headers and index.html (the JSON reports have no prose). */
  lang?: Lang;
}

export interface BatchOutcome {
  run: RunRow;
  state: 'finished' | 'interrupted';
  rows: SummaryRow[];
  problems: InputProblem[];
  /** Partners audited by this process (not counting those finished before a resume). */
  audited: number;
}

/** A batch that cannot start: nothing to resume, the list changed. */
export class BatchStartError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BatchStartError';
  }
}

/**
 * A run that stopped because its results or report files could not be written (disk full, a path
 * that is a directory). Everything stored before stays stored; --resume continues once it is fixed.
 */
export class BatchStoppedError extends Error {
  constructor(reason: string, readonly resultsPath: string) {
    super(reason);
    this.name = 'BatchStoppedError';
  }
}

/** Beyond the crawl's own time budget, the time analysis may take before a partner counts as hung. */
const PARTNER_GRACE_MS = 120_000;
const DEFAULT_TIME_BUDGET_MS = 300_000;

interface StoredRunOptions {
  asOf: string;
  crawl: StoredCrawlOptions;
  keepHtml: boolean;
}

export async function runBatch(
  inputFile: string,
  settings: BatchSettings,
  progress: BatchProgress,
  signal: AbortSignal,
): Promise<BatchOutcome> {
  // Options are checked once here, not found wrong by every partner in turn (throws RangeError).
  resolveAuditOptions({ ...settings.crawl, asOf: settings.asOf });
  const list = await readApplicants(inputFile);
  const lock = OutputDirLock.acquire(settings.outDir);
  try {
    const store = ResultStore.open(settings.outDir);
    try {
      removeLeftoverTemporaryFiles(settings.outDir);
      return await runLocked(store, inputFile, list, settings, progress, signal);
    } finally {
      store.close();
    }
  } finally {
    lock.release();
  }
}

async function runLocked(
  store: ResultStore,
  inputFile: string,
  list: ApplicantList,
  settings: BatchSettings,
  progress: BatchProgress,
  signal: AbortSignal,
): Promise<BatchOutcome> {
  const { run, options } = settings.resume ? takeOverRun(store, settings, list.sha256) : {
    run: store.startRun({
      inputPath: resolve(inputFile),
      inputSha256: list.sha256,
      asOf: settings.asOf,
      options: { asOf: settings.asOf, crawl: settings.crawl, keepHtml: settings.keepHtml } satisfies StoredRunOptions,
      extraColumns: list.extraColumns,
      partners: list.applicants,
    }),
    options: { asOf: settings.asOf, crawl: settings.crawl, keepHtml: settings.keepHtml },
  };
  for (const problem of list.problems) progress.note(`${relative(process.cwd(), inputFile) || inputFile}:${problem.line}: ${problem.message}`);

  const partners = store.partners(run.id);
  const todo = partners.filter((p) => p.state === 'pending');
  if (settings.resume) {
    const givenUp = partners.filter((p) => p.state === 'failed' && p.crashes >= MAX_CRASHES);
    progress.note(
      `Resuming run ${run.id} with its own options (as of ${run.asOf}): ` +
        `${partners.length - todo.length} of ${partners.length} partners already done.`,
    );
    for (const p of givenUp) progress.note(`${p.id}: ${p.error}`);
  }
  progress.start(partners.length, partners.length - todo.length);

  // One browser (launched only if a page needs it) and one politeness ledger for the whole batch.
  const shared = {
    hosts: new HostThrottle(),
    renderer: new Renderer({ chromiumPath: options.crawl.chromiumPath ?? null }),
  };
  // Stops the run when its results or files cannot be written: no partner's fault, and going on
  // would only audit partners whose results cannot be kept.
  const stop = new AbortController();
  const runSignal = AbortSignal.any([signal, stop.signal]);
  let audited = 0;
  const work = async (partner: PartnerRow) => {
    if (runSignal.aborted) return;
    try {
      if (await auditPartner(store, run, partner, options, shared, progress, runSignal, settings.outDir, settings.lang)) audited++;
    } catch (error) {
      if (!stop.signal.aborted) stop.abort(stoppedBy(error, store));
    }
  };
  try {
    // Partners in flight when an earlier process died go first and one at a time: if one of them
    // kills the process again, it alone is blamed (MAX_CRASHES).
    for (const partner of todo.filter((p) => p.crashes > 0)) await work(partner);
    const queue = new PQueue({ concurrency: Math.max(1, settings.concurrency) });
    const stopQueue = () => queue.clear();
    runSignal.addEventListener('abort', stopQueue, { once: true });
    for (const partner of todo.filter((p) => p.crashes === 0)) void queue.add(() => work(partner));
    await queue.onIdle();
    runSignal.removeEventListener('abort', stopQueue);
  } finally {
    progress.stop();
    await shared.renderer.close();
  }

  if (runSignal.aborted) {
    store.finishRun(run.id, 'interrupted');
    if (stop.signal.aborted) throw stop.signal.reason;
    return { run: store.run(run.id)!, state: 'interrupted', rows: summaryRows(store, run, run.asOf), problems: list.problems, audited };
  }
  try {
    syncPartnerReports(store, run, settings.outDir, settings.lang);
    const rows = summaryRows(store, run, run.asOf);
    writeSummaryFiles(settings.outDir, run, run.asOf, rows, settings.lang);
    store.finishRun(run.id, 'finished');
    return { run: store.run(run.id)!, state: 'finished', rows, problems: list.problems, audited };
  } catch (error) {
    store.finishRun(run.id, 'interrupted');
    throw stoppedBy(error, store);
  }
}

function takeOverRun(store: ResultStore, settings: BatchSettings, sha256: string): { run: RunRow; options: StoredRunOptions } {
  const run = store.latestUnfinishedRun();
  if (!run) throw new BatchStartError(`nothing to resume in ${settings.outDir}: every run there has finished`);
  if (run.inputSha256 !== sha256) {
    throw new BatchStartError(
      `the applicant list changed since run ${run.id} started (${run.inputPath}); start a new run without --resume`,
    );
  }
  return { run: store.resumeRun(run.id), options: run.options as unknown as StoredRunOptions };
}

/** A failure to write results or files becomes the one BatchStoppedError the run stops with. */
function stoppedBy(error: unknown, store: ResultStore): unknown {
  if (error instanceof OutputWriteError) return new BatchStoppedError(error.message, store.path);
  if (isStoreError(error)) return new BatchStoppedError(`cannot write the results to ${store.path}: ${errorMessage(error)}`, store.path);
  return error;
}

/**
 * Audits one partner and stores its outcome. Returns whether an outcome (result or error) was stored;
 * false when the batch was stopped meanwhile, in which case nothing of the partner is kept. Throws
 * when the outcome cannot be stored or its report files cannot be written (the caller stops the run;
 * what is stored stays stored, and --resume writes the missing files).
 */
async function auditPartner(
  store: ResultStore,
  run: RunRow,
  partner: PartnerRow,
  options: StoredRunOptions,
  shared: { hosts: HostThrottle; renderer: Renderer },
  progress: BatchProgress,
  batchSignal: AbortSignal,
  outDir: string,
  lang?: Lang,
): Promise<boolean> {
  store.markStarted(run.id, partner.id);
  progress.partnerStarted(partner.id);
  const started = Date.now();
  const limitMs = (options.crawl.timeBudgetMs ?? DEFAULT_TIME_BUDGET_MS) + PARTNER_GRACE_MS;
  const deadline = AbortSignal.timeout(limitMs);
  const signal = AbortSignal.any([batchSignal, deadline]);
  const bodies = options.keepHtml ? new Map<string, string>() : undefined;
  let audit: Awaited<ReturnType<typeof auditSite>> | null = null;
  let failure: string | null = null;
  try {
    audit = await auditSite(
      partner.homepage,
      { ...options.crawl, asOf: options.asOf, signal },
      {
        page: bodies ? (page) => { if (page.body !== null) bodies.set(page.url, page.body); } : undefined,
        progress: (p) => progress.partnerPages(partner.id, p.fetched),
      },
      shared,
    );
    if (deadline.aborted) failure = `did not finish within ${Math.round(limitMs / 1000)} s`;
  } catch (error) {
    failure = deadline.aborted ? `did not finish within ${Math.round(limitMs / 1000)} s` : errorMessage(error);
  }
  if (batchSignal.aborted) {
    store.markPending(run.id, partner.id);
    progress.partnerAbandoned(partner.id);
    return false;
  }
  if (failure !== null || audit === null) {
    const message = failure ?? 'no result';
    store.saveFailure(run.id, partner.id, message, Date.now() - started);
    removePartnerReport(outDir, partner.id);
    store.markOutputsCurrent(run.id, partner.id);
    progress.partnerFinished(partner.id, `error: ${message}`);
    return true;
  }
  const { report, evidence } = audit;
  const summary = summarizeReport(report);
  store.saveResult(run.id, partner.id, { evidence, checks: report.checks, asOf: run.asOf, summary, durationMs: Date.now() - started, bodies });
  writePartnerReport(outDir, partner.id, report, lang);
  store.markOutputsCurrent(run.id, partner.id);
  progress.partnerFinished(partner.id, `${summary.pagesCrawled} pages, verdict ${summary.verdict}`);
  return true;
}

function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message.split('\n')[0] || error.name;
  return String(error);
}

/**
 * Brings reports/ in line with the run's stored outcomes: a partner stored but not written (the
 * process was killed or stopped by a write error in between), or whose files went missing, gets its
 * report rebuilt from the stored evidence (what `report --as-of` relies on too); a partner that failed
 * loses the report an earlier run left.
 */
function syncPartnerReports(store: ResultStore, run: RunRow, outDir: string, lang?: Lang): void {
  for (const partner of store.partners(run.id)) {
    if (partner.state === 'failed' && !partner.outputsCurrent) {
      removePartnerReport(outDir, partner.id);
    } else if (partner.state === 'done' && (!partner.outputsCurrent || !hasPartnerReport(outDir, partner.id))) {
      const evidence = store.loadEvidence(run.id, partner.id);
      if (evidence) writePartnerReport(outDir, partner.id, evaluate(evidence, run.asOf), lang);
    } else {
      continue;
    }
    store.markOutputsCurrent(run.id, partner.id);
  }
}

/**
 * `report DIR --as-of DATE`: re-evaluates every audited partner of the latest run from its stored
 * evidence, without crawling, and rewrites the reports, summary.csv and index.html.
 */
export function reportFromStore(outDir: string, asOf: string, lang?: Lang): { run: RunRow; rows: SummaryRow[] } {
  if (!existsSync(join(outDir, RESULTS_FILE))) throw new BatchStartError(`no batch results in ${outDir} (no ${RESULTS_FILE})`);
  const lock = OutputDirLock.acquire(outDir);
  const store = ResultStore.open(outDir);
  try {
    removeLeftoverTemporaryFiles(outDir);
    const run = store.latestRun();
    if (!run) throw new BatchStartError(`no batch results in ${outDir}`);
    for (const partner of store.partners(run.id)) {
      if (partner.state !== 'done') continue;
      const evidence = store.loadEvidence(run.id, partner.id);
      if (!evidence) continue;
      const report = evaluate(evidence, asOf);
      store.saveEvaluation(run.id, partner.id, asOf, report.checks, summarizeReport(report));
      writePartnerReport(outDir, partner.id, report, lang);
    }
    const rows = summaryRows(store, run, asOf);
    writeSummaryFiles(outDir, run, asOf, rows, lang);
    return { run, rows };
  } catch (error) {
    throw stoppedBy(error, store);
  } finally {
    store.close();
    lock.release();
  }
}
