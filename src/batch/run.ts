// The batch runner: audits every partner on an applicant list with the `audit` pipeline, several at
// a time, and stores each partner's outcome in one transaction. One partner failing is that partner's
// error; an abort (Ctrl-C) discards the partners in flight, and `--resume` finishes the run later.

import PQueue from 'p-queue';
import type { Lang } from '../messages/index.ts';
import { existsSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { HostThrottle } from '../../crawlers/throttle.ts';
import { Renderer } from '../../crawlers/render.ts';
import { resolveAuditOptions } from '../audit.ts';
import { evaluate } from '../evaluate.ts';
import { MAX_CRASHES, RESULTS_FILE, SqliteStore, type PartnerRow, type RunRow, type Store } from '../store/index.ts';
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
import { auditAndStore, errorMessage, type StoredCrawlOptions, type StoredRunOptions } from './partner-audit.ts';
import type { BatchProgress } from './progress.ts';
import { summarizeReport, type SummaryRow } from './summary.ts';

export type { StoredCrawlOptions } from './partner-audit.ts';

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
    const store = SqliteStore.open(settings.outDir);
    try {
      removeLeftoverTemporaryFiles(settings.outDir);
      return await runLocked(store, inputFile, list, settings, progress, signal);
    } finally {
      await store.close();
    }
  } finally {
    lock.release();
  }
}

/** The options a new run stores, from the command's settings. */
export function runOptions(settings: Pick<BatchSettings, 'asOf' | 'crawl' | 'keepHtml'>): StoredRunOptions {
  return { asOf: settings.asOf, crawl: settings.crawl, keepHtml: settings.keepHtml };
}

async function runLocked(
  store: Store,
  inputFile: string,
  list: ApplicantList,
  settings: BatchSettings,
  progress: BatchProgress,
  signal: AbortSignal,
): Promise<BatchOutcome> {
  const { run, options } = settings.resume ? await takeOverRun(store, settings, list.sha256) : {
    run: await store.startRun({
      inputPath: resolve(inputFile),
      inputSha256: list.sha256,
      asOf: settings.asOf,
      options: { ...runOptions(settings) },
      extraColumns: list.extraColumns,
      partners: list.applicants,
    }),
    options: runOptions(settings),
  };
  for (const problem of list.problems) progress.note(`${relative(process.cwd(), inputFile) || inputFile}:${problem.line}: ${problem.message}`);

  const partners = await store.partners(run.id);
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
      const outcome = await auditAndStore(store, run, partner, options, shared, progress, runSignal);
      if (outcome.kind === 'abandoned') return;
      audited++;
      if (outcome.kind === 'done') writePartnerReport(settings.outDir, partner.id, outcome.report, settings.lang);
      else removePartnerReport(settings.outDir, partner.id);
      await store.markOutputsCurrent(run.id, partner.id);
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
    await store.finishRun(run.id, 'interrupted');
    if (stop.signal.aborted) throw stop.signal.reason;
    return { run: (await store.run(run.id))!, state: 'interrupted', rows: await summaryRows(store, run, run.asOf), problems: list.problems, audited };
  }
  try {
    await syncPartnerReports(store, run, settings.outDir, settings.lang);
    const rows = await summaryRows(store, run, run.asOf);
    writeSummaryFiles(settings.outDir, run, run.asOf, rows, settings.lang);
    await store.finishRun(run.id, 'finished');
    return { run: (await store.run(run.id))!, state: 'finished', rows, problems: list.problems, audited };
  } catch (error) {
    await store.finishRun(run.id, 'interrupted');
    throw stoppedBy(error, store);
  }
}

async function takeOverRun(store: Store, settings: BatchSettings, sha256: string): Promise<{ run: RunRow; options: StoredRunOptions }> {
  const run = await store.latestUnfinishedRun();
  if (!run) throw new BatchStartError(`nothing to resume in ${settings.outDir}: every run there has finished`);
  if (run.inputSha256 !== sha256) {
    throw new BatchStartError(
      `the applicant list changed since run ${run.id} started (${run.inputPath}); start a new run without --resume`,
    );
  }
  return { run: await store.resumeRun(run.id), options: run.options as unknown as StoredRunOptions };
}

/** A failure to write results or files becomes the one BatchStoppedError the run stops with. */
export function stoppedBy(error: unknown, store: Store): unknown {
  if (error instanceof OutputWriteError) return new BatchStoppedError(error.message, store.location);
  if (store.isStoreError(error)) return new BatchStoppedError(`cannot write the results to ${store.location}: ${errorMessage(error)}`, store.location);
  return error;
}

/**
 * Brings reports/ in line with the run's stored outcomes: a partner stored but not written (the
 * process was killed or stopped by a write error in between), or whose files went missing, gets its
 * report rebuilt from the stored evidence (what `report --as-of` relies on too); a partner that failed
 * loses the report an earlier run left.
 */
async function syncPartnerReports(store: Store, run: RunRow, outDir: string, lang?: Lang): Promise<void> {
  for (const partner of await store.partners(run.id)) {
    if (partner.state === 'failed' && !partner.outputsCurrent) {
      removePartnerReport(outDir, partner.id);
    } else if (partner.state === 'done' && (!partner.outputsCurrent || !hasPartnerReport(outDir, partner.id))) {
      const evidence = await store.loadEvidence(run.id, partner.id);
      if (evidence) writePartnerReport(outDir, partner.id, evaluate(evidence, run.asOf), lang);
    } else {
      continue;
    }
    await store.markOutputsCurrent(run.id, partner.id);
  }
}

/**
 * `report`: re-evaluates every audited partner of a run from its stored evidence, without crawling,
 * and rewrites the reports, summary.csv and index.html in outDir. The store is DIR/results.sqlite, or
 * the given one (PostgreSQL), and the run the latest unless one is named.
 */
export async function reportFromStore(
  outDir: string,
  asOf: string,
  from: { store?: Store; runId?: number; lang?: Lang } = {},
): Promise<{ run: RunRow; rows: SummaryRow[] }> {
  if (!from.store && !existsSync(join(outDir, RESULTS_FILE))) throw new BatchStartError(`no batch results in ${outDir} (no ${RESULTS_FILE})`);
  const lock = OutputDirLock.acquire(outDir);
  const store = from.store ?? SqliteStore.open(outDir);
  try {
    removeLeftoverTemporaryFiles(outDir);
    const run = from.runId === undefined ? await store.latestRun() : await store.run(from.runId);
    if (!run) throw new BatchStartError(`no batch run${from.runId === undefined ? '' : ` ${from.runId}`} in ${store.location}`);
    for (const partner of await store.partners(run.id)) {
      if (partner.state !== 'done') {
        if (partner.state === 'failed') removePartnerReport(outDir, partner.id);
        continue;
      }
      const evidence = await store.loadEvidence(run.id, partner.id);
      if (!evidence) continue;
      const report = evaluate(evidence, asOf);
      // The run's own date keeps the run's own results; another date is stored beside them.
      if (asOf !== run.asOf) await store.saveEvaluation(run.id, partner.id, asOf, report.checks, summarizeReport(report));
      writePartnerReport(outDir, partner.id, report, from.lang);
    }
    const rows = await summaryRows(store, run, asOf);
    writeSummaryFiles(outDir, run, asOf, rows, from.lang);
    return { run, rows };
  } catch (error) {
    throw stoppedBy(error, store);
  } finally {
    if (!from.store) await store.close();
    lock.release();
  }
}
