// The crawl flags shared by `crawl`, `audit` and `batch`, with their defaults in the help.
import { InvalidArgumentError, Option, type Command } from 'commander';
import {
  CrawlOptionError, DEFAULT_CRAWL_OPTIONS, RENDER_MODES, validateCrawlOption, validateCrawlOptions, type CrawlOptionNames, type CrawlOptionsInput,
} from '../crawlers/options.ts';
import type { CrawlOptions } from '../crawlers/types.ts';
import { LANGS } from './messages/index.ts';

/** A bad flag value; extends RangeError so every command's usage-error path (exit code 2) catches it. */
export class UsageError extends RangeError {
  override name = 'UsageError';
}

const D = DEFAULT_CRAWL_OPTIONS;

/** The flag that sets each crawl option, for messages about bad values. */
const FLAG_NAMES: CrawlOptionNames = {
  maxPages: '--max-pages', maxDepth: '--max-depth', maxBytes: '--max-bytes', timeoutMs: '--timeout', timeBudgetMs: '--time-budget',
  render: '--render', chromiumPath: '--chromium', perHostConcurrency: '--concurrency', concurrency: '--concurrency', delayMs: '--delay-ms',
  resolve: '--resolve', allowPrivate: '--allow-private', allowAddresses: '--allow-address', userAgent: '--user-agent', sitemaps: '--no-sitemaps',
};

/** crawlers/options.ts checks the value; a bad one becomes a UsageError naming the flag. */
function checked<T>(check: () => T): T {
  try {
    return check();
  } catch (err) {
    throw err instanceof CrawlOptionError ? new UsageError(err.message) : err;
  }
}

/** Commander argParser for one crawl option: bad values become commander usage errors. */
function parser<K extends keyof CrawlOptions>(key: K) {
  return (value: string) => {
    try {
      return validateCrawlOption(key, value, FLAG_NAMES[key]);
    } catch (err) {
      throw new InvalidArgumentError((err as Error).message);
    }
  };
}

/** Commander argParser for a repeatable flag whose values add up to one list option. */
function listParser(key: 'resolve' | 'allowAddresses') {
  const one = parser(key);
  return (value: string, previous: string[]) => [...(previous ?? []), ...one(value)];
}

const mb = (bytes: number) => `${bytes / 1024 ** 2}MB`;

export function addCrawlOptions(cmd: Command): Command {
  return cmd
    .addOption(new Option('--max-pages <n>', 'most pages fetched per site').default(D.maxPages).argParser(parser('maxPages')))
    .addOption(new Option('--max-depth <n>', 'most clicks from the homepage').default(D.maxDepth).argParser(parser('maxDepth')))
    .addOption(
      new Option('--max-bytes <size>', 'most bytes read per response (rest cut, page marked truncated), e.g. 5MB')
        .default(D.maxBytes, mb(D.maxBytes))
        .argParser(parser('maxBytes')),
    )
    .addOption(
      new Option('--timeout <duration>', "per request, per render and per page's analysis, e.g. 15s or 1500ms")
        .default(D.timeoutMs, `${D.timeoutMs / 1000}s`)
        .argParser(parser('timeoutMs')),
    )
    .addOption(
      new Option('--time-budget <duration>', 'wall-clock budget for a whole site, e.g. 300s or 5m')
        .default(D.timeBudgetMs, `${D.timeBudgetMs / 1000}s`)
        .argParser(parser('timeBudgetMs')),
    )
    .addOption(new Option('--render <mode>', 'run JavaScript in Chromium: auto (script-shell pages only), always, never').choices([...RENDER_MODES]).default(D.render))
    .addOption(new Option('--chromium <path>', 'Chromium executable (default: $PARTNER_PRESENCE_CHROMIUM, /usr/bin/chromium, Playwright\'s own)'))
    .addOption(
      new Option('--concurrency <n>', 'requests in flight per host')
        .default(D.perHostConcurrency)
        .argParser(parser('perHostConcurrency')),
    )
    .addOption(
      new Option('--delay-ms <ms>', 'minimum gap between requests to one host (robots.txt Crawl-delay raises it)')
        .default(D.delayMs)
        .argParser(parser('delayMs')),
    )
    .addOption(
      new Option('--resolve <host:port:address>', 'connect to ADDRESS for HOST:PORT, as curl does (repeatable; HTTP and the browser)')
        .default([] as string[], 'none')
        .argParser(listParser('resolve')),
    )
    .addOption(new Option('--allow-private', 'allow loopback, private and link-local addresses (intranets, local test sites)').default(false))
    .addOption(
      new Option('--allow-address <address>', 'allow this one private address, the guard still refusing all others (repeatable)')
        .default([] as string[], 'none')
        .argParser(listParser('allowAddresses')),
    )
    .addOption(new Option('--user-agent <ua>', 'User-Agent header').default(D.userAgent))
    .addOption(new Option('--no-sitemaps', 'do not read sitemaps (robots.txt Sitemap: lines and /sitemap.xml)'));
}

/**
 * Commander's parsed options → crawl options, checked by crawlers/options.ts (values may also come from
 * a config file or a stored batch run as strings); throws UsageError with the flag's name on a bad value.
 */
export function crawlOptionsFromCli(opts: Record<string, unknown>): Partial<CrawlOptions> {
  const input: CrawlOptionsInput = {
    maxPages: opts.maxPages, maxDepth: opts.maxDepth, maxBytes: opts.maxBytes, timeoutMs: opts.timeout, timeBudgetMs: opts.timeBudget,
    render: opts.render, chromiumPath: opts.chromium, perHostConcurrency: opts.concurrency, delayMs: opts.delayMs, resolve: opts.resolve,
    allowPrivate: opts.allowPrivate === undefined ? undefined : Boolean(opts.allowPrivate), allowAddresses: opts.allowAddress,
    userAgent: opts.userAgent, sitemaps: opts.sitemaps === undefined ? undefined : Boolean(opts.sitemaps),
  };
  const out = checked(() => validateCrawlOptions(input, FLAG_NAMES));
  // --concurrency counts requests per host; the crawl's overall limit grows with it.
  if (out.perHostConcurrency !== undefined) out.concurrency = Math.max(D.concurrency, out.perHostConcurrency);
  return out;
}

/** --lang: the language of the words of every report but the JSON one, which is language-neutral. */
export function langOption(): Option {
  return new Option('--lang <lang>', 'language of the terminal summary, the HTML and Markdown reports, summary.csv\'s headers and index.html '
    + '(the JSON report has no prose)').choices([...LANGS]).default('en');
}
