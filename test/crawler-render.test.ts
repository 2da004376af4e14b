import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { SITES_ROOT, startFixtureServer, type FixtureServer } from '../fixtures/server.ts';
import { crawlSite, Renderer } from '../crawlers/crawl.ts';
import { crawlFixture, expectRobotsObeyed, ourChromiumProcesses } from './crawler-helpers.ts';

let server: FixtureServer;
const u = (path: string) => server.url('www.spa.test', path);
beforeAll(async () => {
  server = await startFixtureServer({ sites: ['crawl-spa', 'static'] });
});
afterAll(() => server.close());

describe('a single-page app', () => {
  it('has no links without rendering, and says why it would render', async () => {
    const { result } = await crawlFixture(server, 'www.spa.test', { render: 'never' });
    expect(result.pages).toHaveLength(1);
    expect(result.pages[0]).toMatchObject({ rendered: false, links: [], renderReason: 'empty #root app shell (rendering off)' });
  });

  it('finds its links by rendering in auto mode', async () => {
    server.clearLog();
    const { result, bodies } = await crawlFixture(server, 'www.spa.test', { render: 'auto' });
    expect(result.renderUnavailable).toBeNull();
    const home = result.pages[0];
    expect(home).toMatchObject({ rendered: true, renderReason: 'empty #root app shell' });
    expect(home.links.map((l) => [l.url, l.text, l.region])).toEqual([
      [u('/products'), 'Products', 'nav'],
      [u('/case-studies'), 'Case studies', 'nav'],
      [u('/case-studies/acme-mart'), 'Acme Mart moves its stores to the cloud', 'main'],
    ]);
    expect(bodies.get(u('/case-studies/acme-mart'))).toContain('<h1>Page /case-studies/acme-mart</h1>');
    expect(result.paths[u('/case-studies/acme-mart')]).toEqual([u('/'), u('/case-studies/acme-mart')]);
  });

  it('serves the page from the crawl and sends the page’s own requests through the crawler’s rules', () => {
    const get = (path: string) => server.log.filter((e) => e.method === 'GET' && e.path === path);
    // The document is not fetched twice; the script is fetched once for the whole site.
    expect(get('/')).toHaveLength(1);
    expect(get('/static/app.js')).toHaveLength(1);
    // robots.txt disallows the tracker: the browser never asked for it.
    expect(server.log.some((e) => e.path === '/static/tracker.js')).toBe(false);
  });

  it('maps host names for the browser too (--resolve, applied by the site’s egress proxy)', () => {
    // The POST is sent by Chromium itself, not by the crawler's fetcher: it reached www.spa.test on
    // 127.0.0.1 only through the egress proxy, which resolves names with the crawl's --resolve.
    const posts = server.log.filter((e) => e.method === 'POST');
    expect(posts.length).toBeGreaterThan(0);
    expect(posts.every((e) => e.host === 'www.spa.test' && e.path === '/api/featured.json' && /HeadlessChrome|partner-presence/.test(e.userAgent))).toBe(true);
  });

  it('obeys robots.txt', async () => {
    expect(await expectRobotsObeyed(server)).toBeGreaterThan(3);
  });

  it('renders every page with render=always, sharing one browser between crawls', async () => {
    // A batch's renderer; each crawl brings its own --resolve mappings and guard (its egress proxy).
    const renderer = new Renderer();
    try {
      const first = await crawlSite(u('/'), { resolve: server.resolveArgs(), allowPrivate: true, delayMs: 0, render: 'always', maxPages: 2 }, {}, { renderer });
      const second = await crawlSite(u('/'), { resolve: server.resolveArgs(), allowPrivate: true, delayMs: 0, render: 'always', maxPages: 2 }, {}, { renderer });
      for (const r of [first, second]) {
        expect(r.pages.map((p) => [p.rendered, p.renderReason])).toEqual([
          [true, 'rendering always on'],
          [true, 'rendering always on'],
        ]);
      }
      expect(await renderer.unavailable()).toBeNull();
    } finally {
      await renderer.close();
    }
  });
});

describe('a long crawl', () => {
  it('recycles the browser after its page quota and keeps rendering', async () => {
    const renderer = new Renderer({ recycleAfter: 2, maxOpenPages: 2 });
    try {
      const options = { resolve: server.resolveArgs(), allowPrivate: true, delayMs: 0, render: 'always' as const, maxPages: 7, sitemaps: false };
      const result = await crawlSite(server.url('www.northwind.test', '/'), options, {}, { renderer });
      const html = result.pages.filter((p) => p.contentType === 'text/html' && p.httpStatus === 200);
      expect(html.length).toBeGreaterThan(4);
      // Seven pages with a quota of two: the browser was replaced at least twice along the way.
      expect(html.map((p) => [p.rendered, p.renderReason])).toEqual(html.map(() => [true, 'rendering always on']));
    } finally {
      await renderer.close();
    }
  });
});

describe('a static site in auto mode', () => {
  it('renders no page, and keeps PDFs as bytes for the analysers (cut at the byte cap)', async () => {
    const { result, seen } = await crawlFixture(server, 'www.northwind.test', { render: 'auto', maxPages: 60 });
    expect(result.pages.length).toBeGreaterThan(10);
    expect(result.pages.filter((p) => p.rendered || p.renderReason !== null).map((p) => p.url)).toEqual([]);
    const pdfUrl = server.url('www.northwind.test', '/downloads/valley-fresh-markets-case-study.pdf');
    const pdf = seen.find((p) => p.url === pdfUrl)!;
    const size = readFileSync(join(SITES_ROOT, 'static/www.northwind.test/downloads/valley-fresh-markets-case-study.pdf')).length;
    expect(pdf).toMatchObject({ contentType: 'application/pdf', body: null, byteLength: size, truncated: false, charset: null });
    expect(Buffer.from(pdf.bytes!.subarray(0, 5)).toString()).toBe('%PDF-');

    const capped = await crawlFixture(server, 'www.northwind.test', { maxBytes: 1024, sitemaps: false, maxPages: 1 }, '/downloads/valley-fresh-markets-case-study.pdf');
    expect(capped.seen[0]).toMatchObject({ contentType: 'application/pdf', byteLength: 1024, truncated: true });
    expect(capped.seen[0].bytes).toHaveLength(1024);
  });
});

describe('without a browser', () => {
  it('crawls static-only and says so', async () => {
    const renderer = new Renderer({ chromiumPath: '/nonexistent/chromium' });
    const result = await crawlSite(u('/'), { resolve: server.resolveArgs(), allowPrivate: true, delayMs: 0, render: 'auto' }, {}, { renderer });
    expect(result.renderUnavailable).toMatch(/^rendering unavailable, pages crawled without JavaScript: no Chromium could be launched \(\/nonexistent\/chromium: /);
    expect(result.pages[0]).toMatchObject({ rendered: false, renderReason: 'empty #root app shell (no browser)' });
  });

  it('with render=always reads each page as fetched: its text and links, and follows them', async () => {
    // With rendering always on, a page's static HTML is read only when the render does not give it.
    const renderer = new Renderer({ chromiumPath: '/nonexistent/chromium' });
    const home = server.url('www.northwind.test', '/');
    const bodies = new Map<string, string>();
    const result = await crawlSite(home, { resolve: server.resolveArgs(), allowPrivate: true, delayMs: 0, render: 'always', maxPages: 3, sitemaps: false },
      { page: (p) => void (p.body !== null && bodies.set(p.url, p.body)) }, { renderer });
    expect(result.pages.map((p) => [p.rendered, p.renderReason])).toEqual([0, 1, 2].map(() => [false, 'rendering always on (no browser)']));
    expect(bodies.get(home)).toContain('Northwind');
    expect(result.pages[0].links.filter((l) => l.internal).length).toBeGreaterThan(2);
    const linked = new Set(result.pages[0].links.map((l) => l.url));
    expect(result.pages.slice(1).filter((p) => linked.has(p.url))).toHaveLength(2);
  });
});

describe('with rendering always on', () => {
  /** Browsers launched by this test process (Playwright launches them with a DevTools pipe). */
  const ourBrowsers = () => new Set(ourChromiumProcesses('--remote-debugging-pipe'));

  it.runIf(process.platform === 'linux')('launches the browser while robots.txt and the homepage are fetched, not after', async () => {
    const before = ourBrowsers();
    let browserFirst: boolean | null = null;
    // The homepage answers once a browser of this crawl runs, or after 10 s (a launch takes ~1 s).
    const site = createServer((req, res) => {
      if (req.url === '/robots.txt') return void res.writeHead(404).end();
      void (async () => {
        const deadline = Date.now() + 10_000;
        while (Date.now() < deadline && [...ourBrowsers()].every((pid) => before.has(pid))) await new Promise((r) => setTimeout(r, 50));
        browserFirst ??= Date.now() < deadline;
        res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>Home</title><h1>Home</h1>');
      })();
    });
    await new Promise<void>((r) => site.listen(0, '127.0.0.1', r));
    try {
      const { port } = site.address() as AddressInfo;
      const result = await crawlSite(`http://127.0.0.1:${port}/`, { allowPrivate: true, delayMs: 0, render: 'always', maxPages: 1, sitemaps: false, timeoutMs: 30_000 });
      expect(result.pages[0]).toMatchObject({ rendered: true, renderReason: 'rendering always on' });
      expect(browserFirst).toBe(true);
    } finally {
      site.close();
    }
  });
});
