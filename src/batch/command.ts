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
import { BatchStartError, BatchStoppedError, reportFromStore, runBatch, type StoredCrawlOptions } from './run.ts';
import { MAX_CRASHES } from '../storage.ts';
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

Examples:
  partner-presence batch applicants.csv --out results/2026-11 --concurrency 4
  partner-presence batch applicants.csv --out results/2026-11 --resume
  partner-presence report results/2026-11 --as-of 2027-06-30`;

export function registerBatchCommands(program: Command): void {
  const batch = program
    .command('batch')
    .description('audit every partner on an applicant list (CSV with name,homepage[,id,notes,…], JSON or JSON Lines) into DIR')
    .argument('<file>', 'the applicant list')
    .requiredOption('--out <dir>', 'output directory: results.sqlite, reports/, summary.csv, index.html')
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
    .description('re-evaluate the checks of the latest run in DIR from the stored evidence (no crawling) and rewrite its reports')
    .argument('<dir>', 'a batch output directory')
    .option('--as-of <date>', 'audit date YYYY-MM-DD (default: today)', parseDate)
    .addOption(langOption())
    .action((dir: string, opts: { asOf?: string; lang: Lang }, cmd: Command) => {
      cmd.setOptionValue('exitCode', reportAction(dir, opts.asOf ?? today(), opts.lang));
    });
}

async function batchAction(file: string, opts: Record<string, unknown>): Promise<number> {
  const progress = createProgress();
  const controller = new AbortController();
  const onSignal = (signal: NodeJS.Signals) => {
    if (controller.signal.aborted) process.exit(EXIT_INTERRUPTED);
    progress.note(
      `${signal}: stopping. Partners in flight are discarded; continue with --resume (${signal} again quits at once).`,
    );
    controller.abort(new Error(`interrupted by ${signal}`));
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
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
      controller.signal,
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
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}

function reportAction(dir: string, asOf: string, lang: Lang): number {
  try {
    const { run, rows } = reportFromStore(dir, asOf, lang);
    printSummary(rows, dir, t(lang, 'batch.heading.report', { run: run.id, crawled: run.startedAt.slice(0, 10), asOf }), lang);
    return rows.some((r) => r.partner.state !== 'done') ? 1 : 0;
  } catch (error) {
    return commandError('report', error);
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

function parsePositive(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('expected a whole number ≥ 1');
  return n;
}
