// The crawl flags shared by `crawl`, `audit` and `batch`, with their defaults in the help.
import { isIP } from 'node:net';
import { InvalidArgumentError, Option, type Command } from 'commander';
import { DEFAULT_CRAWL_OPTIONS } from '../crawlers/options.ts';
import { parseResolve } from '../crawlers/net.ts';
import type { CrawlOptions, RenderMode } from '../crawlers/types.ts';

/** A bad flag value; extends RangeError so every command's usage-error path (exit code 2) catches it. */
export class UsageError extends RangeError {
  override name = 'UsageError';
}

const D = DEFAULT_CRAWL_OPTIONS;
const RENDER_MODES: RenderMode[] = ['auto', 'always', 'never'];

function positiveInt(flag: string, value: unknown, min = 1): number {
  const n = typeof value === 'number' ? value : /^\s*\d+\s*$/.test(String(value)) ? Number(value) : NaN;
  if (!Number.isInteger(n) || n < min) throw new UsageError(`${flag} must be a whole number ≥ ${min}, got "${value}"`);
  return n;
}

/** "5MB", "500KB", "1048576" → bytes. */
function byteSize(flag: string, value: unknown): number {
  if (typeof value === 'number') return positiveInt(flag, value);
  const m = /^\s*(\d+(?:\.\d+)?)\s*(b|kb|k|mb|m|gb|g)?\s*$/i.exec(String(value));
  if (!m) throw new UsageError(`${flag} must be a size such as 5MB, 500KB or a number of bytes, got "${value}"`);
  const unit = (m[2] ?? 'b').toLowerCase()[0];
  const bytes = Math.round(Number(m[1]) * (unit === 'k' ? 1024 : unit === 'm' ? 1024 ** 2 : unit === 'g' ? 1024 ** 3 : 1));
  if (bytes < 1024) throw new UsageError(`${flag} must be at least 1KB, got "${value}"`);
  return bytes;
}

/** "15", "15s", "1500ms", "5m" → milliseconds (a bare number is seconds). */
function duration(flag: string, value: unknown): number {
  if (typeof value === 'number') return value;
  const m = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m)?\s*$/i.exec(String(value));
  if (!m || Number(m[1]) <= 0) throw new UsageError(`${flag} must be a duration such as 15, 15s, 1500ms or 5m, got "${value}"`);
  const unit = (m[2] ?? 's').toLowerCase();
  return Math.round(Number(m[1]) * (unit === 'ms' ? 1 : unit === 'm' ? 60_000 : 1000));
}

/** Commander argParser from a validator: bad values become commander usage errors. */
function parser<T>(check: (value: string) => T) {
  return (value: string) => {
    try {
      return check(value);
    } catch (err) {
      throw new InvalidArgumentError((err as Error).message);
    }
  };
}

function checkResolveEntry(value: string): string {
  try {
    parseResolve([value]);
  } catch (err) {
    throw new UsageError(`--resolve: ${(err as Error).message}`);
  }
  return value;
}

function checkAddress(value: string): string {
  const address = value.trim().replace(/^\[|\]$/g, '');
  if (!isIP(address)) throw new UsageError(`--allow-address takes an IP address, got "${value}"`);
  return address;
}

const mb = (bytes: number) => `${bytes / 1024 ** 2}MB`;

export function addCrawlOptions(cmd: Command): Command {
  return cmd
    .addOption(new Option('--max-pages <n>', 'most pages fetched per site').default(D.maxPages).argParser(parser((v) => positiveInt('--max-pages', v))))
    .addOption(new Option('--max-depth <n>', 'most clicks from the homepage').default(D.maxDepth).argParser(parser((v) => positiveInt('--max-depth', v, 0))))
    .addOption(
      new Option('--max-bytes <size>', 'most bytes read per response (rest cut, page marked truncated), e.g. 5MB')
        .default(D.maxBytes, mb(D.maxBytes))
        .argParser(parser((v) => byteSize('--max-bytes', v))),
    )
    .addOption(
      new Option('--timeout <duration>', 'per request and per render, e.g. 15s or 1500ms')
        .default(D.timeoutMs, `${D.timeoutMs / 1000}s`)
        .argParser(parser((v) => duration('--timeout', v))),
    )
    .addOption(
      new Option('--time-budget <duration>', 'wall-clock budget for a whole site, e.g. 300s or 5m')
        .default(D.timeBudgetMs, `${D.timeBudgetMs / 1000}s`)
        .argParser(parser((v) => duration('--time-budget', v))),
    )
    .addOption(new Option('--render <mode>', 'run JavaScript in Chromium: auto (script-shell pages only), always, never').choices(RENDER_MODES).default(D.render))
    .addOption(new Option('--chromium <path>', 'Chromium executable (default: $PARTNER_PRESENCE_CHROMIUM, /usr/bin/chromium, Playwright\'s own)'))
    .addOption(
      new Option('--concurrency <n>', 'requests in flight per host')
        .default(D.perHostConcurrency)
        .argParser(parser((v) => positiveInt('--concurrency', v))),
    )
    .addOption(
      new Option('--delay-ms <ms>', 'minimum gap between requests to one host (robots.txt Crawl-delay raises it)')
        .default(D.delayMs)
        .argParser(parser((v) => positiveInt('--delay-ms', v, 0))),
    )
    .addOption(
      new Option('--resolve <host:port:address>', 'connect to ADDRESS for HOST:PORT, as curl does (repeatable; HTTP and the browser)')
        .default([] as string[], 'none')
        .argParser((value: string, previous: string[]) => [...(previous ?? []), parser(checkResolveEntry)(value)]),
    )
    .addOption(new Option('--allow-private', 'allow loopback, private and link-local addresses (intranets, local test sites)').default(false))
    .addOption(
      new Option('--allow-address <address>', 'allow this one private address, the guard still refusing all others (repeatable)')
        .default([] as string[], 'none')
        .argParser((value: string, previous: string[]) => [...(previous ?? []), parser(checkAddress)(value)]),
    )
    .addOption(new Option('--user-agent <ua>', 'User-Agent header').default(D.userAgent))
    .addOption(new Option('--no-sitemaps', 'do not read sitemaps (robots.txt Sitemap: lines and /sitemap.xml)'));
}

/**
 * Commander's parsed options → crawl options. Validates again (values may come from a config file or a
 * stored batch run as strings) and throws UsageError with the flag's name on a bad value.
 */
export function crawlOptionsFromCli(opts: Record<string, unknown>): Partial<CrawlOptions> {
  const out: Partial<CrawlOptions> = {};
  if (opts.maxPages !== undefined) out.maxPages = positiveInt('--max-pages', opts.maxPages);
  if (opts.maxDepth !== undefined) out.maxDepth = positiveInt('--max-depth', opts.maxDepth, 0);
  if (opts.maxBytes !== undefined) out.maxBytes = byteSize('--max-bytes', opts.maxBytes);
  if (opts.timeout !== undefined) out.timeoutMs = duration('--timeout', opts.timeout);
  if (opts.timeBudget !== undefined) out.timeBudgetMs = duration('--time-budget', opts.timeBudget);
  if (opts.render !== undefined) {
    if (!RENDER_MODES.includes(opts.render as RenderMode)) throw new UsageError(`--render must be auto, always or never, got "${opts.render}"`);
    out.render = opts.render as RenderMode;
  }
  if (opts.chromium !== undefined) out.chromiumPath = String(opts.chromium);
  if (opts.concurrency !== undefined) {
    out.perHostConcurrency = positiveInt('--concurrency', opts.concurrency);
    out.concurrency = Math.max(D.concurrency, out.perHostConcurrency);
  }
  if (opts.delayMs !== undefined) out.delayMs = positiveInt('--delay-ms', opts.delayMs, 0);
  if (opts.resolve !== undefined) {
    const entries = (Array.isArray(opts.resolve) ? opts.resolve : [opts.resolve]).map(String);
    entries.forEach(checkResolveEntry);
    out.resolve = entries;
  }
  if (opts.allowPrivate !== undefined) out.allowPrivate = Boolean(opts.allowPrivate);
  if (opts.allowAddress !== undefined) {
    out.allowAddresses = (Array.isArray(opts.allowAddress) ? opts.allowAddress : [opts.allowAddress]).map((a) => checkAddress(String(a)));
  }
  if (opts.userAgent !== undefined) {
    const ua = String(opts.userAgent).trim();
    if (!ua || /[\r\n]/.test(ua)) throw new UsageError('--user-agent must be a single non-empty line');
    out.userAgent = ua;
  }
  if (opts.sitemaps !== undefined) out.sitemaps = Boolean(opts.sitemaps);
  return out;
}
