import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { addCrawlOptions, crawlOptionsFromCli, UsageError } from '../src/cli-options.ts';
import { crawlSummary } from '../src/crawl-command.ts';
import { crawlSite } from '../crawlers/crawl.ts';
import { CrawlOptionError, DEFAULT_CRAWL_OPTIONS, resolveCrawlOptions, validateCrawlOptions } from '../crawlers/options.ts';
import { resolveAuditOptions } from '../src/audit.ts';
import type { CrawlResult, PageRecord } from '../crawlers/types.ts';

function parse(args: string[]) {
  const cmd = addCrawlOptions(new Command('crawl').exitOverride().argument('<url>'));
  cmd.configureOutput({ writeErr: () => undefined });
  cmd.parse(['x.test', ...args], { from: 'user' });
  return crawlOptionsFromCli(cmd.opts());
}

describe('crawl flags', () => {
  it('default to the crawler defaults', () => {
    const o = parse([]);
    expect(o).toMatchObject({
      maxPages: DEFAULT_CRAWL_OPTIONS.maxPages,
      maxDepth: DEFAULT_CRAWL_OPTIONS.maxDepth,
      maxBytes: DEFAULT_CRAWL_OPTIONS.maxBytes,
      timeoutMs: DEFAULT_CRAWL_OPTIONS.timeoutMs,
      timeBudgetMs: DEFAULT_CRAWL_OPTIONS.timeBudgetMs,
      render: 'auto',
      perHostConcurrency: 2,
      delayMs: 250,
      resolve: [],
      allowPrivate: false,
      allowAddresses: [],
      userAgent: DEFAULT_CRAWL_OPTIONS.userAgent,
      sitemaps: true,
    });
  });

  it('parse sizes, durations, repeated --resolve and switches', () => {
    const o = parse([
      '--max-bytes', '2MB', '--timeout', '1500ms', '--time-budget', '2m', '--render', 'never', '--resolve', 'a.test:80:127.0.0.1',
      '--resolve', 'b.test:443:[::1]', '--allow-private', '--no-sitemaps', '--concurrency', '12', '--chromium', '/opt/chromium', '--delay-ms', '0',
      '--allow-address', '10.0.0.5', '--allow-address', '[fd00::2]',
    ]);
    expect(o).toMatchObject({
      maxBytes: 2 * 1024 * 1024, timeoutMs: 1500, timeBudgetMs: 120_000, render: 'never', resolve: ['a.test:80:127.0.0.1', 'b.test:443:[::1]'],
      allowPrivate: true, sitemaps: false, perHostConcurrency: 12, concurrency: 12, chromiumPath: '/opt/chromium', delayMs: 0,
      allowAddresses: ['10.0.0.5', 'fd00::2'],
    });
  });

  it('refuse bad values with the flag named', () => {
    expect(() => parse(['--max-pages', 'ten'])).toThrow(/--max-pages must be a whole number/);
    expect(() => parse(['--render', 'sometimes'])).toThrow(/Allowed choices are auto, always, never/);
    expect(() => parse(['--resolve', 'a.test:127.0.0.1'])).toThrow(/invalid resolve entry "a.test:127.0.0.1"/);
    expect(() => parse(['--allow-address', 'intranet.local'])).toThrow(/--allow-address takes an IP address, got "intranet.local"/);
    // Values that did not come through commander (stored runs, config) are checked too.
    expect(() => crawlOptionsFromCli({ timeout: 'soon' })).toThrow(new UsageError('--timeout must be a duration such as 15, 15s, 1500ms or 5m, got "soon"'));
    expect(() => crawlOptionsFromCli({ maxBytes: '12' })).toThrow(UsageError);
    expect(() => crawlOptionsFromCli({ userAgent: 'a\nb' })).toThrow(RangeError);
  });
});

describe('crawl options: one validator for the library, the audit and the CLI', () => {
  it('reads numbers and the CLI spellings of sizes and durations', () => {
    expect(validateCrawlOptions({ maxBytes: '2MB', timeoutMs: '1500ms', timeBudgetMs: '2m', maxPages: '40', allowAddresses: ['[fd00::2]'] })).toEqual({
      maxBytes: 2 * 1024 * 1024, timeoutMs: 1500, timeBudgetMs: 120_000, maxPages: 40, allowAddresses: ['fd00::2'],
    });
    expect(validateCrawlOptions({ maxBytes: 4096, timeoutMs: 250, maxDepth: 0, retries: 0, render: 'never', sitemaps: false })).toEqual({
      maxBytes: 4096, timeoutMs: 250, maxDepth: 0, retries: 0, render: 'never', sitemaps: false,
    });
  });

  it('names the bad option as the caller knows it', () => {
    expect(() => validateCrawlOptions({ maxPages: 0 })).toThrow(new CrawlOptionError('maxPages must be a whole number ≥ 1, got "0"'));
    expect(() => validateCrawlOptions({ maxPages: 0 }, { maxPages: '--max-pages' })).toThrow('--max-pages must be a whole number ≥ 1, got "0"');
    expect(() => validateCrawlOptions({ maxBytes: 100 })).toThrow('maxBytes must be at least 1KB, got "100"');
    expect(() => validateCrawlOptions({ delayMs: -1 })).toThrow('delayMs must be a whole number ≥ 0, got "-1"');
    expect(() => validateCrawlOptions({ render: 'sometimes' })).toThrow('render must be auto, always or never, got "sometimes"');
    expect(() => validateCrawlOptions({ allowPrivate: 'yes' })).toThrow('allowPrivate must be true or false, got "yes"');
    expect(() => validateCrawlOptions({ maxPage: 10 } as never)).toThrow('unknown crawl option "maxPage"');
  });

  it('is what crawlSite and the audit validate with, before any request', async () => {
    expect(resolveCrawlOptions({ maxPages: undefined }).maxPages).toBe(DEFAULT_CRAWL_OPTIONS.maxPages);
    await expect(crawlSite('http://127.0.0.1:9/', { maxPages: 0 })).rejects.toThrow(new CrawlOptionError('maxPages must be a whole number ≥ 1, got "0"'));
    expect(() => resolveAuditOptions({ timeoutMs: 0 })).toThrow(new CrawlOptionError('timeoutMs must be a whole number ≥ 1, got "0"'));
    expect(() => resolveAuditOptions({ concurrency: 1.5 })).toThrow(CrawlOptionError);
  });
});

describe('crawl summary', () => {
  it('gives pages, the depth histogram, rendering, robots blocks and errors', () => {
    const page = (url: string, extra: Partial<PageRecord> = {}) => ({ url, finalUrl: url, httpStatus: 200, rendered: false, error: null, blocked: null, foundVia: 'link', depth: 1, ...extra }) as PageRecord;
    const result = {
      homepage: 'https://www.p.test/', scopeDomain: 'p.test', stoppedBy: 'done', durationMs: 1234,
      pages: [page('https://www.p.test/', { depth: 0 }), page('https://www.p.test/a', { rendered: true }), page('https://www.p.test/b', { httpStatus: 500, error: 'HTTP 500' }), page('https://www.p.test/s', { foundVia: 'sitemap', depth: null })],
      paths: { 'https://www.p.test/': ['https://www.p.test/'], 'https://www.p.test/a': ['https://www.p.test/', 'https://www.p.test/a'], 'https://www.p.test/b': ['https://www.p.test/', 'https://www.p.test/b'] },
      skipped: [{ url: 'https://www.p.test/private', reason: 'robots', detail: '', from: null }],
      outbound: [], sitemapUrls: [], unlisted: { skipped: { 'query-variants': 40 }, outbound: 0 }, robots: [{ host: 'www.p.test', status: 'ok', crawlDelayS: 2 }], renderUnavailable: null, startedAt: '',
    } as unknown as CrawlResult;
    const text = crawlSummary(result);
    expect(text).toContain('Pages: 4 fetched, 3 OK, 1 only in sitemaps');
    expect(text).toContain('   0      1  #\n   1      2  ##\n  --      1  not reachable by links');
    expect(text).toContain('Rendered: 1');
    expect(text).toContain('Blocked by robots.txt: 1');
    expect(text).toContain('Skipped: 40 query-variants');
    expect(text).toContain('robots.txt: www.p.test ok (Crawl-delay 2 s)');
    expect(text).toContain('Errors: 1\n  https://www.p.test/b: HTTP 500');
  });
});
