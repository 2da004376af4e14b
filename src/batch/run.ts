// The batch runner: audits every partner on an applicant list with the `audit` pipeline, several at
// a time, and stores each partner's outcome in one transaction. One partner failing is that partner's
// error; an abort (Ctrl-C) discards the partners in flight, and `--resume` finishes the run later.

import PQueue from 'p-queue';
import { existsSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import type { CrawlOptions } from '../../crawlers/types.ts';
import { HostThrottle } from '../../crawlers/throttle.ts';
import { Renderer } from '../../crawlers/render.ts';
import { auditSite, resolveAuditOptions } from '../audit.ts';
import { evaluate } from '../evaluate.ts';
import { RESULTS_FILE, ResultStore, type PartnerRow, type RunRow } from '../storage.ts';
import { readApplicants, type InputProblem } from './input.ts';
import { hasPartnerReport, summaryRows, writePartnerReport, writeSummaryFiles } from './outputs.ts';
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
}

export interface BatchOutcome {
  run: RunRow;
  state: 'finished' | 'interrupted';
  rows: SummaryRow[];
  problems: InputProblem[];
  /** Partners audited by this process (not counting those finished before a resume). */
  audited: number;
}

/** A batch that cannot start: nothing to resume, the run is alive elsewhere, the list changed. */
export class BatchStartError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BatchStartError';
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
  const store = ResultStore.open(settings.outDir);
  try {
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
      progress.note(
        `Resuming run ${run.id} with its own options (as of ${run.asOf}): ` +
          `${partners.length - todo.length} of ${partners.length} partners already done.`,
      );
    }
    progress.start(partners.length, partners.length - todo.length);

    // One browser (launched only if a page needs it) and one politeness ledger for the whole batch.
    const shared = {
      hosts: new HostThrottle(),
      renderer: new Renderer({ chromiumPath: options.crawl.chromiumPath ?? null, resolve: options.crawl.resolve ?? [] }),
    };
    const queue = new PQueue({ concurrency: Math.max(1, settings.concurrency) });
    let audited = 0;
    // A store that cannot be written (disk full …) is no partner's fault: it stops the batch.
    let fatal: unknown = null;
    const stopQueue = () => queue.clear();
    signal.addEventListener('abort', stopQueue, { once: true });
    for (const partner of todo) {
      void queue.add(async () => {
        if (signal.aborted || fatal) return;
        try {
          if (await auditPartner(store, run, partner, options, shared, progress, signal, settings.outDir)) audited++;
        } catch (error) {
          fatal = error;
          queue.clear();
        }
      });
    }
    try {
      await queue.onIdle();
    } finally {
      signal.removeEventListener('abort', stopQueue);
      progress.stop();
      await shared.renderer.close();
    }
    if (fatal) {
      store.finishRun(run.id, 'interrupted');
      throw fatal;
    }

    if (signal.aborted) {
      store.finishRun(run.id, 'interrupted');
      return { run: store.run(run.id)!, state: 'interrupted', rows: summaryRows(store, run, run.asOf), problems: list.problems, audited };
    }
    restoreMissingReports(store, run, settings.outDir);
    store.finishRun(run.id, 'finished');
    const rows = summaryRows(store, run, run.asOf);
    writeSummaryFiles(settings.outDir, run, run.asOf, rows);
    return { run: store.run(run.id)!, state: 'finished', rows, problems: list.problems, audited };
  } finally {
    store.close();
  }
}

function takeOverRun(store: ResultStore, settings: BatchSettings, sha256: string): { run: RunRow; options: StoredRunOptions } {
  const run = store.latestUnfinishedRun();
  if (!run) throw new BatchStartError(`nothing to resume in ${settings.outDir}: every run there has finished`);
  if (run.state === 'running' && run.pid !== process.pid && processIsAlive(run.pid)) {
    throw new BatchStartError(`run ${run.id} in ${settings.outDir} is still running (process ${run.pid})`);
  }
  if (run.inputSha256 !== sha256) {
    throw new BatchStartError(
      `the applicant list changed since run ${run.id} started (${run.inputPath}); start a new run without --resume`,
    );
  }
  return { run: store.resumeRun(run.id), options: run.options as unknown as StoredRunOptions };
}

function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Audits one partner and stores its outcome. Returns whether an outcome (result or error) was stored;
 * false when the batch was aborted meanwhile, in which case nothing of the partner is kept.
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
): Promise<boolean> {
  store.markStarted(run.id, partner.id);
  progress.partnerStarted(partner.id);
  const started = Date.now();
  const limitMs = (options.crawl.timeBudgetMs ?? DEFAULT_TIME_BUDGET_MS) + PARTNER_GRACE_MS;
  const deadline = AbortSignal.timeout(limitMs);
  const signal = AbortSignal.any([batchSignal, deadline]);
  const bodies = options.keepHtml ? new Map<string, string>() : undefined;
  try {
    const { report, evidence } = await auditSite(
      partner.homepage,
      { ...options.crawl, asOf: options.asOf, signal },
      {
        page: bodies ? (page) => { if (page.body !== null) bodies.set(page.url, page.body); } : undefined,
        progress: (p) => progress.partnerPages(partner.id, p.fetched),
      },
      shared,
    );
    if (batchSignal.aborted) return abandon(store, run, partner, progress);
    if (deadline.aborted) throw new Error(`did not finish within ${Math.round(limitMs / 1000)} s`);
    const summary = summarizeReport(report);
    store.saveResult(run.id, partner.id, { evidence, checks: report.checks, asOf: run.asOf, summary, durationMs: Date.now() - started, bodies });
    writePartnerReport(outDir, partner.id, report);
    progress.partnerFinished(partner.id, `${summary.pagesCrawled} pages, verdict ${summary.verdict}`);
    return true;
  } catch (error) {
    if (batchSignal.aborted) return abandon(store, run, partner, progress);
    const message = deadline.aborted ? `did not finish within ${Math.round(limitMs / 1000)} s` : errorMessage(error);
    store.saveFailure(run.id, partner.id, message, Date.now() - started);
    progress.partnerFinished(partner.id, `error: ${message}`);
    return true;
  }
}

function abandon(store: ResultStore, run: RunRow, partner: PartnerRow, progress: BatchProgress): false {
  store.markPending(run.id, partner.id);
  progress.partnerAbandoned(partner.id);
  return false;
}

function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message.split('\n')[0] || error.name;
  return String(error);
}

/**
 * A process killed between committing a partner and writing its report files leaves the files
 * missing; they are rebuilt from the stored evidence, which is what `report --as-of` relies on too.
 */
function restoreMissingReports(store: ResultStore, run: RunRow, outDir: string): void {
  for (const partner of store.partners(run.id)) {
    if (partner.state !== 'done' || hasPartnerReport(outDir, partner.id)) continue;
    const evidence = store.loadEvidence(run.id, partner.id);
    if (evidence) writePartnerReport(outDir, partner.id, evaluate(evidence, run.asOf));
  }
}

/**
 * `report DIR --as-of DATE`: re-evaluates every audited partner of the latest run from its stored
 * evidence, without crawling, and rewrites the reports, summary.csv and index.html.
 */
export function reportFromStore(outDir: string, asOf: string): { run: RunRow; rows: SummaryRow[] } {
  if (!existsSync(join(outDir, RESULTS_FILE))) throw new BatchStartError(`no batch results in ${outDir} (no ${RESULTS_FILE})`);
  const store = ResultStore.open(outDir);
  try {
    const run = store.latestRun();
    if (!run) throw new BatchStartError(`no batch results in ${outDir}`);
    for (const partner of store.partners(run.id)) {
      if (partner.state !== 'done') continue;
      const evidence = store.loadEvidence(run.id, partner.id);
      if (!evidence) continue;
      const report = evaluate(evidence, asOf);
      store.saveEvaluation(run.id, partner.id, asOf, report.checks, summarizeReport(report));
      writePartnerReport(outDir, partner.id, report);
    }
    const rows = summaryRows(store, run, asOf);
    writeSummaryFiles(outDir, run, asOf, rows);
    return { run, rows };
  } finally {
    store.close();
  }
}
