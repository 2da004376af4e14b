// Where the crawler spends a page budget (issue 9): on the pages a site's own links lead to, not on
// what only its sitemap lists, copies of pages already read, redirect stubs or files that are no pages.
// fixtures/sites/crawl-budget: one host per rule.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFixtureServer, type FixtureServer } from '../fixtures/server.ts';
import type { CrawlResult } from '../crawlers/types.ts';
import { crawlFixture } from './crawler-helpers.ts';

let server: FixtureServer;
beforeAll(async () => {
  server = await startFixtureServer({ sites: ['crawl-budget'] });
});
afterAll(() => server.close());

const paths = (result: CrawlResult) => result.pages.map((p) => new URL(p.url).pathname + new URL(p.url).search);

describe('pages found by links come before pages found only in a sitemap', () => {
  it('even while the pages that hold those links are still being fetched', async () => {
    // A chain of slow pages, one link each; the sitemap (20 pages no link reaches) is read meanwhile.
    const { result } = await crawlFixture(server, 'links.budget.test', { maxPages: 4 });
    expect(result.sitemapUrls).toHaveLength(20);
    expect(paths(result)).toEqual(['/', '/first.html', '/second.html', '/third.html']);
    expect(result.stoppedBy).toBe('max-pages');
    expect(result.skipped.filter((s) => s.reason === 'max-pages')).toHaveLength(20);
  });

  it('and sitemap-only pages are read when the budget allows', async () => {
    const { result } = await crawlFixture(server, 'links.budget.test', { maxPages: 6 });
    expect(paths(result).slice(0, 4)).toEqual(['/', '/first.html', '/second.html', '/third.html']);
    expect(paths(result).slice(4).every((p) => p.startsWith('/listed/'))).toBe(true);
    expect(result.pages.slice(4).map((p) => p.depth)).toEqual([null, null]);
  });
});
