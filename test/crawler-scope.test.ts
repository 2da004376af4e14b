import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFixtureServer, type FixtureServer } from '../fixtures/server.ts';
import { crawlFixture, expectRobotsObeyed } from './crawler-helpers.ts';

let server: FixtureServer;
let crawl: Awaited<ReturnType<typeof crawlFixture>>;
const u = (path: string, host = 'www.scope.test') => server.url(host, path);
const page = (path: string, host = 'www.scope.test') => crawl.result.pages.find((p) => p.url === u(path, host));

beforeAll(async () => {
  server = await startFixtureServer({ sites: ['crawl-scope'] });
  // Start at the apex: it redirects to www, and the scope must still cover apex and subdomains.
  crawl = await crawlFixture(server, 'scope.test', { render: 'auto' });
});
afterAll(() => server.close());

describe('scope', () => {
  it('takes the redirected start URL as the homepage and its registrable domain as the scope', () => {
    expect(crawl.result.homepage).toBe(u('/'));
    expect(crawl.result.scopeDomain).toBe('scope.test');
    expect(crawl.result.pages[0]).toMatchObject({ url: u('/', 'scope.test'), finalUrl: u('/'), foundVia: 'start', redirectChain: [u('/', 'scope.test'), u('/')] });
  });

  it('crawls www, the apex and subdomains as one site', () => {
    const urls = crawl.result.pages.map((p) => p.url);
    expect(urls).toContain(u('/about', 'scope.test'));
    expect(urls).toContain(u('/', 'shop.scope.test'));
    expect(urls).toContain(u('/catalogue', 'shop.scope.test'));
  });

  it('records other sites as outbound and never requests them, also behind a redirect', () => {
    expect(crawl.result.outbound.map((o) => o.url)).toContain(u('/', 'www.partner-elsewhere.test'));
    expect(crawl.result.outbound.find((o) => o.url === u('/', 'www.partner-elsewhere.test'))?.text).toBe('A customer');
    const leave = crawl.result.skipped.find((s) => s.url === u('/', 'www.elsewhere.test'));
    expect(leave).toMatchObject({ reason: 'out-of-scope', from: u('/leave') });
    expect(server.log.filter((e) => e.host.includes('elsewhere'))).toEqual([]);
  });
});

describe('URL identity', () => {
  it('keeps path case: /Case-Study and /case-study are two pages', () => {
    expect(page('/Case-Study')?.httpStatus).toBe(200);
    expect(page('/case-study')?.httpStatus).toBe(200);
    expect(crawl.bodies.get(u('/Case-Study'))).toContain('Upper-case path');
    expect(crawl.bodies.get(u('/case-study'))).toContain('Lower-case path');
  });

  it('fetches a page once even when reached directly and through a redirect', () => {
    expect(server.log.filter((e) => e.host === 'www.scope.test' && e.path === '/news')).toHaveLength(1);
    const viaRedirect = page('/old-news');
    expect(viaRedirect?.finalUrl).toBe(u('/news'));
    expect(crawl.result.paths[u('/news')]).toHaveLength(2);
  });
});

describe('click paths', () => {
  it('gives the shortest path over all links, even when a longer way was fetched first', () => {
    // /z is slow, so /a/ → /a1 → /a2 reaches /target before /z's link to it is seen.
    expect(crawl.result.paths[u('/target')]).toEqual([u('/'), u('/z'), u('/target')]);
    expect(crawl.result.paths[u('/a2')]).toEqual([u('/'), u('/a/'), u('/a1'), u('/a2')]);
  });

  it('records anchor text, every referrer and how a page was found', () => {
    const news = page('/news')!;
    expect(news.referrers).toEqual(expect.arrayContaining([u('/'), u('/about', 'scope.test')]));
    const about = page('/about', 'scope.test')!;
    expect(about).toMatchObject({ foundVia: 'link', depth: 1, anchorText: 'About (apex)' });
    const home = crawl.result.pages[0];
    expect(home.links.find((l) => l.url === u('/a/'))).toEqual({ url: u('/a/'), text: 'Solutions', region: 'nav', internal: true });
    expect(home.links.find((l) => l.url === u('/news'))?.region).toBe('footer');
  });
});

describe('sitemaps', () => {
  it('reads robots.txt Sitemap lines, sitemap indexes and .gz sitemaps, in scope only', () => {
    expect(crawl.result.sitemapUrls).toEqual(expect.arrayContaining([u('/hidden-case-study'), u('/news'), u('/press-2019')]));
    expect(crawl.result.sitemapUrls).not.toContain(u('/not-ours', 'www.partner-elsewhere.test'));
  });

  it('fetches sitemap-only pages but marks them unreachable by navigation', () => {
    for (const path of ['/hidden-case-study', '/press-2019']) {
      const record = page(path);
      expect(record, path).toMatchObject({ httpStatus: 200, foundVia: 'sitemap', depth: null, anchorText: null });
      expect(crawl.result.paths[u(path)], path).toBeUndefined();
    }
    // A subdomain's own sitemap is read too (microsites keep their case studies there).
    expect(page('/outlet-case-study', 'shop.scope.test')).toMatchObject({ httpStatus: 200, foundVia: 'sitemap', depth: null });
    // Linked only from a sitemap-only page: found by a link, still not reachable from the homepage.
    expect(page('/sitemap-child')).toMatchObject({ httpStatus: 200, foundVia: 'link', depth: null, anchorText: 'More' });
    expect(crawl.result.paths[u('/sitemap-child')]).toBeUndefined();
    // Listed in a sitemap and linked: reachable, found by the link.
    expect(page('/news')?.depth).toBe(1);
  });
});

describe('politeness and rendering', () => {
  it('reports progress: pages fetched, then nothing left in the queue', () => {
    expect(crawl.progress.length).toBeGreaterThan(10);
    expect(crawl.progress.at(-1)).toEqual({ fetched: crawl.result.pages.length, queued: 0, rendered: 0 });
    expect(Math.max(...crawl.progress.map((p) => p.queued))).toBeGreaterThan(3);
  });

  it('never renders a static site in auto mode', () => {
    expect(crawl.result.pages.filter((p) => p.rendered)).toEqual([]);
    expect(crawl.result.pages.every((p) => p.renderReason === null)).toBe(true);
  });

  it('obeys robots.txt', async () => {
    expect(await expectRobotsObeyed(server)).toBeGreaterThan(10);
  });
});
