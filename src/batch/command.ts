// The `batch`, `report`, `worker` and `status` commands. Exit codes: 0 the run finished and every partner
// was audited; 1 it finished but some partners could not be audited or some input rows were skipped;
// 2 usage errors (bad options, a file that is not an applicant list, nothing to resume, DIR in use by
// another process); 3 stopped because results or files could not be written; 130 interrupted.
// What they run (batch/actions.ts: the stores, PostgreSQL's client, the job queue) is loaded only when
// one of them runs: `audit` never needs it, and loaded at start-up it held ~3 MB of heap and ~6 MB of
// RSS through every audit.

import { Command, InvalidArgumentError, Option } from 'commander';
import { addCrawlOptions, langOption } from '../cli-options.ts';
import type { Lang } from '../messages/index.ts';
import { validateAsOf } from '../audit.ts';
import { MAX_CRASHES } from '../store/types.ts';
import { STORE_ENV } from '../store/location.ts';

const actions = () => import('./actions.ts');

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
    cmd.setOptionValue('exitCode', await (await actions()).batchAction(file, opts));
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
      cmd.setOptionValue('exitCode', await (await actions()).reportAction(dir ?? opts.out, opts));
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
      cmd.setOptionValue('exitCode', await (await actions()).workerAction(opts));
    });

  program
    .command('status')
    .description('show a run\'s progress: queued, running (and by which worker), done, failed')
    .argument('[dir]', 'a batch output directory (without --store)')
    .option('--store <url>', `a postgres://… database (default: $${STORE_ENV})`)
    .option('--run <id>', 'the run (default: the latest)', parsePositive)
    .action(async (dir: string | undefined, opts: { store?: string; run?: number }, cmd: Command) => {
      cmd.setOptionValue('exitCode', await (await actions()).statusAction(dir, opts));
    });
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
