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

describe('sitemap-only pages', () => {
  it('are read in the order the priority hint gives their addresses', async () => {
    const hint = (link: { url: string }) => (link.url.endsWith('/listed/17.html') ? 5 : 0);
    const { result } = await crawlFixture(server, 'links.budget.test', { maxPages: 5, priority: hint });
    expect(paths(result)).toEqual(['/', '/first.html', '/second.html', '/third.html', '/listed/17.html']);
  });
});

describe('files that are no pages (images, archives, audio and video, fonts, data)', () => {
  it('are not requested when their extension says what they are, and listed with the reason', async () => {
    server.clearLog();
    const { result } = await crawlFixture(server, 'files.budget.test', { sitemaps: false });
    const byExtension = result.skipped.filter((s) => s.reason === 'file-link');
    expect(byExtension.map((s) => [new URL(s.url).pathname, s.detail]).sort()).toEqual([
      ['/blog/sample-orders.csv', 'data file (.csv)'],
      ['/downloads/brochure.zip', 'archive file (.zip)'],
      ['/examples/pipeline.yml', 'data file (.yml)'],
      ['/feed.xml', 'data file (.xml)'],
      ['/fonts/brand.woff2', 'font file (.woff2)'],
      ['/images/logo.svg', 'image file (.svg)'],
      ['/images/team.PNG', 'image file (.png)'],
      ['/media/podcast.mp3', 'media file (.mp3)'],
      ['/media/talk.mp4', 'media file (.mp4)'],
    ]);
    expect(byExtension.every((s) => s.from === server.url('files.budget.test', '/'))).toBe(true);
    const requested = server.log.filter((e) => e.host === 'files.budget.test').map((e) => e.path.replace(/\?.*/, ''));
    // A link to a conventional feed address is read once as a feed (crawlers/feeds.ts), never as a page.
    for (const s of byExtension) if (!s.url.endsWith('/feed.xml')) expect(requested).not.toContain(new URL(s.url).pathname);
    expect(requested.filter((p) => p === '/feed.xml')).toHaveLength(1);
  });

  it('are abandoned after the headers when only the Content-Type says so, and take no page of the budget', async () => {
    server.clearLog();
    // The photo, the archive and the data files are linked first; three pages are still read with a budget of three.
    // The byte cap is above the photo's 20 MB, so only not reading the body stops the server short of its end.
    const { result } = await crawlFixture(server, 'files.budget.test', { sitemaps: false, maxPages: 3, maxBytes: 32_000_000 });
    expect(paths(result).sort()).toEqual(['/', '/about.html', '/contact.html']);
    const byType = result.skipped.filter((s) => s.reason === 'file-response');
    expect(byType.map((s) => [new URL(s.url).pathname, s.detail]).sort()).toEqual([
      ['/api/prices', 'data file (application/json), body not read'],
      ['/feed', 'data file (application/atom+xml), body not read'],
      ['/kit', expect.stringMatching(/^archive file \(application\/zip at http:\/\/files\.budget\.test:\d+\/downloads\/kit\), body not read$/)],
      ['/photo', 'image file (image/jpeg), body not read'],
    ]);
    // 20 MB were on offer; the connection was closed after the headers (what the socket buffers took
    // meanwhile is written, never read).
    const photo = server.log.find((e) => e.path === '/photo')!;
    expect(photo.bytes).toBeLessThan(20_000_000);
    expect(result.stoppedBy).toBe('done');
  });
});

describe('redirect stubs (a page that only sends the visitor on, by meta refresh or a script)', () => {
  it('are followed like HTTP redirects, through the scope, robots.txt and the known pages, and never handed on as pages', async () => {
    server.clearLog();
    const { result, bodies } = await crawlFixture(server, 'stubs.budget.test', { sitemaps: false });
    const u = (path: string) => server.url('stubs.budget.test', path);
    const read = result.pages.filter((p) => bodies.has(p.url));
    expect(read.map((p) => [new URL(p.url).pathname, new URL(p.finalUrl).pathname]).sort()).toEqual([
      ['/', '/'],
      ['/about.html', '/about.html'],
      ['/case-studies/old-name/', '/case-studies/retail-story/'],
      ['/go-contact.html', '/contact.html'],
      ['/moved-post/', '/blog/new-post/'],
      ['/no-scripts.html', '/no-scripts.html'],
    ]);
    expect([...bodies.values()].filter((b) => /Redirecting|One moment|Taking you/.test(b))).toEqual([]);
    expect(result.pages.find((p) => p.url === u('/moved-post/'))?.redirectChain).toEqual([u('/moved-post/'), u('/blog/new-post/')]);
    // A stub to a page the crawl already has ends there; no second copy of the page.
    expect(result.pages.find((p) => p.url === u('/old-about/'))).toMatchObject({ finalUrl: u('/about.html'), body: null });
    expect(result.pages.filter((p) => p.finalUrl === u('/about.html'))).toHaveLength(2);
    // Another site: outbound, not requested; a disallowed section: not requested, with the robots.txt rule.
    expect(result.skipped.find((s) => s.url === 'http://social.elsewhere.test/the-partner')?.reason).toBe('out-of-scope');
    expect(result.outbound.map((o) => o.url)).toContain('http://social.elsewhere.test/the-partner');
    expect(result.skipped.find((s) => s.url === u('/private/area.html'))).toMatchObject({ reason: 'robots', from: u('/members/') });
    expect(server.log.map((e) => e.path)).not.toContain('/private/area.html');
  });
});

describe('redirects that end at a page the crawl already has (old addresses a menu still links)', () => {
  const read = (result: CrawlResult) => result.pages.filter((p) => p.redirectChain.length === 0).map((p) => new URL(p.url).pathname).sort();

  it('cost a request but no page of the budget', async () => {
    // Four old addresses of one page are linked before it and two other pages; five pages of budget read all four pages.
    const { result } = await crawlFixture(server, 'hops.budget.test', { sitemaps: false, concurrency: 1, maxPages: 5 });
    expect(read(result)).toEqual(['/', '/page-a.html', '/page-b.html', '/team.html']);
    expect(result.pages.filter((p) => p.redirectChain.length > 0)).toHaveLength(4);
  });

  it('take pages of the budget again once they are as many as its pages, so requests stay bounded', async () => {
    server.clearLog();
    // Budget 2: the homepage, two free hops, then the third hop takes the second page and the crawl ends.
    const { result } = await crawlFixture(server, 'hops.budget.test', { sitemaps: false, concurrency: 1, maxPages: 2 });
    expect(read(result)).toEqual(['/']);
    expect(result.pages.map((p) => new URL(p.url).pathname)).toEqual(['/', '/old-1/', '/old-2/', '/old-3/']);
    expect(result.stoppedBy).toBe('max-pages');
  });
});

describe('copies of pages already read (query-string variants, a stale copy of the site under a folder)', () => {
  it('are recorded as duplicates, and once the first read are all copies the rest is not fetched, with the reason', async () => {
    server.clearLog();
    // 22 pages: what the site holds besides its copies, and the 3 copies that tell each copy apart.
    // Before, the copies ate that budget.
    const { result, bodies } = await crawlFixture(server, 'copies.budget.test', { concurrency: 1, maxPages: 22 });
    const at = (url: string) => { const u = new URL(url); return (u.hostname === 'mirror.budget.test' ? 'mirror:' : '') + u.pathname + u.search; };
    expect(result.pages.filter((p) => p.duplicateOf).map((p) => [at(p.url), at(p.duplicateOf!)])).toEqual([
      ['/product.html?id=1', '/product.html'],
      ['/product.html?id=2', '/product.html'],
      ['/old/about.html', '/about.html'],
      ['/old/services.html', '/services.html'],
      ['/old/blog/post-1.html', '/blog/post-1.html'],
      // A folder whose first page read was its own: its copies are duplicates, the folder is still read.
      ['/partners/about.html', '/about.html'],
      ['/partners/services.html', '/services.html'],
      ['/partners/contact.html', '/contact.html'],
      // A mirror host: the same paths on another host of the site.
      ['mirror:/about.html', '/about.html'],
      ['mirror:/services.html', '/services.html'],
      ['mirror:/contact.html', '/contact.html'],
    ]);
    const copies = result.skipped.filter((s) => s.reason === 'copies');
    expect(copies.map((s) => at(s.url)).sort()).toEqual([
      '/old/blog/post-2.html', '/old/blog/post-3.html', '/old/contact.html', '/old/history.html',
      '/product.html?id=3', '/product.html?id=4', '/product.html?id=5', '/product.html?id=6', '/product.html?ref=footer',
      'mirror:/blog/post-1.html', 'mirror:/product.html',
    ]);
    expect(copies.find((s) => at(s.url) === '/old/history.html')?.detail).toMatch(/^http:\/\/copies\.budget\.test:\d+\/old\/ holds copies of pages read elsewhere \(the first 3 read there, e\.g\. .*\/old\/blog\/post-1\.html = .*\/blog\/post-1\.html\)$/);
    expect(copies.find((s) => at(s.url) === '/product.html?id=3')?.detail).toMatch(/query-string variants of .*\/product\.html serve the same page/);
    expect(server.log.map((e) => e.path)).not.toContain('/old/history.html');
    expect([...bodies.keys()].map(at)).toEqual(expect.arrayContaining(['/partners/', '/partners/list.html', '/product.html']));
    expect([...bodies.keys()].map(at).filter((p) => p.startsWith('/old/') || p.startsWith('mirror:') || p.includes('?'))).toEqual([]);
    expect(result.stoppedBy).toBe('done');
  });
});

describe('what the crawl counted but did not read carries its reason', () => {
  it('a sitemap read only in part at the sitemap URL limit says how many of its URLs were not taken', async () => {
    const { result } = await crawlFixture(server, 'links.budget.test', { maxSitemapUrls: 5 });
    expect(result.sitemapUrls).toHaveLength(5);
    expect(result.skipped.filter((s) => s.reason === 'sitemap-limit')).toEqual([{
      url: server.url('links.budget.test', '/sitemap.xml'),
      reason: 'sitemap-limit',
      detail: '15 of its 20 page URLs not taken: the limit of 5 sitemap URLs was reached',
      from: null,
    }]);
  });
});

describe('URLs counted but not read', () => {
  it('carry the text of the link to them, so a check can tell what they may hold, so a check can tell what it may hold', async () => {
    const { result } = await crawlFixture(server, 'files.budget.test', { sitemaps: false, maxPages: 2 });
    expect(result.skipped.find((s) => s.reason === 'max-pages')).toEqual({
      url: server.url('files.budget.test', '/contact.html'),
      reason: 'max-pages',
      detail: 'page limit 2 reached',
      from: server.url('files.budget.test', '/'),
      text: 'Contact',
    });
    expect(result.skipped.find((s) => s.url.endsWith('/images/team.PNG'))?.text).toBe('Team photo');
  });
});

describe('a host of the site that cannot be reached at all', () => {
  it('is not requested, and its URLs are listed as unreachable, not as refused by robots.txt', async () => {
    const { result } = await crawlFixture(server, 'hosts.budget.test', { sitemaps: false, retries: 0, resolve: [...server.resolveArgs(), 'down.budget.test:1:127.0.0.1'] });
    expect(result.pages.map((p) => new URL(p.url).pathname)).toEqual(['/', '/about.html']);
    expect(result.skipped.filter((s) => s.reason === 'robots')).toEqual([]);
    expect(result.skipped.find((s) => s.reason === 'unreachable')).toMatchObject({
      url: 'http://down.budget.test:1/case-studies/',
      detail: expect.stringMatching(/^robots\.txt unreachable \(connection refused \(ECONNREFUSED\)\): everything disallowed \(RFC 9309\)$/),
      text: 'Case studies (on a host that is down)',
    });
  });
});

describe('a page\'s links to its own address without the trailing slash (section links written "/note#part")', () => {
  const own = (path: string) => server.url('own.budget.test', path);

  it('are the page itself: never requested, and not counted as pages the crawl found', async () => {
    server.clearLog();
    const { result } = await crawlFixture(server, 'own.budget.test', { sitemaps: false });
    const requested = server.log.filter((e) => e.host === 'own.budget.test').map((e) => e.path);
    expect(requested).not.toContain('/notes/first-note');
    expect(requested).not.toContain('/notes/second-note');
    expect(result.pages.map((p) => new URL(p.url).pathname).sort()).toEqual(['/', '/about.html', '/notes/first-note/', '/notes/second-note/']);
    expect(result.paths[own('/notes/first-note/')]).toEqual([own('/'), own('/notes/first-note/')]);
  });

  it('are not listed as unread when the budget runs out, with a heading\'s words that could suggest anything', async () => {
    const { result } = await crawlFixture(server, 'own.budget.test', { sitemaps: false, concurrency: 1, maxPages: 2 });
    expect(result.pages.map((p) => new URL(p.url).pathname)).toEqual(['/', '/notes/first-note/']);
    expect(result.skipped.filter((s) => s.reason === 'max-pages').map((s) => new URL(s.url).pathname).sort()).toEqual(['/about.html', '/notes/second-note/']);
  });
});
