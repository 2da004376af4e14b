// A WordPress-style site: link regions by HTML sectioning rules, and a page under its directory's two
// addresses (/ and /index.html) recorded once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFixtureServer, type FixtureServer } from '../fixtures/server.ts';
import type { LinkRecord, PageRecord } from '../crawlers/types.ts';
import { crawlFixture } from './crawler-helpers.ts';

const HOST = 'www.harbourlane.test';
let server: FixtureServer;
let crawl: Awaited<ReturnType<typeof crawlFixture>>;
const u = (path: string) => server.url(HOST, path);

beforeAll(async () => {
  server = await startFixtureServer({ sites: ['crawl-wp'] });
  // One request at a time: which of two addresses is fetched first is then fixed (discovery order).
  crawl = await crawlFixture(server, HOST, { concurrency: 1, sitemaps: false });
});
afterAll(() => server.close());

const regionsOf = (page: PageRecord | undefined, url: string) => page!.links.filter((l) => l.url === url).map((l) => l.region);
const linkTo = (page: PageRecord | undefined, url: string): LinkRecord | undefined => page!.links.find((l) => l.url === url);

describe('link regions', () => {
  it('tags post title links in an article card\'s entry-header as main, not header', () => {
    const home = crawl.page('/');
    expect(linkTo(home, u('/2026/10/peak-returns/'))).toEqual({ url: u('/2026/10/peak-returns/'), text: 'Forecasting returns before peak season', region: 'main', internal: true });
    // Title in the entry-header, "Continue reading" in the entry-footer.
    expect(regionsOf(home, u('/2026/08/pos-migration/'))).toEqual(['main', 'main']);
    expect(regionsOf(home, u('/author/mei/'))).toEqual(['main']);
  });

  it('tags links in an article\'s entry-footer and a card-footer as main', () => {
    const home = crawl.page('/');
    // The category link is in the post's entry-footer (main) and in the sidebar widget (aside).
    expect(regionsOf(home, u('/category/retail/'))).toEqual(['main', 'aside']);
    expect(regionsOf(home, u('/our-work/index.html'))).toEqual(['main']);
  });

  it('keeps the page-level masthead and colophon as header and footer', () => {
    const home = crawl.page('/');
    expect(regionsOf(home, u('/index.html'))).toEqual(['header']);
    expect(regionsOf(home, u('/our-work/'))).toEqual(['nav']);
    // A <section class="widget"> inside the site footer is still the site footer.
    expect(regionsOf(home, u('/privacy-policy/'))).toEqual(['footer']);
    expect(regionsOf(home, 'https://wordpress.org/')).toEqual(['footer']);
  });

  it('tags the customer link in a case study\'s entry-header as main', () => {
    const story = crawl.page('/our-work/harbour-grocers/');
    expect(regionsOf(story, 'https://www.harbourgrocers.example/')).toEqual(['main']);
    expect(regionsOf(story, u('/our-work/'))).toEqual(['nav', 'main']);
    expect(crawl.result.outbound).toContainEqual({ url: 'https://www.harbourgrocers.example/', from: u('/our-work/harbour-grocers/'), text: 'Harbour Grocers' });
  });

  it('applies the same rule to bare <header>/<footer>: page-level ones are the page\'s, those in <article>/<section> are main', () => {
    const about = crawl.page('/about/');
    expect(regionsOf(about, u('/'))).toEqual(['header']);
    expect(regionsOf(about, u('/privacy-policy/'))).toEqual(['footer']);
    expect(regionsOf(about, u('/team/'))).toEqual(['main']);
    expect(regionsOf(about, u('/careers/'))).toEqual(['main']);
    expect(regionsOf(about, u('/news/'))).toEqual(['main']);
  });
});

describe('one page under its directory\'s two addresses', () => {
  it('records /index.html as a duplicate of the homepage, without a body or links of its own', () => {
    const alias = crawl.page('/index.html')!;
    expect(alias.httpStatus).toBe(200);
    expect(alias.duplicateOf).toBe(u('/'));
    expect(alias.links).toEqual([]);
    expect(crawl.bodies.has(u('/index.html'))).toBe(false);
    expect(crawl.page('/')!.duplicateOf).toBeUndefined();
  });

  it('does not follow the duplicate\'s links: no page counts it as a referrer', () => {
    for (const page of crawl.result.pages) expect(page.referrers, page.url).not.toContain(u('/index.html'));
    expect(crawl.page('/about/')!.referrers).toContain(u('/'));
  });

  it('gives no click path through or ending at the alias: it has the homepage\'s path', () => {
    const paths = crawl.result.paths;
    expect(paths[u('/index.html')]).toEqual([u('/')]);
    const others = Object.entries(paths).filter(([url]) => url !== u('/index.html') && url !== u('/our-work/index.html') && url !== u('/news/index.htm'));
    for (const [url, path] of others) {
      expect(path.slice(1), url).not.toContain(u('/index.html'));
      expect(path.slice(1), url).not.toContain(u('/'));
    }
    expect(paths[u('/our-work/harbour-grocers/')]).toEqual([u('/'), u('/our-work/'), u('/our-work/harbour-grocers/')]);
  });

  it('records a subdirectory\'s index document with the same bytes as a duplicate of the directory URL', () => {
    expect(crawl.page('/our-work/index.html')!.duplicateOf).toBe(u('/our-work/'));
    expect(crawl.page('/our-work/')!.duplicateOf).toBeUndefined();
    expect(crawl.result.paths[u('/our-work/index.html')]).toEqual([u('/'), u('/our-work/')]);
  });

  it('records an index document whose canonical names the directory URL as its duplicate, bytes aside', () => {
    expect(crawl.page('/news/index.htm')!.duplicateOf).toBe(u('/news/'));
    expect(crawl.page('/news/')!.links.map((l) => l.url)).toContain(u('/news/2026-partner/'));
  });

  it('keeps an index document that serves a different page as a page of its own', () => {
    const portal = crawl.page('/legacy/index.php')!;
    expect(portal.duplicateOf).toBeUndefined();
    expect(crawl.bodies.get(u('/legacy/index.php'))).toContain('Old client portal');
    expect(portal.links.map((l) => l.url)).toContain(u('/legacy/archive/'));
    expect(crawl.page('/legacy/')!.duplicateOf).toBeUndefined();
  });

  it('records exactly one of the two addresses as the duplicate when both are fetched at once', async () => {
    const parallel = await crawlFixture(server, HOST, { concurrency: 8, perHostConcurrency: 4, sitemaps: false });
    expect(parallel.page('/index.html')!.duplicateOf).toBe(u('/'));
    const dir = parallel.page('/our-work/')!;
    const index = parallel.page('/our-work/index.html')!;
    expect([dir.duplicateOf, index.duplicateOf].filter(Boolean)).toHaveLength(1);
    expect(dir.duplicateOf ?? index.duplicateOf).toBe((dir.duplicateOf ? index : dir).finalUrl);
    // Whichever address was kept, the case study behind it was reached and fetched once.
    expect(parallel.result.pages.filter((p) => p.url === u('/our-work/harbour-grocers/'))).toHaveLength(1);
  });
});
