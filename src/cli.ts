// The command line: `audit <url>` (this file), `crawl` (crawl-command.ts), `batch` and `report`
// (batch/command.ts). Exit codes for audit: 0 when P2.2.1, P2.2.2, P3.1 and P3.2 all pass; 1 when any
// fails or needs review; 2 for usage errors or a site that cannot be crawled.

import { Command, CommanderError, InvalidArgumentError } from 'commander';
import { writeFileSync } from 'node:fs';
import { addCrawlOptions, crawlOptionsFromCli, langOption } from './cli-options.ts';
import { registerCrawlCommand } from './crawl-command.ts';
import { registerBatchCommands } from './batch/command.ts';
import { registerServeCommand } from './service/command.ts';
import { CrawlStartError } from '../crawlers/errors.ts';
import { auditSite, validateAsOf } from './audit.ts';
import { closeSharedAnalysisPool } from './analysis-pool.ts';
import { TOOL_VERSION } from './evaluate.ts';
import type { Report } from './types.ts';
import { CHECKS, SCORED_CHECK_IDS } from './checks/index.ts';
import { renderJson, writeJsonFile } from './report/json.ts';
import { renderHtml } from './report/html.ts';
import { renderMarkdown } from './report/markdown.ts';
import { renderTerminal, wantsColor } from './report/terminal.ts';
import { withoutControls, withoutControlsDeep } from './report/escape.ts';
import { ProblemError, t, type Lang } from './messages/index.ts';

export const EXIT_PASS = 0;
export const EXIT_NOT_PASSED = 1;
export const EXIT_USAGE = 2;

/** 0 when every scored check passes (the informational ones never decide it). */
export function exitCodeFor(report: Report): number {
  return SCORED_CHECK_IDS.every((id) => report.checks.find((c) => c.id === id)?.status === 'pass') ? EXIT_PASS : EXIT_NOT_PASSED;
}

function parseAsOf(value: string): string {
  try {
    return validateAsOf(value);
  } catch (error) {
    throw new InvalidArgumentError((error as Error).message.replace(/^--as-of /, ''));
  }
}

/** A start URL the crawler can take: http(s), a host name, https:// added when no scheme is given. */
export function checkStartUrl(input: string): string {
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(input) ? input : `https://${input}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    throw new ProblemError('start.not-a-web-address', { input });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new ProblemError('start.not-http', { input });
  if (!url.hostname || /\s/.test(input.trim())) throw new ProblemError('start.no-host', { input });
  return url.href;
}

/** "  P3.1    a retail practice page …", wrapped under its id. */
function checkHelpLine(check: (typeof CHECKS)[number]): string {
  const words = `${check.requirement}${check.informational ? ' (informational)' : ''}`.split(' ');
  const lines: string[] = [''];
  for (const word of words) {
    if (lines.at(-1)!.length + word.length + 1 > 70 && lines.at(-1)!.length > 0) lines.push('');
    lines[lines.length - 1] = lines.at(-1) ? `${lines.at(-1)} ${word}` : word;
  }
  return lines.map((line, i) => `  ${(i === 0 ? check.id : '').padEnd(8)}${line}`).join('\n');
}

const AUDIT_HELP = `
Checks (AWS Retail Competency checklist, web-presence items):
${CHECKS.map(checkHelpLine).join('\n')}

Exit codes: 0 when ${SCORED_CHECK_IDS.slice(0, -1).join(', ')} and ${SCORED_CHECK_IDS.at(-1)} all pass; 1 when any fails or needs review;
2 for usage errors or a site that cannot be crawled.

Examples:
  partner-presence audit https://www.partner.com.tw/
  partner-presence audit partner.com --as-of 2026-11-29 --json report.json --html report.html
  partner-presence audit https://www.partner.com --json - | jq .verdict`;

interface AuditCliOptions {
  asOf?: string;
  lang: Lang;
  json?: string;
  html?: string;
  md?: string;
  [crawlOption: string]: unknown;
}

/** Progress on stderr: one rewritten line on a terminal, an occasional plain line otherwise. */
function progressReporter(stream: NodeJS.WriteStream, lang: Lang) {
  let lastLogged = 0;
  return {
    update(p: { fetched: number; queued: number; rendered: number }) {
      const text = t(lang, 'cli.progress', { fetched: p.fetched, rendered: p.rendered, queued: p.queued });
      if (stream.isTTY) stream.write(`\r${text}\x1b[K`);
      else if (p.fetched - lastLogged >= 25) {
        lastLogged = p.fetched;
        stream.write(`${text}\n`);
      }
    },
    done() {
      if (stream.isTTY) stream.write('\r\x1b[K');
    },
  };
}

async function auditAction(input: string, opts: AuditCliOptions): Promise<number> {
  let url: string;
  try {
    url = checkStartUrl(input);
  } catch (error) {
    process.stderr.write(`error: ${(error as Error).message}\n`);
    return EXIT_USAGE;
  }
  const controller = new AbortController();
  const onSigint = () => {
    if (controller.signal.aborted) process.exit(130);
    process.stderr.write(`\n${t(opts.lang, 'cli.interrupted')}\n`);
    controller.abort(new Error('interrupted'));
  };
  process.on('SIGINT', onSigint);
  const progress = progressReporter(process.stderr, opts.lang);
  let report: Report;
  try {
    process.stderr.write(`${t(opts.lang, 'cli.auditing', { url })}\n`);
    ({ report } = await auditSite(url, { ...crawlOptionsFromCli(opts), asOf: opts.asOf, signal: controller.signal }, {
      progress: (p) => progress.update(p),
      // One site, all read: the analysis thread's memory (its heap and code, ~35-50 MB) is given back
      // before the checks and reports, which were the audit's peak RSS at 5,000 pages.
      crawled: closeSharedAnalysisPool,
    }));
  } catch (error) {
    progress.done();
    if (error instanceof CrawlStartError || error instanceof RangeError) {
      process.stderr.write(`error: ${withoutControls(error.message)}\n`);
      return EXIT_USAGE;
    }
    throw error;
  } finally {
    process.off('SIGINT', onSigint);
  }
  progress.done();

  const jsonToStdout = opts.json === '-';
  try {
    if (opts.json) {
      if (jsonToStdout) process.stdout.write(renderJson(report));
      else writeJsonFile(opts.json, report);
    }
    if (opts.html) writeFileSync(opts.html, renderHtml(report, opts.lang));
    if (opts.md) writeFileSync(opts.md, renderMarkdown(report, opts.lang));
  } catch (error) {
    process.stderr.write(`error: could not write the report: ${withoutControls((error as Error).message)}\n`);
    return EXIT_USAGE;
  }
  const summaryStream = jsonToStdout ? process.stderr : process.stdout;
  // Titles, excerpts and robots.txt text reach the summary: no control character of theirs reaches the terminal.
  summaryStream.write(renderTerminal(withoutControlsDeep(report), { color: wantsColor(summaryStream), width: summaryStream.isTTY ? summaryStream.columns || 120 : Number.POSITIVE_INFINITY }, opts.lang));
  for (const [flag, file] of [['json', opts.json], ['html', opts.html], ['md', opts.md]] as const) {
    if (file && file !== '-') process.stderr.write(`${t(opts.lang, 'cli.wrote', { format: flag.toUpperCase(), file })}\n`);
  }
  return exitCodeFor(report);
}

export function buildProgram(): Command {
  const program = new Command('partner-presence')
    .description('Audit a partner\'s public website against the web-presence items of the AWS Retail Competency checklist, with evidence.')
    .version(TOOL_VERSION)
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride()
    .addHelpText('after', `
Start with:  partner-presence audit https://www.partner.com/ --html report.html
Run "partner-presence audit --help" for the checks, the crawl options and the exit codes.`);
  const audit = program
    .command('audit')
    .description('crawl a partner site from its homepage and decide each checklist item with evidence')
    .argument('<url>', 'the partner\'s homepage (https:// is added when no scheme is given)')
    .option('--as-of <date>', 'audit date YYYY-MM-DD every window is measured from (default: today)', parseAsOf)
    .option('--json <file>', 'write the JSON report (schemaVersion 2) to FILE; "-" writes it to stdout and the summary to stderr')
    .option('--html <file>', 'write the self-contained HTML report to FILE')
    .option('--md <file>', 'write the Markdown report to FILE')
    .addOption(langOption());
  addCrawlOptions(audit);
  audit.addHelpText('after', AUDIT_HELP);
  audit.action(async (url: string, opts: AuditCliOptions, cmd: Command) => {
    cmd.setOptionValue('exitCode', await auditAction(url, opts));
  });
  registerCrawlCommand(program);
  registerBatchCommands(program);
  registerServeCommand(program);
  for (const cmd of program.commands) cmd.exitOverride();
  return program;
}

/** Runs the CLI with `argv` (arguments after the executable) and returns the process exit code. */
export async function main(argv: string[]): Promise<number> {
  const program = buildProgram();
  let exitCode = EXIT_PASS;
  // Each command's action records its exit code as the option value `exitCode` (batch and report do too).
  program.hook('postAction', (_program, action) => {
    const code = action.getOptionValue('exitCode');
    if (typeof code === 'number') exitCode = code;
  });
  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version end through exitOverride with code 0; everything else is a usage error.
      return error.exitCode === 0 ? EXIT_PASS : EXIT_USAGE;
    }
    process.stderr.write(`error: ${withoutControls(error instanceof Error ? error.stack ?? error.message : String(error))}\n`);
    return EXIT_USAGE;
  }
  return exitCode;
}
