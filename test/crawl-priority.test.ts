// Where a page budget goes on a site whose blog is mostly an archive (fixtures/sites/crawl-archive):
// the pages that can decide a check (services, industries, customers, recent posts) are read before
// posts older than every check's window.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFixtureServer, type FixtureServer } from '../fixtures/server.ts';
import { linkPriority } from '../src/evidence/interests.ts';
import { crawlFixture } from './crawler-helpers.ts';

const HOST = 'www.tallyworks.test';
/** 18 months before the audit date (2026-11-30): where every check's window begins, as the audit tells the priority hint. */
const ARCHIVE_BEFORE = '2025-05-30';
/** Every page but the 36 archive posts (2019–2022): 16 static pages, the blog and its 4 recent posts. */
const CURRENT_PAGES = 21;
const OLD_POST = /^\/blog\/(?:2019|202[0-2])\//;

let server: FixtureServer;
beforeAll(async () => { server = await startFixtureServer({ sites: ['crawl-archive'] }); });
afterAll(() => server.close());

describe('a page budget smaller than the site', () => {
  it('reads every page that is not an archive post before the first archive post', async () => {
    const { result } = await crawlFixture(server, HOST, { sitemaps: false, concurrency: 1, maxPages: CURRENT_PAGES + 4, priority: (l) => linkPriority(l, ARCHIVE_BEFORE) });
    const read = result.pages.filter((p) => p.redirectChain.length === 0).map((p) => new URL(p.url).pathname);
    const firstOld = read.findIndex((path) => OLD_POST.test(path));
    expect(firstOld).toBe(CURRENT_PAGES);
    expect(read.slice(0, firstOld)).toEqual(expect.arrayContaining(['/services/data-platforms/approach/', '/industries/retail/', '/customers/harbour-grocers/', '/blog/2026/05/30/streaming-or-batch/']));
    expect(result.skipped.filter((s) => s.reason === 'max-pages').every((s) => OLD_POST.test(new URL(s.url).pathname))).toBe(true);
  });

});
