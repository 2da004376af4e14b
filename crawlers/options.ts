// Crawl options: their defaults and the one validator every caller (crawlSite, the audit, the CLI,
// a stored batch run) goes through.
import { isIP } from 'node:net';
import { parseResolve, unbracket } from './net.ts';
import { PACKAGE_VERSION } from './package-files.ts';
import type { CrawlOptions, RenderMode } from './types.ts';

export const PROJECT_URL = 'https://github.com/partner-presence/partner-presence';
export const USER_AGENT = `partner-presence/${PACKAGE_VERSION} (+${PROJECT_URL})`;

export const DEFAULT_CRAWL_OPTIONS: Readonly<CrawlOptions> = Object.freeze({
  maxPages: 300,
  maxDepth: 5,
  maxBytes: 5 * 1024 * 1024,
  timeoutMs: 15_000,
  timeBudgetMs: 300_000,
  maxQueryVariants: 10,
  maxRedirects: 10,
  perHostConcurrency: 2,
  concurrency: 8,
  delayMs: 250,
  retries: 2,
  userAgent: USER_AGENT,
  render: 'auto',
  chromiumPath: null,
  resolve: [],
  allowPrivate: false,
  allowAddresses: [],
  sitemaps: true,
  maxSitemapUrls: 1000,
});

/** A crawl option with a bad value; the message names the option as its giver knows it (a flag, a key). */
export class CrawlOptionError extends RangeError {
  override name = 'CrawlOptionError';
}

/** Crawl options as they arrive from outside: numbers, or the CLI's spellings ("5MB", "15s"), strings, lists. */
export type CrawlOptionsInput = { [K in keyof CrawlOptions]?: unknown };

/** What each option is called where its value came from (e.g. "--max-pages"); default the option's key. */
export type CrawlOptionNames = { [K in keyof CrawlOptions]?: string };

export const RENDER_MODES: readonly RenderMode[] = ['auto', 'always', 'never'];

/** A size below this cannot hold a page's head: a typo, not a wish. */
const MIN_MAX_BYTES = 1024;

function wholeNumber(name: string, value: unknown, min: number): number {
  const n = typeof value === 'number' ? value : /^\s*\d+\s*$/.test(String(value)) ? Number(value) : NaN;
  if (!Number.isInteger(n) || n < min) throw new CrawlOptionError(`${name} must be a whole number ≥ ${min}, got "${value}"`);
  return n;
}

/** Bytes: a number, or "5MB", "500KB", "1048576". */
function byteSize(name: string, value: unknown): number {
  let bytes: number;
  if (typeof value === 'number') bytes = wholeNumber(name, value, 1);
  else {
    const m = /^\s*(\d+(?:\.\d+)?)\s*(b|kb|k|mb|m|gb|g)?\s*$/i.exec(String(value));
    if (!m) throw new CrawlOptionError(`${name} must be a size such as 5MB, 500KB or a number of bytes, got "${value}"`);
    const unit = (m[2] ?? 'b').toLowerCase()[0];
    bytes = Math.round(Number(m[1]) * (unit === 'k' ? 1024 : unit === 'm' ? 1024 ** 2 : unit === 'g' ? 1024 ** 3 : 1));
  }
  if (bytes < MIN_MAX_BYTES) throw new CrawlOptionError(`${name} must be at least 1KB, got "${value}"`);
  return bytes;
}

/** Milliseconds: a number of milliseconds, or "15" / "15s" (seconds), "1500ms", "5m". */
function duration(name: string, value: unknown): number {
  if (typeof value === 'number') return wholeNumber(name, value, 1);
  const m = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m)?\s*$/i.exec(String(value));
  if (!m || Number(m[1]) <= 0) throw new CrawlOptionError(`${name} must be a duration such as 15, 15s, 1500ms or 5m, got "${value}"`);
  const unit = (m[2] ?? 's').toLowerCase();
  return Math.max(1, Math.round(Number(m[1]) * (unit === 'ms' ? 1 : unit === 'm' ? 60_000 : 1000)));
}

function flag(name: string, value: unknown): boolean {
  if (typeof value !== 'boolean') throw new CrawlOptionError(`${name} must be true or false, got "${value}"`);
  return value;
}

const list = (value: unknown): string[] => (Array.isArray(value) ? value : [value]).map(String);

function resolveEntries(name: string, value: unknown): string[] {
  const entries = list(value);
  try {
    parseResolve(entries);
  } catch (err) {
    throw new CrawlOptionError(`${name}: ${(err as Error).message}`);
  }
  return entries;
}

function addresses(name: string, value: unknown): string[] {
  return list(value).map((raw) => {
    const address = unbracket(raw.trim());
    if (!isIP(address)) throw new CrawlOptionError(`${name} takes an IP address, got "${raw}"`);
    return address;
  });
}

function userAgent(name: string, value: unknown): string {
  const ua = String(value).trim();
  if (!ua || /[\r\n]/.test(ua)) throw new CrawlOptionError(`${name} must be a single non-empty line`);
  return ua;
}

function renderMode(name: string, value: unknown): RenderMode {
  if (!RENDER_MODES.includes(value as RenderMode)) throw new CrawlOptionError(`${name} must be auto, always or never, got "${value}"`);
  return value as RenderMode;
}

/** How each option's value is read and checked. */
const CHECKS: { [K in keyof CrawlOptions]-?: (name: string, value: unknown) => CrawlOptions[K] } = {
  maxPages: (n, v) => wholeNumber(n, v, 1),
  maxDepth: (n, v) => wholeNumber(n, v, 0),
  maxBytes: byteSize,
  timeoutMs: duration,
  timeBudgetMs: duration,
  maxQueryVariants: (n, v) => wholeNumber(n, v, 1),
  maxRedirects: (n, v) => wholeNumber(n, v, 0),
  perHostConcurrency: (n, v) => wholeNumber(n, v, 1),
  concurrency: (n, v) => wholeNumber(n, v, 1),
  delayMs: (n, v) => wholeNumber(n, v, 0),
  retries: (n, v) => wholeNumber(n, v, 0),
  userAgent,
  render: renderMode,
  chromiumPath: (_n, v) => (v === null ? null : String(v)),
  resolve: resolveEntries,
  allowPrivate: flag,
  allowAddresses: addresses,
  sitemaps: flag,
  maxSitemapUrls: (n, v) => wholeNumber(n, v, 0),
  priority: (n, v) => {
    if (typeof v !== 'function') throw new CrawlOptionError(`${n} must be a function`);
    return v as CrawlOptions['priority'];
  },
  signal: (n, v) => {
    if (!(v instanceof AbortSignal)) throw new CrawlOptionError(`${n} must be an AbortSignal`);
    return v;
  },
};

/** One option's value, read and checked; throws CrawlOptionError naming it `name` (default: its key). */
export function validateCrawlOption<K extends keyof CrawlOptions>(key: K, value: unknown, name: string = key): CrawlOptions[K] {
  return CHECKS[key](name, value) as CrawlOptions[K];
}

/**
 * Every given option read and checked (undefined values left out); throws CrawlOptionError naming the
 * first bad one as `names` calls it. Unknown keys are refused: a misspelt option must not pass silently.
 */
export function validateCrawlOptions(input: CrawlOptionsInput, names: CrawlOptionNames = {}): Partial<CrawlOptions> {
  const out: Partial<Record<keyof CrawlOptions, unknown>> = {};
  for (const [key, value] of Object.entries(input)) {
    if (value === undefined) continue;
    if (!(key in CHECKS)) throw new CrawlOptionError(`unknown crawl option "${key}"`);
    const k = key as keyof CrawlOptions;
    out[k] = CHECKS[k](names[k] ?? k, value);
  }
  return out as Partial<CrawlOptions>;
}

/** Defaults filled in under the given options, validated; undefined values do not override a default. */
export function resolveCrawlOptions(partial: CrawlOptionsInput = {}): CrawlOptions {
  return { ...DEFAULT_CRAWL_OPTIONS, resolve: [...DEFAULT_CRAWL_OPTIONS.resolve], allowAddresses: [...DEFAULT_CRAWL_OPTIONS.allowAddresses], ...validateCrawlOptions(partial) };
}
