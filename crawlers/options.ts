import { readFileSync } from 'node:fs';
import type { CrawlOptions } from './types.ts';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };

export const PROJECT_URL = 'https://github.com/partner-presence/partner-presence';
export const USER_AGENT = `partner-presence/${pkg.version} (+${PROJECT_URL})`;

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

/** Fills in defaults; undefined values in `partial` do not override a default. */
export function resolveCrawlOptions(partial: Partial<CrawlOptions> = {}): CrawlOptions {
  const out: CrawlOptions = { ...DEFAULT_CRAWL_OPTIONS, resolve: [...DEFAULT_CRAWL_OPTIONS.resolve], allowAddresses: [...DEFAULT_CRAWL_OPTIONS.allowAddresses] };
  for (const [key, value] of Object.entries(partial)) {
    if (value !== undefined) (out as unknown as Record<string, unknown>)[key] = value;
  }
  return out;
}
