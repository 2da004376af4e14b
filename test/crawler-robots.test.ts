import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SITES_ROOT, startFixtureServer, type FixtureServer } from '../fixtures/server.ts';
import robotsParserModule from 'robots-parser';
import { CrawlStartError } from '../crawlers/crawl.ts';
import { RobotsCache } from '../crawlers/robots.ts';
import { crawlFixture, expectRobotsObeyed } from './crawler-helpers.ts';

const robotsParser = robotsParserModule as unknown as typeof robotsParserModule.default;

describe('robots.txt matching', () => {
  const UA = 'partner-presence/0.1.0';
  const verdicts = async (text: string, urls: string[]) => {
    const cache = new RobotsCache(async () => ({ status: 200, text }), UA);
    return Promise.all(urls.map(async (url) => (await cache.check(url)).allowed));
  };

  it('decides as robots-parser (Google\'s algorithm) does: longest match, Allow on ties, * and $', async () => {
    // Many small random rule sets over a tiny alphabet, where wildcards, anchors and ties meet often.
    let seed = 42;
    const random = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) % n);
    const word = (alphabet: string, max: number) => Array.from({ length: random(max) }, () => alphabet[random(alphabet.length)]).join('');
    // Ties of equal length first (Allow wins whatever the order), then random sets.
    const fixed = ['Disallow: /ab\nAllow: /ab', 'Allow: /a*\nDisallow: /ab', 'Disallow: /a$\nAllow: /*a', 'Disallow: /*b$\nAllow: /a'];
    for (let round = 0; round < 300 + fixed.length; round++) {
      const rules = fixed[round] ?? Array.from({ length: 1 + random(4) }, () => `${random(2) ? 'Allow' : 'Disallow'}: /${word('ab*$/', 6)}`).join('\n');
      const text = `User-agent: *\n${rules}\n`;
      const urls = [...['/a', '/ab', '/ba', '/b'].map((p) => `https://www.partner.example${p}`), ...Array.from({ length: 8 }, () => `https://www.partner.example/${word('ab/$', 7)}`)];
      const oracle = robotsParser('https://www.partner.example/robots.txt', text);
      expect(await verdicts(text, urls), text).toEqual(urls.map((u) => oracle.isAllowed(u, UA) !== false));
    }
  });

  it('reads only the first 500 KiB (RFC 9309\'s minimum), cut at a line end', async () => {
    const filler = `# ${'x'.repeat(1000)}\n`.repeat(520);
    const text = `User-agent: *\nDisallow: /early/\n${filler}Disallow: /late/\n`;
    expect(await verdicts(text, ['https://www.partner.example/early/a', 'https://www.partner.example/late/a'])).toEqual([false, true]);
  });
});

describe('robots.txt on a site that disallows sections', () => {
  let server: FixtureServer;
  let crawl: Awaited<ReturnType<typeof crawlFixture>>;
  const u = (path: string, host = 'www.robots.test') => server.url(host, path);

  beforeAll(async () => {
    server = await startFixtureServer({ sites: ['crawl-robots'] });
    crawl = await crawlFixture(server, 'www.robots.test', { render: 'never' });
  });
  afterAll(() => server.close());

  it('never requests a disallowed URL: links, redirects into a disallowed section, sitemap entries', async () => {
    const paths = server.log.filter((e) => e.host === 'www.robots.test').map((e) => e.path);
    expect(paths.filter((p) => p.startsWith('/private') || p.endsWith('.cgi'))).toEqual([]);
    expect(await expectRobotsObeyed(server)).toBeGreaterThan(3);
  });

  it('applies the group for its own user agent, not the * group', () => {
    // "User-agent: partner-presence" only disallows /private/, so /drafts/ (disallowed for *) is fetched.
    expect(crawl.result.pages.find((p) => p.url === u('/drafts/case-study'))?.httpStatus).toBe(200);
  });

  it('lists blocked URLs with the rule that blocked them', () => {
    const blocked = crawl.result.skipped.filter((s) => s.reason === 'robots');
    expect(blocked.find((s) => s.url === u('/private/'))?.detail).toBe('robots.txt line 7: Disallow: /private/');
    expect(blocked.find((s) => s.url === u('/search.cgi'))?.detail).toBe('robots.txt line 8: Disallow: /*.cgi$');
    expect(blocked.find((s) => s.url === u('/private/plans'))?.detail).toMatch(/Disallow: \/private\/.*redirect from .*\/go-private/);
    expect(blocked.map((s) => s.url)).toEqual(expect.arrayContaining([u('/private/team'), u('/private/roadmap')]));
  });

  it('treats robots.txt 5xx as disallow-all and 4xx as allow-all (RFC 9309)', () => {
    // robots.txt itself is retried on 5xx (it may be transient); nothing else is requested.
    expect(new Set(server.log.filter((e) => e.host === 'blog.robots.test').map((e) => e.path))).toEqual(new Set(['/robots.txt']));
    expect(crawl.result.skipped.find((s) => s.url === u('/post', 'blog.robots.test'))?.detail).toMatch(/HTTP 503: everything disallowed/);
    expect(crawl.result.pages.find((p) => p.url === u('/private/sale', 'shop.robots.test'))?.httpStatus).toBe(200);
    const status = Object.fromEntries(crawl.result.robots.map((r) => [r.host.replace(/:\d+$/, ''), r.status]));
    expect(status).toEqual({ 'www.robots.test': 'ok', 'blog.robots.test': 'error', 'shop.robots.test': 'missing' });
  });

  it('fetches robots.txt once per host', () => {
    for (const host of ['www.robots.test', 'shop.robots.test']) {
      expect(server.log.filter((e) => e.host === host && e.path === '/robots.txt'), host).toHaveLength(1);
    }
  });

  it('honours Crawl-delay between requests to the host', () => {
    expect(crawl.result.robots.find((r) => r.host.startsWith('www.'))?.crawlDelayS).toBe(0.4);
    const times = server.log.filter((e) => e.host === 'www.robots.test').map((e) => e.time);
    expect(times.length).toBeGreaterThan(4);
    // The first gap is robots.txt → homepage, before the delay is known.
    const gaps = times.slice(2).map((t, i) => t - times[i + 1]).sort((a, b) => a - b);
    // Gaps are measured at the server, so connection latency moves single arrivals by a few ms either
    // way; without the delay they would be a few ms apart.
    expect(gaps[0]).toBeGreaterThanOrEqual(300);
    expect(gaps[Math.floor(gaps.length / 2)]).toBeGreaterThanOrEqual(390);
  });
});

describe('robots.txt on every partner fixture site', () => {
  const partnerSites = readdirSync(SITES_ROOT).filter(
    (name) => statSync(join(SITES_ROOT, name)).isDirectory() && !name.startsWith('crawl-') && name !== 'trap',
  );
  let server: FixtureServer;
  beforeAll(async () => {
    server = await startFixtureServer({ sites: partnerSites });
  });
  afterAll(() => server.close());

  it.each(partnerSites)('%s: no request the robots.txt disallows', async (site) => {
    server.clearLog();
    const hosts = readdirSync(join(SITES_ROOT, site)).filter((h) => statSync(join(SITES_ROOT, site, h)).isDirectory());
    const home = hosts.find((h) => h.startsWith('www.')) ?? hosts[0];
    try {
      await crawlFixture(server, home, { render: 'auto', maxPages: 80 });
    } catch (err) {
      // A deliberately failing partner site ends with a plain start error; its log is still checked.
      expect(err).toBeInstanceOf(CrawlStartError);
    }
    expect(server.log.length).toBeGreaterThan(0);
    await expectRobotsObeyed(server);
  });
});
