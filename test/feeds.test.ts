// Feeds as link sources (crawlers/feeds.ts): the parser on every feed format and on hostile files, the
// scan that finds the feeds a page names, and whole crawls of a blog whose post cards open posts from
// onclick handlers (fixtures/sites/crawl-feeds), against the fixture server on 127.0.0.1.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFixtureServer, type FixtureServer } from '../fixtures/server.ts';
import { isFeedAddress, MAX_ENTRIES_PER_FEED, parseFeed, titlesShownOn } from '../crawlers/feeds.ts';
import { scanHtml } from '../crawlers/html-scan.ts';
import { parseSitemap } from '../crawlers/sitemaps.ts';
import { crawlFixture, expectRobotsObeyed } from './crawler-helpers.ts';

describe('parseFeed', () => {
  it('reads the entries of RSS 2.0, RSS 1.0 and Atom with their titles', () => {
    const rss = `<?xml version="1.0"?><rss version="2.0"><channel><title>Blog</title><link>http://a.test/</link>
      <item><title>First &amp; best</title><link> http://a.test/first/ </link><guid>http://a.test/?p=1</guid></item>
      <item><title><![CDATA[Second <b>post</b>]]></title><guid isPermaLink="true">http://a.test/second/</guid></item>
      <item><title>Not a permalink</title><guid isPermaLink="false">http://a.test/?p=3</guid></item>
      <item><title>Sourced</title><source url="http://b.test/feed"><link>http://b.test/</link></source><link>http://a.test/fourth/</link></item>
    </channel></rss>`;
    expect(parseFeed(rss, 10)).toEqual({ total: 3, entries: [
      { href: 'http://a.test/first/', title: 'First & best' },
      { href: 'http://a.test/second/', title: 'Second post' },
      { href: 'http://a.test/fourth/', title: 'Sourced' },
    ] });
    const rdf = `<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/">
      <channel rdf:about="http://a.test/"><title>Blog</title><link>http://a.test/</link></channel>
      <item rdf:about="http://a.test/one/"><title>One</title><link>http://a.test/one/</link></item>
      <item rdf:about="http://a.test/two/"><title>Two</title></item></rdf:RDF>`;
    expect(parseFeed(rdf, 10)?.entries).toEqual([{ href: 'http://a.test/one/', title: 'One' }, { href: 'http://a.test/two/', title: 'Two' }]);
    const atom = `<feed xmlns="http://www.w3.org/2005/Atom"><title>Blog</title><link href="http://a.test/" rel="alternate"/>
      <entry><title type="html">Stores &lt;em&gt;and&lt;/em&gt; shelves</title><link rel="replies" href="/one/comments"/><link rel="alternate" href="/one/"/></entry>
      <entry><title>Two</title><link href="/two/"></link><link href="/two-again/"/></entry>
      <entry><title>No address</title><link rel="edit" href="/edit/3"/></entry></feed>`;
    expect(parseFeed(atom, 10)).toEqual({ total: 2, entries: [{ href: '/one/', title: 'Stores and shelves' }, { href: '/two/', title: 'Two' }] });
  });

  it('is null for a document that is no feed', () => {
    expect(parseFeed('<html><body><a href="/x">x</a></body></html>', 10)).toBeNull();
    expect(parseFeed('<urlset><url><loc>http://a.test/</loc></url></urlset>', 10)).toBeNull();
    expect(parseFeed('', 10)).toBeNull();
  });

  it('takes at most the entries asked for and counts the rest', () => {
    const items = '<item><link>http://a.test/p</link></item>'.repeat(200_000);
    const parsed = parseFeed(`<rss><channel>${items}</channel></rss>`, MAX_ENTRIES_PER_FEED)!;
    expect(parsed.entries).toHaveLength(MAX_ENTRIES_PER_FEED);
    expect(parsed.total).toBe(200_000);
  });

  it('reads past 300,000 nested or unclosed elements (htmlparser2 parseFeed takes minutes on them)', () => {
    const nested = `<rss><channel><item><title>Deep</title>${'<x>'.repeat(300_000)}</item><item><link>http://a.test/after/</link></item></channel></rss>`;
    expect(parseFeed(nested, 10)?.entries.map((e) => e.href)).toEqual(['http://a.test/after/']);
    const unclosed = `<feed><entry><link href="/ok/"/></entry>${'<entry><link href="/cut'.repeat(100_000)}`;
    expect(parseFeed(unclosed, 10)?.entries[0]).toEqual({ href: '/ok/', title: '' });
  });

  it('expands no entity a DOCTYPE declares (billion laughs) and keeps fields short', () => {
    const laughs = '<!DOCTYPE rss [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>';
    const parsed = parseFeed(`${laughs}<rss><channel><item><title>&c;</title><link>http://a.test/&c;/</link></item></channel></rss>`, 10);
    expect(parsed?.entries).toEqual([{ href: 'http://a.test/&c;/', title: '&c;' }]);
    const long = parseFeed(`<rss><channel><item><title>${'t'.repeat(50_000)}</title><link>http://a.test/${'p'.repeat(50_000)}</link></item></channel></rss>`, 10)!;
    expect(long.entries[0]!.title.length).toBe(300);
    expect(long.entries[0]!.href.length).toBeLessThan(4200);
  });
});

describe('feed addresses', () => {
  it('finds the feeds a page names in <link rel="alternate">, a few at most', () => {
    const html = `<html><head>
      <link rel="alternate" type="application/rss+xml" href="/feed/">
      <link rel="alternate" type="application/atom+xml; charset=utf-8" href="/atom.xml">
      <link rel="alternate" hreflang="de" href="/de/">
      <link rel="alternate" type="text/html" href="/print/">
      <link rel="stylesheet" type="application/rss+xml" href="/not-a-feed.xml">
      ${'<link rel="alternate" type="application/rss+xml" href="/more.xml">'.repeat(20)}
    </head><body></body></html>`;
    expect(scanHtml(html).feeds).toEqual(['/feed/', '/atom.xml', '/more.xml', '/more.xml']);
  });

  it('knows the conventional feed addresses a link may name', () => {
    for (const url of ['http://a.test/feed', 'http://a.test/feed/', 'http://a.test/blog/rss.xml', 'http://a.test/atom.xml', 'http://a.test/tags/x/index.xml', 'http://a.test/feed.xml?x=1']) {
      expect(isFeedAddress(url), url).toBe(true);
    }
    for (const url of ['http://a.test/feedback/', 'http://a.test/index.html', 'http://a.test/posts/rss-explained/', 'http://a.test/?feed=rss2']) {
      expect(isFeedAddress(url), url).toBe(false);
    }
  });

  it('tells the entries a page shows by their titles in its text', () => {
    const shown = titlesShownOn('<main><h2 onclick="go()">Shelf gaps &amp; <em>store</em>\n cameras</h2><p>Read <b>more</b></p>');
    expect(shown('Shelf gaps & store cameras')).toBe(true);
    expect(shown('  shelf GAPS &  store cameras ')).toBe(true);
    expect(shown('Returns forecasting')).toBe(false);
    // Too short to say which entry the page shows.
    expect(shown('more')).toBe(false);
    // Half a million unclosed tags are read in one pass (a backtracking /<[^>]*>/ takes their square).
    expect(titlesShownOn(`${'<a '.repeat(500_000)}Shelf gaps cameras`)('Shelf gaps cameras')).toBe(true);
  });

  it('reads a feed that robots.txt names as a sitemap (the protocol allows it): its entries are sitemap URLs', () => {
    const atom = '<feed xmlns="http://www.w3.org/2005/Atom"><entry><link href="http://a.test/one/"/></entry></feed>';
    expect(parseSitemap(Buffer.from(atom), 1 << 20)).toEqual({ sitemaps: [], pages: ['http://a.test/one/'] });
  });
});

describe('crawling a blog whose posts are linked only from script handlers and its feeds', () => {
  let server: FixtureServer;
  beforeAll(async () => {
    server = await startFixtureServer({ sites: ['crawl-feeds'] });
  });
  afterAll(async () => {
    await server?.close();
  });

  it('reads the posts the feeds list as links from the pages that name the feeds, inside the crawl\'s bounds', async () => {
    const host = 'blog.saltmarsh.test';
    const at = (path: string, h = host) => server.url(h, path);
    // The internal host resolves to a forbidden address (127.0.0.2); only the fixture server's is allowed.
    const resolve = [...server.resolveArgs(), `intranet.saltmarsh.test:${server.port}:127.0.0.2`];
    const { result, page } = await crawlFixture(server, host, { resolve, allowPrivate: false, allowAddresses: ['127.0.0.1'] });

    // Atom feed named in the homepage's <head>: one click from the homepage, the entry's title as the link's text.
    expect(result.paths[at('/posts/shelf-gaps-store-cameras/')]).toEqual([at('/'), at('/posts/shelf-gaps-store-cameras/')]);
    expect(page('/posts/shelf-gaps-store-cameras/')?.anchorText).toBe('Finding shelf gaps with store cameras on AWS');
    expect(page('/posts/terraform-module-versioning/')?.httpStatus).toBe(200);
    // RSS feed linked by an <a> on the retail tag page, whose post list a script builds: the page does
    // not show the entry, so it is read as a page the site lists, with no click path.
    expect(page('/posts/returns-forecasting-for-apparel/')).toMatchObject({ httpStatus: 200, depth: null, foundVia: 'sitemap' });
    expect(result.paths[at('/posts/returns-forecasting-for-apparel/')]).toBeUndefined();

    const requested = server.log.map((e) => `${e.host}${e.path}`);
    // Each feed read once, though every post names the Atom feed again.
    expect(requested.filter((r) => r === `${host}/feed.xml`)).toHaveLength(1);
    expect(requested.filter((r) => r === `${host}/tags/retail/index.xml`)).toHaveLength(1);
    // No guessed feed address, nothing off the site, nothing robots.txt forbids, no entity expanded.
    expect(requested).not.toContain(`${host}/rss.xml`);
    expect(requested).not.toContain(`${host}/posts/unlinked-only-in-rss/`);
    expect(requested.filter((r) => r.startsWith('www.elsewhere.test') || r.includes('expanded-entity-page'))).toEqual([]);
    expect(result.skipped).toContainEqual(expect.objectContaining({ url: at('/drafts/holiday-peak-checklist/'), reason: 'robots' }));
    await expectRobotsObeyed(server);
    // The internal host's feed and the entry pointing there are refused by the address guard, never connected to.
    const privateSkips = result.skipped.filter((s) => s.reason === 'private-address').map((s) => s.url).sort();
    expect(privateSkips).toEqual([at('/admin/', 'intranet.saltmarsh.test'), at('/feed.xml', 'intranet.saltmarsh.test')]);
    expect(result.pages.some((p) => p.url.includes('intranet.'))).toBe(false);
    // The entries the homepage shows (its cards' titles) are among its links; the others are not.
    expect(page('/')?.links.map((l) => l.url)).toEqual([at('/about/'), at('/tags/retail/'), at('/posts/shelf-gaps-store-cameras/'), at('/posts/terraform-module-versioning/')]);
  });

  it('takes a bounded number of entries from a feed and lists the rest as skipped', async () => {
    const { result } = await crawlFixture(server, 'blog.saltmarsh.test', { maxPages: 3, sitemaps: false }, '/many/');
    const feed = server.url('blog.saltmarsh.test', '/many/feed.xml');
    expect(result.skipped).toContainEqual(expect.objectContaining({ url: feed, reason: 'feed-limit', detail: `700 of its 1200 entries not taken: the limit is ${MAX_ENTRIES_PER_FEED} a feed` }));
    const notReached = result.skipped.filter((s) => s.reason === 'max-pages' && s.url.includes('/many/post-'));
    expect(notReached).toHaveLength(MAX_ENTRIES_PER_FEED - 2);
  });
});
