import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFixtureServer, type FixtureServer } from '../fixtures/server.ts';
import { crawlSite, HostThrottle } from '../crawlers/crawl.ts';
import { crawlFixture, expectRobotsObeyed } from './crawler-helpers.ts';

let server: FixtureServer;
let crawl: Awaited<ReturnType<typeof crawlFixture>>;
const u = (path: string) => server.url('www.trap.test', path);
const page = (path: string) => crawl.result.pages.find((p) => p.url === u(path));
const MAX_BYTES = 1_000_000;

beforeAll(async () => {
  server = await startFixtureServer({ sites: ['trap'] });
  crawl = await crawlFixture(server, 'www.trap.test', { timeoutMs: 1500, maxBytes: MAX_BYTES, maxPages: 100, maxDepth: 5, maxQueryVariants: 6 });
});
afterAll(() => server.close());

describe('the trap site', () => {
  it('finishes on its own, within its limits', () => {
    expect(crawl.result.stoppedBy).toBe('done');
    expect(crawl.result.pages.length).toBeLessThan(100);
    expect(Math.max(...crawl.result.pages.map((p) => p.depth ?? 0))).toBeLessThanOrEqual(5);
  });

  it('stops the endless calendar by query variants and by depth, saying why', () => {
    const calendar = crawl.result.pages.filter((p) => p.url.startsWith(u('/calendar?')));
    expect(calendar).toHaveLength(6);
    expect(crawl.result.skipped.find((s) => s.reason === 'query-variants')?.detail).toBe(`more than 6 query-string variants of ${u('/calendar')}`);
    const events = crawl.result.pages.filter((p) => p.url.startsWith(u('/events/')));
    expect(events.length).toBeGreaterThan(4);
    expect(crawl.result.skipped.filter((s) => s.reason === 'max-depth').map((s) => s.url)).toContain(u('/events/2026/06/'));
  });

  it('drops session ids and tracking parameters: one products page, requested once', () => {
    const productRequests = server.log.filter((e) => e.path.startsWith('/products'));
    expect(productRequests.map((e) => e.path)).toEqual(['/products']);
    expect(page('/products')?.anchorText).toBe('Products');
  });

  it('skips mailto:, tel:, javascript: and data: links with a reason', () => {
    const schemes = crawl.result.skipped.filter((s) => s.reason === 'scheme').map((s) => s.detail);
    expect(new Set(schemes)).toEqual(new Set(['mailto: link', 'tel: link', 'javascript: link', 'data: link']));
  });

  it('resolves relative links against <base href>', () => {
    expect(page('/manual/intro.html')?.httpStatus).toBe(200);
    expect(server.log.some((e) => e.path === '/docs/intro.html')).toBe(false);
  });

  it('cuts a huge body at the byte cap and stops downloading it', () => {
    expect(page('/huge')).toMatchObject({ truncated: true, byteLength: MAX_BYTES, error: null });
    expect(crawl.bodies.get(u('/huge'))!.length).toBe(MAX_BYTES);
    expect(server.log.find((e) => e.path === '/huge')!.bytes).toBeLessThan(8_000_000);
  });

  it('times out a slow page and goes on', () => {
    expect(page('/slow')).toMatchObject({ httpStatus: null, error: 'timed out after 1.5 s' });
    const slowAt = crawl.seen.findIndex((p) => p.url === u('/slow'));
    expect(slowAt).toBeGreaterThan(-1);
    expect(crawl.seen.length).toBeGreaterThan(slowAt + 1);
  });

  it('ends a redirect loop', () => {
    expect(page('/loop-a')?.error).toBe('redirect loop (/loop-a → /loop-b → /loop-a)');
    expect(server.log.filter((e) => e.path.startsWith('/loop-'))).toHaveLength(2);
  });

  it('reports a bot-protection challenge as blocked, not missing', () => {
    expect(page('/members')).toMatchObject({ httpStatus: 403, blocked: 'bot-protection' });
    // Challenges are not retried.
    expect(server.log.filter((e) => e.path === '/members')).toHaveLength(1);
  });

  it('retries a 503 after its Retry-After and records a connection reset as an error', () => {
    expect(server.log.filter((e) => e.path === '/flaky').map((e) => e.status)).toEqual([503, 200]);
    const [first, second] = server.log.filter((e) => e.path === '/flaky');
    expect(second.time - first.time).toBeGreaterThanOrEqual(1000);
    expect(page('/flaky')).toMatchObject({ httpStatus: 200, error: null });
    expect(page('/reset')?.error).toBe('connection reset (ECONNRESET)');
    // Resets are retried (twice by default).
    expect(server.log.filter((e) => e.path === '/reset')).toHaveLength(3);
  });

  it('reads a missing robots.txt (404) as allow-all', async () => {
    expect(crawl.result.robots).toEqual([{ host: `www.trap.test:${server.port}`, status: 'missing', crawlDelayS: null }]);
    expect(crawl.result.skipped.filter((s) => s.reason === 'robots')).toEqual([]);
    await expectRobotsObeyed(server);
  });
});

describe('limits', () => {
  it('stops at the page limit and lists what it left with the reason', async () => {
    const { result } = await crawlFixture(server, 'www.trap.test', { maxPages: 5, timeoutMs: 1500, maxBytes: MAX_BYTES });
    expect(result.stoppedBy).toBe('max-pages');
    expect(result.pages).toHaveLength(5);
    expect(result.skipped.filter((s) => s.reason === 'max-pages').length).toBeGreaterThan(3);
    expect(result.skipped.find((s) => s.reason === 'max-pages')?.detail).toBe('page limit 5 reached');
  });

  it('gives a plain start error when the homepage does not answer within the time budget', async () => {
    server.route('www.trap.test', '/?home=slow', { delayMs: 2000 });
    await expect(crawlFixture(server, 'www.trap.test', { timeBudgetMs: 300 }, '/?home=slow')).rejects.toThrow(
      `Could not reach ${u('/?home=slow')}: no answer within the time budget of 0.3 s`,
    );
  });

  it('stops at the time budget', async () => {
    // The slow page takes 4 s; the whole site gets 1.5 s.
    const { result } = await crawlFixture(server, 'www.trap.test', { timeBudgetMs: 1500, timeoutMs: 10_000, maxBytes: MAX_BYTES, concurrency: 2 });
    expect(result.stoppedBy).toBe('time-budget');
    expect(result.skipped.some((s) => s.reason === 'time-budget' && s.detail === 'time budget 1.5 s used up')).toBe(true);
  });

  it('stops when its signal aborts (Ctrl-C, batch shutdown) and keeps what it has', async () => {
    const controller = new AbortController();
    const result = await crawlSite(
      u('/'),
      { resolve: server.resolveArgs(), allowPrivate: true, delayMs: 50, signal: controller.signal, timeoutMs: 1500 },
      { page: (p) => void (p.url === u('/') && controller.abort()) },
    );
    expect(result.stoppedBy).toBe('aborted');
    expect(result.pages.length).toBeGreaterThanOrEqual(1);
    expect(result.skipped.some((s) => s.detail === 'crawl stopped')).toBe(true);
  });

  it('keeps per-host politeness across crawls that share a HostThrottle', async () => {
    server.clearLog();
    const hosts = new HostThrottle();
    const options = { resolve: server.resolveArgs(), allowPrivate: true, delayMs: 150, maxPages: 4, sitemaps: false, timeoutMs: 1500 };
    await Promise.all([crawlSite(u('/'), options, {}, { hosts }), crawlSite(u('/contact.html'), options, {}, { hosts })]);
    const times = server.log.map((e) => e.time).sort((a, b) => a - b);
    const gaps = times.slice(1).map((t, i) => t - times[i]).sort((a, b) => a - b);
    expect(times.length).toBeGreaterThan(6);
    // Two crawls, one host: each request waited for the other crawl's too (latency moves arrivals a little).
    expect(gaps[0]).toBeGreaterThanOrEqual(100);
  });
});
