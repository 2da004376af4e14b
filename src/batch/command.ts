// The `batch` and `report` commands. Exit codes: 0 the run finished and every partner was audited;
// 1 it finished but some partners could not be audited or some input rows were skipped; 2 usage
// errors (bad options, a file that is not an applicant list, nothing to resume, DIR in use by another
// process); 3 stopped because results or files could not be written; 130 interrupted.

import { Command, InvalidArgumentError, Option } from 'commander';
import { join } from 'node:path';
import { addCrawlOptions, crawlOptionsFromCli, langOption } from '../cli-options.ts';
import { t, type Lang } from '../messages/index.ts';
import { today, validateAsOf } from '../audit.ts';
import { ApplicantListError } from './input.ts';
import { createProgress } from './progress.ts';
import { OutputDirBusyError } from './lock.ts';
import { BatchStartError, BatchStoppedError, reportFromStore, runBatch, runOptions, type StoredCrawlOptions } from './run.ts';
import { MAX_CRASHES, PostgresStore, postgresUrl, SqliteStore, STORE_ENV, type RunRow, type Store } from '../store/index.ts';
import { readApplicants } from './input.ts';
import { defaultLeaseSeconds, enqueueRun, runWorker } from './queue.ts';
import { resolve } from 'node:path';
import { resolveAuditOptions } from '../audit.ts';
import { withoutControls } from '../report/escape.ts';
import { summaryTable, type SummaryRow } from './summary.ts';

export const EXIT_STOPPED = 3;
export const EXIT_INTERRUPTED = 130;

const BATCH_HELP = `
DIR gets results.sqlite (every run, partner, page and check result), reports/<id>.json and .html,
summary.csv (one row per partner, with what changed since the previous run) and index.html.
Partner ids come from the id column, else from the name or host. Bad rows are reported with their
line numbers and skipped. Ctrl-C stops cleanly; --resume continues the run, even after a crash.

Only one process at a time works on DIR: a second batch, --resume or report there is refused.
A partner that was being audited each time the process died (a crash, out of memory, a kill) is
audited alone on --resume, and recorded as failed after ${MAX_CRASHES} such deaths.

Exit codes: 0 every partner audited; 1 some partners could not be audited or rows were skipped;
2 usage errors or DIR in use; 3 stopped because results or files could not be written (disk full,
a path that is a directory): what was stored is kept, fix it and continue with --resume;
130 interrupted.

With --store postgres://… (or $${STORE_ENV}) the run and its results go to a shared PostgreSQL
database and each partner becomes a job on its queue: workers on any machine take them
(partner-presence worker --store …); --workers N also works on them here, N at a time, and with
--out writes the reports there when the run is done. Progress: partner-presence status --store ….

Examples:
  partner-presence batch applicants.csv --out results/2026-11 --concurrency 4
  partner-presence batch applicants.csv --out results/2026-11 --resume
  partner-presence report results/2026-11 --as-of 2027-06-30
  partner-presence batch applicants.csv --store postgres://pp@db.internal/pp
  partner-presence worker --store postgres://pp@db.internal/pp --concurrency 2
  partner-presence report --store postgres://pp@db.internal/pp --out results/2026-11`;

export function registerBatchCommands(program: Command): void {
  const batch = program
    .command('batch')
    .description('audit every partner on an applicant list (CSV with name,homepage[,id,notes,…], JSON or JSON Lines) into DIR')
    .argument('<file>', 'the applicant list')
    .option('--out <dir>', 'output directory: results.sqlite, reports/, summary.csv, index.html (required without --store)')
    .option('--store <url>', `a postgres://… database for results and the job queue (default: $${STORE_ENV}, else SQLite in --out)`)
    .option('--workers <n>', 'with --store: also audit the queued partners here, N at a time, until the run is done', parsePositive)
    .option('--lease <duration>', 'with --store: how long a worker may hold a partner before it counts as lost (default: time budget + 3 min)', parseSeconds)
    .option('--as-of <date>', 'audit date YYYY-MM-DD every window is measured from (default: today)', parseDate)
    .option('--concurrency <n>', 'partners audited at the same time', parsePositive, 4)
    .option('--resume', 'continue the latest unfinished run in DIR (finished partners are not audited again)')
    .option('--keep-html', 'also store every page body (gzip) in results.sqlite')
    .addOption(langOption());
  // The shared crawl flags, except that in a batch --concurrency counts partners: the crawl's own
  // --concurrency (requests in flight per host) is --host-concurrency here.
  for (const option of addCrawlOptions(new Command()).options) {
    if (option.long !== '--concurrency') batch.addOption(option);
  }
  batch.addOption(
    new Option('--host-concurrency <n>', 'requests in flight per host (shared by all partners on that host)').argParser(parsePositive),
  );
  batch.addHelpText('after', BATCH_HELP);
  batch.action(async (file: string, opts: Record<string, unknown>, cmd: Command) => {
    cmd.setOptionValue('exitCode', await batchAction(file, opts));
  });

  program
    .command('report')
    .description('re-evaluate the checks of a run from the stored evidence (no crawling) and write its reports, summary.csv and index.html')
    .argument('[dir]', 'a batch output directory (its results.sqlite), or where to write with --store')
    .option('--out <dir>', 'where to write (the same as DIR)')
    .option('--store <url>', `read the run from this postgres://… database (default: $${STORE_ENV})`)
    .option('--run <id>', 'the run to report (default: the latest)', parsePositive)
    .option('--as-of <date>', 'audit date YYYY-MM-DD (default: the run\'s own with --store, else today)', parseDate)
    .addOption(langOption())
    .action(async (dir: string | undefined, opts: { asOf?: string; out?: string; store?: string; run?: number; lang: Lang }, cmd: Command) => {
      cmd.setOptionValue('exitCode', await reportAction(dir ?? opts.out, opts));
    });

  program
    .command('worker')
    .description('audit partners queued in a PostgreSQL store until the queue is empty (run it on any number of machines)')
    .option('--store <url>', `the postgres://… database (default: $${STORE_ENV})`)
    .option('--concurrency <n>', 'partners audited at the same time by this worker', parsePositive, 2)
    .option('--watch', 'keep waiting for new jobs when the queue is empty')
    .addHelpText('after', `
Each partner is audited with the options of its run and written in one transaction. A worker that
dies (SIGKILL, machine lost) has its partner handed to another worker when its lease expires; a
partner whose worker died ${MAX_CRASHES} times is recorded as failed with that reason. Partners on one
registrable domain are never crawled by two workers at once. Ctrl-C or SIGTERM puts the partners in
flight back on the queue.`)
    .action(async (opts: { store?: string; concurrency: number; watch?: boolean }, cmd: Command) => {
      cmd.setOptionValue('exitCode', await workerAction(opts));
    });

  program
    .command('status')
    .description('show a run\'s progress: queued, running (and by which worker), done, failed')
    .argument('[dir]', 'a batch output directory (without --store)')
    .option('--store <url>', `a postgres://… database (default: $${STORE_ENV})`)
    .option('--run <id>', 'the run (default: the latest)', parsePositive)
    .action(async (dir: string | undefined, opts: { store?: string; run?: number }, cmd: Command) => {
      cmd.setOptionValue('exitCode', await statusAction(dir, opts));
    });
}

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

async function workerAction(opts: { store?: string; concurrency: number; watch?: boolean }): Promise<number> {
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

async function statusAction(dir: string | undefined, opts: { store?: string; run?: number }): Promise<number> {
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

async function batchAction(file: string, opts: Record<string, unknown>): Promise<number> {
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

async function reportAction(dir: string | undefined, opts: { asOf?: string; store?: string; run?: number; lang: Lang }): Promise<number> {
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

function parseDate(value: string): string {
  try {
    return validateAsOf(value);
  } catch (error) {
    throw new InvalidArgumentError((error as Error).message);
  }
}

function parseSeconds(value: string): number {
  const m = /^\s*(\d+)\s*(s|m)?\s*$/.exec(value);
  if (!m || Number(m[1]) < 1) throw new InvalidArgumentError('expected a duration such as 90s or 5m');
  return Number(m[1]) * (m[2] === 'm' ? 60 : 1);
}

function parsePositive(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('expected a whole number ≥ 1');
  return n;
}
