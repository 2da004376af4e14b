// Hostile sites against the crawler's bounds (issue 10): every input served by the fixture server on
// loopback, every bound asserted on what the crawl did, not on how long a machine took.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFixtureServer, type FixtureServer } from '../fixtures/server.ts';
import { crawlSite } from '../crawlers/crawl.ts';
import { MAX_LINKS_PER_PAGE } from '../crawlers/links.ts';
import { isPrivateAddress } from '../crawlers/net.ts';
import { MAX_LISTED_SKIPS_PER_REASON } from '../crawlers/skip-log.ts';

/** fixtures/sites/crawl-bounds: one hostile answer per path or host. */
let server: FixtureServer;
beforeAll(async () => {
  server = await startFixtureServer({ sites: ['crawl-bounds'] });
});
afterAll(() => server.close());

describe('the address guard allows only global unicast', () => {

  it('classifies special-purpose IPv6 ranges as refused, public ones as allowed', () => {
    const special = [
      '::7f00:1', // IPv4-compatible 127.0.0.1
      '::ffff:7f00:1', '::ffff:8.8.8.8', // IPv4-mapped, hex and dotted
      '2002:7f00:1::1', // 6to4 of 127.0.0.1
      'fec0::1', // site-local (deprecated)
      '64:ff9b::7f00:1', '64:ff9b:1::7f00:1', // NAT64, well-known and local-use prefix
      '100::1', // discard-only
      '2001::1', '2001:db8::1', // Teredo, documentation
    ];
    for (const a of special) expect(isPrivateAddress(a), a).toBe(true);
    for (const a of ['2606:4700::1111', '2a00:1450:4001:82b::200e', '93.184.216.34']) expect(isPrivateAddress(a), a).toBe(false);
  });

  it('refuses in-scope hosts that resolve to them, and never connects', async () => {
    // Each host resolves (--resolve, as DNS would answer) to a special-purpose address; several of them
    // reach this machine's loopback, where the fixture server would answer.
    const targets: Record<string, string> = {
      mapped: '::ffff:7f00:1', compat: '::7f00:1', sixtofour: '2002:7f00:1::1', sitelocal: 'fec0::1', nat64: '64:ff9b:1::7f00:1', discard: '100::1',
    };
    const links = Object.keys(targets).map((name) => `<a href="http://${name}.v6.test:{{PORT}}/">${name}</a>`).join(' ');
    server.route('www.v6.test', '/', { body: `<!doctype html><title>Home</title><p>${links}</p>` });
    const resolve = [`www.v6.test:${server.port}:127.0.0.1`, ...Object.entries(targets).map(([name, a]) => `${name}.v6.test:${server.port}:[${a}]`)];
    server.clearLog();
    const result = await crawlSite(server.url('www.v6.test'), { resolve, allowAddresses: ['127.0.0.1'], delayMs: 0, retries: 0, timeoutMs: 1500, sitemaps: false });
    const refused = result.skipped.filter((s) => s.reason === 'private-address').map((s) => new URL(s.url).hostname).sort();
    expect(refused).toEqual(Object.keys(targets).map((name) => `${name}.v6.test`).sort());
    expect(result.pages.map((p) => p.url)).toEqual([server.url('www.v6.test')]);
    expect(server.log.map((e) => e.host)).toEqual(['www.v6.test', 'www.v6.test']);
  });
});

describe('an IPv6 homepage', () => {
  let v6: FixtureServer | null = null;
  beforeAll(async () => {
    v6 = await startFixtureServer({ sites: [], address: '::1' }).catch(() => null);
  });
  afterAll(() => v6?.close());

  it('is its own scope: another IPv6 host is another site', async (ctx) => {
    if (!v6) return ctx.skip('no IPv6 loopback on this machine');
    const port = v6.port;
    v6.route('[::1]', '/', {
      body: `<!doctype html><title>v6</title><a href="/about">About</a> <a href="http://[fd00::2]:${port}/">Other host</a> <a href="http://[::2]:${port}/x">Another</a>`,
    });
    v6.route('[::1]', '/about', { body: '<!doctype html><title>About</title><p>About us</p>' });
    const result = await crawlSite(`http://[::1]:${port}/`, { allowPrivate: true, delayMs: 0, retries: 0, timeoutMs: 1500, sitemaps: false });
    expect(result.scopeDomain).toBe('::1');
    expect(result.pages.map((p) => p.url)).toEqual([`http://[::1]:${port}/`, `http://[::1]:${port}/about`]);
    expect(result.outbound.map((o) => o.url).sort()).toEqual([`http://[::2]:${port}/x`, `http://[fd00::2]:${port}/`]);
    expect(result.pages[0]!.links.filter((l) => l.internal).map((l) => l.url)).toEqual([`http://[::1]:${port}/about`]);
  });
});

/** Runs a crawl in a child process; resolves with what it printed and how long it lived after crawlSite returned. */
function crawlInChild(url: string, options: object, waitMs: number) {
  const script = fileURLToPath(new URL('./helpers/crawl-in-child.ts', import.meta.url));
  const child = spawn(process.execPath, ['--import', 'tsx', script, url, JSON.stringify(options)], { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  return new Promise<{ printed: { returnedAt: number; pages: { url: string; truncated: boolean; byteLength: number; error: string | null }[] }; livedOnMs: number }>((resolve, reject) => {
    let returnedAt = 0;
    const killer = setInterval(() => {
      // Still alive long after the crawl returned: stop it, the test fails on the figure.
      if (returnedAt && Date.now() - returnedAt > waitMs) child.kill('SIGKILL');
    }, 100);
    child.stdout.on('data', () => {
      if (!returnedAt && out.includes('\n')) returnedAt = JSON.parse(out.split('\n')[0]!).returnedAt;
    });
    child.on('exit', () => {
      clearInterval(killer);
      if (!out.includes('\n')) return reject(new Error(`the child crawl printed nothing: ${out}`));
      const printed = JSON.parse(out.split('\n')[0]!);
      resolve({ printed, livedOnMs: Date.now() - printed.returnedAt });
    });
  });
}

describe('a compressed body cut at the byte cap', () => {

  it('stops its decompressor with the request: a brotli bomb leaves no work behind', { timeout: 60_000 }, async () => {
    // 24 KB of brotli that inflates to 16 GiB; the page is cut at 1 MB and the process must then end.
    const options = { resolve: server.resolveArgs(), allowPrivate: true, delayMs: 0, sitemaps: false, maxPages: 1, maxBytes: 1024 * 1024 };
    const { printed, livedOnMs } = await crawlInChild(server.url('www.bounds.test', '/brotli-bomb'), options, 10_000);
    expect(printed.pages).toEqual([{ url: server.url('www.bounds.test', '/brotli-bomb'), truncated: true, byteLength: 1024 * 1024, error: null }]);
    expect(livedOnMs).toBeLessThan(5_000);
  });
});

describe('hostile sitemaps', () => {
  const crawl = (host: string, options: Parameters<typeof crawlSite>[1] = {}) =>
    crawlSite(server.url(host), { resolve: server.resolveArgs(), allowPrivate: true, delayMs: 0, ...options });
  const bounds = (path: string) => server.url('www.bounds.test', path);

  it('reads a sitemap of unclosed tags in one pass, within the time budget', async () => {
    const result = await crawl('unclosed.bounds.test', { timeBudgetMs: 8_000 });
    expect(result.sitemapUrls).toEqual([bounds('/listed.html')]);
    expect(result.pages.map((p) => p.url)).toContain(bounds('/listed.html'));
    expect(result.stoppedBy).toBe('done');
    expect(result.durationMs).toBeLessThan(8_000);
  });

  it('decodes character references (an impossible one as U+FFFD), keeps CDATA and leaves images out', async () => {
    const result = await crawl('entities.bounds.test');
    expect(result.sitemapUrls).toEqual([bounds('/listed.html?a=1&b=2'), bounds('/odd-%EF%BF%BD-A.html'), bounds('/cdata.html')]);
    expect(server.log.some((e) => e.path === '/photo.jpg')).toBe(false);
  });
});

describe('a robots.txt rule of a million wildcards', () => {

  it('is matched in linear time: the crawl ends within its budget, every rule still obeyed', async () => {
    const result = await crawlSite(server.url('stars.bounds.test'), { resolve: server.resolveArgs(), allowPrivate: true, delayMs: 0, timeBudgetMs: 8_000 });
    expect(result.stoppedBy).toBe('done');
    expect(result.durationMs).toBeLessThan(8_000);
    expect(result.pages.filter((p) => p.url.includes('/long/')).map((p) => p.httpStatus)).toEqual([200, 200, 200, 200, 200]);
    expect(result.skipped.find((s) => s.reason === 'robots')).toMatchObject({ url: server.url('stars.bounds.test', '/private/plans'), detail: 'robots.txt line 2: Disallow: /private/' });
  });
});

describe('a flood of links', () => {

  it('keeps what it remembers bounded and counts the rest, each with its reason', async () => {
    // Every page holds 60,000 links to new URLs (30,000 query-string variants, 30,000 new paths).
    const result = await crawlSite(server.url('www.bounds.test', '/flood'), { resolve: server.resolveArgs(), allowPrivate: true, delayMs: 0, sitemaps: false, maxPages: 6 });
    expect(result.pages).toHaveLength(6);
    for (const page of result.pages) expect(page.links.length, page.url).toBeLessThanOrEqual(MAX_LINKS_PER_PAGE);
    const tooMany = result.skipped.filter((s) => s.reason === 'too-many-links');
    expect(tooMany).toHaveLength(6);
    expect(tooMany[0]!.detail).toBe(`60000 links on the page; the first ${MAX_LINKS_PER_PAGE} were read`);
    const byReason = new Map<string, number>();
    for (const s of result.skipped) byReason.set(s.reason, (byReason.get(s.reason) ?? 0) + 1);
    for (const [reason, n] of byReason) expect(n, reason).toBeLessThanOrEqual(MAX_LISTED_SKIPS_PER_REASON);
    // Six pages × 1,000 variants of /flood read, 10 taken: the rest counted, not all listed.
    expect(byReason.get('query-variants')).toBe(MAX_LISTED_SKIPS_PER_REASON);
    expect(result.unlisted.skipped['query-variants']).toBe(6 * 1000 - 10 - MAX_LISTED_SKIPS_PER_REASON);
  });
});

describe('answers that never end', () => {

  it('are cut by the request timeout, and the crawl ends within its budget', async () => {
    const u = (path: string) => server.url('slow.bounds.test', path);
    const result = await crawlSite(u('/'), { resolve: server.resolveArgs(), allowPrivate: true, delayMs: 0, sitemaps: false, retries: 0, timeoutMs: 1000, timeBudgetMs: 6000 });
    expect(result.stoppedBy).toBe('done');
    expect(result.durationMs).toBeLessThan(6000);
    const page = (path: string) => result.pages.find((p) => p.url === u(path));
    expect(page('/drip')).toMatchObject({ httpStatus: 200, truncated: true, error: 'body cut off: timed out after 1 s' });
    expect(page('/endless-headers')).toMatchObject({ httpStatus: null, error: 'timed out after 1 s' });
    expect(page('/drip-503')?.httpStatus).toBe(503);
  });
});
