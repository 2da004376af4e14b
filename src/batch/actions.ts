// What the `batch`, `report`, `worker` and `status` commands do (registered in batch/command.ts, which
// loads this module only when one of them runs).

import { join, resolve } from 'node:path';
import { crawlOptionsFromCli } from '../cli-options.ts';
import { t, type Lang } from '../messages/index.ts';
import { resolveAuditOptions, today } from '../audit.ts';
import { ApplicantListError, readApplicants } from './input.ts';
import { createProgress } from './progress.ts';
import { OutputDirBusyError } from './lock.ts';
import { BatchStartError, BatchStoppedError, reportFromStore, runBatch, runOptions, type StoredCrawlOptions } from './run.ts';
import { PostgresStore, postgresUrl, SqliteStore, STORE_ENV, type RunRow, type Store } from '../store/index.ts';
import { defaultLeaseSeconds, enqueueRun, runWorker } from './queue.ts';
import { withoutControls } from '../report/escape.ts';
import { summaryTable, type SummaryRow } from './summary.ts';

export const EXIT_STOPPED = 3;
export const EXIT_INTERRUPTED = 130;

/** Stops on the first SIGINT/SIGTERM (a second one quits at once); `message` says what stopping means. */
function stopOnSignals(message: (signal: NodeJS.Signals) => string, note: (text: string) => void): { signal: AbortSignal; dispose(): void } {
  const controller = new AbortController();
  const onSignal = (signal: NodeJS.Signals) => {
    if (controller.signal.aborted) process.exit(EXIT_INTERRUPTED);
    note(message(signal));
    controller.abort(new Error(`interrupted by ${signal}`));
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return {
    signal: controller.signal,
    dispose() {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    },
  };
}

async function distributedBatch(url: string, file: string, opts: Record<string, unknown>): Promise<number> {
  const progress = createProgress();
  if (opts.resume) throw new BatchStartError('--resume is for SQLite runs: a run in a --store database goes on as long as workers take its jobs');
  const options = runOptions({
    asOf: (opts.asOf as string | undefined) ?? today(),
    crawl: crawlOptionsFromCli({ ...opts, concurrency: opts.hostConcurrency }) as StoredCrawlOptions,
    keepHtml: Boolean(opts.keepHtml),
  });
  resolveAuditOptions({ ...options.crawl, asOf: options.asOf });
  const list = await readApplicants(file);
  for (const problem of list.problems) progress.note(`${file}:${problem.line}: ${problem.message}`);
  const store = await PostgresStore.open(url, { max: 4 + ((opts.workers as number | undefined) ?? 0) });
  try {
    const leaseSeconds = (opts.lease as number | undefined) ?? defaultLeaseSeconds(options);
    const run = await enqueueRun(store, list, { inputPath: resolve(file), options: { ...options, leaseSeconds } });
    process.stderr.write(`Run ${run.id}: ${list.applicants.length} partners queued in ${store.location}\n`);
    if (opts.workers === undefined) {
      process.stderr.write(`Start workers with: partner-presence worker --store <url>; watch with: partner-presence status --store <url>\n`);
      return 0;
    }
    const stop = stopOnSignals((signal) => `${signal}: stopping; partners in flight go back on the queue.`, (line) => progress.note(line));
    try {
      progress.start(list.applicants.length, 0);
      await runWorker(store, { concurrency: opts.workers as number, watch: false }, progress, stop.signal);
      progress.stop();
      if (stop.signal.aborted) return EXIT_INTERRUPTED;
    } finally {
      stop.dispose();
    }
    const finished = (await store.run(run.id))!;
    if (opts.out) {
      const lang = opts.lang as Lang;
      const { rows } = await reportFromStore(String(opts.out), finished.asOf, { store, runId: run.id, lang });
      printSummary(rows, String(opts.out), t(lang, 'batch.heading.run', { run: run.id, asOf: finished.asOf }), lang);
    }
    const progressNow = await store.progress(run.id);
    return progressNow.failed > 0 || list.problems.length > 0 ? 1 : 0;
  } finally {
    await store.close();
  }
}

export async function workerAction(opts: { store?: string; concurrency: number; watch?: boolean }): Promise<number> {
  const progress = createProgress();
  try {
    const url = postgresUrl(opts.store);
    if (!url) throw new BatchStartError(`worker needs a PostgreSQL store: --store postgres://… or $${STORE_ENV}`);
    const store = await PostgresStore.open(url, { max: 4 + opts.concurrency });
    const stop = stopOnSignals((signal) => `${signal}: stopping; partners in flight go back on the queue.`, (line) => progress.note(line));
    try {
      const audited = await runWorker(store, { concurrency: opts.concurrency, watch: Boolean(opts.watch) }, progress, stop.signal);
      progress.note(`worker done: ${audited} partners audited`);
      return stop.signal.aborted ? EXIT_INTERRUPTED : 0;
    } finally {
      stop.dispose();
      await store.close();
    }
  } catch (error) {
    return commandError('worker', error);
  }
}

export async function statusAction(dir: string | undefined, opts: { store?: string; run?: number }): Promise<number> {
  let store: Store | null = null;
  try {
    const url = postgresUrl(opts.store);
    if (!url && !dir) throw new BatchStartError(`status needs a batch output directory or --store postgres://…`);
    store = url ? await PostgresStore.open(url) : SqliteStore.open(dir!);
    const run = opts.run === undefined ? await store.latestRun() : await store.run(opts.run);
    if (!run) throw new BatchStartError(`no batch run in ${store.location}`);
    process.stdout.write(formatStatus(await store.progress(run.id)));
    return 0;
  } catch (error) {
    return commandError('status', error);
  } finally {
    await store?.close();
  }
}

function formatStatus(p: Awaited<ReturnType<Store['progress']>>): string {
  const total = p.pending + p.running.length + p.done + p.failed;
  const lines = [
    `Run ${p.run.id} (as of ${p.run.asOf}, started ${p.run.startedAt}): ${p.run.state}`,
    `  queued  ${p.pending}`,
    `  running ${p.running.length}`,
    ...p.running.map((r) => `    ${r.partnerId} on ${r.worker ?? '?'} since ${r.startedAt ?? '?'}`),
    `  done    ${p.done}`,
    `  failed  ${p.failed}`,
    `  total   ${total}`,
  ];
  return `${withoutControls(lines.join('\n'))}\n`;
}

export async function batchAction(file: string, opts: Record<string, unknown>): Promise<number> {
  let url: string | null;
  try {
    url = postgresUrl(opts.store as string | undefined);
    if (url) return await distributedBatch(url, file, opts);
    if (!opts.out) throw new BatchStartError('--out DIR is required (or --store postgres://…)');
  } catch (error) {
    return commandError('batch', error);
  }
  const progress = createProgress();
  const stop = stopOnSignals(
    (signal) => `${signal}: stopping. Partners in flight are discarded; continue with --resume (${signal} again quits at once).`,
    (text) => progress.note(text),
  );
  try {
    const outDir = String(opts.out);
    const outcome = await runBatch(
      file,
      {
        outDir,
        asOf: (opts.asOf as string | undefined) ?? today(),
        crawl: crawlOptionsFromCli({ ...opts, concurrency: opts.hostConcurrency }) as StoredCrawlOptions,
        concurrency: opts.concurrency as number,
        keepHtml: Boolean(opts.keepHtml),
        resume: Boolean(opts.resume),
        lang: opts.lang as Lang,
      },
      progress,
      stop.signal,
    );
    if (outcome.state === 'interrupted') {
      const left = outcome.rows.filter((r) => r.partner.state !== 'done' && r.partner.state !== 'failed').length;
      process.stderr.write(`Run ${outcome.run.id} interrupted with ${left} partners to go; continue with: --resume\n`);
      return EXIT_INTERRUPTED;
    }
    const lang = opts.lang as Lang;
    printSummary(outcome.rows, outDir, t(lang, 'batch.heading.run', { run: outcome.run.id, asOf: outcome.run.asOf }), lang);
    const failed = outcome.rows.some((r) => r.partner.state === 'failed');
    return failed || outcome.problems.length > 0 ? 1 : 0;
  } catch (error) {
    return commandError('batch', error);
  } finally {
    stop.dispose();
  }
}

export async function reportAction(dir: string | undefined, opts: { asOf?: string; store?: string; run?: number; lang: Lang }): Promise<number> {
  let store: Store | null = null;
  try {
    if (!dir) throw new BatchStartError('report needs the output directory (DIR or --out DIR)');
    const url = postgresUrl(opts.store);
    store = url ? await PostgresStore.open(url) : null;
    let run: RunRow | null = null;
    if (store) run = opts.run === undefined ? await store.latestRun() : await store.run(opts.run);
    if (store && !run) throw new BatchStartError(`no batch run in ${store.location}`);
    const asOf = opts.asOf ?? run?.asOf ?? today();
    const result = await reportFromStore(dir, asOf, { store: store ?? undefined, runId: run?.id ?? opts.run, lang: opts.lang });
    const heading = asOf === result.run.asOf
      ? t(opts.lang, 'batch.heading.run', { run: result.run.id, asOf })
      : t(opts.lang, 'batch.heading.report', { run: result.run.id, crawled: result.run.startedAt.slice(0, 10), asOf });
    printSummary(result.rows, dir, heading, opts.lang);
    return result.rows.some((r) => r.partner.state !== 'done') ? 1 : 0;
  } catch (error) {
    return commandError('report', error);
  } finally {
    await store?.close();
  }
}

/** The one line a batch or report that could not start or had to stop ends with, and its exit code. */
function commandError(command: string, error: unknown): number {
  if (error instanceof BatchStoppedError) {
    process.stderr.write(
      `partner-presence ${command}: stopped: ${withoutControls(error.message)}. The results stored so far are kept in ` +
        `${error.resultsPath}; fix the cause and continue with --resume (or run report again).\n`,
    );
    return EXIT_STOPPED;
  }
  if (
    error instanceof ApplicantListError || error instanceof BatchStartError || error instanceof OutputDirBusyError ||
    error instanceof RangeError
  ) {
    process.stderr.write(`partner-presence ${command}: ${withoutControls(error.message)}\n`);
    return 2;
  }
  throw error;
}

function printSummary(rows: SummaryRow[], outDir: string, heading: string, lang: Lang): void {
  const colour = Boolean(process.stdout.isTTY) && !process.env.NO_COLOR;
  process.stdout.write(`${heading}\n${summaryTable(rows, colour, lang)}\n\n`);
  process.stdout.write(`${t(lang, 'batch.wrote', { index: join(outDir, 'index.html'), csv: join(outDir, 'summary.csv'), reports: join(outDir, 'reports') })}\n`);
}
